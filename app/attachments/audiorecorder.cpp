#include "audiorecorder.h"

#include <QAudioDevice>
#include <QAudioInput>
#include <QDateTime>
#include <QDir>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QMediaFormat>
#include <QMediaRecorder>

namespace muxi {

AudioRecorder::AudioRecorder(const QString &directory, QObject *parent)
    : QObject(parent)
    , m_directory(directory)
{
}

AudioRecorder::~AudioRecorder() = default;

bool AudioRecorder::isAvailable() const
{
    return !QMediaDevices::defaultAudioInput().isNull();
}

bool AudioRecorder::isRecording() const
{
    return m_recorder && m_recorder->recorderState() == QMediaRecorder::RecordingState;
}

qint64 AudioRecorder::durationMs() const
{
    return m_recorder ? m_recorder->duration() : 0;
}

void AudioRecorder::setError(const QString &message)
{
    if (m_error == message)
        return;
    m_error = message;
    Q_EMIT errorStringChanged();
}

bool AudioRecorder::start()
{
    if (isRecording())
        return false;
    const QAudioDevice device = QMediaDevices::defaultAudioInput();
    if (device.isNull()) {
        setError(tr("No microphone was found. Connect one, or attach an audio file instead."));
        return false;
    }
    setError({});
    m_session = std::make_unique<QMediaCaptureSession>();
    m_input = std::make_unique<QAudioInput>(device);
    m_recorder = std::make_unique<QMediaRecorder>();
    m_session->setAudioInput(m_input.get());
    m_session->setRecorder(m_recorder.get());
    // WAV: every provider that takes audio takes it, and nothing is lost to a lossy codec.
    QMediaFormat format(QMediaFormat::Wave);
    format.setAudioCodec(QMediaFormat::AudioCodec::Wave);
    m_recorder->setMediaFormat(format);
    QDir().mkpath(m_directory);
    const QString name = QStringLiteral("recording-%1.wav").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    m_recorder->setOutputLocation(QUrl::fromLocalFile(QDir(m_directory).filePath(name)));
    connect(m_recorder.get(), &QMediaRecorder::recorderStateChanged, this, [this](QMediaRecorder::RecorderState state) {
        Q_EMIT recordingChanged();
        if (state == QMediaRecorder::StoppedState && m_error.isEmpty())
            Q_EMIT recorded(m_recorder->actualLocation());
    });
    connect(m_recorder.get(), &QMediaRecorder::durationChanged, this, &AudioRecorder::durationChanged);
    connect(m_recorder.get(), &QMediaRecorder::errorOccurred, this, [this](QMediaRecorder::Error, const QString &message) {
        setError(tr("Recording failed: %1").arg(message));
    });
    m_recorder->record();
    return true;
}

void AudioRecorder::stop()
{
    if (m_recorder)
        m_recorder->stop();
}

} // namespace muxi
