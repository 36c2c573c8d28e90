#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace muxi {

// API keys in the desktop's secret service, through QtKeychain, and nowhere
// else: no plain-text fallback. A secret service that does not answer in
// time (a locked keyring prompting with no display) counts as unavailable,
// and the status text points to the environment variables instead.
class KeyStore : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the workbench")
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY stateChanged)

public:
    enum class State { Unknown, Available, Unavailable };
    Q_ENUM(State)

    // `ok` is false when the service failed; a missing entry is ok with an empty key.
    using ReadCallback = std::function<void(bool ok, const QString &key)>;
    using WriteCallback = std::function<void(bool ok, const QString &message)>;

    explicit KeyStore(const QString &service, QObject *parent = nullptr);

    State state() const { return m_state; }
    QString statusText() const { return m_statusText; }
    QString service() const { return m_service; }
    void setTimeout(int ms) { m_timeoutMs = ms; }

    void read(const QString &providerId, ReadCallback callback);
    void write(const QString &providerId, const QString &key, WriteCallback callback);
    void remove(const QString &providerId, WriteCallback callback);

Q_SIGNALS:
    void stateChanged();

private:
    void setState(State state, const QString &detail = {});

    QString m_service;
    State m_state = State::Unknown;
    QString m_statusText;
    int m_timeoutMs = 5000;
};

} // namespace muxi
