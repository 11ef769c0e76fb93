// SPDX-License-Identifier: GPL-3.0-or-later
#include "storerequests.h"

#include "clientconnection.h"
#include "frame.h"
#include "kernelqueries.h"
#include "recordingcontrol.h"
#include "recordingstore.h"
#include "servicelog.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QTimer>

#include <sys/stat.h>

namespace Service {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Service)
};

using namespace Protocol::ErrorCode;

// Stop filling a connection's queue at this much: a few chunks in flight keep the socket busy.
constexpr qint64 fetchQueueBytes = 4 * Protocol::fetchChunkBytes;
// Units of work (a chunk read or a prefix chunk hashed) per turn of the event loop.
constexpr int stepsPerTurn = 8;

QCborMap infoFields(const RecordingInfo& info, bool active)
{
    QCborMap fields { { QStringLiteral("recording"), info.id }, { QStringLiteral("bytes"), qint64(info.bytes) },
        { QStringLiteral("complete"), info.complete }, { QStringLiteral("active"), active } };
    const std::pair<const char*, QString> texts[] = { { "started", info.started }, { "stopped", info.stopped }, { "user", info.user },
        { "sources", info.sources }, { "command", info.command }, { "problem", info.problem } };
    for (const auto& [key, value] : texts) {
        if (!value.isEmpty())
            fields.insert(QLatin1String(key), value);
    }
    if (info.uid)
        fields.insert(QStringLiteral("uid"), qint64(*info.uid));
    return fields;
}

bool visibleTo(const RecordingInfo& info, const ClientConnection* connection)
{
    return connection->isRoot() || (info.uid && *info.uid == connection->uid());
}
} // namespace

StoreRequests::StoreRequests(RecordingStore& store, const RecordingControl& control, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_control(control)
{
}

StoreRequests::~StoreRequests() = default;

bool StoreRequests::handle(ClientConnection* connection, const Protocol::Message& message)
{
    const QString& type = message.type;
    if (type == QLatin1String("list"))
        list(connection, message.id);
    else if (type == QLatin1String("fetch"))
        fetch(connection, message);
    else if (type == QLatin1String("cancel"))
        cancel(connection, message);
    else if (type == QLatin1String("delete"))
        remove(connection, message);
    else
        return false;
    return true;
}

void StoreRequests::list(ClientConnection* connection, qint64 id)
{
    QCborArray recordings;
    for (const QString& recording : m_store.ids()) {
        auto info = m_store.describe(recording);
        if (info && visibleTo(info.value(), connection))
            recordings.append(infoFields(info.value(), recording == m_control.recordingId()));
    }
    replyInPages(connection, id, QStringLiteral("recordings"), QStringLiteral("recordings"), recordings);
}

bool StoreRequests::mayTouch(ClientConnection* connection, qint64 id, const QString& recording)
{
    switch (m_store.lookup(recording)) {
    case RecordingStore::Lookup::BadId:
        connection->replyError(id, BadRequest, Tr::tr("'%1' is not a recording id (ids look like 20250101-120000-a1b2c3)").arg(recording));
        return false;
    case RecordingStore::Lookup::Missing:
        connection->replyError(id, NotFound, Tr::tr("no recording '%1'").arg(recording));
        return false;
    case RecordingStore::Lookup::Found:
        break;
    }
    auto info = m_store.describe(recording);
    if (!info || !visibleTo(info.value(), connection)) {
        // Someone else's is answered as missing: the name of another user's recording tells nothing.
        connection->replyError(id, NotFound, Tr::tr("no recording '%1'").arg(recording));
        return false;
    }
    if (recording == m_control.recordingId()) {
        connection->replyError(id, Busy, Tr::tr("recording %1 is still being recorded").arg(recording));
        return false;
    }
    return true;
}

void StoreRequests::fetch(ClientConnection* connection, const Protocol::Message& message)
{
    const QString recording = message.text("recording");
    if (!mayTouch(connection, message.id, recording))
        return;
    auto fd = m_store.openForReading(recording);
    if (!fd) {
        connection->replyError(message.id, Failed, fd.error().message);
        return;
    }
    struct stat st {};
    ::fstat(fd.value(), &st);
    const qint64 offset = message.integer("offset");
    if (offset < 0 || offset > st.st_size) {
        ::close(fd.value());
        connection->replyError(message.id, BadRequest, Tr::tr("fetch.offset %1 is outside recording %2 (%3 bytes)").arg(offset).arg(recording).arg(st.st_size));
        return;
    }
    auto stream = std::make_unique<FetchStream>(recording, fd.value(), st.st_size, offset);
    connection->reply(message.id, QStringLiteral("fetching"), QCborMap { { QStringLiteral("recording"), recording },
                                                                  { QStringLiteral("size"), qint64(st.st_size) }, { QStringLiteral("offset"), offset } });
    m_fetches[connection].emplace_back(message.id, std::move(stream));
    pump(connection);
}

void StoreRequests::cancel(ClientConnection* connection, const Protocol::Message& message)
{
    const qint64 request = message.integer("request");
    auto it = m_fetches.find(connection);
    const auto running = it == m_fetches.end() ? Fetches::iterator()
                                               : std::find_if(it->second.begin(), it->second.end(), [request](const auto& f) { return f.first == request; });
    if (it == m_fetches.end() || running == it->second.end()) {
        connection->replyError(message.id, NotFound, Tr::tr("no fetch with request id %1 is running").arg(request));
        return;
    }
    it->second.erase(running);
    connection->reply(message.id, QStringLiteral("cancelled"), QCborMap { { QStringLiteral("request"), request } });
}

void StoreRequests::remove(ClientConnection* connection, const Protocol::Message& message)
{
    const QString recording = message.text("recording");
    if (!mayTouch(connection, message.id, recording))
        return;
    if (Storage::Status s = m_store.remove(recording); !s) {
        connection->replyError(message.id, Failed, s.error().message);
        return;
    }
    qCInfo(lcService).noquote() << Tr::tr("recording %1 deleted by %2").arg(recording, connection->who().describe());
    connection->reply(message.id, QStringLiteral("deleted"), QCborMap { { QStringLiteral("recording"), recording } });
}

void StoreRequests::forget(ClientConnection* connection) { m_fetches.erase(connection); }

// One unit of a fetch; false when the fetch is over (done or failed).
bool StoreRequests::step(ClientConnection* connection, qint64 request, FetchStream& stream)
{
    QByteArray chunk;
    QString error;
    const qint64 offset = stream.position();
    if (!stream.next(chunk, error)) {
        connection->replyError(request, Failed, error);
        return false;
    }
    if (!chunk.isEmpty())
        connection->reply(request, QStringLiteral("chunk"), QCborMap { { QStringLiteral("offset"), offset }, { QStringLiteral("data"), chunk } });
    if (!stream.finished())
        return true;
    connection->reply(request, QStringLiteral("fetched"), QCborMap { { QStringLiteral("recording"), stream.id() },
                                                              { QStringLiteral("size"), qint64(stream.size()) },
                                                              { QStringLiteral("sha256"), QString::fromLatin1(stream.hexDigest()) } });
    return false;
}

void StoreRequests::pump(ClientConnection* connection)
{
    if (m_pumping)
        return; // a send inside a step drained the queue: the running pump goes on anyway
    m_pumping = true;
    int steps = 0;
    for (auto it = m_fetches.find(connection); it != m_fetches.end() && !it->second.empty(); it = m_fetches.find(connection)) {
        if (connection->isClosed() || connection->queuedBytes() >= fetchQueueBytes || steps == stepsPerTurn)
            break;
        ++steps;
        auto served = std::move(it->second.front());
        it->second.erase(it->second.begin());
        const bool more = step(connection, served.first, *served.second);
        // Sending may have closed the connection, and forget() its fetches: look again.
        it = m_fetches.find(connection);
        if (it == m_fetches.end())
            break;
        if (more)
            it->second.push_back(std::move(served)); // take turns with the connection's other fetches
        if (it->second.empty())
            m_fetches.erase(it);
    }
    m_pumping = false;
    // More to do and room for it: go on after the other connections had their turn.
    if (steps == stepsPerTurn && m_fetches.count(connection) && connection->queuedBytes() < fetchQueueBytes)
        QTimer::singleShot(0, this, [this, connection] {
            if (m_fetches.count(connection))
                pump(connection);
        });
}

} // namespace Service
