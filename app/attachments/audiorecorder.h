#pragma once

#include <QObject>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <memory>

class QAudioInput;
class QMediaCaptureSession;
class QMediaRecorder;

namespace muxi {

// Records the default microphone into a WAV file for the composer
// (QMediaCaptureSession + QAudioInput + QMediaRecorder). Without an input
// device it says so instead of recording silence.
class AudioRecorder : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the workbench")
    Q_PROPERTY(bool available READ isAvailable NOTIFY availableChanged)
    Q_PROPERTY(bool recording READ isRecording NOTIFY recordingChanged)
    Q_PROPERTY(qint64 durationMs READ durationMs NOTIFY durationChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)

public:
    // Recordings are written into `directory` before the composer stores them.
    explicit AudioRecorder(const QString &directory, QObject *parent = nullptr);
    ~AudioRecorder() override;

    bool isAvailable() const;
    bool isRecording() const;
    qint64 durationMs() const;
    QString errorString() const { return m_error; }

    Q_INVOKABLE bool start();
    // Ends the recording; recorded() follows once the file is complete.
    Q_INVOKABLE void stop();

Q_SIGNALS:
    void availableChanged();
    void recordingChanged();
    void durationChanged();
    void errorStringChanged();
    void recorded(const QUrl &file);

private:
    void setError(const QString &message);

    QString m_directory;
    std::unique_ptr<QMediaCaptureSession> m_session;
    std::unique_ptr<QAudioInput> m_input;
    std::unique_ptr<QMediaRecorder> m_recorder;
    QString m_error;
};

} // namespace muxi
