// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinedatasource.h"

#include "timelineindex.h"

#include <QPromise>
#include <QtConcurrent>

#include <atomic>

namespace Gui {

namespace {
constexpr std::size_t cacheSize = 8;

struct QueryOutcome {
    TimelineDataPtr data;
    QString error;
};

struct EventOutcome {
    std::optional<Storage::TimelineEvent> event;
};
} // namespace

// What only the worker thread touches: the query object (its own SQLite connection).
struct TimelineDataSource::Worker {
    QString path;
    std::unique_ptr<Storage::TimelineQuery> query;
};

struct TimelineDataSource::OpenResult {
    QString error;
    QHash<int, QString> taskNames;
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
    if (m_cancelOpen)
        *m_cancelOpen = true;
    m_recording = std::move(recording);
    m_ready = false;
    m_queryRunning = false;
    m_pending.reset();
    m_data.reset();
    m_cache.clear();
    m_taskNames.clear();
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
    m_data.reset();
    m_cache.clear();
}

void TimelineDataSource::startOpening()
{
    m_worker = std::make_shared<Worker>();
    m_worker->path = m_recording->path;
    m_cancelOpen = std::make_shared<std::atomic_bool>(false);
    auto worker = m_worker;
    auto cancel = m_cancelOpen;
    m_openWatcher = new QFutureWatcher<OpenResult>(this);
    const quint64 generation = m_generation;
    connect(m_openWatcher, &QFutureWatcherBase::progressValueChanged, this, [this, generation](int percent) {
        if (generation == m_generation)
            Q_EMIT indexProgress(percent);
    });
    connect(m_openWatcher, &QFutureWatcherBase::finished, this, [this, generation, watcher = m_openWatcher] {
        if (generation == m_generation)
            openFinished();
        watcher->deleteLater();
    });
    m_openWatcher->setFuture(QtConcurrent::run(&m_pool, [worker, cancel](QPromise<OpenResult>& promise) {
        promise.setProgressRange(0, 100);
        OpenResult result;
        if (!Storage::hasTimelineIndex(worker->path)) {
            Storage::Status built = Storage::buildTimelineIndex(worker->path, [&](double fraction) {
                promise.setProgressValue(int(fraction * 100));
                return !*cancel;
            });
            if (!built) {
                result.error = built.error().message;
                promise.addResult(result);
                return;
            }
        }
        auto query = Storage::TimelineQuery::open(worker->path);
        if (!query) {
            result.error = query.error().message;
        } else {
            worker->query = std::move(*query);
            auto names = worker->query->taskNames();
            if (names)
                result.taskNames = std::move(*names);
        }
        promise.setProgressValue(100);
        promise.addResult(result);
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

TimelineDataPtr TimelineDataSource::cached(qint64 from, qint64 to, double width) const
{
    if (m_data && serves(*m_data, from, to, width))
        return m_data;
    for (const TimelineDataPtr& data : m_cache) {
        if (serves(*data, from, to, width))
            return data;
    }
    return {};
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
    if (m_data && m_data->raw)
        m_data.reset();
}

void TimelineDataSource::request(qint64 from, qint64 to, double width)
{
    if (!m_recording || to <= from || width <= 0)
        return;
    if (TimelineDataPtr hit = cached(from, to, width)) {
        if (hit != m_data)
            accept(hit);
        return;
    }
    // One screen either side, so panning shows data at once; never beyond the recording.
    const qint64 span = to - from;
    const qint64 lo = m_recording->summary.firstTs;
    const qint64 hi = m_recording->summary.lastTs + 1;
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
    runInWorker<QueryOutcome>(
        [request](Worker& worker) {
            if (!worker.query)
                return QueryOutcome {};
            auto result = worker.query->fetch(request);
            return result ? QueryOutcome { std::make_shared<const Storage::TimelineData>(std::move(*result)), {} }
                          : QueryOutcome { {}, result.error().message };
        },
        [this, generation](const QueryOutcome& outcome) {
            if (generation != m_generation)
                return;
            m_queryRunning = false;
            if (outcome.data)
                accept(outcome.data);
            else if (!outcome.error.isEmpty())
                Q_EMIT failed(outcome.error);
            if (m_pending) {
                const View pending = *m_pending;
                m_pending.reset();
                this->request(pending.from, pending.to, pending.width);
            }
        });
}

void TimelineDataSource::accept(TimelineDataPtr data)
{
    m_data = data;
    std::erase(m_cache, data);
    m_cache.push_front(data);
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
