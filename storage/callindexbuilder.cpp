// SPDX-License-Identifier: GPL-3.0-or-later
#include "callindexbuilder.h"

#include "recordinglimits.h"

#include "callindex.h"
#include "indextarget.h"
#include "schema.h"
#include "timelineindex.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <algorithm>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

static_assert(TimelineIndex::levelCount == 10, "CallIndexBuilder::levels follows the level count");

constexpr int progressInterval = 1 << 14;
// Deeper calls are indexed at this depth: a bound for corrupt depths, far beyond real stacks.
constexpr int maxIndexedDepth = 1023;

enum Column { Lane, LevelColumn, Bucket, DepthColumn, Busy, Calls, Top, CarryFunction, CarryEnd, Columns };
} // namespace

CallIndexBuilder::CallIndexBuilder(Database& db, std::string src, Progress progress)
    : m_db(db)
    , m_src(std::move(src))
    , m_progress(std::move(progress))
{
    for (int l = 0; l < levels; ++l)
        m_levels[std::size_t(l)].shift = TimelineIndex::firstLevel + l * TimelineIndex::levelStep;
}

CallIndexBuilder::~CallIndexBuilder() = default;

Status CallIndexBuilder::checked(int rc, const char* table)
{
    return rc == SQLITE_OK || rc == SQLITE_DONE ? Status() : Status(m_db.error(Tr::tr("cannot write %1").arg(QString::fromUtf8(table))));
}

Status CallIndexBuilder::run()
{
    if (Status s = m_db.exec(Schema::dropCallIndexTables); !s)
        return s;
    if (Status s = m_db.exec(Schema::createCallIndexTables); !s)
        return s;
    if (Status s = prepare(); !s)
        return s;
    // Tasks first, then the calls of unknown tasks by CPU, each under its lane's key (pid, or
    // CallLaneKey::forCpu(cpu) = -2 - cpu). (pid, ts) is the call_pid_ts index; depth orders a
    // call before its children that start at the same nanosecond.
    const std::string columns = "SELECT id, ts, dur, %1, depth, function_id FROM " + m_src + ".call ";
    for (const auto& [where, key] : { std::pair { "WHERE pid <> -1 AND ts IS NOT NULL ORDER BY pid, ts, depth", "pid" },
             std::pair { "WHERE pid = -1 AND ts IS NOT NULL ORDER BY cpu, ts, depth", "-2 - cpu" } }) {
        if (Status s = scan(QString::fromStdString(columns + where).arg(QLatin1String(key)).toStdString()); !s)
            return s;
    }
    auto meta = m_db.prepare("INSERT OR REPLACE INTO main.meta(key, value) VALUES ('call_index', ?1), ('call_index_calls', ?2)");
    if (!meta)
        return meta.error();
    meta->bindText(1, std::to_string(CallIndex::version));
    meta->bindText(2, indexMetaValue(m_db, m_src, "calls").toStdString());
    return checked(meta->step(), "meta");
}

Status CallIndexBuilder::prepare()
{
    auto summary = BatchInsert::prepare(m_db,
        "main.call_summary(pid, level, bucket, depth, busy_ns, calls, top_function, carry_function, carry_end)", Columns);
    auto task = m_db.prepare("INSERT INTO main.call_task VALUES (?1,?2,?3,?4,?5,?6)");
    auto openEnd = m_db.prepare("INSERT OR REPLACE INTO main.call_open_end VALUES (?1,?2)");
    if (!summary || !task || !openEnd)
        return m_db.error(Tr::tr("cannot prepare the call index"));
    m_summary = std::move(*summary);
    m_task = std::move(*task);
    m_openEnd = std::move(*openEnd);
    // Calls left open at the end last until the recording's last timestamp.
    auto end = m_db.prepare("SELECT MAX(COALESCE((SELECT MAX(ts + COALESCE(dur, 0)) FROM " + m_src
        + ".call), 0), COALESCE((SELECT ts FROM " + m_src + ".event ORDER BY id DESC LIMIT 1), 0)), (SELECT COUNT(*) FROM "
        + m_src + ".call)");
    if (!end || end->step() != SQLITE_ROW)
        return m_db.error(Tr::tr("cannot read the call table"));
    m_recordingEnd = end->columnInt(0);
    m_total = std::max<std::int64_t>(1, end->columnInt(1));
    return {};
}

Status CallIndexBuilder::scan(const std::string& sql)
{
    auto calls = m_db.prepare(sql);
    if (!calls)
        return m_db.error(Tr::tr("cannot read the call table"));
    int rc;
    while ((rc = calls->step()) == SQLITE_ROW) {
        // A damaged row (a time outside what a recording holds) is left out, not summed.
        if (!Limits::isTimestamp(calls->columnInt(1)) || calls->columnInt(2) > Limits::maxTimestampNs)
            continue;
        const std::int64_t key = calls->columnInt(3);
        const int lane = int(std::clamp<std::int64_t>(key, INT32_MIN, INT32_MAX));
        const std::int64_t ts = calls->columnInt(1);
        if (!m_laneStarted || lane != m_lane) {
            if (Status s = finishLane(); !s)
                return s;
            startLane(lane, ts);
        }
        Frame call { true, calls->columnIsNull(2), calls->columnInt(0), ts, 0, calls->columnInt(5) };
        call.end = call.open ? ts : ts + std::max<std::int64_t>(0, calls->columnInt(2));
        if (Status s = add(call, int(std::clamp<std::int64_t>(calls->columnInt(4), 0, maxIndexedDepth))); !s)
            return s;
        if ((++m_done % progressInterval) == 0 && m_progress && !m_progress(double(m_done) / double(m_total)))
            return Error { Tr::tr("%1: building the call index was cancelled").arg(m_db.path()) };
    }
    if (rc != SQLITE_DONE)
        return m_db.error(Tr::tr("cannot read the call table"));
    return finishLane();
}

void CallIndexBuilder::startLane(int lane, std::int64_t ts)
{
    m_lane = lane;
    m_laneStarted = true;
    for (Depth& d : m_depths) {
        d.frame = Frame();
        for (DepthBucket& bucket : d.buckets)
            bucket.bucket = INT64_MIN;
    }
    m_valid.clear();
    for (Level& level : m_levels) {
        level.bucket = INT64_MIN;
        level.starts = 0;
        level.touched.clear();
    }
    m_ends = {};
    m_totals = Totals();
    m_totals.firstTs = ts;
    m_totals.lastEnd = ts;
}

CallIndexBuilder::Depth& CallIndexBuilder::depth(int d)
{
    if (std::size_t(d) >= m_depths.size())
        m_depths.resize(std::size_t(d) + 1);
    return m_depths[std::size_t(d)];
}

Status CallIndexBuilder::add(Frame call, int d)
{
    // What returned by now first, then whatever is still running at this depth or deeper.
    if (Status s = endsUntil(call.ts, true); !s)
        return s;
    if (Status s = closeFrom(d, call.ts); !s)
        return s;
    if (Status s = advance(call.ts); !s)
        return s;
    if (call.open)
        call.end = parentEnd(d, call.ts);
    Depth& dep = depth(d);
    dep.frame = call;
    dep.accounted.fill(call.ts);
    for (std::size_t l = 0; l < levels; ++l) {
        touch(d, l);
        DepthBucket& bucket = dep.buckets[l];
        ++bucket.calls;
        bucket.functions.add(call.function, 0); // a bucket of zero-length calls still has a function
        ++m_levels[l].starts;
    }
    m_valid.push_back(d); // every running call deeper than d ended just now
    m_ends.push(End { call.end, d, call.id });
    ++m_totals.calls;
    m_totals.maxDepth = std::max(m_totals.maxDepth, d);
    m_totals.minDepth = std::min(m_totals.minDepth, d);
    return {};
}

// Called once the calls at d and deeper ended: the innermost running call is the parent.
std::int64_t CallIndexBuilder::parentEnd(int d, std::int64_t ts) const
{
    (void)d;
    return m_valid.empty() ? std::max(ts, m_recordingEnd) : m_depths[std::size_t(m_valid.back())].frame.end;
}

// Calls whose (recorded or latest) end is at or before ts end, in time order.
Status CallIndexBuilder::endsUntil(std::int64_t ts, bool inclusive)
{
    while (!m_ends.empty() && (m_ends.top().ts < ts || (inclusive && m_ends.top().ts == ts))) {
        const End end = m_ends.top();
        m_ends.pop();
        const Frame& frame = m_depths[std::size_t(end.depth)].frame;
        if (!frame.valid || frame.id != end.id)
            continue; // ended earlier, by a call at its depth or above
        if (Status s = endFrame(end.depth, end.ts); !s)
            return s;
    }
    return {};
}

Status CallIndexBuilder::closeFrom(int d, std::int64_t ts)
{
    while (!m_valid.empty() && m_valid.back() >= d) {
        const int deeper = m_valid.back();
        const Frame& frame = m_depths[std::size_t(deeper)].frame;
        if (Status s = endFrame(deeper, std::max(frame.ts, std::min(ts, frame.end))); !s)
            return s;
    }
    return {};
}

void CallIndexBuilder::touch(int d, std::size_t l)
{
    DepthBucket& bucket = m_depths[std::size_t(d)].buckets[l];
    if (bucket.bucket == m_levels[l].bucket)
        return;
    bucket.bucket = m_levels[l].bucket;
    bucket.busy = 0;
    bucket.calls = 0;
    bucket.functions.clear();
    m_levels[l].touched.push_back(d);
}

Status CallIndexBuilder::endFrame(int d, std::int64_t end)
{
    // The call's last nanosecond is end - 1: the buckets before that one are left first.
    if (end > INT64_MIN) {
        if (Status s = advance(end - 1); !s)
            return s;
    }
    Depth& dep = m_depths[std::size_t(d)];
    Frame& frame = dep.frame;
    for (std::size_t l = 0; l < levels; ++l) {
        touch(d, l);
        const std::int64_t from = std::max(dep.accounted[l], m_levels[l].start);
        if (end > from) {
            dep.buckets[l].busy += end - from;
            dep.buckets[l].functions.add(frame.function, end - from);
        }
        dep.accounted[l] = std::max(dep.accounted[l], end);
    }
    frame.valid = false;
    // Nested calls end innermost first: the last entry, but for damaged nesting.
    if (!m_valid.empty() && m_valid.back() == d)
        m_valid.pop_back();
    else if (const auto it = std::find(m_valid.begin(), m_valid.end(), d); it != m_valid.end())
        m_valid.erase(it);
    auto& byDepth = m_totals.timeByDepth;
    if (byDepth.size() <= std::size_t(d))
        byDepth.resize(std::size_t(d) + 1, 0);
    byDepth[std::size_t(d)] += end - frame.ts;
    m_totals.lastEnd = std::max(m_totals.lastEnd, end);
    if (!frame.open)
        return {};
    m_openEnd.bindInt(1, frame.id);
    m_openEnd.bindInt(2, end);
    const int rc = m_openEnd.step();
    m_openEnd.reset();
    if (Status s = checked(rc, "call_open_end"); !s)
        return s;
    // Rows that carry this call now know where it ends.
    for (std::size_t i = 0; i < m_pending.size();) {
        if (m_pending[i].call != frame.id) {
            ++i;
            continue;
        }
        PendingRow row = m_pending[i];
        m_pending[i] = m_pending.back();
        m_pending.pop_back();
        row.values[CarryEnd] = end;
        if (Status s = writeRow(row.values, row.hasTop, true); !s)
            return s;
    }
    return {};
}

// Leaves the buckets that end at or before ts (never goes back in time).
Status CallIndexBuilder::advance(std::int64_t ts)
{
    for (int l = 0; l < levels; ++l) {
        Level& level = m_levels[std::size_t(l)];
        const std::int64_t bucket = ts >> level.shift;
        if (level.bucket != INT64_MIN && bucket <= level.bucket)
            break;
        if (level.bucket != INT64_MIN) {
            if (Status s = closeBucket(l); !s)
                return s;
        }
        level.bucket = bucket;
        level.start = bucket << level.shift;
        level.end = TimelineIndex::bucketEnd(bucket, level.shift);
    }
    return {};
}

Status CallIndexBuilder::closeBucket(int l)
{
    Level& level = m_levels[std::size_t(l)];
    const bool dense = level.starts >= CallIndex::denseCalls;
    if (dense) {
        std::array<std::int64_t, Columns> marker {};
        marker[Lane] = m_lane;
        marker[LevelColumn] = level.shift;
        marker[Bucket] = level.bucket;
        marker[DepthColumn] = -1;
        marker[Calls] = level.starts;
        m_summary.beginRow();
        for (const int c : { Lane, LevelColumn, Bucket, DepthColumn, Calls })
            m_summary.setInt(c, marker[std::size_t(c)]);
        if (Status s = checked(m_summary.endRow(), "call_summary"); !s)
            return s;
    }
    for (const int d : level.touched) {
        Depth& dep = m_depths[std::size_t(d)];
        DepthBucket& bucket = dep.buckets[std::size_t(l)];
        const Frame& frame = dep.frame;
        if (frame.valid) {
            const std::int64_t from = std::max(dep.accounted[std::size_t(l)], level.start);
            if (level.end > from) {
                bucket.busy += level.end - from;
                bucket.functions.add(frame.function, level.end - from);
            }
            dep.accounted[std::size_t(l)] = std::max(dep.accounted[std::size_t(l)], level.end);
        }
        if (!dense)
            continue;
        const std::array<std::int64_t, Columns> values { m_lane, level.shift, level.bucket, d, bucket.busy, bucket.calls,
            bucket.functions.top(), frame.function, frame.end };
        if (frame.valid && frame.open) {
            m_pending.push_back(PendingRow { frame.id, values, !bucket.functions.empty() });
            continue;
        }
        if (Status s = writeRow(values, !bucket.functions.empty(), frame.valid); !s)
            return s;
    }
    level.touched.clear();
    level.starts = 0;
    return {};
}

Status CallIndexBuilder::writeRow(const std::array<std::int64_t, Columns>& values, bool hasTop, bool hasCarry)
{
    m_summary.beginRow();
    for (int c = 0; c < Columns; ++c) {
        if ((c == Top && !hasTop) || ((c == CarryFunction || c == CarryEnd) && !hasCarry))
            continue;
        m_summary.setInt(c, values[std::size_t(c)]);
    }
    return checked(m_summary.endRow(), "call_summary");
}

Status CallIndexBuilder::finishLane()
{
    if (!m_laneStarted)
        return {};
    if (Status s = endsUntil(m_recordingEnd, true); !s)
        return s;
    if (Status s = closeFrom(0, std::max(m_recordingEnd, m_totals.lastEnd)); !s)
        return s;
    for (int l = 0; l < levels; ++l) {
        if (m_levels[std::size_t(l)].bucket != INT64_MIN) {
            if (Status s = closeBucket(l); !s)
                return s;
        }
    }
    // A task's busy time: its time in its outermost recorded calls.
    const auto& byDepth = m_totals.timeByDepth;
    const std::int64_t busy = std::size_t(m_totals.minDepth) < byDepth.size() ? byDepth[std::size_t(m_totals.minDepth)] : 0;
    const std::int64_t values[] = { m_lane, m_totals.calls, m_totals.maxDepth, busy, m_totals.firstTs, m_totals.lastEnd };
    for (int i = 0; i < 6; ++i)
        m_task.bindInt(i + 1, values[i]);
    const int rc = m_task.step();
    m_task.reset();
    m_laneStarted = false;
    if (Status s = checked(rc, "call_task"); !s)
        return s;
    return checked(m_summary.flush(), "call_summary");
}

} // namespace Storage
