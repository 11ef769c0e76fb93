// SPDX-License-Identifier: GPL-3.0-or-later
#include "cpusummaryreader.h"

#include "timelineindex.h"
#include "timelinequery.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <unordered_map>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};
} // namespace

// One read: the lanes by CPU, and where the events not read yet start.
struct CpuSummaryReader::Run {
    std::vector<Lane> lanes;
    std::unordered_map<int, std::size_t> laneOfCpu;
    std::int64_t recordingEnd = 0;

    Lane* laneOf(int cpu)
    {
        const auto it = laneOfCpu.find(cpu);
        return it == laneOfCpu.end() ? nullptr : &lanes[it->second];
    }
};

Result<CpuSummaryReader> CpuSummaryReader::create(Database& db, const std::string& indexSchema, int switchType,
    const std::string& switchTable)
{
    CpuSummaryReader reader;
    reader.m_db = &db;
    const std::string nextPid = switchType > 0
        ? "CASE WHEN e.type_id = " + std::to_string(switchType) + " THEN (SELECT next_pid FROM main." + switchTable
            + " WHERE event_id = e.id) END"
        : std::string("NULL");
    if (Status s = prepareStatements(db, {
        { &reader.m_sliceAt, "SELECT ts, dur, pid FROM " + indexSchema + ".sched_slice WHERE cpu = ?1 AND ts <= ?2 ORDER BY ts DESC LIMIT 1" },
        { &reader.m_summary, "SELECT bucket, cpu, busy_ns, top_pid, events, type_mask, end_pid, first_id FROM " + indexSchema
                + ".cpu_summary WHERE level = ?1 AND bucket BETWEEN ?2 AND ?3 ORDER BY bucket, cpu" },
        { &reader.m_events, "SELECT e.id, e.ts, e.cpu, e.type_id, " + nextPid + " FROM main.event e WHERE e.id >= ?1 AND e.id < ?2" },
        });
        !s)
        return s.error();
    return reader;
}

// The task each CPU runs at `from`: the slice that covers it, if any.
Status CpuSummaryReader::startState(std::int64_t from, const std::vector<int>& cpus, std::vector<Lane>& lanes)
{
    for (std::size_t i = 0; i < cpus.size(); ++i) {
        m_sliceAt.bindInt(1, cpus[i]);
        m_sliceAt.bindInt(2, from);
        const int rc = m_sliceAt.step();
        if (rc == SQLITE_ROW && m_sliceAt.columnInt(0) + m_sliceAt.columnInt(1) > from)
            lanes[i].pid = int(m_sliceAt.columnInt(2));
        m_sliceAt.reset();
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return m_db->error(Tr::tr("cannot read sched_slice"));
        lanes[i].creditedTo = from;
    }
    return {};
}

void CpuSummaryReader::creditUntil(Lane& lane, std::int64_t ts, std::int64_t recordingEnd) const
{
    if (lane.pid > 0)
        lane.out.credit(lane.creditedTo, std::min(ts, recordingEnd), lane.pid);
    lane.creditedTo = std::max(lane.creditedTo, ts);
}

// A sparse stretch: its events one by one (few per bucket, or the bucket would be stored).
Status CpuSummaryReader::readEvents(std::int64_t firstId, std::int64_t endId, Run& run)
{
    if (firstId >= endId)
        return {};
    m_events.bindInt(1, firstId);
    m_events.bindInt(2, endId);
    int rc;
    while ((rc = m_events.step()) == SQLITE_ROW) {
        Lane* lane = run.laneOf(int(m_events.columnInt(2)));
        if (!lane)
            continue;
        const std::int64_t ts = m_events.columnInt(1);
        creditUntil(*lane, ts, run.recordingEnd);
        LaneBuckets::Bucket& bucket = lane->out.at(ts);
        ++bucket.count;
        bucket.mask |= std::uint64_t(1) << TimelineIndex::maskBit(int(m_events.columnInt(3)));
        if (!m_events.columnIsNull(4)) {
            const std::int64_t next = m_events.columnInt(4);
            lane->pid = next > 0 && next <= INT32_MAX ? int(next) : 0;
        }
    }
    m_events.reset();
    return rc == SQLITE_DONE ? Status() : Status(m_db->error(Tr::tr("cannot read the event table")));
}

Status CpuSummaryReader::read(std::int64_t from, std::int64_t to, int level, const std::vector<int>& cpus,
    EventTimeSearch& search, std::int64_t recordingEnd, std::vector<TimelineLane>& lanes)
{
    const int stored = std::min(level, TimelineIndex::lastLevel);
    Run run;
    run.recordingEnd = recordingEnd;
    for (std::size_t i = 0; i < cpus.size(); ++i) {
        run.lanes.push_back(Lane { LaneBuckets(level), 0, from });
        run.laneOfCpu.emplace(cpus[i], i);
    }
    if (Status s = startState(from, cpus, run.lanes); !s)
        return s;
    auto first = search.firstIdAtOrAfter(from);
    auto end = search.firstIdAtOrAfter(to);
    if (!first || !end)
        return (first ? end : first).error();
    std::int64_t nextId = *first;
    m_summary.bindInt(1, stored);
    m_summary.bindInt(2, from >> stored);
    m_summary.bindInt(3, (to - 1) >> stored);
    int rc;
    while ((rc = m_summary.step()) == SQLITE_ROW) {
        const std::int64_t bucket = m_summary.columnInt(0);
        const int cpu = int(m_summary.columnInt(1));
        if (cpu == -1) {
            // A dense bucket starts: first the sparse stretch before it.
            if (Status s = readEvents(nextId, m_summary.columnInt(7), run); !s) {
                m_summary.reset();
                return s;
            }
            nextId = m_summary.columnInt(7) + m_summary.columnInt(4);
            continue;
        }
        Lane* lane = run.laneOf(cpu);
        if (!lane)
            continue;
        const std::int64_t start = bucket << stored;
        creditUntil(*lane, start, recordingEnd);
        LaneBuckets::Bucket& out = lane->out.at(start);
        const std::int64_t busy = m_summary.columnInt(2);
        out.busy += busy;
        out.count += m_summary.columnInt(4);
        out.mask |= std::uint64_t(m_summary.columnInt(5));
        if (!m_summary.columnIsNull(3))
            out.time.add(m_summary.columnInt(3), busy);
        lane->pid = int(m_summary.columnInt(6));
        lane->creditedTo = TimelineIndex::bucketEnd(bucket, stored);
    }
    m_summary.reset();
    if (rc != SQLITE_DONE)
        return m_db->error(Tr::tr("cannot read cpu_summary"));
    if (Status s = readEvents(nextId, *end, run); !s)
        return s;
    for (std::size_t i = 0; i < cpus.size(); ++i) {
        creditUntil(run.lanes[i], to, recordingEnd);
        TimelineLane& lane = lanes[i];
        lane.level = level;
        for (const LaneBuckets::Bucket& b : run.lanes[i].out.buckets()) {
            if (b.busy > 0 || b.count > 0)
                lane.buckets.push_back(TimelineBucket { b.index << level, b.busy, b.count, b.mask, int(b.time.top()) });
        }
    }
    return {};
}

} // namespace Storage
