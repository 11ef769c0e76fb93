// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinequery.h"

#include "eventquery.h"
#include "recordinglimits.h"
#include "timelineindex.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

// a + b, clamped to the int64 range instead of overflowing.
std::int64_t saturatedAdd(std::int64_t a, std::int64_t b)
{
    std::int64_t sum = 0;
    if (__builtin_add_overflow(a, b, &sum))
        return b > 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
    return sum;
}

constexpr const char* sliceColumns = "SELECT ts, dur, pid, cpu, prio, end_state FROM ";

TimelineSlice sliceFrom(const Statement& row)
{
    // Clamped as the index builder writes them, so that a damaged row's end does not overflow.
    return TimelineSlice { std::clamp<std::int64_t>(row.columnInt(0), 0, Limits::maxTimestampNs),
        std::clamp<std::int64_t>(row.columnInt(1), 0, Limits::maxTimestampNs), static_cast<int>(row.columnInt(2)),
        static_cast<int>(row.columnInt(3)), static_cast<int>(row.columnInt(4)),
        row.columnIsNull(5) ? -1 : row.columnInt(5) };
}

// The sched_switch type the index read its slices from (the same test as the index builders).
const EventTypeInfo* switchType(const std::vector<EventTypeInfo>& types)
{
    for (const EventTypeInfo& type : types) {
        if (type.system != QLatin1String("sched") || type.name != QLatin1String("sched_switch"))
            continue;
        int found = 0;
        for (const FieldInfo& field : type.fields) {
            found += field.name == QLatin1String("prev_state") || field.name == QLatin1String("next_pid")
                || field.name == QLatin1String("next_prio");
        }
        return found == 3 ? &type : nullptr;
    }
    return nullptr;
}
} // namespace

TimelineQuery::TimelineQuery(std::unique_ptr<RecordingReader> reader, std::string indexSchema)
    : m_reader(std::move(reader))
    , m_db(m_reader->database())
    , m_index(std::move(indexSchema))
    , m_fieldText(m_db, m_reader->eventTypes())
{
}

Result<std::unique_ptr<TimelineQuery>> TimelineQuery::open(const QString& path)
{
    auto reader = RecordingReader::open(path);
    if (!reader)
        return reader.error();
    auto schema = attachTimelineIndex((*reader)->database());
    if (!schema)
        return schema.error();
    std::unique_ptr<TimelineQuery> query(new TimelineQuery(std::move(*reader), *schema));
    if (Status s = query->prepare(); !s)
        return s.error();
    return query;
}

Error TimelineQuery::failed(const char* what) const { return m_db.error(Tr::tr("cannot read %1").arg(QString::fromUtf8(what))); }

Status TimelineQuery::prepare()
{
    const std::string slices = sliceColumns + m_index + ".sched_slice ";
    if (Status s = prepareStatements(m_db, {
        { &m_cpuSliceBefore, slices + "WHERE cpu = ?1 AND ts < ?2 ORDER BY ts DESC LIMIT 1" },
        { &m_cpuSlices, slices + "WHERE cpu = ?1 AND ts >= ?2 AND ts < ?3 ORDER BY ts" },
        { &m_pidSliceBefore, slices + "WHERE pid = ?1 AND ts < ?2 ORDER BY ts DESC LIMIT 1" },
        { &m_pidSlices, slices + "WHERE pid = ?1 AND ts >= ?2 AND ts < ?3 ORDER BY ts" },
        { &m_eventsInIds, "SELECT id, ts, cpu, pid, type_id FROM main.event WHERE id >= ?1 AND id < ?2" },
        { &m_eventById, "SELECT e.id, e.ts, e.cpu, e.pid, e.type_id, s.str FROM main.event e LEFT JOIN main.task k ON k.pid = e.pid "
                        "LEFT JOIN main.string s ON s.id = k.comm_id WHERE e.id = ?1" },
        });
        !s)
        return s;
    auto search = EventTimeSearch::create(m_db);
    if (!search)
        return search.error();
    m_search.emplace(std::move(*search));
    if (m_search->maxId() > 0) {
        auto end = m_search->timestampOf(m_search->maxId());
        if (!end)
            return end.error();
        m_recordingEnd = *end;
    }
    const EventTypeInfo* sw = switchType(m_reader->eventTypes());
    auto cpuSummary = CpuSummaryReader::create(m_db, m_index, sw ? sw->id : -1, sw ? quoteIdentifier(sw->fieldTable.toStdString()) : std::string());
    if (!cpuSummary)
        return cpuSummary.error();
    m_cpuSummary.emplace(std::move(*cpuSummary));
    auto taskBusy = TaskBusyReader::create(m_db, m_index);
    if (!taskBusy)
        return taskBusy.error();
    m_taskBusy.emplace(std::move(*taskBusy));
    return {};
}

int TimelineQuery::summaryLevel(double nsPerPixel) { return TimelineIndex::levelFor(nsPerPixel); }

int TimelineQuery::fetchLevel(std::int64_t from, std::int64_t to, double nsPerPixel)
{
    int level = summaryLevel(nsPerPixel);
    while (level < 62 && ((to - 1) >> level) - (from >> level) >= maxBuckets)
        level += TimelineIndex::levelStep;
    return level;
}

bool TimelineQuery::useRaw(std::int64_t eventsInRange, int lanes, std::int64_t perLane)
{
    return eventsInRange < perLane * std::max(1, lanes);
}

Result<std::int64_t> TimelineQuery::firstIdAtOrAfter(std::int64_t ts) { return m_search->firstIdAtOrAfter(ts); }

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
    data.cpuLanes.resize(request.cpus.size());
    data.taskLanes.resize(request.pids.size());
    if (request.to <= request.from)
        return data;
    auto events = countEvents(request.from, request.to);
    if (!events)
        return events.error();
    const int lanes = static_cast<int>(request.cpus.size() + request.pids.size());
    data.raw = useRaw(*events, lanes, request.rawEventsPerLane);
    if (!data.raw) {
        if (Status s = summaryLanes(request, data); !s)
            return s.error();
        return data;
    }
    for (std::size_t i = 0; i < request.cpus.size(); ++i) {
        if (Status s = readSlices(m_cpuSliceBefore, m_cpuSlices, request.cpus[i], request.from, request.to, data.cpuLanes[i].slices); !s)
            return s.error();
    }
    for (std::size_t i = 0; i < request.pids.size(); ++i) {
        if (Status s = readSlices(m_pidSliceBefore, m_pidSlices, request.pids[i], request.from, request.to, data.taskLanes[i].slices); !s)
            return s.error();
    }
    if (Status s = readMarks(request.from, request.to, data, request); !s)
        return s.error();
    if (!request.highlight.expression.isEmpty()) {
        if (Status s = highlightMarks(data, request.highlight); !s)
            return s.error();
    }
    return data;
}

// Zoomed out: whole buckets of the level, from the range's first to its last.
Status TimelineQuery::summaryLanes(const TimelineRequest& request, TimelineData& data)
{
    const int level = fetchLevel(request.from, request.to, request.nsPerPixel);
    const std::int64_t from = (request.from >> level) << level;
    const std::int64_t to = TimelineIndex::bucketEnd((request.to - 1) >> level, level);
    if (Status s = m_cpuSummary->read(from, to, level, request.cpus, *m_search, m_recordingEnd, data.cpuLanes); !s)
        return s;
    for (std::size_t i = 0; i < request.pids.size(); ++i) {
        if (Status s = m_taskBusy->read(request.pids[i], from, to, level, data.taskLanes[i]); !s)
            return s;
    }
    return {};
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
    auto q = m_db.prepare("SELECT k.pid, s.str FROM main.task k JOIN main.string s ON s.id = k.comm_id");
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
