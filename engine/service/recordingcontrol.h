// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "livetail.h"
#include "message.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <sys/types.h>

namespace Recorder {
struct RecordOutcome;
}

namespace Service {

class ClientConnection;
class RecordingJob;
class RecordingStore;

// start, stop, status and watch: the one recording this helper makes at a time (another start
// is told "busy, recording since …"), and what its watchers get while it runs — `status` every
// second, the live tail about four times a second (at most tailEventsPerSecond events, spread
// over what arrived; a lagging watcher's frames are dropped and counted), the recorder's lines,
// and `finished`. Any number of connections may watch; the starter always does. A start message
// becomes record's arguments and goes through record's own parser (startrequest.h), and the
// recording is written into the store under a fresh id, for the connection's user (the COMMAND
// runs as them, in the working directory they gave, entered as them). Service thread.
class RecordingControl : public QObject {
    Q_OBJECT

public:
    static constexpr int tailEventsPerSecond = 50000;
    static constexpr int tailIntervalMs = 250;

    RecordingControl(RecordingStore& store, QObject* parent = nullptr);
    ~RecordingControl() override;

    bool handle(ClientConnection* connection, const Protocol::Message& message);
    bool isRecording() const { return m_job != nullptr; }
    // The id and start of the running recording (empty when none), for hello.
    QString recordingId() const;
    QString since() const;
    // Stops the running recording, if any, when its starter is gone (stdio) or on shutdown.
    void stopFor(ClientConnection* starter);
    void stopAll();

Q_SIGNALS:
    // Nothing records any more (after a recording finished).
    void idle();

private:
    void start(ClientConnection* connection, const Protocol::Message& message);
    void stop(ClientConnection* connection, qint64 id);
    void onStarted();
    void onFinished(const Recorder::RecordOutcome& outcome);
    void onProgress();
    void sendStatus();
    void sendTail();
    void sendOutput(const QByteArray& bytes);
    void broadcast(const QString& type, const QCborMap& fields, ClientConnection* except = nullptr);
    QCborMap statusFields();
    QList<ClientConnection*> watchers() const;
    void addWatcher(ClientConnection* connection, bool tail);

    RecordingStore& m_store;
    std::unique_ptr<RecordingJob> m_job;
    std::unique_ptr<LiveTail> m_tail;
    QList<QPointer<ClientConnection>> m_watchers;
    QPointer<ClientConnection> m_starter;
    qint64 m_startRequest = 0;
    uid_t m_starterUid = 0;
    QString m_starterName;
    QTimer m_statusTimer;
    QTimer m_tailTimer;
    qint64 m_eventsAtProgress = 0;
    QElapsedTimer m_sinceProgress;
    double m_rate = 0;
};

} // namespace Service
