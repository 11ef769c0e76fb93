// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinequery.h"

#include "eventquery.h"

#include "recordinglimits.h"
#include "timelineindex.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

bool hasIndexIn(Database& db, const char* schema)
{
    auto q = db.prepare(std::string("SELECT value FROM ") + schema + ".meta WHERE key = 'timeline_index'");
    return q && q->step() == SQLITE_ROW && q->columnInt(0) == TimelineIndex::version;
}

// The index lives in the recording, or in the cache file for a recording that was read-only.
Status attachIndex(Database& db)
{
    if (hasIndexIn(db, "main"))
        return {};
    const QString cache = timelineIndexCachePath(db.path());
    if (QFileInfo::exists(cache)) {
        auto attach = db.prepare("ATTACH DATABASE ?1 AS tl");
        if (!attach)
            return db.error(Tr::tr("cannot attach the timeline index"));
        attach->bindText(1, cache.toStdString());
        if (attach->step() == SQLITE_DONE && hasIndexIn(db, "tl"))
            return {};
    }
    return Error { Tr::tr("%1: the recording has no timeline index yet").arg(db.path()) };
}

// a + b, clamped to the int64 range instead of overflowing.
std::int64_t saturatedAdd(std::int64_t a, std::int64_t b)
{
    std::int64_t sum = 0;
    if (__builtin_add_overflow(a, b, &sum))
        return b > 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
    return sum;
}

constexpr const char* sliceColumns = "SELECT ts, dur, pid, cpu, prio, end_state FROM sched_slice ";

TimelineSlice sliceFrom(const Statement& row)
{
    // Clamped as the index builder writes them, so that a damaged row's end does not overflow.
    return TimelineSlice { std::clamp<std::int64_t>(row.columnInt(0), 0, Limits::maxTimestampNs),
        std::clamp<std::int64_t>(row.columnInt(1), 0, Limits::maxTimestampNs), static_cast<int>(row.columnInt(2)),
        static_cast<int>(row.columnInt(3)), static_cast<int>(row.columnInt(4)),
        row.columnIsNull(5) ? -1 : row.columnInt(5) };
}
} // namespace

TimelineQuery::TimelineQuery(std::unique_ptr<RecordingReader> reader)
    : m_reader(std::move(reader))
    , m_db(m_reader->database())
    , m_fieldText(m_db, m_reader->eventTypes())
{
}

Result<std::unique_ptr<TimelineQuery>> TimelineQuery::open(const QString& path)
{
    auto reader = RecordingReader::open(path);
    if (!reader)
        return reader.error();
    if (Status s = attachIndex((*reader)->database()); !s)
        return s.error();
    std::unique_ptr<TimelineQuery> query(new TimelineQuery(std::move(*reader)));
    if (Status s = query->prepare(); !s)
        return s.error();
    return query;
}

Error TimelineQuery::failed(const char* what) const { return m_db.error(Tr::tr("cannot read %1").arg(QString::fromUtf8(what))); }

Status TimelineQuery::prepare()
{
    const std::string slices(sliceColumns);
    const std::pair<Statement*, std::string> statements[] = {
        { &m_tsById, "SELECT ts FROM event WHERE id = ?1" },
        { &m_summary, "SELECT bucket, busy_ns, events, type_mask, top_pid FROM cpu_summary "
                      "WHERE cpu = ?1 AND level = ?2 AND bucket BETWEEN ?3 AND ?4 ORDER BY bucket" },
        { &m_cpuSliceBefore, slices + "WHERE cpu = ?1 AND ts < ?2 ORDER BY ts DESC LIMIT 1" },
        { &m_cpuSlices, slices + "WHERE cpu = ?1 AND ts >= ?2 AND ts < ?3 ORDER BY ts" },
        { &m_pidSliceBefore, slices + "WHERE pid = ?1 AND ts < ?2 ORDER BY ts DESC LIMIT 1" },
        { &m_pidSlices, slices + "WHERE pid = ?1 AND ts >= ?2 AND ts < ?3 ORDER BY ts" },
        { &m_eventsInIds, "SELECT id, ts, cpu, pid, type_id FROM event WHERE id >= ?1 AND id < ?2" },
        { &m_eventById, "SELECT e.id, e.ts, e.cpu, e.pid, e.type_id, s.str FROM event e LEFT JOIN task k ON k.pid = e.pid "
                        "LEFT JOIN string s ON s.id = k.comm_id WHERE e.id = ?1" },
    };
    for (const auto& [target, sql] : statements) {
        auto stmt = m_db.prepare(sql);
        if (!stmt)
            return stmt.error();
        *target = std::move(*stmt);
    }
    auto maxId = m_db.queryInt("SELECT COALESCE(MAX(id), 0) FROM event");
    if (!maxId)
        return maxId.error();
    m_maxId = *maxId;
    return {};
}

int TimelineQuery::summaryLevel(double nsPerPixel)
{
    const int log2 = nsPerPixel >= 1 ? static_cast<int>(std::floor(std::log2(nsPerPixel))) : 0;
    const int step = std::clamp((log2 - TimelineIndex::firstLevel) / TimelineIndex::levelStep, 0,
        TimelineIndex::levelCount - 1);
    return TimelineIndex::firstLevel + step * TimelineIndex::levelStep;
}

bool TimelineQuery::useRaw(std::int64_t eventsInRange, int lanes, std::int64_t perLane)
{
    return eventsInRange < perLane * std::max(1, lanes);
}

Result<std::int64_t> TimelineQuery::firstIdAtOrAfter(std::int64_t ts)
{
    // Binary search over the dense ids 1..max, whose timestamps never decrease.
    std::int64_t lo = 1;
    std::int64_t hi = m_maxId + 1;
    while (lo < hi) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        m_tsById.bindInt(1, mid);
        const int rc = m_tsById.step();
        const std::int64_t midTs = rc == SQLITE_ROW ? m_tsById.columnInt(0) : 0;
        m_tsById.reset();
        if (rc != SQLITE_ROW)
            return failed("event timestamps");
        if (midTs < ts)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

Result<std::int64_t> TimelineQuery::countEvents(std::int64_t from, std::int64_t to)
{
    auto first = firstIdAtOrAfter(from);
    auto last = firstIdAtOrAfter(to);
    if (!first || !last)
        return (first ? last : first).error();
    return std::max<std::int64_t>(0, *last - *first);
}

Result<TimelineData> TimelineQuery::fetch(const TimelineRequest& request)
{
    TimelineData data { request.from, request.to, request.nsPerPixel, false, {}, {} };
    auto events = countEvents(request.from, request.to);
    if (!events)
        return events.error();
    const int lanes = static_cast<int>(request.cpus.size() + request.pids.size());
    data.raw = useRaw(*events, lanes, request.rawEventsPerLane);
    const int level = summaryLevel(request.nsPerPixel);
    for (const int cpu : request.cpus) {
        TimelineLane lane;
        if (data.raw) {
            if (Status s = readSlices(m_cpuSliceBefore, m_cpuSlices, cpu, request.from, request.to, lane.slices); !s)
                return s.error();
        } else {
            auto summary = summaryLane(cpu, request.from, request.to, level);
            if (!summary)
                return summary.error();
            lane = std::move(*summary);
        }
        data.cpuLanes.push_back(std::move(lane));
    }
    for (const int pid : request.pids) {
        TimelineLane lane;
        if (data.raw) {
            if (Status s = readSlices(m_pidSliceBefore, m_pidSlices, pid, request.from, request.to, lane.slices); !s)
                return s.error();
        } else {
            auto summary = taskSummaryLane(pid, request.from, request.to, level);
            if (!summary)
                return summary.error();
            lane = std::move(*summary);
        }
        data.taskLanes.push_back(std::move(lane));
    }
    if (data.raw) {
        if (Status s = readMarks(request.from, request.to, data, request); !s)
            return s.error();
        if (!request.highlight.expression.isEmpty()) {
            if (Status s = highlightMarks(data, request.highlight); !s)
                return s.error();
        }
    }
    return data;
}

// The expression part of the events panel's filter, evaluated by the same query the panel uses,
// over the few events a raw range holds.
Status TimelineQuery::highlightMarks(TimelineData& data, const EventFilter& filter)
{
    EventFilter ranged = filter;
    ranged.from = std::max(filter.from, data.from);
    ranged.to = std::min(filter.to, data.to);
    auto query = EventQuery::create(m_reader->eventTypes(), ranged);
    if (!query)
        return query.error();
    auto range = query->idRange(m_db);
    if (!range)
        return range.error();
    auto ids = query->matchingIds(m_db, range.value());
    if (!ids)
        return ids.error();
    for (const auto* lanes : { &data.cpuLanes, &data.taskLanes }) {
        for (const TimelineLane& lane : *lanes) {
            for (const TimelineMark& mark : lane.marks) {
                if (ids->contains(mark.eventId))
                    data.highlightIds.push_back(mark.eventId);
            }
        }
    }
    std::sort(data.highlightIds.begin(), data.highlightIds.end());
    data.highlightIds.erase(std::unique(data.highlightIds.begin(), data.highlightIds.end()), data.highlightIds.end());
    data.highlightById = true;
    return {};
}

Result<TimelineLane> TimelineQuery::summaryLane(int cpu, std::int64_t from, std::int64_t to, int level)
{
    TimelineLane lane;
    lane.level = level;
    m_summary.bindInt(1, cpu);
    m_summary.bindInt(2, level);
    m_summary.bindInt(3, from >> level);
    m_summary.bindInt(4, (to - 1) >> level);
    int rc;
    while ((rc = m_summary.step()) == SQLITE_ROW) {
        lane.buckets.push_back(TimelineBucket { m_summary.columnInt(0) << level, m_summary.columnInt(1),
            m_summary.columnInt(2), static_cast<std::uint64_t>(m_summary.columnInt(3)),
            static_cast<int>(m_summary.columnInt(4)) });
    }
    m_summary.reset();
    if (rc != SQLITE_DONE)
        return failed("cpu_summary");
    return lane;
}

// A task lane at coarse zoom: its slices in the range, summed into buckets of the level's width.
// Costs in proportion to that task's slices in the range (there is no per-task summary table).
Result<TimelineLane> TimelineQuery::taskSummaryLane(int pid, std::int64_t from, std::int64_t to, int level)
{
    std::vector<TimelineSlice> slices;
    if (Status s = readSlices(m_pidSliceBefore, m_pidSlices, pid, from, to, slices); !s)
        return s.error();
    TimelineLane lane;
    lane.level = level;
    for (const TimelineSlice& slice : slices) {
        const std::int64_t end = slice.ts + slice.dur;
        for (std::int64_t t = std::max(slice.ts, from); t < std::min(end, to);) {
            const std::int64_t start = (t >> level) << level;
            const std::int64_t next = std::min(end, start + (std::int64_t(1) << level));
            if (lane.buckets.empty() || lane.buckets.back().start != start)
                lane.buckets.push_back(TimelineBucket { start, 0, 0, 0, pid });
            lane.buckets.back().busyNs += next - t;
            t = next;
        }
    }
    return lane;
}

Status TimelineQuery::readSlices(Statement& before, Statement& inRange, int key, std::int64_t from, std::int64_t to,
    std::vector<TimelineSlice>& out)
{
    // Slices of one CPU (or one task) never overlap: only the last one starting before `from`
    // can reach into the range.
    before.bindInt(1, key);
    before.bindInt(2, from);
    int rc = before.step();
    if (rc == SQLITE_ROW) {
        const TimelineSlice slice = sliceFrom(before);
        if (slice.ts + slice.dur > from)
            out.push_back(slice);
        rc = SQLITE_DONE;
    }
    before.reset();
    if (rc != SQLITE_DONE)
        return failed("sched_slice");
    inRange.bindInt(1, key);
    inRange.bindInt(2, from);
    inRange.bindInt(3, to);
    while ((rc = inRange.step()) == SQLITE_ROW)
        out.push_back(sliceFrom(inRange));
    inRange.reset();
    return rc == SQLITE_DONE ? Status() : Status(failed("sched_slice"));
}

// One scan of the range's ids hands each event to its CPU's lane and its task's lane.
Status TimelineQuery::readMarks(std::int64_t from, std::int64_t to, TimelineData& data, const TimelineRequest& request)
{
    auto first = firstIdAtOrAfter(from);
    auto last = firstIdAtOrAfter(to);
    if (!first || !last)
        return (first ? last : first).error();
    QHash<int, int> cpuLane;
    QHash<int, int> pidLane;
    for (std::size_t i = 0; i < request.cpus.size(); ++i)
        cpuLane.insert(request.cpus[i], static_cast<int>(i));
    for (std::size_t i = 0; i < request.pids.size(); ++i)
        pidLane.insert(request.pids[i], static_cast<int>(i));
    m_eventsInIds.bindInt(1, *first);
    m_eventsInIds.bindInt(2, *last);
    int rc;
    while ((rc = m_eventsInIds.step()) == SQLITE_ROW) {
        const TimelineMark mark { m_eventsInIds.columnInt(1), m_eventsInIds.columnInt(0),
            static_cast<int>(m_eventsInIds.columnInt(4)), static_cast<int>(m_eventsInIds.columnInt(3)) };
        const int cpu = static_cast<int>(m_eventsInIds.columnInt(2));
        if (const auto it = cpuLane.constFind(cpu); it != cpuLane.constEnd())
            data.cpuLanes[static_cast<std::size_t>(*it)].marks.push_back(mark);
        if (const auto it = pidLane.constFind(mark.pid); it != pidLane.constEnd())
            data.taskLanes[static_cast<std::size_t>(*it)].marks.push_back(mark);
    }
    m_eventsInIds.reset();
    return rc == SQLITE_DONE ? Status() : Status(failed("events"));
}

Result<std::optional<TimelineEvent>> TimelineQuery::eventNear(int cpu, std::int64_t ts, std::int64_t maxDistance,
    std::int64_t maxRows)
{
    // Times and ids come from the file (and from where the user points in its span): anything
    // up to the ends of int64, so every sum saturates and distances are unsigned.
    auto center = firstIdAtOrAfter(ts);
    auto first = firstIdAtOrAfter(saturatedAdd(ts, -maxDistance));
    auto last = firstIdAtOrAfter(saturatedAdd(saturatedAdd(ts, maxDistance), 1));
    if (!center || !first || !last)
        return (!center ? center : !first ? first : last).error();
    const std::int64_t lo = std::max(*first, saturatedAdd(*center, -(maxRows / 2)));
    const std::int64_t hi = std::min(*last, saturatedAdd(*center, maxRows / 2));
    m_eventsInIds.bindInt(1, lo);
    m_eventsInIds.bindInt(2, hi);
    std::int64_t bestId = 0;
    std::uint64_t bestDistance = std::uint64_t(maxDistance) + 1;
    int rc;
    while ((rc = m_eventsInIds.step()) == SQLITE_ROW) {
        const std::int64_t at = m_eventsInIds.columnInt(1);
        const std::uint64_t distance = at > ts ? std::uint64_t(at) - std::uint64_t(ts) : std::uint64_t(ts) - std::uint64_t(at);
        if (m_eventsInIds.columnInt(2) == cpu && distance < bestDistance) {
            bestDistance = distance;
            bestId = m_eventsInIds.columnInt(0);
        }
    }
    m_eventsInIds.reset();
    if (rc != SQLITE_DONE)
        return failed("events");
    if (bestId == 0)
        return std::optional<TimelineEvent>();
    auto found = event(bestId);
    if (!found)
        return found.error();
    return std::optional<TimelineEvent>(std::move(*found));
}

Result<TimelineEvent> TimelineQuery::event(std::int64_t id)
{
    m_eventById.bindInt(1, id);
    const int rc = m_eventById.step();
    if (rc != SQLITE_ROW) {
        m_eventById.reset();
        return rc == SQLITE_DONE ? Error { Tr::tr("%1: no event %2").arg(m_db.path()).arg(id) } : failed("event");
    }
    TimelineEvent ev { m_eventById.columnInt(0), m_eventById.columnInt(1), static_cast<int>(m_eventById.columnInt(2)),
        static_cast<int>(m_eventById.columnInt(3)), static_cast<int>(m_eventById.columnInt(4)), m_eventById.columnString(5),
        {}, {} };
    m_eventById.reset();
    for (const EventTypeInfo& type : eventTypes()) {
        if (type.id == ev.typeId)
            ev.typeName = type.qualifiedName();
    }
    auto fields = m_fieldText.text(ev.typeId, id);
    if (!fields)
        return fields.error();
    ev.fields = *fields;
    return ev;
}

Result<QHash<int, QString>> TimelineQuery::taskNames()
{
    auto q = m_db.prepare("SELECT k.pid, s.str FROM task k JOIN string s ON s.id = k.comm_id");
    if (!q)
        return q.error();
    QHash<int, QString> names;
    int rc;
    while ((rc = q->step()) == SQLITE_ROW)
        names.insert(static_cast<int>(q->columnInt(0)), q->columnString(1));
    if (rc != SQLITE_DONE)
        return failed("task");
    return names;
}

} // namespace Storage
