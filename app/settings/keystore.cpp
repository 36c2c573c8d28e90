#include "keystore.h"

#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>

namespace muxi {

namespace {

// Runs `job` and calls `done` exactly once: with the job's outcome, or with
// a timeout when the service never answers.
void runJob(QKeychain::Job *job, int timeoutMs, QObject *context, std::function<void(QKeychain::Job *)> done)
{
    auto called = std::make_shared<bool>(false);
    auto *timer = new QTimer(context);
    timer->setSingleShot(true);
    QObject::connect(job, &QKeychain::Job::finished, context, [called, timer, done](QKeychain::Job *finished) {
        timer->deleteLater();
        if (std::exchange(*called, true))
            return;
        done(finished);
    });
    QObject::connect(timer, &QTimer::timeout, context, [called, timer, done] {
        timer->deleteLater();
        if (std::exchange(*called, true))
            return;
        done(nullptr);
    });
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    timer->start(timeoutMs);
    job->start();
}

} // namespace

KeyStore::KeyStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
}

void KeyStore::setState(State state, const QString &detail)
{
    QString text;
    if (state == State::Available) {
        text = tr("Keys are kept in the system keychain.");
    } else if (state == State::Unavailable) {
        text = tr("No secret service is available (%1). Keys cannot be saved; set them as environment variables "
                  "such as OPENAI_API_KEY before starting the workbench.")
                   .arg(detail);
    }
    if (state == m_state && text == m_statusText)
        return;
    m_state = state;
    m_statusText = text;
    Q_EMIT stateChanged();
}

void KeyStore::read(const QString &providerId, ReadCallback callback)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(providerId);
    runJob(job, m_timeoutMs, this, [this, callback](QKeychain::Job *finished) {
        if (!finished) {
            setState(State::Unavailable, tr("the keychain did not answer"));
            callback(false, {});
            return;
        }
        const QKeychain::Error error = finished->error();
        if (error == QKeychain::NoError || error == QKeychain::EntryNotFound) {
            setState(State::Available);
            callback(true, error == QKeychain::NoError ? static_cast<QKeychain::ReadPasswordJob *>(finished)->textData() : QString());
            return;
        }
        setState(State::Unavailable, finished->errorString());
        callback(false, {});
    });
}

void KeyStore::write(const QString &providerId, const QString &key, WriteCallback callback)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(providerId);
    job->setTextData(key);
    runJob(job, m_timeoutMs, this, [this, callback](QKeychain::Job *finished) {
        if (!finished) {
            setState(State::Unavailable, tr("the keychain did not answer"));
            callback(false, m_statusText);
            return;
        }
        if (finished->error() != QKeychain::NoError) {
            setState(State::Unavailable, finished->errorString());
            callback(false, m_statusText);
            return;
        }
        setState(State::Available);
        callback(true, {});
    });
}

void KeyStore::remove(const QString &providerId, WriteCallback callback)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(providerId);
    runJob(job, m_timeoutMs, this, [this, callback](QKeychain::Job *finished) {
        if (!finished) {
            setState(State::Unavailable, tr("the keychain did not answer"));
            callback(false, m_statusText);
            return;
        }
        const QKeychain::Error error = finished->error();
        if (error != QKeychain::NoError && error != QKeychain::EntryNotFound) {
            setState(State::Unavailable, finished->errorString());
            callback(false, m_statusText);
            return;
        }
        callback(true, {});
    });
}

} // namespace muxi
