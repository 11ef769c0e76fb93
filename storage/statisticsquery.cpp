// SPDX-License-Identifier: GPL-3.0-or-later
#include "statisticsquery.h"

#include "schema.h"
#include "timelineindex.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <sqlite3.h>

#include <algorithm>
#include <limits>
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
    int maxTypeId = 0;
    for (const EventTypeInfo& type : m_reader.eventTypes())
        maxTypeId = std::max(maxTypeId, type.id);
    const auto knownType = [maxTypeId](std::int64_t id) { return id >= 0 && id <= maxTypeId; };
    auto rows = m_db.prepare("SELECT id, type_id, cpu, pid FROM event WHERE id BETWEEN ? AND ?");
    if (!rows)
        return rows.error();
    rows->bindInt(1, stats.ids.first);
    rows->bindInt(2, stats.ids.last);
    std::vector<std::int64_t> byType;
    std::vector<std::int64_t> byCpu;
    std::unordered_map<int, std::int64_t> byPid;
    std::int64_t scanned = 0;
    int rc;
    while ((rc = rows->step()) == SQLITE_ROW) {
        if (++scanned % cancelCheckEvery == 0 && cancelled && cancelled())
            return cancelledError();
        if (matching && !matching->contains(rows->columnInt(0)))
            continue;
        // Values from the file index the counters: a damaged or edited row is an error, not an
        // index (a CPU of -1 was a write far out of bounds, one of 10^9 a 16 GB vector).
        if (!knownType(rows->columnInt(1)) || rows->columnInt(2) < 0 || rows->columnInt(2) >= Schema::maxCpus)
            return Error { Tr::tr("%1: event %2 has CPU %3 and type %4: the recording is damaged")
                               .arg(m_db.path())
                               .arg(rows->columnInt(0))
                               .arg(rows->columnInt(2))
                               .arg(rows->columnInt(1)) };
        const auto type = static_cast<std::size_t>(rows->columnInt(1));
        const auto cpu = static_cast<std::size_t>(rows->columnInt(2));
        if (type >= byType.size())
            byType.resize(type + 1);
        if (cpu >= byCpu.size())
            byCpu.resize(cpu + 1);
        ++byType[type];
        ++byCpu[cpu];
        ++byPid[static_cast<int>(rows->columnInt(3))];
        ++stats.total;
    }
    if (rc != SQLITE_DONE)
        return m_db.error(Tr::tr("cannot count events"));

    for (const EventTypeInfo& type : m_reader.eventTypes()) {
        const auto id = static_cast<std::size_t>(type.id);
        if (id < byType.size() && byType[id] > 0)
            stats.byType.push_back({ type.id, type.qualifiedName(), byType[id] });
    }
    for (std::size_t cpu = 0; cpu < byCpu.size(); ++cpu) {
        if (byCpu[cpu] > 0)
            stats.byCpu.push_back({ static_cast<int>(cpu), byCpu[cpu] });
    }
    for (const auto& [pid, count] : byPid)
        stats.byTask.push_back({ pid, QString(), count });
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
        // meta says how many; a damaged or hostile file may say a billion (two queries each).
        const int count = std::clamp(m_reader.meta().value(QStringLiteral("cpus")).toInt(), 0, Schema::maxCpus);
        for (int cpu = 0; cpu < count; ++cpu)
            cpus.push_back(cpu);
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
