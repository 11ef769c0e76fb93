// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordingcontrol.h"

#include "clientconnection.h"
#include "recordcommandline.h"
#include "recordingjob.h"
#include "recordingstore.h"
#include "servicelog.h"
#include "startrequest.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QFileInfo>

namespace Service {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Service)
};

using namespace Protocol::ErrorCode;

QString isoTime(const QDateTime& time) { return time.toString(Qt::ISODateWithMs); }

qint64 fileBytes(const QString& path)
{
    return QFileInfo(path).size() + QFileInfo(path + QLatin1String("-wal")).size();
}

QCborArray namedPairs(const QList<QPair<qint64, QString>>& pairs, const char* key, const char* nameKey)
{
    QCborArray out;
    for (const auto& [number, name] : pairs)
        out.append(QCborMap { { QLatin1String(key), number }, { QLatin1String(nameKey), name } });
    return out;
}
} // namespace

RecordingControl::RecordingControl(RecordingStore& store, QObject* parent)
    : QObject(parent)
    , m_store(store)
{
    m_statusTimer.setInterval(1000);
    m_tailTimer.setInterval(tailIntervalMs);
    connect(&m_statusTimer, &QTimer::timeout, this, &RecordingControl::sendStatus);
    connect(&m_tailTimer, &QTimer::timeout, this, &RecordingControl::sendTail);
}

RecordingControl::~RecordingControl() = default;

QString RecordingControl::recordingId() const { return m_job ? m_job->id() : QString(); }
QString RecordingControl::since() const { return m_job ? isoTime(m_job->since()) : QString(); }

bool RecordingControl::handle(ClientConnection* connection, const Protocol::Message& message)
{
    const QString& type = message.type;
    if (type == QLatin1String("start")) {
        start(connection, message);
    } else if (type == QLatin1String("stop")) {
        stop(connection, message.id);
    } else if (type == QLatin1String("watch")) {
        addWatcher(connection, message.flag("tail"));
        connection->reply(message.id, QStringLiteral("watching"),
            m_job ? QCborMap { { QStringLiteral("recording"), m_job->id() } } : QCborMap {});
    } else if (type == QLatin1String("status")) {
        if (m_job)
            connection->reply(message.id, QStringLiteral("status"), statusFields());
        else
            connection->replyError(message.id, Idle, Tr::tr("nothing is being recorded"));
    } else {
        return false;
    }
    return true;
}

void RecordingControl::addWatcher(ClientConnection* connection, bool tail)
{
    if (!m_watchers.contains(connection))
        m_watchers.append(connection);
    connection->watching = true;
    connection->wantsTail = connection->wantsTail || tail;
}

QList<ClientConnection*> RecordingControl::watchers() const
{
    QList<ClientConnection*> out;
    for (const QPointer<ClientConnection>& watcher : m_watchers) {
        if (watcher && !watcher->isClosed())
            out.append(watcher);
    }
    return out;
}

void RecordingControl::broadcast(const QString& type, const QCborMap& fields, ClientConnection* except)
{
    for (ClientConnection* watcher : watchers()) {
        if (watcher != except)
            watcher->sendEvent(type, fields);
    }
}

void RecordingControl::start(ClientConnection* connection, const Protocol::Message& message)
{
    if (m_job) {
        connection->replyError(message.id, Busy, Tr::tr("busy, recording since %1 (recording %2, started by %3)")
                                                     .arg(isoTime(m_job->since()), m_job->id(), m_starterName));
        return;
    }
    auto arguments = Protocol::startArguments(message.fields);
    auto options = arguments ? Helper::parseRecordArguments(arguments.value()) : Storage::Result<Recorder::RecordOptions>(arguments.error());
    if (!options) {
        connection->replyError(message.id, BadRequest, options.error().message);
        return;
    }
    const Recorder::UserAccount& account = connection->who().account;
    const QString id = m_store.newId();
    options->output = m_store.pathFor(id);
    options->outputForInvokingUser = false;
    if (!account.isRoot())
        options->invokingUser = account;
    options->workingDirectory = message.has("cwd") ? message.text("cwd") : QStringLiteral("/");
    options->extraMeta = { { QStringLiteral("requested_by_uid"), QString::number(account.uid) },
        { QStringLiteral("requested_by"), account.name }, { QStringLiteral("requested_over"), connection->who().transport },
        { QStringLiteral("recording_id"), id } };
    m_job = std::make_unique<RecordingJob>(options.value(), id);
    m_starter = connection;
    m_startRequest = message.id;
    m_starterUid = account.uid;
    m_starterName = account.name;
    addWatcher(connection, message.flag("tail"));
    connect(m_job.get(), &RecordingJob::started, this, &RecordingControl::onStarted);
    connect(m_job.get(), &RecordingJob::finished, this, &RecordingControl::onFinished);
    connect(m_job.get(), &RecordingJob::output, this, &RecordingControl::sendOutput);
    connect(m_job.get(), &RecordingJob::progressed, this, &RecordingControl::onProgress);
    connect(m_job.get(), &RecordingJob::noticed, this, [this](const QString& line) {
        qCInfo(lcService).noquote() << Tr::tr("recording %1: %2").arg(m_job->id(), line);
        broadcast(QStringLiteral("notice"), QCborMap { { QStringLiteral("text"), line } });
    });
    qCInfo(lcService).noquote() << Tr::tr("recording %1 for %2: record %3").arg(id, connection->who().describe(), arguments->join(QLatin1Char(' ')));
    m_job->start();
}

void RecordingControl::onStarted()
{
    const QCborMap fields { { QStringLiteral("recording"), m_job->id() }, { QStringLiteral("since"), isoTime(m_job->since()) },
        { QStringLiteral("user"), m_starterName } };
    if (m_starter && !m_starter->isClosed())
        m_starter->reply(m_startRequest, QStringLiteral("started"), fields);
    broadcast(QStringLiteral("started"), fields, m_starter);
    m_tail = std::make_unique<LiveTail>(m_job->path());
    m_eventsAtProgress = 0;
    m_rate = 0;
    m_sinceProgress.start();
    m_statusTimer.start();
    m_tailTimer.start();
}

// The rate between the recorder's last two reports (about a second apart).
void RecordingControl::onProgress()
{
    const qint64 events = m_job->lastProgress().events;
    const double interval = m_sinceProgress.isValid() ? m_sinceProgress.nsecsElapsed() / 1e9 : 0;
    if (interval > 0)
        m_rate = double(events - m_eventsAtProgress) / interval;
    m_eventsAtProgress = events;
    m_sinceProgress.start();
}

QCborMap RecordingControl::statusFields()
{
    const Recorder::RecordProgress& progress = m_job->lastProgress();
    const double rate = m_rate;
    QCborArray lostPerCpu;
    for (std::int64_t lost : progress.lostPerCpu)
        lostPerCpu.append(qint64(lost));
    return { { QStringLiteral("recording"), m_job->id() }, { QStringLiteral("since"), isoTime(m_job->since()) },
        { QStringLiteral("elapsed"), m_job->since().msecsTo(QDateTime::currentDateTimeUtc()) / 1000.0 },
        { QStringLiteral("events"), qint64(progress.events) }, { QStringLiteral("eventsPerSecond"), rate },
        { QStringLiteral("bytes"), fileBytes(m_job->path()) }, { QStringLiteral("lost"), qint64(progress.lost) },
        { QStringLiteral("lostPerCpu"), lostPerCpu } };
}

void RecordingControl::sendStatus()
{
    if (!m_job)
        return;
    broadcast(QStringLiteral("status"), statusFields());
}

void RecordingControl::sendTail()
{
    QList<ClientConnection*> tailWatchers;
    for (ClientConnection* watcher : watchers()) {
        if (watcher->wantsTail)
            tailWatchers.append(watcher);
    }
    if (!m_tail || tailWatchers.isEmpty())
        return;
    auto batch = m_tail->poll(tailEventsPerSecond * tailIntervalMs / 1000);
    if (!batch) {
        qCWarning(lcService).noquote() << Tr::tr("live tail of %1: %2").arg(m_job->id(), batch.error().message);
        return;
    }
    if (batch->count == 0 && batch->newTypes.isEmpty() && batch->newTasks.isEmpty())
        return; // nothing new: no frame
    for (ClientConnection* watcher : tailWatchers) {
        QCborMap fields { { QStringLiteral("first"), batch->first }, { QStringLiteral("count"), batch->count },
            { QStringLiteral("ts"), batch->ts }, { QStringLiteral("cpu"), batch->cpu }, { QStringLiteral("pid"), batch->pid },
            { QStringLiteral("eventType"), batch->type }, { QStringLiteral("skipped"), batch->skipped },
            { QStringLiteral("dropped"), watcher->tailDropped } };
        // A watcher that joined late (or lost a frame with names) gets every name known so far.
        QList<QPair<qint64, QString>> tasks = batch->newTasks;
        QList<QPair<qint64, QString>> types = batch->newTypes;
        if (!watcher->tailPrimed) {
            types = m_tail->types();
            tasks.clear();
            for (auto it = m_tail->tasks().constBegin(); it != m_tail->tasks().constEnd(); ++it) {
                if (!it.value().isEmpty())
                    tasks.append({ it.key(), it.value() });
            }
        }
        if (!types.isEmpty())
            fields.insert(QStringLiteral("types"), namedPairs(types, "id", "name"));
        if (!tasks.isEmpty())
            fields.insert(QStringLiteral("tasks"), namedPairs(tasks, "pid", "comm"));
        if (watcher->sendEvent(QStringLiteral("tail"), fields)) {
            watcher->tailPrimed = true;
        } else {
            watcher->tailDropped += batch->count;
            watcher->tailPrimed = watcher->tailPrimed && batch->newTasks.isEmpty() && batch->newTypes.isEmpty();
        }
    }
}

void RecordingControl::sendOutput(const QByteArray& bytes)
{
    if (!m_starter || m_starter->isClosed())
        return;
    if (!m_starter->sendEvent(QStringLiteral("output"), QCborMap { { QStringLiteral("data"), bytes },
                                                            { QStringLiteral("dropped"), m_starter->outputDropped } }))
        m_starter->outputDropped += bytes.size();
}

void RecordingControl::onFinished(const Recorder::RecordOutcome& outcome)
{
    m_statusTimer.stop();
    m_tailTimer.stop();
    if (m_tail) {
        sendTail(); // the last events
        m_tail->close();
    }
    m_tail.reset();
    const QString id = m_job->id();
    const bool started = m_job->hasStarted();
    if (Storage::Status s = m_store.settle(id); !s)
        qCWarning(lcService).noquote() << s.error().message;
    if (!started) {
        // Never got going: nothing is kept, and the start request gets the reason.
        if (m_store.lookup(id) == RecordingStore::Lookup::Found)
            (void)m_store.remove(id);
        if (m_starter && !m_starter->isClosed())
            m_starter->replyError(m_startRequest, Refused, outcome.message, QCborMap { { QStringLiteral("exitCode"), int(outcome.code) } });
        qCInfo(lcService).noquote() << Tr::tr("recording %1 did not start: %2").arg(id, outcome.message);
    } else {
        const QCborMap fields { { QStringLiteral("recording"), id }, { QStringLiteral("code"), int(outcome.code) },
            { QStringLiteral("message"), outcome.message }, { QStringLiteral("events"), qint64(outcome.events) },
            { QStringLiteral("lost"), qint64(outcome.lostEvents) }, { QStringLiteral("seconds"), outcome.seconds },
            { QStringLiteral("kept"), outcome.fileKept } };
        broadcast(QStringLiteral("finished"), fields);
        qCInfo(lcService).noquote() << Tr::tr("recording %1 finished: %2 events, %3 lost%4")
                                           .arg(id).arg(outcome.events).arg(outcome.lostEvents)
                                           .arg(outcome.message.isEmpty() ? QString() : QStringLiteral(": ") + outcome.message);
    }
    m_job.release()->deleteLater(); // its signal is still being delivered
    m_starter.clear();
    Q_EMIT idle();
}

void RecordingControl::stop(ClientConnection* connection, qint64 id)
{
    if (!m_job) {
        connection->replyError(id, Idle, Tr::tr("nothing is being recorded"));
        return;
    }
    if (!connection->isRoot() && connection->uid() != m_starterUid) {
        connection->replyError(id, NotAllowed, Tr::tr("recording %1 was started by %2; only they or root may stop it").arg(m_job->id(), m_starterName));
        return;
    }
    m_job->requestStop();
    connection->reply(id, QStringLiteral("stopping"), QCborMap { { QStringLiteral("recording"), m_job->id() } });
}

void RecordingControl::stopFor(ClientConnection* starter)
{
    if (m_job && m_starter == starter)
        m_job->requestStop();
}

void RecordingControl::stopAll()
{
    if (m_job)
        m_job->requestStop();
}

} // namespace Service
