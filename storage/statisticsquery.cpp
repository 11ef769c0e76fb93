// SPDX-License-Identifier: GPL-3.0-or-later
#include "statisticsquery.h"

#include "recordingcpus.h"
#include "recordinglimits.h"
#include "schema.h"
#include "timelineindex.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <sqlite3.h>

#include <algorithm>
#include <climits>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

constexpr int cancelCheckEvery = 1 << 16;

// Largest count first; ties in key order so that equal runs give equal tables.
template <typename Row, typename Key>
void sortByCount(std::vector<Row>& rows, Key key)
{
    std::sort(rows.begin(), rows.end(), [&key](const Row& a, const Row& b) {
        return a.count != b.count ? a.count > b.count : key(a) < key(b);
    });
}

bool indexIn(Database& db, const char* schema)
{
    auto q = db.prepare(std::string("SELECT value FROM ") + schema + ".meta WHERE key = 'timeline_index'");
    return q && q->step() == SQLITE_ROW && q->columnInt(0) == TimelineIndex::version;
}

// The ids of the events with from <= ts < to (ids are dense and in time order).
Result<IdRange> idsOfTimeRange(Database& db, const IdRange& all, std::int64_t from, std::int64_t to)
{
    if (all.size() == 0)
        return all;
    IdRange range = all;
    if (from != std::numeric_limits<std::int64_t>::min()) {
        auto first = firstIdAtOrAfter(db, all, from);
        if (!first)
            return first.error();
        range.first = *first;
    }
    if (to != std::numeric_limits<std::int64_t>::max()) {
        auto end = firstIdAtOrAfter(db, all, to);
        if (!end)
            return end.error();
        range.last = *end - 1;
    }
    return range;
}

Result<std::int64_t> tsOf(Database& db, std::int64_t id)
{
    auto q = db.prepare("SELECT ts FROM event WHERE id = ?");
    if (!q)
        return q.error();
    q->bindInt(1, id);
    if (q->step() != SQLITE_ROW)
        return db.error(Tr::tr("cannot read the time of event %1").arg(id));
    return q->columnInt(0);
}
} // namespace

StatisticsQuery::StatisticsQuery(RecordingReader& reader)
    : m_reader(reader)
    , m_db(reader.database())
{
}

Status StatisticsQuery::cancelledError() const { return Error { Tr::tr("cancelled") }; }

Result<Statistics> StatisticsQuery::run(const EventFilter& filter, const Cancelled& cancelled)
{
    auto query = EventQuery::create(m_reader.eventTypes(), filter);
    if (!query)
        return query.error();
    auto all = allEventIds(m_db);
    if (!all)
        return all.error();
    auto range = idsOfTimeRange(m_db, *all, filter.from, filter.to);
    if (!range)
        return range.error();
    Statistics stats;
    stats.ids = *range;
    if (Status s = countEvents(*query, stats, cancelled); !s)
        return s.error();
    if (Status s = readTaskNames(stats); !s)
        return s.error();
    if (cancelled && cancelled())
        return cancelledError().error();
    if (Status s = computeUtilisation(filter, *all, stats); !s)
        return s.error();
    return stats;
}

Status StatisticsQuery::countEvents(const EventQuery& query, Statistics& stats, const Cancelled& cancelled)
{
    if (stats.ids.size() == 0)
        return {};
    // A per-event condition (types, CPUs, tasks, expression) is the events panel's own
    // matching, so both always agree on what "matching" means.
    std::optional<EventIdSet> matching;
    if (!query.selectsIdRange()) {
        auto ids = query.matchingIds(m_db, stats.ids, cancelled);
        if (!ids)
            return ids.error();
        matching = std::move(*ids);
    }
    auto rows = m_db.prepare("SELECT id, type_id, cpu, pid FROM event WHERE id BETWEEN ? AND ?");
    if (!rows)
        return rows.error();
    rows->bindInt(1, stats.ids.first);
    rows->bindInt(2, stats.ids.last);
    // Keyed by the values read, never indexed by them: a damaged row (cpu -1, type 10^9) is one
    // more key, not a vector sized by it.
    std::map<std::int64_t, std::int64_t> byType;
    std::map<std::int64_t, std::int64_t> byCpu;
    std::unordered_map<std::int64_t, std::int64_t> byPid;
    std::int64_t scanned = 0;
    int rc;
    while ((rc = rows->step()) == SQLITE_ROW) {
        if (++scanned % cancelCheckEvery == 0 && cancelled && cancelled())
            return cancelledError();
        if (matching && !matching->contains(rows->columnInt(0)))
            continue;
        ++byType[rows->columnInt(1)];
        ++byCpu[rows->columnInt(2)];
        ++byPid[rows->columnInt(3)];
        ++stats.total;
    }
    if (rc != SQLITE_DONE)
        return m_db.error(Tr::tr("cannot count events"));

    for (const auto& [typeId, count] : byType) {
        const auto type = std::find_if(m_reader.eventTypes().begin(), m_reader.eventTypes().end(),
            [id = typeId](const EventTypeInfo& t) { return t.id == id; });
        // Events of a type the recording does not describe are still counted, under their id.
        stats.byType.push_back({ static_cast<int>(std::clamp<std::int64_t>(typeId, INT_MIN, INT_MAX)),
            type != m_reader.eventTypes().end() ? type->qualifiedName() : Tr::tr("unknown type %1").arg(typeId),
            count });
    }
    for (const auto& [cpu, count] : byCpu) {
        if (Limits::isCpu(cpu))
            stats.byCpu.push_back({ static_cast<int>(cpu), count });
    }
    for (const auto& [pid, count] : byPid)
        stats.byTask.push_back({ static_cast<int>(std::clamp<std::int64_t>(pid, INT_MIN, INT_MAX)), QString(), count });
    sortByCount(stats.byType, [](const TypeCount& row) { return row.name; });
    sortByCount(stats.byCpu, [](const CpuCount& row) { return row.cpu; });
    sortByCount(stats.byTask, [](const TaskCount& row) { return row.pid; });
    return {};
}

Status StatisticsQuery::readTaskNames(Statistics& stats)
{
    if (stats.byTask.empty())
        return {};
    auto names = m_db.prepare("SELECT s.str FROM task t JOIN string s ON s.id = t.comm_id WHERE t.pid = ?");
    if (!names)
        return names.error();
    // The task table is small next to the events; one lookup per task seen is cheap.
    for (TaskCount& task : stats.byTask) {
        names->bindInt(1, task.pid);
        if (names->step() == SQLITE_ROW)
            task.comm = names->columnString(0);
        names->reset();
    }
    return {};
}

Status StatisticsQuery::computeUtilisation(const EventFilter& filter, const IdRange& all, Statistics& stats)
{
    if (!m_reader.findEventType(QStringLiteral("sched:sched_switch")) || all.size() == 0)
        return {};
    auto firstTs = tsOf(m_db, all.first);
    auto lastTs = tsOf(m_db, all.last);
    if (!firstTs || !lastTs)
        return firstTs ? lastTs.error() : firstTs.error();
    stats.windowStart = std::max(filter.from, *firstTs);
    stats.windowEnd = std::max(stats.windowStart, std::min(filter.to, *lastTs));

    std::vector<int> cpus;
    if (!filter.cpus.isEmpty()) {
        cpus.assign(filter.cpus.begin(), filter.cpus.end());
        std::sort(cpus.begin(), cpus.end());
    } else {
        auto withData = recordingCpus(m_db);
        if (!withData)
            return withData.error();
        cpus = std::move(withData.value());
    }
    for (int cpu : cpus)
        stats.utilisation.push_back({ cpu, 0, stats.windowEnd - stats.windowStart });
    if (stats.windowEnd == stats.windowStart)
        return {};
    stats.utilisationFromIndex = hasSliceTable();
    return stats.utilisationFromIndex ? utilisationFromSlices(cpus, stats) : utilisationFromSwitches(cpus, stats);
}

bool StatisticsQuery::hasSliceTable()
{
    if (indexIn(m_db, "main"))
        return true;
    // A read-only recording keeps its index in a cache file; attach it once per connection.
    const QString cache = timelineIndexCachePath(m_db.path());
    if (!QFileInfo::exists(cache))
        return false;
    if (indexIn(m_db, "stats_index"))
        return true;
    auto attach = m_db.prepare("ATTACH DATABASE ?1 AS stats_index");
    if (!attach)
        return false;
    attach->bindText(1, cache.toStdString());
    return attach->step() == SQLITE_DONE && indexIn(m_db, "stats_index");
}

Status StatisticsQuery::utilisationFromSlices(const std::vector<int>& cpus, Statistics& stats)
{
    // Slices of one CPU never overlap, so besides those starting inside the window only the
    // last one starting before it can reach into it. Idle time has no slices.
    auto inside = m_db.prepare("SELECT COALESCE(SUM(MIN(ts + dur, ?3) - ts), 0) FROM sched_slice "
                               "WHERE cpu = ?1 AND ts >= ?2 AND ts < ?3");
    auto before = m_db.prepare("SELECT ts + dur FROM sched_slice WHERE cpu = ?1 AND ts < ?2 ORDER BY ts DESC LIMIT 1");
    if (!inside || !before)
        return inside ? before.error() : inside.error();
    for (std::size_t i = 0; i < cpus.size(); ++i) {
        inside->bindInt(1, cpus[i]);
        inside->bindInt(2, stats.windowStart);
        inside->bindInt(3, stats.windowEnd);
        if (inside->step() != SQLITE_ROW)
            return m_db.error(Tr::tr("cannot read sched_slice"));
        std::int64_t busy = inside->columnInt(0);
        inside->reset();
        before->bindInt(1, cpus[i]);
        before->bindInt(2, stats.windowStart);
        if (before->step() == SQLITE_ROW)
            busy += std::max<std::int64_t>(0, std::min(before->columnInt(0), stats.windowEnd) - stats.windowStart);
        before->reset();
        stats.utilisation[i].busyNs = busy;
    }
    return {};
}

Result<int> StatisticsQuery::runningBefore(int cpu, std::int64_t firstId)
{
    const EventTypeInfo* type = m_reader.findEventType(QStringLiteral("sched:sched_switch"));
    auto q = m_db.prepare("SELECT s.next_pid FROM " + quoteIdentifier(type->fieldTable.toStdString())
        + " s JOIN event e ON e.id = s.event_id WHERE s.event_id < ?1 AND e.cpu = ?2 ORDER BY s.event_id DESC LIMIT 1");
    if (!q)
        return q.error();
    q->bindInt(1, firstId);
    q->bindInt(2, cpu);
    return q->step() == SQLITE_ROW ? static_cast<int>(q->columnInt(0)) : -1;
}

Status StatisticsQuery::utilisationFromSwitches(const std::vector<int>& cpus, Statistics& stats)
{
    struct CpuState {
        int running = -1; // -1: no sched_switch seen on this CPU yet
        std::int64_t since = 0;
    };
    std::unordered_map<int, std::size_t> slot;
    std::vector<CpuState> states(cpus.size());
    for (std::size_t i = 0; i < cpus.size(); ++i) {
        slot[cpus[i]] = i;
        auto running = runningBefore(cpus[i], stats.ids.first);
        if (!running)
            return running.error();
        states[i] = { *running, stats.windowStart };
    }
    const EventTypeInfo* type = m_reader.findEventType(QStringLiteral("sched:sched_switch"));
    auto rows = m_db.prepare("SELECT e.ts, e.cpu, s.next_pid FROM " + quoteIdentifier(type->fieldTable.toStdString())
        + " s JOIN event e ON e.id = s.event_id WHERE s.event_id BETWEEN ?1 AND ?2 ORDER BY s.event_id");
    if (!rows)
        return rows.error();
    rows->bindInt(1, stats.ids.first);
    rows->bindInt(2, stats.ids.last);
    int rc;
    while ((rc = rows->step()) == SQLITE_ROW) {
        const auto it = slot.find(static_cast<int>(rows->columnInt(1)));
        if (it == slot.end())
            continue;
        const std::int64_t ts = std::min(rows->columnInt(0), stats.windowEnd);
        CpuState& state = states[it->second];
        if (state.running > 0)
            stats.utilisation[it->second].busyNs += ts - state.since;
        state = { static_cast<int>(rows->columnInt(2)), ts };
    }
    if (rc != SQLITE_DONE)
        return m_db.error(Tr::tr("cannot read sched_switch events"));
    for (std::size_t i = 0; i < states.size(); ++i) {
        if (states[i].running > 0)
            stats.utilisation[i].busyNs += stats.windowEnd - states[i].since;
    }
    return {};
}

} // namespace Storage
