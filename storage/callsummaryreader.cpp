// SPDX-License-Identifier: GPL-3.0-or-later
#include "callsummaryreader.h"

#include "callslicequery.h"
#include "timelineindex.h"

#include <QCoreApplication>

#include <sqlite3.h>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};
} // namespace

// One read: per depth, the call running and the buckets so far.
struct CallSummaryReader::Walk {
    std::vector<Depth> depths;
    std::vector<LaneBuckets> out;
    int maxDepth = 0;

    Walk(int level, int maxDepth, std::int64_t from)
        : depths(std::size_t(maxDepth) + 1, Depth { 0, INT64_MIN, from })
        , out(std::size_t(maxDepth) + 1, LaneBuckets(level))
        , maxDepth(maxDepth)
    {
    }

    void creditUntil(int d, std::int64_t ts)
    {
        Depth& depth = depths[std::size_t(d)];
        if (depth.end != INT64_MIN) {
            out[std::size_t(d)].credit(depth.creditedTo, std::min(ts, depth.end), depth.function);
            if (depth.end <= ts)
                depth.end = INT64_MIN;
        }
        depth.creditedTo = std::max(depth.creditedTo, ts);
    }

    void start(int d, std::int64_t ts, std::int64_t end, std::int64_t function)
    {
        creditUntil(d, ts);
        LaneBuckets::Bucket& bucket = out[std::size_t(d)].at(ts);
        ++bucket.count;
        bucket.time.add(function, 0);
        depths[std::size_t(d)] = Depth { function, end, ts };
    }
};

Result<CallSummaryReader> CallSummaryReader::create(Database& db, const std::string& indexSchema)
{
    CallSummaryReader reader;
    reader.m_db = &db;
    const std::string columns = "SELECT id, ts, dur, function_id, depth FROM main.call ";
    if (Status s = prepareStatements(db, {
        { &reader.m_summary, "SELECT bucket, depth, busy_ns, calls, top_function, carry_function, carry_end FROM " + indexSchema
                + ".call_summary WHERE pid = ?1 AND level = ?2 AND bucket BETWEEN ?3 AND ?4 AND depth <= ?5 ORDER BY bucket, depth" },
        { &reader.m_calls[0], columns + "WHERE pid = ?1 AND ts >= ?2 AND ts < ?3 AND depth <= ?4 ORDER BY ts, depth" },
        { &reader.m_calls[1], columns + "WHERE pid = -1 AND cpu = -2 - ?1 AND ts >= ?2 AND ts < ?3 AND depth <= ?4 ORDER BY ts, depth" },
        { &reader.m_openEnd, "SELECT end_ts FROM " + indexSchema + ".call_open_end WHERE id = ?1" },
        });
        !s)
        return s.error();
    return reader;
}

Result<std::int64_t> CallSummaryReader::drawnEnd(std::int64_t id, std::int64_t ts)
{
    m_openEnd.bindInt(1, id);
    const int rc = m_openEnd.step();
    const std::int64_t end = rc == SQLITE_ROW ? m_openEnd.columnInt(0) : ts;
    m_openEnd.reset();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return m_db->error(Tr::tr("cannot read call_open_end"));
    return std::max(ts, end);
}

// A sparse stretch: the calls starting in it, one by one.
Status CallSummaryReader::readCalls(int lane, std::int64_t from, std::int64_t to, Walk& walk)
{
    if (from >= to)
        return {};
    Statement& calls = m_calls[CallLaneKey::isCpu(lane) ? 1 : 0];
    calls.bindInt(1, lane);
    calls.bindInt(2, from);
    calls.bindInt(3, to);
    calls.bindInt(4, walk.maxDepth);
    int rc;
    while ((rc = calls.step()) == SQLITE_ROW) {
        const std::int64_t ts = calls.columnInt(1);
        std::int64_t end = ts + std::max<std::int64_t>(0, calls.columnInt(2));
        if (calls.columnIsNull(2)) {
            auto drawn = drawnEnd(calls.columnInt(0), ts);
            if (!drawn) {
                calls.reset();
                return drawn.error();
            }
            end = *drawn;
        }
        const int depth = int(std::clamp<std::int64_t>(calls.columnInt(4), 0, walk.maxDepth));
        walk.start(depth, ts, end, calls.columnInt(3));
    }
    calls.reset();
    return rc == SQLITE_DONE ? Status() : Status(m_db->error(Tr::tr("cannot read the call table")));
}

Status CallSummaryReader::read(int lane, std::int64_t from, std::int64_t to, int level, int maxDepth,
    const std::vector<CallSlice>& running, CallLane& out)
{
    const int stored = std::min(level, TimelineIndex::lastLevel);
    Walk walk(level, std::max(0, maxDepth), from);
    for (const CallSlice& call : running) {
        if (call.depth >= 0 && call.depth <= walk.maxDepth && call.end() > from)
            walk.depths[std::size_t(call.depth)] = Depth { call.function, call.end(), from };
    }
    std::int64_t next = from; // where the calls not read yet start
    m_summary.bindInt(1, lane);
    m_summary.bindInt(2, stored);
    m_summary.bindInt(3, from >> stored);
    m_summary.bindInt(4, (to - 1) >> stored);
    m_summary.bindInt(5, walk.maxDepth);
    int rc;
    while ((rc = m_summary.step()) == SQLITE_ROW) {
        const std::int64_t bucket = m_summary.columnInt(0);
        const std::int64_t start = bucket << stored;
        const int depth = int(m_summary.columnInt(1));
        if (depth < 0) {
            // A dense bucket starts: first the sparse stretch before it.
            if (Status s = readCalls(lane, next, start, walk); !s) {
                m_summary.reset();
                return s;
            }
            next = TimelineIndex::bucketEnd(bucket, stored);
            continue;
        }
        walk.creditUntil(depth, start);
        LaneBuckets::Bucket& b = walk.out[std::size_t(depth)].at(start);
        const std::int64_t busy = m_summary.columnInt(2);
        b.busy += busy;
        b.count += m_summary.columnInt(3);
        if (!m_summary.columnIsNull(4))
            b.time.add(m_summary.columnInt(4), busy);
        const bool carries = !m_summary.columnIsNull(6);
        walk.depths[std::size_t(depth)] = Depth { m_summary.columnInt(5), carries ? m_summary.columnInt(6) : INT64_MIN,
            TimelineIndex::bucketEnd(bucket, stored) };
    }
    m_summary.reset();
    if (rc != SQLITE_DONE)
        return m_db->error(Tr::tr("cannot read call_summary"));
    if (Status s = readCalls(lane, next, to, walk); !s)
        return s;
    out.level = level;
    for (int d = 0; d <= walk.maxDepth; ++d) {
        walk.creditUntil(d, to);
        for (const LaneBuckets::Bucket& b : walk.out[std::size_t(d)].buckets()) {
            if (b.busy == 0 && b.count == 0)
                continue;
            out.buckets.push_back(CallBucket { b.index << level, b.busy, b.count, b.time.top(), std::int32_t(d) });
            out.maxDepth = std::max(out.maxDepth, d);
        }
    }
    return {};
}

} // namespace Storage
