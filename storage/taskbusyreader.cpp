// SPDX-License-Identifier: GPL-3.0-or-later
#include "taskbusyreader.h"

#include "lanebuckets.h"
#include "timelineindex.h"
#include "timelinequery.h"

#include <QCoreApplication>

#include <sqlite3.h>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};
} // namespace

Result<TaskBusyReader> TaskBusyReader::create(Database& db, const std::string& indexSchema)
{
    TaskBusyReader reader;
    reader.m_db = &db;
    const std::string table = indexSchema + ".sched_slice";
    if (Status s = prepareStatements(db, {
        { &reader.m_before, "SELECT ts, dur, task_busy FROM " + table + " WHERE pid = ?1 AND ts <= ?2 ORDER BY ts DESC LIMIT 1" },
        { &reader.m_inRange, "SELECT ts, dur FROM " + table + " WHERE pid = ?1 AND ts > ?2 AND ts < ?3 ORDER BY ts" },
        { &reader.m_count, "SELECT COUNT(*) FROM (SELECT 1 FROM " + table + " WHERE pid = ?1 AND ts > ?2 AND ts < ?3 LIMIT ?4)" },
        });
        !s)
        return s.error();
    return reader;
}

Status TaskBusyReader::read(int pid, std::int64_t from, std::int64_t to, int level, TimelineLane& lane)
{
    lane.level = level;
    const std::int64_t buckets = ((to - 1) >> level) - (from >> level) + 1;
    auto slices = slicesIn(pid, from, to, 2 * buckets + 16);
    if (!slices)
        return slices.error();
    return *slices <= 2 * buckets ? readSlices(pid, from, to, lane) : readTotals(pid, from, to, lane);
}

Result<std::int64_t> TaskBusyReader::slicesIn(int pid, std::int64_t from, std::int64_t to, std::int64_t limit)
{
    m_count.bindInt(1, pid);
    m_count.bindInt(2, from);
    m_count.bindInt(3, to);
    m_count.bindInt(4, limit);
    const int rc = m_count.step();
    const std::int64_t count = rc == SQLITE_ROW ? m_count.columnInt(0) : 0;
    m_count.reset();
    if (rc != SQLITE_ROW)
        return m_db->error(Tr::tr("cannot read sched_slice"));
    return count;
}

// The slice running at `from` (if any), then those starting in the range.
Status TaskBusyReader::readSlices(int pid, std::int64_t from, std::int64_t to, TimelineLane& lane)
{
    LaneBuckets out(lane.level);
    m_before.bindInt(1, pid);
    m_before.bindInt(2, from);
    int rc = m_before.step();
    if (rc == SQLITE_ROW)
        out.credit(from, std::min(to, m_before.columnInt(0) + m_before.columnInt(1)), pid);
    m_before.reset();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return m_db->error(Tr::tr("cannot read sched_slice"));
    m_inRange.bindInt(1, pid);
    m_inRange.bindInt(2, from);
    m_inRange.bindInt(3, to);
    while ((rc = m_inRange.step()) == SQLITE_ROW) {
        const std::int64_t ts = m_inRange.columnInt(0);
        out.credit(ts, std::min(to, ts + m_inRange.columnInt(1)), pid);
    }
    m_inRange.reset();
    if (rc != SQLITE_DONE)
        return m_db->error(Tr::tr("cannot read sched_slice"));
    for (const LaneBuckets::Bucket& b : out.buckets()) {
        if (b.busy > 0)
            lane.buckets.push_back(TimelineBucket { b.index << lane.level, b.busy, 0, 0, pid });
    }
    return {};
}

// The task's time up to ts: its earlier slices, and the part of the last one before ts.
Result<std::int64_t> TaskBusyReader::totalAt(int pid, std::int64_t ts)
{
    m_before.bindInt(1, pid);
    m_before.bindInt(2, ts);
    const int rc = m_before.step();
    std::int64_t total = 0;
    if (rc == SQLITE_ROW)
        total = m_before.columnInt(2) + std::clamp<std::int64_t>(ts - m_before.columnInt(0), 0, m_before.columnInt(1));
    m_before.reset();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return m_db->error(Tr::tr("cannot read sched_slice"));
    return total;
}

Status TaskBusyReader::readTotals(int pid, std::int64_t from, std::int64_t to, TimelineLane& lane)
{
    auto before = totalAt(pid, from);
    if (!before)
        return before.error();
    for (std::int64_t index = from >> lane.level; index <= (to - 1) >> lane.level; ++index) {
        const std::int64_t end = std::min(to, TimelineIndex::bucketEnd(index, lane.level));
        auto after = totalAt(pid, end);
        if (!after)
            return after.error();
        if (*after > *before)
            lane.buckets.push_back(TimelineBucket { index << lane.level, *after - *before, 0, 0, pid });
        before = after;
    }
    return {};
}

} // namespace Storage
