// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordingjob.h"

#include <QSocketNotifier>

#include <fcntl.h>
#include <unistd.h>

namespace Service {

namespace {
constexpr qsizetype outputReadBytes = 64 * 1024;
}

RecordingJob::RecordingJob(Recorder::RecordOptions options, QString id, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_id(std::move(id))
{
    int fds[2];
    if (!m_options.command.isEmpty() && ::pipe2(fds, O_CLOEXEC) == 0) {
        m_outputRead = fds[0];
        m_outputWrite = fds[1];
        ::fcntl(m_outputRead, F_SETFL, O_NONBLOCK);
        m_options.commandOutputFd = m_outputWrite;
        m_outputNotifier = new QSocketNotifier(m_outputRead, QSocketNotifier::Read, this);
        connect(m_outputNotifier, &QSocketNotifier::activated, this, [this] { readOutput(); });
    }
}

RecordingJob::~RecordingJob()
{
    m_stop.store(true);
    if (m_thread.joinable())
        m_thread.join();
    for (int fd : { m_outputRead, m_outputWrite }) {
        if (fd >= 0)
            ::close(fd);
    }
}

void RecordingJob::start()
{
    m_since = QDateTime::currentDateTimeUtc();
    m_thread = std::thread([this] { run(); });
}

// The recorder's thread: every callback is handed over to the service's thread.
void RecordingJob::run()
{
    Recorder::RecordSession session(
        m_options, m_stop,
        [this](const QString& line) { QMetaObject::invokeMethod(this, [this, line] { Q_EMIT noticed(line); }, Qt::QueuedConnection); },
        [this](const Recorder::RecordProgress& progress) {
            QMetaObject::invokeMethod(this, [this, progress] {
                m_progress = progress;
                Q_EMIT progressed();
            }, Qt::QueuedConnection);
        });
    session.onStarted([this] {
        QMetaObject::invokeMethod(this, [this] {
            m_started = true;
            Q_EMIT started();
        }, Qt::QueuedConnection);
    });
    const Recorder::RecordOutcome outcome = session.run();
    QMetaObject::invokeMethod(this, [this, outcome] { onFinished(outcome); }, Qt::QueuedConnection);
}

// At most outputReadBytes per wakeup; returns false once nothing more is there for now.
bool RecordingJob::readOutput()
{
    QByteArray buffer(outputReadBytes, Qt::Uninitialized);
    const ssize_t n = ::read(m_outputRead, buffer.data(), std::size_t(buffer.size()));
    if (n <= 0)
        return false;
    buffer.truncate(n);
    Q_EMIT output(buffer);
    return true;
}

void RecordingJob::onFinished(const Recorder::RecordOutcome& outcome)
{
    if (m_thread.joinable())
        m_thread.join();
    // The COMMAND has ended (or was never started): what it wrote last may still be in the pipe
    // (bounded: the pipe holds at most its buffer).
    if (m_outputNotifier) {
        for (int i = 0; i < 64 && readOutput(); ++i) {
        }
        m_outputNotifier->setEnabled(false);
    }
    m_finished = true;
    Q_EMIT finished(outcome);
}

} // namespace Service
