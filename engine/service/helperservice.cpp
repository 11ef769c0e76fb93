// SPDX-License-Identifier: GPL-3.0-or-later
#include "helperservice.h"

#include "fdchannel.h"
#include "kernelqueries.h"
#include "recordingcontrol.h"
#include "recordingstore.h"
#include "servicelog.h"
#include "storerequests.h"
#include "unixlistener.h"

#include <QCoreApplication>

#include <unistd.h>

namespace Service {

Q_LOGGING_CATEGORY(lcService, "ftlens.service", QtInfoMsg)

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Service)
};

// Tells a peer that is not let in why, and lets it go.
void refuse(int fd, const QString& reason)
{
    auto* channel = new FdChannel(fd, fd);
    QObject::connect(channel, &FdChannel::closed, channel, &QObject::deleteLater);
    channel->send(Protocol::encodeFrame({ QStringLiteral("error"), 0,
        QCborMap { { QStringLiteral("code"), QLatin1String(Protocol::ErrorCode::NotAllowed) }, { QStringLiteral("message"), reason } } }));
    channel->closeAfterWriting();
}
} // namespace

HelperService::HelperService(std::unique_ptr<RecordingStore> store, PeerAccess access, QObject* parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_access(std::move(access))
    , m_control(new RecordingControl(*m_store, this))
    , m_queries(new KernelQueries(this))
    , m_storeRequests(new StoreRequests(*m_store, *m_control, this))
{
    for (const QString& line : m_store->settleAll())
        qCInfo(lcService).noquote() << line;
    connect(m_control, &RecordingControl::idle, this, &HelperService::finishWhenIdle);
}

HelperService::~HelperService()
{
    // Connections first: they point into the parts below.
    qDeleteAll(m_connections);
    m_connections.clear();
}

Storage::Status HelperService::listenUnix(const QString& path)
{
    m_listener = new UnixListener(this);
    if (Storage::Status s = m_listener->listen(path); !s)
        return s;
    connect(m_listener, &UnixListener::accepted, this, &HelperService::onAccepted);
    if (!m_access.groupExists())
        qCWarning(lcService).noquote() << Tr::tr("group '%1' does not exist: only root may connect").arg(m_access.group());
    qCInfo(lcService).noquote() << Tr::tr("listening on %1 (root and group '%2'); recordings in %3").arg(path, m_access.group(), m_store->dir());
    return {};
}

void HelperService::serveStdio(ClientIdentity who)
{
    m_stdio = true;
    qCInfo(lcService).noquote() << Tr::tr("serving %1 on stdin/stdout; recordings in %2").arg(who.describe(), m_store->dir());
    addConnection(new ClientConnection(new FdChannel(STDIN_FILENO, STDOUT_FILENO), std::move(who), this));
}

void HelperService::onAccepted(int fd)
{
    auto peer = peerCredentials(fd);
    if (!peer) {
        qCWarning(lcService).noquote() << peer.error().message;
        ::close(fd);
        return;
    }
    auto account = m_access.admit(peer->uid);
    if (!account) {
        qCWarning(lcService).noquote() << Tr::tr("refused a connection (pid %1): %2").arg(peer->pid).arg(account.error().message);
        refuse(fd, Tr::tr("not allowed to use this helper: %1").arg(account.error().message));
        return;
    }
    if (m_connections.size() >= maxConnections || m_ending) {
        const QString why = m_ending ? Tr::tr("the helper is shutting down") : Tr::tr("%1 connections already").arg(m_connections.size());
        qCWarning(lcService).noquote() << Tr::tr("refused a connection of %1 (pid %2): %3").arg(account->name).arg(peer->pid).arg(why);
        refuse(fd, why);
        return;
    }
    ClientIdentity who { account.value(), peer->pid, QStringLiteral("unix") };
    qCInfo(lcService).noquote() << Tr::tr("admitted %1").arg(who.describe());
    addConnection(new ClientConnection(new FdChannel(fd, fd), std::move(who), this));
}

void HelperService::addConnection(ClientConnection* connection)
{
    m_connections.append(connection);
    connect(connection, &ClientConnection::request, this, &HelperService::onRequest);
    connect(connection, &ClientConnection::closed, this, &HelperService::onClosed);
    connect(connection, &ClientConnection::drained, m_storeRequests, &StoreRequests::pump);
}

void HelperService::onRequest(ClientConnection* connection, const Protocol::Message& message)
{
    if (message.type == QLatin1String("hello"))
        hello(connection, message);
    else if (!m_control->handle(connection, message) && !m_queries->handle(connection, message)
        && !m_storeRequests->handle(connection, message))
        connection->replyError(message.id, Protocol::ErrorCode::BadRequest, Tr::tr("'%1' is not served here").arg(message.type));
}

void HelperService::hello(ClientConnection* connection, const Protocol::Message& message)
{
    const qint64 version = message.integer("version");
    if (version != Protocol::protocolVersion) {
        connection->closeFor(Tr::tr("protocol version %1 is not spoken here (this helper speaks %2)").arg(version).arg(Protocol::protocolVersion));
        return;
    }
    if (message.has("client"))
        qCInfo(lcService).noquote() << Tr::tr("%1 is %2").arg(connection->who().describe(), message.text("client").left(200));
    QCborMap fields { { QStringLiteral("version"), Protocol::protocolVersion }, { QStringLiteral("helper"), QStringLiteral(FTLENS_VERSION) },
        { QStringLiteral("user"), connection->who().account.name }, { QStringLiteral("uid"), qint64(connection->uid()) },
        { QStringLiteral("maxFrame"), qint64(Protocol::maxFrameBytes) } };
    if (m_control->isRecording()) {
        fields.insert(QStringLiteral("recording"), m_control->recordingId());
        fields.insert(QStringLiteral("since"), m_control->since());
    }
    connection->reply(message.id, QStringLiteral("hello"), fields);
}

void HelperService::onClosed(ClientConnection* connection)
{
    m_storeRequests->forget(connection);
    m_connections.removeOne(connection);
    connection->deleteLater();
    if (m_stdio) {
        // The client that started this helper is gone: so is the reason to record.
        m_control->stopFor(connection);
        m_ending = true;
        finishWhenIdle();
    }
}

void HelperService::shutdown()
{
    m_ending = true;
    m_control->stopAll();
    finishWhenIdle();
}

void HelperService::finishWhenIdle()
{
    if (m_ending && !m_control->isRecording())
        Q_EMIT finished();
}

} // namespace Service
