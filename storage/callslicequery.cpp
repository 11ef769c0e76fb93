// SPDX-License-Identifier: GPL-3.0-or-later
#include "callslicequery.h"

#include "callindex.h"
#include "recordinglimits.h"
#include "timelinequery.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <algorithm>
#include <optional>
#include <tuple>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

constexpr const char* callColumns = "SELECT id, ts, dur, self, function_id, depth, flags, parent_id FROM call ";
// Parent links walked from one call; far beyond real stacks, a guard against corrupt links.
constexpr int maxWalk = 4096;
// Searches for the calls running at a range's start when parent links are missing.
constexpr int maxRounds = 4;
} // namespace

CallSliceQuery::CallSliceQuery(Database db, QString schema)
    : m_db(std::move(db))
    , m_schema(std::move(schema))
{
}

Result<std::unique_ptr<CallSliceQuery>> CallSliceQuery::open(const QString& path)
{
    auto db = Database::open(path, Database::Mode::ReadOnly);
    if (!db)
        return db.error();
    auto schema = attachCallIndex(*db);
    if (!schema)
        return schema.error();
    std::unique_ptr<CallSliceQuery> query(new CallSliceQuery(std::move(*db), *schema));
    if (Status s = query->prepare(); !s)
        return s.error();
    return query;
}

Error CallSliceQuery::failed(const char* what) const { return m_db.error(Tr::tr("cannot read %1").arg(QString::fromUtf8(what))); }

Status CallSliceQuery::prepare()
{
    const std::string s = m_schema.toStdString() + '.';
    const std::string columns(callColumns);
    const std::pair<Statement*, std::string> statements[] = {
        { &m_summary, "SELECT bucket, depth, busy_ns, calls, top_function FROM " + s
                + "call_summary WHERE pid = ?1 AND level = ?2 AND bucket BETWEEN ?3 AND ?4 AND depth <= ?5" },
        { &m_calls[0], columns + "WHERE pid = ?1 AND ts >= ?2 AND ts < ?3 AND depth <= ?4" },
        { &m_lastBefore[0], "SELECT ts FROM call WHERE pid = ?1 AND ts < ?2 ORDER BY ts DESC LIMIT 1" },
        { &m_callsAt[0], columns + "WHERE pid = ?1 AND ts = ?2" },
        // Unknown tasks: (pid, ts) is still the index; the CPU is a filter on its range.
        { &m_calls[1], columns + "WHERE pid = -1 AND cpu = -2 - ?1 AND ts >= ?2 AND ts < ?3 AND depth <= ?4" },
        { &m_lastBefore[1], "SELECT ts FROM call WHERE pid = -1 AND cpu = -2 - ?1 AND ts < ?2 ORDER BY ts DESC LIMIT 1" },
        { &m_callsAt[1], columns + "WHERE pid = -1 AND cpu = -2 - ?1 AND ts = ?2" },
        { &m_callById, columns + "WHERE id = ?1" },
        { &m_openEnd, "SELECT end_ts FROM " + s + "call_open_end WHERE id = ?1" },
        { &m_name, "SELECT str FROM string WHERE id = ?1" },
    };
    for (const auto& [target, sql] : statements) {
        auto stmt = m_db.prepare(sql);
        if (!stmt)
            return stmt.error();
        *target = std::move(*stmt);
    }
    return {};
}

bool CallSliceQuery::useCalls(std::int64_t callsInRange, double pixels, double perPixel)
{
    return double(callsInRange) <= perPixel * std::max(1.0, pixels);
}

Result<std::vector<CallTaskInfo>> CallSliceQuery::tasks()
{
    auto q = m_db.prepare("SELECT pid, calls, max_depth, busy_ns, first_ts, last_end FROM " + m_schema.toStdString()
        + ".call_task ORDER BY busy_ns DESC, calls DESC, pid");
    if (!q)
        return q.error();
    std::vector<CallTaskInfo> tasks;
    int rc;
    while ((rc = q->step()) == SQLITE_ROW) {
        // Times a recording cannot hold (a damaged index) would stretch the timeline's range past
        // what 64 bits hold: such a task has no lane.
        if (!Limits::isTimestamp(q->columnInt(4)) || !Limits::isTimestamp(q->columnInt(5)))
            continue;
        tasks.push_back(CallTaskInfo { int(q->columnInt(0)), q->columnInt(1), int(q->columnInt(2)), q->columnInt(3),
            q->columnInt(4), q->columnInt(5) });
    }
    if (rc != SQLITE_DONE)
        return failed("call_task");
    return tasks;
}

Result<CallLanesData> CallSliceQuery::fetch(const CallLanesRequest& request)
{
    CallLanesData data { request.from, request.to, request.nsPerPixel, {}, {} };
    for (const int pid : request.pids) {
        auto lane = this->lane(pid, request);
        if (!lane)
            return lane.error();
        if (Status s = resolveNames(*lane, m_names); !s)
            return s.error();
        data.lanes.push_back(std::move(*lane));
    }
    data.functionNames = m_names;
    return data;
}

// Summaries first: they are few (a handful per pixel and depth) and say how many calls the
// range holds; if that is few enough per pixel, the calls themselves replace them.
Result<CallLane> CallSliceQuery::lane(int pid, const CallLanesRequest& request)
{
    CallLane lane;
    lane.pid = pid;
    if (request.to <= request.from)
        return lane;
    const int level = TimelineQuery::summaryLevel(request.nsPerPixel);
    if (Status s = readSummary(lane, pid, request, level); !s)
        return s.error();
    std::int64_t calls = 0;
    for (const CallBucket& bucket : lane.buckets)
        calls += bucket.calls;
    const double pixels = double(request.to - request.from) / std::max(1e-9, request.nsPerPixel);
    if (useCalls(calls, pixels, request.rawCallsPerPixel)) {
        lane.buckets.clear();
        lane.level = -1;
        lane.maxDepth = -1;
        if (Status s = readCalls(lane, pid, request); !s)
            return s.error();
    }
    return lane;
}

Status CallSliceQuery::readSummary(CallLane& lane, int pid, const CallLanesRequest& request, int level)
{
    lane.level = level;
    m_summary.bindInt(1, pid);
    m_summary.bindInt(2, level);
    m_summary.bindInt(3, request.from >> level);
    m_summary.bindInt(4, (request.to - 1) >> level);
    m_summary.bindInt(5, request.maxDepth);
    int rc;
    while ((rc = m_summary.step()) == SQLITE_ROW) {
        const CallBucket bucket { m_summary.columnInt(0) << level, m_summary.columnInt(2), m_summary.columnInt(3),
            m_summary.columnInt(4), std::int32_t(m_summary.columnInt(1)) };
        lane.buckets.push_back(bucket);
        lane.maxDepth = std::max(lane.maxDepth, int(bucket.depth));
    }
    m_summary.reset();
    if (rc != SQLITE_DONE)
        return failed("call_summary");
    // Rows come by (bucket, depth); rows of one depth must be contiguous.
    std::stable_sort(lane.buckets.begin(), lane.buckets.end(),
        [](const CallBucket& a, const CallBucket& b) { return a.depth < b.depth; });
    return {};
}

Result<CallSlice> CallSliceQuery::callFrom(Statement& row, std::int64_t* parent)
{
    CallSlice call { row.columnInt(0), row.columnInt(1), row.columnInt(2), row.columnIsNull(3) ? noTime : row.columnInt(3),
        row.columnInt(4), std::int32_t(row.columnInt(5)), std::int32_t(row.columnInt(6)) };
    if (parent)
        *parent = row.columnIsNull(7) ? 0 : row.columnInt(7);
    if (!row.columnIsNull(2))
        return call;
    // No exit recorded: the index knows up to where it is drawn.
    call.flags |= CallFlag::NoExit;
    m_openEnd.bindInt(1, call.id);
    const int rc = m_openEnd.step();
    call.dur = rc == SQLITE_ROW ? std::max<std::int64_t>(0, m_openEnd.columnInt(0) - call.ts) : 0;
    m_openEnd.reset();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return failed("call_open_end");
    return call;
}

Status CallSliceQuery::readCalls(CallLane& lane, int pid, const CallLanesRequest& request)
{
    if (Status s = readRunningAt(lane.calls, pid, request.from, request.maxDepth); !s)
        return s;
    Statement& calls = m_calls[CallLaneKey::isCpu(pid) ? 1 : 0];
    calls.bindInt(1, pid);
    calls.bindInt(2, request.from);
    calls.bindInt(3, request.to);
    calls.bindInt(4, request.maxDepth);
    int rc;
    while ((rc = calls.step()) == SQLITE_ROW) {
        auto call = callFrom(calls);
        if (!call) {
            calls.reset();
            return call.error();
        }
        lane.calls.push_back(*call);
    }
    calls.reset();
    if (rc != SQLITE_DONE)
        return failed("call");
    std::sort(lane.calls.begin(), lane.calls.end(), [](const CallSlice& a, const CallSlice& b) {
        return std::tie(a.depth, a.ts, a.id) < std::tie(b.depth, b.ts, b.id);
    });
    for (const CallSlice& call : lane.calls)
        lane.maxDepth = std::max(lane.maxDepth, int(call.depth));
    return {};
}

// The calls still running at `from` started before it. Calls of one task nest, so they are the
// ancestors of the last call started before `from` (or that call): found by walking parent
// links, at most one per depth, never by scanning. A missing link (a parent whose entry was
// not recorded) is bridged by searching again before the oldest call found.
Status CallSliceQuery::readRunningAt(std::vector<CallSlice>& out, int pid, std::int64_t from, int maxDepth)
{
    Statement& lastBefore = m_lastBefore[CallLaneKey::isCpu(pid) ? 1 : 0];
    Statement& callsAt = m_callsAt[CallLaneKey::isCpu(pid) ? 1 : 0];
    std::int64_t before = from;
    int shallowest = maxShownDepth + 1;
    for (int round = 0; round < maxRounds && shallowest > 0; ++round) {
        lastBefore.bindInt(1, pid);
        lastBefore.bindInt(2, before);
        int rc = lastBefore.step();
        const std::int64_t ts = rc == SQLITE_ROW ? lastBefore.columnInt(0) : 0;
        lastBefore.reset();
        if (rc != SQLITE_ROW)
            return rc == SQLITE_DONE ? Status() : Status(failed("call"));
        // Of the calls starting at that instant, the deepest one is the innermost.
        std::optional<CallSlice> start;
        std::int64_t parent = 0;
        callsAt.bindInt(1, pid);
        callsAt.bindInt(2, ts);
        while ((rc = callsAt.step()) == SQLITE_ROW) {
            std::int64_t p = 0;
            auto call = callFrom(callsAt, &p);
            if (call && (!start || call->depth > start->depth)) {
                start = *call;
                parent = p;
            }
        }
        callsAt.reset();
        if (!start)
            return {};
        for (int walk = 0; start && walk < maxWalk; ++walk) {
            shallowest = std::min(shallowest, int(start->depth));
            before = std::min(before, start->ts);
            if (start->end() > from && start->depth <= maxDepth
                && std::none_of(out.begin(), out.end(), [&](const CallSlice& c) { return c.id == start->id; }))
                out.push_back(*start);
            start.reset();
            if (parent <= 0)
                break;
            m_callById.bindInt(1, parent);
            if (m_callById.step() == SQLITE_ROW) {
                auto call = callFrom(m_callById, &parent);
                if (call && !m_callById.columnIsNull(1))
                    start = *call;
            }
            m_callById.reset();
        }
    }
    return {};
}

Status CallSliceQuery::resolveNames(const CallLane& lane, QHash<std::int64_t, QString>& names)
{
    auto resolve = [&](std::int64_t id) -> Status {
        if (names.contains(id))
            return {};
        m_name.bindInt(1, id);
        const int rc = m_name.step();
        names.insert(id, rc == SQLITE_ROW ? m_name.columnString(0) : QString());
        m_name.reset();
        return rc == SQLITE_ROW || rc == SQLITE_DONE ? Status() : Status(failed("string"));
    };
    for (const CallSlice& call : lane.calls) {
        if (Status s = resolve(call.function); !s)
            return s;
    }
    for (const CallBucket& bucket : lane.buckets) {
        if (Status s = resolve(bucket.topFunction); !s)
            return s;
    }
    return {};
}

} // namespace Storage
