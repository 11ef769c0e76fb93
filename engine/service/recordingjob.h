// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordoptions.h"
#include "recordsession.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QString>

#include <atomic>
#include <thread>

class QSocketNotifier;

namespace Service {

// One recording made for a client: the recorder's own RecordSession (the same code path as
// `ftlens-helper record`) run on a thread of its own, its progress, lines and end handed to the
// service's thread as signals. The COMMAND's stdout and stderr come through a pipe (output()),
// never the helper's own stdio, which may be the protocol. Lives on the service's thread; the
// destructor asks the recording to stop and waits for it to finish its file.
class RecordingJob : public QObject {
    Q_OBJECT

public:
    RecordingJob(Recorder::RecordOptions options, QString id, QObject* parent = nullptr);
    ~RecordingJob() override;

    void start();
    void requestStop() { m_stop.store(true); }
    bool stopRequested() const { return m_stop.load(); }
    const QString& id() const { return m_id; }
    const QString& path() const { return m_options.output; }
    const QDateTime& since() const { return m_since; }
    bool hasStarted() const { return m_started; }
    bool isFinished() const { return m_finished; }
    const Recorder::RecordProgress& lastProgress() const { return m_progress; }

Q_SIGNALS:
    void started();
    void progressed();
    void noticed(const QString& line);
    void output(const QByteArray& bytes);
    void finished(const Recorder::RecordOutcome& outcome);

private:
    void run();
    bool readOutput();
    void onFinished(const Recorder::RecordOutcome& outcome);

    Recorder::RecordOptions m_options;
    QString m_id;
    QDateTime m_since;
    std::atomic<bool> m_stop { false };
    std::thread m_thread;
    int m_outputRead = -1;
    int m_outputWrite = -1;
    QSocketNotifier* m_outputNotifier = nullptr;
    Recorder::RecordProgress m_progress;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace Service
