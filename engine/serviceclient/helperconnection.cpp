// SPDX-License-Identifier: GPL-3.0-or-later
#include "helperconnection.h"

#include "fetchfile.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLocalSocket>
#include <QProcess>

namespace ServiceClient {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ServiceClient)
};

constexpr qsizetype readBytes = 4 * 1024 * 1024;
constexpr qsizetype stderrKept = 16 * 1024;
constexpr int progressEveryMs = 50;

// The list field of each paged reply.
QString pageField(const QString& type)
{
    if (type == QLatin1String("events") || type == QLatin1String("recordings"))
        return type;
    if (type == QLatin1String("functions"))
        return QStringLiteral("names");
    return {};
}

Reply clientError(qint64 id, const char* code, const QString& message)
{
    return { id, QStringLiteral("error"), {}, ReplyError { QLatin1String(code), message, {}, {} } };
}
} // namespace

struct HelperConnection::Pending {
    QString type;
    Callback done;
    QCborArray pages;
    std::unique_ptr<FetchFile> file; // fetch
    QElapsedTimer sinceProgress;
};

HelperConnection::HelperConnection(QObject* parent)
    : QObject(parent)
{
}

HelperConnection::~HelperConnection()
{
    m_failed = true; // no callbacks from here on
    if (m_process) {
        m_process->disconnect(this);
        m_process->closeWriteChannel();
        // A --stdio helper ends on its own once stdin closes (after finishing a recording).
        if (!m_process->waitForFinished(10000))
            m_process->kill();
    }
}

void HelperConnection::open(const HelperTarget& target)
{
    m_target = target;
    m_helloId = m_nextId++;
    m_pending.emplace(m_helloId, std::make_unique<Pending>(Pending { QStringLiteral("hello"), {}, {}, {}, {} }));
    if (target.kind == HelperTarget::Kind::UnixSocket) {
        m_socket = new QLocalSocket(this);
        m_device = m_socket;
        connect(m_socket, &QLocalSocket::connected, this, &HelperConnection::connectDevice);
        connect(m_socket, &QLocalSocket::readyRead, this, &HelperConnection::onReadable);
        connect(m_socket, &QLocalSocket::disconnected, this, [this] {
            fail(m_helperError.isEmpty() ? Tr::tr("the helper at %1 closed the connection").arg(m_target.socketPath) : m_helperError);
        });
        connect(m_socket, &QLocalSocket::errorOccurred, this, [this](QLocalSocket::LocalSocketError error) {
            if (error == QLocalSocket::PeerClosedError)
                return; // disconnected() says it
            fail(Tr::tr("cannot reach the helper at %1: %2").arg(m_target.socketPath, m_socket->errorString()));
        });
        m_socket->connectToServer(target.socketPath);
        return;
    }
    m_process = new QProcess(this);
    m_device = m_process;
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_process, &QProcess::started, this, &HelperConnection::connectDevice);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &HelperConnection::onReadable);
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        m_stderr += m_process->readAllStandardError();
        if (m_stderr.size() > stderrKept)
            m_stderr = m_stderr.right(stderrKept);
    });
    connect(m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        onProcessEnded(status == QProcess::NormalExit ? exitCode : -1);
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        fail(m_target.kind == HelperTarget::Kind::Pkexec
                ? Tr::tr("pkexec is not installed (Debian package pkexec), so the helper cannot be started with administrator "
                         "rights; or connect to a running helper's socket")
                : Tr::tr("cannot start %1: %2").arg(m_target.program, m_process->errorString()));
    });
    m_process->start(target.program, target.arguments);
}

void HelperConnection::onProcessEnded(int exitCode)
{
    if (m_failed)
        return;
    onReadable(); // what it said last
    const QString said = QString::fromLocal8Bit(m_stderr).trimmed().section(QLatin1Char('\n'), -3);
    if (m_target.kind == HelperTarget::Kind::Pkexec && (exitCode == 126 || exitCode == 127) && !m_ready)
        fail(pkexecFailure(exitCode, m_stderr));
    else if (!m_helperError.isEmpty())
        fail(m_helperError);
    else
        fail(Tr::tr("the helper ended (exit status %1)%2").arg(exitCode).arg(said.isEmpty() ? QString() : QStringLiteral(": ") + said));
}

void HelperConnection::connectDevice()
{
    // hello goes first, then what was asked for meanwhile.
    m_connected = true;
    QCborMap fields;
    fields.insert(QStringLiteral("version"), Protocol::protocolVersion);
    fields.insert(QStringLiteral("client"), QString(QCoreApplication::applicationName() + QLatin1Char(' ') + QCoreApplication::applicationVersion()));
    m_device->write(Protocol::encodeFrame(Protocol::Message { QStringLiteral("hello"), m_helloId, fields }));
    for (const QByteArray& frame : std::as_const(m_outbox))
        m_device->write(frame);
    m_outbox.clear();
}

qint64 HelperConnection::request(const QString& type, const QCborMap& fields, Callback done)
{
    const qint64 id = m_nextId++;
    if (m_failed) {
        QMetaObject::invokeMethod(this, [done, id] {
            if (done)
                done(clientError(id, "connection", Tr::tr("not connected to a helper")));
        }, Qt::QueuedConnection);
        return id;
    }
    m_pending.emplace(id, std::make_unique<Pending>(Pending { type, std::move(done), {}, {}, {} }));
    const QByteArray frame = Protocol::encodeFrame(Protocol::Message { type, id, fields });
    if (m_connected)
        m_device->write(frame);
    else
        m_outbox.append(frame);
    return id;
}

void HelperConnection::onReadable()
{
    while (m_device && m_device->bytesAvailable() > 0 && !m_failed) {
        if (m_readBuffer.size() != readBytes)
            m_readBuffer.resize(readBytes);
        const qint64 got = m_device->read(m_readBuffer.data(), std::min<qint64>(m_device->bytesAvailable(), readBytes));
        if (got <= 0)
            return;
        if (Storage::Status s = m_decoder.feed(QByteArrayView(m_readBuffer.constData(), qsizetype(got))); !s) {
            fail(Tr::tr("the helper sent a broken stream: %1").arg(s.error().message));
            return;
        }
        while (auto payload = m_decoder.next()) {
            auto message = Protocol::decodeMessage(*payload, Protocol::Sender::Helper);
            if (!message) {
                fail(Tr::tr("the helper sent a message this client does not understand: %1").arg(message.error().message));
                return;
            }
            onMessage(message.value());
            if (m_failed)
                return;
        }
    }
}

void HelperConnection::onMessage(const Protocol::Message& message)
{
    if (message.id == 0) {
        onEvent(message);
        return;
    }
    const auto it = m_pending.find(message.id);
    if (it == m_pending.end())
        return; // a cancelled fetch's last chunks
    Pending& pending = *it->second;
    if (message.id == m_helloId && message.type == QLatin1String("error")) {
        fail(Tr::tr("the helper refused this client: %1").arg(message.text("message")));
        return;
    }
    if (pending.type == QLatin1String("fetch")) {
        onFetchMessage(pending, message);
        return;
    }
    if (message.type == QLatin1String("error")) {
        complete(message.id, { message.id, message.type, message.fields, errorFrom(message) });
        return;
    }
    const QString field = pageField(message.type);
    if (!field.isEmpty()) {
        for (const QCborValue& item : message.fields.value(field).toArray())
            pending.pages.append(item);
        if (message.flag("more"))
            return;
        QCborMap fields = message.fields;
        fields.insert(field, pending.pages);
        fields.remove(QStringLiteral("more"));
        complete(message.id, { message.id, message.type, fields, std::nullopt });
        return;
    }
    if (message.type == QLatin1String("hello")) {
        m_hello = helloFrom(message);
        m_ready = true;
        complete(message.id, { message.id, message.type, message.fields, std::nullopt });
        Q_EMIT ready(m_hello);
        return;
    }
    if (message.type == QLatin1String("started"))
        Q_EMIT recordingStarted(message.text("recording"), message.text("since"), message.text("user"));
    complete(message.id, { message.id, message.type, message.fields, std::nullopt });
}

void HelperConnection::onEvent(const Protocol::Message& message)
{
    const QString& type = message.type;
    if (type == QLatin1String("status")) {
        Q_EMIT statusReceived(statusFrom(message));
    } else if (type == QLatin1String("tail")) {
        TailEvents events;
        if (tailFrom(message, events))
            Q_EMIT tailReceived(events);
    } else if (type == QLatin1String("notice")) {
        Q_EMIT noticeReceived(message.text("text"));
    } else if (type == QLatin1String("output")) {
        Q_EMIT outputReceived(message.fields.value(QLatin1String("data")).toByteArray(), message.integer("dropped"));
    } else if (type == QLatin1String("started")) {
        Q_EMIT recordingStarted(message.text("recording"), message.text("since"), message.text("user"));
    } else if (type == QLatin1String("finished")) {
        Q_EMIT recordingFinished(finishedFrom(message));
    } else if (type == QLatin1String("error")) {
        m_helperError = message.text("message"); // the helper says why it closes (or refuses) us
    }
}

void HelperConnection::onFetchMessage(Pending& pending, const Protocol::Message& message)
{
    const qint64 id = message.id;
    Storage::Status status;
    if (message.type == QLatin1String("error")) {
        complete(id, { id, message.type, message.fields, errorFrom(message) });
        return;
    }
    if (message.type == QLatin1String("fetching")) {
        status = pending.file->begin(message.integer("size"), message.integer("offset"));
        pending.sinceProgress.start();
    } else if (message.type == QLatin1String("chunk")) {
        status = pending.file->write(message.integer("offset"), message.fields.value(QLatin1String("data")).toByteArray());
        if (status && pending.sinceProgress.elapsed() >= progressEveryMs) {
            pending.sinceProgress.restart();
            Q_EMIT fetchProgress(id, pending.file->written(), pending.file->size());
        }
    } else if (message.type == QLatin1String("fetched")) {
        status = pending.file->finish(message.integer("size"), message.text("sha256"));
        if (status) {
            Q_EMIT fetchProgress(id, pending.file->written(), pending.file->size());
            complete(id, { id, message.type, message.fields, std::nullopt });
            return;
        }
        complete(id, clientError(id, "checksum", status.error().message));
        return;
    }
    if (!status) {
        // The local side failed: the helper stops sending, the caller hears why.
        request(QStringLiteral("cancel"), QCborMap { { QStringLiteral("request"), id } });
        complete(id, clientError(id, "failed", status.error().message));
    }
}

qint64 HelperConnection::fetch(const QString& recording, const QString& path, bool resume, Callback done)
{
    auto file = FetchFile::open(path, resume);
    if (!file) {
        const qint64 id = m_nextId++;
        QMetaObject::invokeMethod(this, [done, id, error = file.error().message] {
            if (done)
                done(clientError(id, "failed", error));
        }, Qt::QueuedConnection);
        return id;
    }
    const qint64 offset = (*file)->offset();
    const qint64 id = request(QStringLiteral("fetch"), QCborMap { { QStringLiteral("recording"), recording }, { QStringLiteral("offset"), offset } },
        std::move(done));
    if (const auto it = m_pending.find(id); it != m_pending.end())
        it->second->file = std::move(file.value());
    return id;
}

void HelperConnection::cancelFetch(qint64 fetchId)
{
    if (!m_pending.count(fetchId))
        return;
    request(QStringLiteral("cancel"), QCborMap { { QStringLiteral("request"), fetchId } });
    complete(fetchId, clientError(fetchId, "cancelled", Tr::tr("the fetch was cancelled")));
}

void HelperConnection::complete(qint64 id, Reply reply)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    const Callback done = std::move(it->second->done);
    m_pending.erase(it);
    if (done)
        done(reply);
    Q_EMIT replied(reply);
}

void HelperConnection::fail(const QString& message)
{
    if (m_failed)
        return;
    m_failed = true;
    m_ready = false;
    auto pending = std::move(m_pending);
    m_pending.clear();
    for (auto& [id, request] : pending) {
        if (request->done)
            request->done(clientError(id, "connection", message));
    }
    Q_EMIT failed(message);
}

void HelperConnection::close()
{
    if (m_socket)
        m_socket->disconnectFromServer();
    if (m_process)
        m_process->closeWriteChannel();
    fail(Tr::tr("the connection was closed"));
}

} // namespace ServiceClient
