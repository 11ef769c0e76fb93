// SPDX-License-Identifier: GPL-3.0-or-later
#include "clientconnection.h"

#include "fdchannel.h"
#include "servicelog.h"

#include <QCoreApplication>

namespace Service {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Service)
};
} // namespace

QString ClientIdentity::describe() const
{
    return pid > 0 ? QStringLiteral("%1 (uid %2, pid %3, %4)").arg(account.name).arg(account.uid).arg(pid).arg(transport)
                   : QStringLiteral("%1 (uid %2, %3)").arg(account.name).arg(account.uid).arg(transport);
}

ClientConnection::ClientConnection(FdChannel* channel, ClientIdentity who, QObject* parent)
    : QObject(parent)
    , m_channel(channel)
    , m_who(std::move(who))
{
    m_channel->setParent(this);
    connect(m_channel, &FdChannel::received, this, &ClientConnection::onBytes);
    connect(m_channel, &FdChannel::closed, this, &ClientConnection::onChannelClosed);
    connect(m_channel, &FdChannel::drained, this, [this] { Q_EMIT drained(this); });
}

qint64 ClientConnection::queuedBytes() const { return m_channel->queuedBytes(); }

void ClientConnection::send(const QByteArray& frame)
{
    if (m_closed)
        return;
    if (m_channel->queuedBytes() + frame.size() > maxQueuedBytes) {
        closeFor(Tr::tr("it does not read its replies (%1 bytes waiting)").arg(m_channel->queuedBytes()));
        return;
    }
    m_channel->send(frame);
}

void ClientConnection::reply(qint64 id, const QString& type, const QCborMap& fields)
{
    send(Protocol::encodeFrame({ type, id, fields }));
}

void ClientConnection::replyError(qint64 id, const char* code, const QString& message, const QCborMap& extra)
{
    QCborMap fields = extra;
    fields.insert(QStringLiteral("code"), QLatin1String(code));
    fields.insert(QStringLiteral("message"), message);
    reply(id, QStringLiteral("error"), fields);
}

bool ClientConnection::sendEvent(const QString& type, const QCborMap& fields)
{
    if (m_closed || !m_helloDone || m_channel->queuedBytes() > lagBytes)
        return false;
    send(Protocol::encodeFrame({ type, 0, fields }));
    return !m_closed;
}

void ClientConnection::closeFor(const QString& reason)
{
    if (m_closed)
        return;
    qCWarning(lcService).noquote() << Tr::tr("closing the connection of %1: %2").arg(m_who.describe(), reason);
    // Told without the queue bound: it is the last thing this connection sends.
    m_channel->send(Protocol::encodeFrame({ QStringLiteral("error"), 0,
        QCborMap { { QStringLiteral("code"), QLatin1String(Protocol::ErrorCode::BadRequest) },
            { QStringLiteral("message"), Tr::tr("connection closed: %1").arg(reason) } } }));
    m_closed = true;
    m_channel->closeAfterWriting();
}

void ClientConnection::onBytes(const QByteArray& bytes)
{
    if (m_closed)
        return;
    if (Storage::Status s = m_decoder.feed(bytes); !s) {
        closeFor(s.error().message);
        return;
    }
    while (!m_closed) {
        const std::optional<QByteArray> payload = m_decoder.next();
        if (!payload)
            break;
        onFrame(*payload);
    }
}

void ClientConnection::onFrame(const QByteArray& payload)
{
    auto map = Protocol::parsePayload(payload);
    if (!map) {
        closeFor(map.error().message);
        return;
    }
    auto message = Protocol::validateMessage(map.value(), Protocol::Sender::Client);
    if (!message) {
        // Answerable: the frame was sound, its content is not what the schema allows.
        const QCborValue id = map->value(QLatin1String("id"));
        const qint64 replyId = id.isInteger() && id.toInteger() > m_lastId ? id.toInteger() : 0;
        if (!m_helloDone) {
            closeFor(Tr::tr("the first message is not a valid hello: %1").arg(message.error().message));
            return;
        }
        if (replyId > 0)
            m_lastId = replyId;
        replyError(replyId, Protocol::ErrorCode::BadRequest, message.error().message);
        return;
    }
    if (const std::optional<QString> problem = orderProblem(message.value())) {
        closeFor(*problem);
        return;
    }
    m_lastId = message->id;
    if (message->type == QLatin1String("hello"))
        m_helloDone = true;
    Q_EMIT request(this, message.value());
}

std::optional<QString> ClientConnection::orderProblem(const Protocol::Message& message)
{
    const bool hello = message.type == QLatin1String("hello");
    if (!m_helloDone && !hello)
        return Tr::tr("'%1' before hello").arg(message.type);
    if (m_helloDone && hello)
        return Tr::tr("a second hello");
    if (message.id <= m_lastId)
        return Tr::tr("request id %1 after %2 (ids must increase)").arg(message.id).arg(m_lastId);
    return std::nullopt;
}

void ClientConnection::onChannelClosed(QString reason)
{
    if (m_decoder.midFrame())
        reason = Tr::tr("the stream ended inside a frame (%1 bytes of it came): %2").arg(m_decoder.bufferedBytes()).arg(reason);
    const bool wasOpen = !m_closed;
    m_closed = true;
    if (wasOpen && !reason.isEmpty())
        qCInfo(lcService).noquote() << Tr::tr("%1 disconnected: %2").arg(m_who.describe(), reason);
    Q_EMIT closed(this);
}

} // namespace Service
