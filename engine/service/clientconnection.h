// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "frame.h"
#include "invokinguser.h"
#include "message.h"

#include <QObject>
#include <QString>

#include <sys/types.h>

namespace Service {

class FdChannel;

// Who a connection is: the account the kernel vouches for (the socket's peer, or pkexec's user
// for --stdio), as whom its COMMAND runs, and for the log.
struct ClientIdentity {
    Recorder::UserAccount account;
    pid_t pid = 0;        // the peer process, where the kernel says (0: unknown)
    QString transport;    // "unix" or "stdio"
    QString describe() const; // "alice (uid 1000, pid 4242, unix)"
};

// One client of the helper, on the service's thread: cuts its bytes into frames, decodes each
// strictly and keeps the protocol's order (hello first and once, request ids increasing). A
// violation of the stream — a malformed or oversized frame, something out of order — closes
// this connection only, with its reason logged and, where possible, sent to the client first.
// Unknown message types and fields are answered with an error and the connection stays. Valid
// requests go to the service (request()). What it sends is queued within fixed bounds: replies
// may queue up to maxQueuedBytes (a client that does not read them is dropped); events the
// helper sends on its own (status, tail, output) are dropped beyond lagBytes and counted.
class ClientConnection : public QObject {
    Q_OBJECT

public:
    static constexpr qint64 maxQueuedBytes = 16 * 1024 * 1024;
    static constexpr qint64 lagBytes = 1024 * 1024;

    ClientConnection(FdChannel* channel, ClientIdentity who, QObject* parent = nullptr);

    const ClientIdentity& who() const { return m_who; }
    uid_t uid() const { return m_who.account.uid; }
    bool isRoot() const { return m_who.account.isRoot(); }
    bool isReady() const { return m_helloDone && !m_closed; }
    bool isClosed() const { return m_closed; }

    // Replies to a request: never dropped while within maxQueuedBytes.
    void reply(qint64 id, const QString& type, const QCborMap& fields = {});
    void replyError(qint64 id, const char* code, const QString& message, const QCborMap& extra = {});
    // An event of the helper's own (id 0); false when dropped because the client lags.
    bool sendEvent(const QString& type, const QCborMap& fields);
    qint64 queuedBytes() const;
    // Logs the reason, tells the client (best effort) and closes.
    void closeFor(const QString& reason);

    // Watching: status every second, started/finished, and the tail if asked.
    bool watching = false;
    bool wantsTail = false;
    bool tailPrimed = false;   // has been sent the names known before it started watching
    qint64 tailDropped = 0;    // tail events dropped because it lagged
    qint64 outputDropped = 0;  // COMMAND output bytes dropped because it lagged
    int pendingQueries = 0;    // kernel queries waiting for the worker (KernelQueries)

Q_SIGNALS:
    void request(ClientConnection* connection, const Protocol::Message& message);
    void closed(ClientConnection* connection);
    // Room in the send queue again (a fetch may go on).
    void drained(ClientConnection* connection);

private:
    void onBytes(const QByteArray& bytes);
    void onFrame(const QByteArray& payload);
    void onChannelClosed(QString reason);
    std::optional<QString> orderProblem(const Protocol::Message& message);
    void send(const QByteArray& frame);

    FdChannel* m_channel;
    ClientIdentity m_who;
    Protocol::FrameDecoder m_decoder;
    bool m_helloDone = false;
    bool m_closed = false;
    qint64 m_lastId = 0;
};

} // namespace Service
