// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinedatasource.h"

#include "callindex.h"
#include "failure.h"
#include "timelineindex.h"

#include <QPromise>
#include <QtConcurrent>

#include <algorithm>
#include <atomic>
#include <limits>

namespace Gui {

namespace {
constexpr std::size_t cacheSize = 8;

struct QueryOutcome {
    TimelineDataPtr data;
    CallLanesPtr calls;
    QString error;
    QString callError;
};

struct EventOutcome {
    std::optional<Storage::TimelineEvent> event;
};
} // namespace

struct TimelineDataSource::OpenResult {
    QString error;
    QString callProblem;
    QHash<int, QString> taskNames;
    std::vector<Storage::CallTaskInfo> callTasks;
};

// What only the worker thread touches: the query objects (their own SQLite connections).
struct TimelineDataSource::Worker {
    QString path;
    std::unique_ptr<Storage::TimelineQuery> query;
    std::unique_ptr<Storage::CallSliceQuery> calls;

    // Builds what is missing of the indexes (one progress range: half each when both are
    // built), then opens the queries.
    OpenResult open(const Storage::IndexProgress& progress)
    {
        OpenResult result;
        const bool buildTimeline = !Storage::hasTimelineIndex(path);
        const double split = !buildTimeline ? 0 : Storage::needsCallIndex(path) ? 0.5 : 1;
        if (buildTimeline) {
            Storage::Status built = Storage::buildTimelineIndex(path, [&](double f) { return progress(f * split); });
            if (!built) {
                result.error = built.error().message;
                return result;
            }
        }
        auto opened = Storage::TimelineQuery::open(path);
        if (!opened) {
            result.error = opened.error().message;
            return result;
        }
        query = std::move(*opened);
        if (auto names = query->taskNames())
            result.taskNames = std::move(*names);
        result.callProblem = openCalls([&](double f) { return progress(split + f * (1 - split)); }, result.callTasks);
        progress(1);
        return result;
    }

    // The call lanes' index and query; a problem here leaves the CPU timeline working.
    QString openCalls(const Storage::IndexProgress& progress, std::vector<Storage::CallTaskInfo>& tasks)
    {
        if (Storage::needsCallIndex(path)) {
            if (Storage::Status built = Storage::buildCallIndex(path, progress); !built)
                return built.error().message;
        }
        if (!Storage::hasCallIndex(path))
            return {};
        auto opened = Storage::CallSliceQuery::open(path);
        if (!opened)
            return opened.error().message;
        auto found = opened.value()->tasks();
        if (!found)
            return found.error().message;
        calls = std::move(*opened);
        tasks = std::move(*found);
        return {};
    }
};

TimelineDataSource::TimelineDataSource(QObject* parent)
    : QObject(parent)
{
    // One thread: jobs run in order, and the query object is never used by two at once.
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
}

TimelineDataSource::~TimelineDataSource()
{
    if (m_cancelOpen)
        *m_cancelOpen = true;
    m_pool.clear();
    m_pool.waitForDone();
}

const std::vector<Storage::EventTypeInfo>& TimelineDataSource::eventTypes() const
{
    static const std::vector<Storage::EventTypeInfo> none;
    return m_recording ? m_recording->eventTypes : none;
}

void TimelineDataSource::setRecording(RecordingPtr recording)
{
    ++m_generation;
    ++m_recordingGeneration;
    if (m_cancelOpen)
        *m_cancelOpen = true;
    m_recording = std::move(recording);
    m_ready = false;
    m_queryRunning = false;
    m_pending.reset();
    m_data = {};
    m_cache.clear();
    m_taskNames.clear();
    m_callTasks.clear();
    m_callProblem.clear();
    m_worker.reset();
    if (m_recording)
        startOpening();
}

void TimelineDataSource::setLanes(const QList<int>& cpus, const QList<int>& pids)
{
    if (cpus == m_cpus && pids == m_pids)
        return;
    ++m_generation;
    m_cpus = cpus;
    m_pids = pids;
    m_queryRunning = false;
    m_data = {};
    m_cache.clear();
}

bool TimelineDataSource::hasCalls(int pid) const
{
    return std::any_of(m_callTasks.cbegin(), m_callTasks.cend(), [pid](const auto& task) { return task.pid == pid; });
}

std::vector<int> TimelineDataSource::callLanePids() const
{
    std::vector<int> pids;
    for (const int pid : m_pids) {
        if (hasCalls(pid))
            pids.push_back(pid);
    }
    return pids;
}

void TimelineDataSource::startOpening()
{
    m_worker = std::make_shared<Worker>();
    m_worker->path = m_recording->path;
    m_cancelOpen = std::make_shared<std::atomic_bool>(false);
    auto worker = m_worker;
    auto cancel = m_cancelOpen;
    m_openWatcher = new QFutureWatcher<OpenResult>(this);
    // Only another recording makes the open stale: new lanes during it are simply asked for once ready.
    const quint64 generation = m_recordingGeneration;
    connect(m_openWatcher, &QFutureWatcherBase::progressValueChanged, this, [this, generation](int percent) {
        if (generation == m_recordingGeneration)
            Q_EMIT indexProgress(percent);
    });
    connect(m_openWatcher, &QFutureWatcherBase::finished, this, [this, generation, watcher = m_openWatcher] {
        if (generation == m_recordingGeneration)
            openFinished();
        watcher->deleteLater();
    });
    m_openWatcher->setFuture(QtConcurrent::run(&m_pool, [worker, cancel](QPromise<OpenResult>& promise) {
        promise.setProgressRange(0, 100);
        const auto failed = [](const QString& message) { return OpenResult { message, {}, {}, {} }; };
        promise.addResult(Storage::catchFailure(
            worker->path,
            [&] {
                return worker->open([&promise, cancel](double fraction) {
                    promise.setProgressValue(int(fraction * 100));
                    return !*cancel;
                });
            },
            failed));
    }));
}

void TimelineDataSource::openFinished()
{
    const auto future = m_openWatcher->future();
    m_openWatcher = nullptr;
    if (future.resultCount() == 0)
        return;
    const OpenResult result = future.result();
    if (!result.error.isEmpty()) {
        Q_EMIT failed(result.error);
        return;
    }
    m_taskNames = result.taskNames;
    m_callTasks = result.callTasks;
    m_callProblem = result.callProblem;
    // Calls may reach beyond the events (or be all there is, in an imported function_graph).
    const Storage::RecordingSummary& summary = m_recording->summary;
    m_firstTs = summary.events > 0 || m_callTasks.empty() ? summary.firstTs : std::numeric_limits<qint64>::max();
    m_endTs = summary.events > 0 || m_callTasks.empty() ? summary.lastTs + 1 : std::numeric_limits<qint64>::min();
    for (const Storage::CallTaskInfo& task : m_callTasks) {
        m_firstTs = std::min<qint64>(m_firstTs, task.firstTs);
        m_endTs = std::max<qint64>(m_endTs, task.lastEnd + 1);
    }
    m_endTs = std::max(m_endTs, m_firstTs + 1);
    m_ready = true;
    Q_EMIT ready();
    if (m_pending) {
        const View pending = *m_pending;
        m_pending.reset();
        request(pending.from, pending.to, pending.width);
    }
}

template <typename T>
void TimelineDataSource::runInWorker(std::function<T(Worker&)> job, std::function<void(const T&)> done)
{
    auto* watcher = new QFutureWatcher<T>(this);
    const quint64 generation = m_generation;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, done] {
        if (generation == m_generation && watcher->future().resultCount() > 0)
            done(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, [worker = m_worker, job] { return job(*worker); }));
}

bool TimelineDataSource::serves(const Storage::TimelineData& data, qint64 from, qint64 to, double width)
{
    if (from < data.from || to > data.to || width <= 0)
        return false;
    const double nsPerPixel = double(to - from) / width;
    if (data.raw)
        return true;
    const int level = Storage::TimelineQuery::summaryLevel(nsPerPixel);
    if (data.cpuLanes.empty() || level != Storage::TimelineQuery::summaryLevel(data.nsPerPixel))
        return false;
    // Zoomed in far enough that raw rows would now be shown instead? Estimated over the range
    // request() would ask for (one screen either side), as the query counts it; bucket sums
    // never undercount, so a summary never fails to serve the very request it answered.
    const qint64 span = to - from;
    const qint64 lo = std::max<qint64>(data.from, from - span);
    const qint64 hi = std::min<qint64>(data.to, to + span);
    std::int64_t events = 0;
    for (const Storage::TimelineLane& lane : data.cpuLanes) {
        for (const Storage::TimelineBucket& bucket : lane.buckets) {
            if (bucket.start + lane.bucketWidth() > lo && bucket.start < hi)
                events += bucket.events;
        }
    }
    const int lanes = int(data.cpuLanes.size() + data.taskLanes.size());
    return !Storage::TimelineQuery::useRaw(events, lanes);
}

bool TimelineDataSource::servesCalls(const Storage::CallLanesData& data, qint64 from, qint64 to, double width)
{
    if (from < data.from || to > data.to || width <= 0)
        return false;
    // Single calls serve any zoom inside their range. Summaries serve their level, unless the
    // range request() would ask for now holds few enough calls to be shown one by one: counted
    // as the query counts them, so a summary always serves the very request it answered.
    const double nsPerPixel = double(to - from) / width;
    const qint64 span = to - from;
    const qint64 lo = std::max<qint64>(data.from, from - span);
    const qint64 hi = std::min<qint64>(data.to, to + span);
    const int level = Storage::TimelineQuery::summaryLevel(nsPerPixel);
    for (const Storage::CallLane& lane : data.lanes) {
        if (!lane.isSummary())
            continue;
        if (lane.level != level)
            return false;
        std::int64_t calls = 0;
        for (const Storage::CallBucket& bucket : lane.buckets) {
            if (bucket.start + lane.bucketWidth() > lo && bucket.start < hi)
                calls += bucket.calls;
        }
        if (Storage::CallSliceQuery::useCalls(calls, double(hi - lo) / nsPerPixel))
            return false;
    }
    return true;
}

bool TimelineDataSource::serves(const Entry& entry, qint64 from, qint64 to, double width) const
{
    if (!entry.timeline || !serves(*entry.timeline, from, to, width))
        return false;
    if (!entry.calls)
        return callLanePids().empty();
    return servesCalls(*entry.calls, from, to, width);
}

std::optional<TimelineDataSource::Entry> TimelineDataSource::cached(qint64 from, qint64 to, double width) const
{
    if (serves(m_data, from, to, width))
        return m_data;
    for (const Entry& entry : m_cache) {
        if (serves(entry, from, to, width))
            return entry;
    }
    return std::nullopt;
}

void TimelineDataSource::setHighlightFilter(const Storage::EventFilter& filter)
{
    if (filter.expression == m_highlight.expression) {
        m_highlight = filter;
        return;
    }
    // Cached raw data answered for the old expression.
    m_highlight = filter;
    m_cache.clear();
    if (m_data.timeline && m_data.timeline->raw)
        m_data = {};
}

void TimelineDataSource::request(qint64 from, qint64 to, double width)
{
    if (!m_recording || to <= from || width <= 0)
        return;
    if (const std::optional<Entry> hit = cached(from, to, width)) {
        if (!(*hit == m_data))
            accept(*hit);
        return;
    }
    // One screen either side, so panning shows data at once; never beyond the recording.
    const qint64 span = to - from;
    const qint64 lo = m_ready ? m_firstTs : m_recording->summary.firstTs;
    const qint64 hi = m_ready ? m_endTs : m_recording->summary.lastTs + 1;
    Storage::TimelineRequest request;
    request.from = std::max(from - span, std::min(lo, from));
    request.to = std::min(to + span, std::max(hi, to));
    request.nsPerPixel = double(span) / width;
    request.cpus.assign(m_cpus.cbegin(), m_cpus.cend());
    request.pids.assign(m_pids.cbegin(), m_pids.cend());
    request.highlight = m_highlight;
    if (!m_ready || m_queryRunning) {
        m_pending = View { from, to, width };
        return;
    }
    startQuery(request);
}

void TimelineDataSource::startQuery(const Storage::TimelineRequest& request)
{
    m_queryRunning = true;
    const quint64 generation = m_generation;
    Storage::CallLanesRequest calls { request.from, request.to, request.nsPerPixel, callLanePids() };
    runInWorker<QueryOutcome>(
        [request, calls](Worker& worker) {
            if (!worker.query)
                return QueryOutcome {};
            auto result = worker.query->fetch(request);
            if (!result)
                return QueryOutcome { {}, {}, result.error().message, {} };
            QueryOutcome outcome { std::make_shared<const Storage::TimelineData>(std::move(*result)), {}, {}, {} };
            if (worker.calls && !calls.pids.empty()) {
                auto lanes = worker.calls->fetch(calls);
                // Without their calls, the lanes still show the rest (and this range is not asked again).
                if (!lanes)
                    outcome.callError = lanes.error().message;
                outcome.calls = std::make_shared<const Storage::CallLanesData>(
                    lanes ? std::move(*lanes) : Storage::CallLanesData { calls.from, calls.to, calls.nsPerPixel, {}, {} });
            }
            return outcome;
        },
        [this, generation](const QueryOutcome& outcome) {
            if (generation != m_generation)
                return;
            m_queryRunning = false;
            if (!outcome.callError.isEmpty()) {
                m_callProblem = outcome.callError;
                Q_EMIT failed(outcome.callError);
            }
            if (outcome.data)
                accept(Entry { outcome.data, outcome.calls });
            else if (!outcome.error.isEmpty())
                Q_EMIT failed(outcome.error);
            if (m_pending) {
                const View pending = *m_pending;
                m_pending.reset();
                this->request(pending.from, pending.to, pending.width);
            }
        });
}

void TimelineDataSource::accept(const Entry& entry)
{
    m_data = entry;
    std::erase(m_cache, entry);
    m_cache.push_front(entry);
    if (m_cache.size() > cacheSize)
        m_cache.pop_back();
    Q_EMIT dataArrived();
}

quint64 TimelineDataSource::lookUpEvent(qint64 eventId)
{
    const quint64 ticket = ++m_nextTicket;
    if (!m_ready)
        return ticket;
    runInWorker<EventOutcome>(
        [eventId](Worker& worker) {
            if (!worker.query)
                return EventOutcome {};
            auto found = worker.query->event(eventId);
            return found ? EventOutcome { std::move(*found) } : EventOutcome {};
        },
        [this, ticket](const EventOutcome& outcome) {
            if (outcome.event)
                Q_EMIT eventFound(ticket, *outcome.event);
        });
    return ticket;
}

quint64 TimelineDataSource::lookUpEventNear(int cpu, qint64 ts, qint64 maxDistance)
{
    const quint64 ticket = ++m_nextTicket;
    if (!m_ready)
        return ticket;
    runInWorker<EventOutcome>(
        [cpu, ts, maxDistance](Worker& worker) {
            if (!worker.query)
                return EventOutcome {};
            auto found = worker.query->eventNear(cpu, ts, maxDistance);
            return found ? EventOutcome { std::move(*found) } : EventOutcome {};
        },
        [this, ticket](const EventOutcome& outcome) {
            if (outcome.event)
                Q_EMIT eventFound(ticket, *outcome.event);
        });
    return ticket;
}

quint64 TimelineDataSource::countEvents(qint64 from, qint64 to)
{
    const quint64 ticket = ++m_nextTicket;
    if (!m_ready)
        return ticket;
    runInWorker<qint64>(
        [from, to](Worker& worker) {
            if (!worker.query)
                return qint64(-1);
            auto count = worker.query->countEvents(from, to);
            return count ? qint64(*count) : qint64(-1);
        },
        [this, ticket](const qint64& count) {
            if (count >= 0)
                Q_EMIT eventCounted(ticket, count);
        });
    return ticket;
}

} // namespace Gui
