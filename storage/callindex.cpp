// SPDX-License-Identifier: GPL-3.0-or-later
#include "callindex.h"

#include "indextarget.h"
#include "recordinglimits.h"

#include "calltable.h"
#include "sqlitedb.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <unordered_map>
#include <vector>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

using TimelineIndex::firstLevel;
using TimelineIndex::levelCount;
using TimelineIndex::levelStep;

constexpr int progressInterval = 1 << 14;
// Deeper calls are indexed at this depth: a bound for corrupt depths, far beyond real stacks.
constexpr int maxIndexedDepth = 1023;
constexpr const char* cacheSchema = "callidx";

const char* const createTablesSql = R"sql(
DROP TABLE IF EXISTS %1.call_summary;
DROP TABLE IF EXISTS %1.call_task;
DROP TABLE IF EXISTS %1.call_open_end;
CREATE TABLE %1.call_summary (
    pid INTEGER NOT NULL, level INTEGER NOT NULL, bucket INTEGER NOT NULL, depth INTEGER NOT NULL,
    busy_ns INTEGER NOT NULL, calls INTEGER NOT NULL, top_function INTEGER NOT NULL,
    PRIMARY KEY (pid, level, bucket, depth)) WITHOUT ROWID;
CREATE TABLE %1.call_task (
    pid INTEGER PRIMARY KEY, calls INTEGER NOT NULL, max_depth INTEGER NOT NULL, busy_ns INTEGER NOT NULL,
    first_ts INTEGER NOT NULL, last_end INTEGER NOT NULL);
CREATE TABLE %1.call_open_end (id INTEGER PRIMARY KEY, end_ts INTEGER NOT NULL);
)sql";

std::string withSchema(const char* sql, const std::string& schema)
{
    return QString::fromUtf8(sql).arg(QString::fromStdString(schema)).toStdString();
}

QString metaValue(Database& db, const std::string& schema, const char* key)
{
    auto q = db.prepare("SELECT value FROM " + schema + ".meta WHERE key = ?1");
    if (!q)
        return {};
    q->bindText(1, key);
    return q->step() == SQLITE_ROW ? q->columnString(0) : QString();
}

// Current: built by this version from the call table the recording holds now (the writer
// replaces the table and its `calls` count together).
bool isCurrent(Database& db, const std::string& indexSchema, const QString& callsMeta)
{
    return metaValue(db, indexSchema, "call_index") == QString::number(CallIndex::version)
        && metaValue(db, indexSchema, "call_index_calls") == callsMeta;
}

enum class State { NoCalls, Current, Missing };

State indexState(const QString& path)
{
    QString callsMeta;
    {
        auto db = Database::open(path, Database::Mode::ReadOnly);
        if (!db || !CallTable::exists(*db))
            return State::NoCalls;
        callsMeta = metaValue(*db, "main", "calls");
        if (isCurrent(*db, "main", callsMeta))
            return State::Current;
    }
    const QString cache = timelineIndexCachePath(path);
    if (!QFileInfo::exists(cache))
        return State::Missing;
    auto db = Database::open(cache, Database::Mode::ReadOnly);
    return db && isCurrent(*db, "main", callsMeta) ? State::Current : State::Missing;
}

// One summary bucket being filled at one (depth, level).
struct OpenBucket {
    std::int64_t bucket = -1;
    std::int64_t busy = 0;
    std::int64_t calls = 0;
    std::unordered_map<std::int64_t, std::int64_t> timeByFunction;
};

// The newest call seen at one depth of the task being scanned.
struct Frame {
    bool valid = false;
    bool open = false; // exit not recorded: its end is decided by what follows
    std::int64_t id = 0;
    std::int64_t ts = 0;
    std::int64_t end = 0; // recorded end, or for an open call the latest it may end (its parent's end)
    std::int64_t function = 0;
};

struct TaskTotals {
    std::int64_t calls = 0;
    int maxDepth = 0;
    int minDepth = maxIndexedDepth;
    std::int64_t firstTs = 0;
    std::int64_t lastEnd = 0;
    std::vector<std::int64_t> timeByDepth;
};

// One pass over the calls in (pid, ts) order. Per task, calls at one depth never overlap, so
// each (depth, level) gets its buckets in time order and writes one as soon as the next opens.
// A call without a recorded exit lasts until the next call at its depth or above starts (its
// next sibling, or its parent's), at most until its parent's end or the end of the recording;
// it is accounted when that is known, which is still before anything later at its depth.
// Owned by the building thread.
class CallIndexBuilder {
public:
    CallIndexBuilder(Database& db, std::string src, std::string dst, const IndexProgress& progress)
        : m_db(db)
        , m_src(std::move(src))
        , m_dst(std::move(dst))
        , m_progress(progress)
    {
    }

    Status run()
    {
        if (Status s = m_db.exec(withSchema(createTablesSql, m_dst).c_str()); !s)
            return s;
        if (Status s = prepare(); !s)
            return s;
        if (Status s = scan(); !s)
            return s;
        auto meta = m_db.prepare("INSERT OR REPLACE INTO " + m_dst + ".meta(key, value) VALUES ('call_index', ?1), ('call_index_calls', ?2)");
        if (!meta)
            return meta.error();
        meta->bindText(1, std::to_string(CallIndex::version));
        meta->bindText(2, metaValue(m_db, m_src, "calls").toStdString());
        return meta->step() == SQLITE_DONE ? Status() : Status(m_db.error(Tr::tr("cannot write the call index version")));
    }

private:
    Status prepare()
    {
        auto summary = m_db.prepare("INSERT INTO " + m_dst + ".call_summary VALUES (?1,?2,?3,?4,?5,?6,?7) "
            "ON CONFLICT DO UPDATE SET busy_ns = busy_ns + excluded.busy_ns, calls = calls + excluded.calls");
        auto task = m_db.prepare("INSERT INTO " + m_dst + ".call_task VALUES (?1,?2,?3,?4,?5,?6)");
        auto openEnd = m_db.prepare("INSERT OR REPLACE INTO " + m_dst + ".call_open_end VALUES (?1,?2)");
        if (!summary || !task || !openEnd)
            return m_db.error(Tr::tr("cannot prepare the call index"));
        m_summaryInsert = std::move(*summary);
        m_taskInsert = std::move(*task);
        m_openEndInsert = std::move(*openEnd);
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

    // Tasks first, then the calls of unknown tasks by CPU, each under its lane's key (pid, or
    // CallLaneKey::forCpu(cpu) = -2 - cpu).
    Status scan()
    {
        // (pid, ts) is the call_pid_ts index; depth orders a call before its children that
        // start at the same nanosecond.
        const std::string columns = "SELECT id, ts, dur, %1, depth, function_id FROM " + m_src + ".call ";
        if (Status s = scan(columns + "WHERE pid <> -1 AND ts IS NOT NULL ORDER BY pid, ts, depth", "pid"); !s)
            return s;
        return scan(columns + "WHERE pid = -1 AND ts IS NOT NULL ORDER BY cpu, ts, depth", "-2 - cpu");
    }

    Status scan(const std::string& sql, const char* key)
    {
        auto calls = m_db.prepare(QString::fromStdString(sql).arg(QLatin1String(key)).toStdString());
        if (!calls)
            return m_db.error(Tr::tr("cannot read the call table"));
        int rc;
        while ((rc = calls->step()) == SQLITE_ROW) {
            // A damaged row (a time outside what a recording holds) is left out, not summed.
            if (!Limits::isTimestamp(calls->columnInt(1)) || calls->columnInt(2) > Limits::maxTimestampNs)
                continue;
            const int pid = static_cast<int>(calls->columnInt(3));
            if (!m_taskStarted || pid != m_pid) {
                if (Status s = finishTask(); !s)
                    return s;
                startTask(pid, calls->columnInt(1));
            }
            Frame call { true, calls->columnIsNull(2), calls->columnInt(0), calls->columnInt(1), 0, calls->columnInt(5) };
            call.end = call.open ? call.ts : call.ts + std::max<std::int64_t>(0, calls->columnInt(2));
            if (Status s = add(call, std::clamp(static_cast<int>(calls->columnInt(4)), 0, maxIndexedDepth)); !s)
                return s;
            if ((++m_done % progressInterval) == 0 && m_progress && !m_progress(double(m_done) / double(m_total)))
                return Error { Tr::tr("%1: building the call index was cancelled").arg(m_db.path()) };
        }
        if (rc != SQLITE_DONE)
            return m_db.error(Tr::tr("cannot read the call table"));
        return finishTask();
    }

    void startTask(int pid, std::int64_t ts)
    {
        m_pid = pid;
        m_taskStarted = true;
        m_stack.clear();
        m_buckets.clear();
        m_totals = TaskTotals();
        m_totals.firstTs = ts;
        m_totals.lastEnd = ts;
    }

    Status add(Frame call, int depth)
    {
        if (std::size_t(depth) >= m_stack.size()) {
            m_stack.resize(std::size_t(depth) + 1);
            m_buckets.resize(std::size_t(depth) + 1);
        }
        // Whatever was running at this depth or below has returned by now.
        if (Status s = closeFrom(depth, call.ts); !s)
            return s;
        if (call.open)
            call.end = parentEnd(depth, call.ts);
        m_stack[std::size_t(depth)] = call;
        ++m_totals.calls;
        m_totals.maxDepth = std::max(m_totals.maxDepth, depth);
        m_totals.minDepth = std::min(m_totals.minDepth, depth);
        return call.open ? Status() : account(call.ts, call.end, depth, call.function);
    }

    std::int64_t parentEnd(int depth, std::int64_t ts) const
    {
        for (int d = depth - 1; d >= 0; --d) {
            const Frame& parent = m_stack[std::size_t(d)];
            if (parent.valid && (parent.open || parent.end > ts))
                return parent.end;
        }
        return std::max(ts, m_recordingEnd);
    }

    // Ends the frames at depth and deeper at ts: open calls get their drawn end now.
    Status closeFrom(int depth, std::int64_t ts)
    {
        for (std::size_t d = std::size_t(depth); d < m_stack.size(); ++d) {
            Frame& frame = m_stack[d];
            if (frame.valid && frame.open) {
                const std::int64_t end = std::max(frame.ts, std::min(ts, frame.end));
                if (Status s = writeOpenEnd(frame.id, end); !s)
                    return s;
                if (Status s = account(frame.ts, end, int(d), frame.function); !s)
                    return s;
            }
            frame.valid = false;
        }
        return {};
    }

    Status writeOpenEnd(std::int64_t id, std::int64_t end)
    {
        m_openEndInsert.bindInt(1, id);
        m_openEndInsert.bindInt(2, end);
        const int rc = m_openEndInsert.step();
        m_openEndInsert.reset();
        return rc == SQLITE_DONE ? Status() : Status(m_db.error(Tr::tr("cannot write call_open_end")));
    }

    // Adds [ts, end) of one call at depth to every level's buckets; the call counts in the
    // bucket it starts in.
    Status account(std::int64_t ts, std::int64_t end, int depth, std::int64_t function)
    {
        m_totals.lastEnd = std::max(m_totals.lastEnd, end);
        auto& byDepth = m_totals.timeByDepth;
        if (byDepth.size() <= std::size_t(depth))
            byDepth.resize(std::size_t(depth) + 1, 0);
        byDepth[std::size_t(depth)] += end - ts;
        auto& levels = m_buckets[std::size_t(depth)];
        for (int level = 0; level < levelCount; ++level) {
            const int shift = firstLevel + level * levelStep;
            OpenBucket& open = levels[std::size_t(level)];
            if (Status s = openBucket(depth, level, open, ts >> shift); !s)
                return s;
            ++open.calls;
            open.timeByFunction[function] += 0; // a bucket of zero-length calls still has a function
            for (std::int64_t t = ts; t < end;) {
                if (Status s = openBucket(depth, level, open, t >> shift); !s)
                    return s;
                const std::int64_t next = std::min(end, ((t >> shift) + 1) << shift);
                open.busy += next - t;
                open.timeByFunction[function] += next - t;
                t = next;
            }
        }
        return {};
    }

    Status openBucket(int depth, int level, OpenBucket& open, std::int64_t bucket)
    {
        if (open.bucket == bucket)
            return {};
        if (Status s = flush(depth, level, open); !s)
            return s;
        open.bucket = bucket;
        return {};
    }

    Status flush(int depth, int level, OpenBucket& open)
    {
        if (open.bucket == -1 || open.timeByFunction.empty()) {
            open.bucket = -1;
            return {};
        }
        std::int64_t top = 0;
        std::int64_t topTime = -1;
        for (const auto& [function, time] : open.timeByFunction) {
            if (time > topTime || (time == topTime && function < top)) {
                top = function;
                topTime = time;
            }
        }
        const std::int64_t values[] = { m_pid, firstLevel + level * levelStep, open.bucket, depth, open.busy, open.calls, top };
        for (int i = 0; i < 7; ++i)
            m_summaryInsert.bindInt(i + 1, values[i]);
        const int rc = m_summaryInsert.step();
        m_summaryInsert.reset();
        // clear() keeps the map's buckets for the next one.
        open.bucket = -1;
        open.busy = 0;
        open.calls = 0;
        open.timeByFunction.clear();
        return rc == SQLITE_DONE ? Status() : Status(m_db.error(Tr::tr("cannot write call_summary")));
    }

    Status finishTask()
    {
        if (!m_taskStarted)
            return {};
        if (Status s = closeFrom(0, m_recordingEnd); !s)
            return s;
        for (std::size_t depth = 0; depth < m_buckets.size(); ++depth) {
            for (int level = 0; level < levelCount; ++level) {
                if (Status s = flush(int(depth), level, m_buckets[depth][std::size_t(level)]); !s)
                    return s;
            }
        }
        // A task's busy time: its time in its outermost recorded calls.
        const auto& byDepth = m_totals.timeByDepth;
        const std::int64_t busy = std::size_t(m_totals.minDepth) < byDepth.size() ? byDepth[std::size_t(m_totals.minDepth)] : 0;
        const std::int64_t values[] = { m_pid, m_totals.calls, m_totals.maxDepth, busy, m_totals.firstTs, m_totals.lastEnd };
        for (int i = 0; i < 6; ++i)
            m_taskInsert.bindInt(i + 1, values[i]);
        const int rc = m_taskInsert.step();
        m_taskInsert.reset();
        m_taskStarted = false;
        return rc == SQLITE_DONE ? Status() : Status(m_db.error(Tr::tr("cannot write call_task")));
    }

    Database& m_db;
    const std::string m_src;
    const std::string m_dst;
    const IndexProgress& m_progress;
    Statement m_summaryInsert;
    Statement m_taskInsert;
    Statement m_openEndInsert;
    std::int64_t m_recordingEnd = 0;
    std::int64_t m_total = 1;
    std::int64_t m_done = 0;

    bool m_taskStarted = false;
    int m_pid = 0;
    std::vector<Frame> m_stack; // by depth
    std::vector<std::array<OpenBucket, levelCount>> m_buckets; // by depth, then level
    TaskTotals m_totals;
};

} // namespace

bool needsCallIndex(const QString& path) { return indexState(path) == State::Missing; }

bool hasCallIndex(const QString& path) { return indexState(path) == State::Current; }

Status buildCallIndex(const QString& path, const IndexProgress& progress)
{
    if (!QFileInfo::exists(path))
        return Error { Tr::tr("%1: no such file").arg(path) };
    if (!needsCallIndex(path))
        return {};
    std::string src;
    auto db = openIndexTarget(path, src, Tr::tr("call index"));
    if (!db)
        return db.error();
    if (Status s = db->exec("PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY; BEGIN IMMEDIATE"); !s)
        return s;
    CallIndexBuilder builder(*db, src, "main", progress);
    if (Status s = builder.run(); !s) {
        (void)db->exec("ROLLBACK");
        return s;
    }
    if (Status s = db->exec("COMMIT"); !s) {
        (void)db->exec("ROLLBACK");
        return s;
    }
    if (progress)
        progress(1.0);
    return {};
}

Result<QString> attachCallIndex(Database& db)
{
    const QString callsMeta = metaValue(db, "main", "calls");
    if (isCurrent(db, "main", callsMeta))
        return QStringLiteral("main");
    const QString cache = timelineIndexCachePath(db.path());
    if (QFileInfo::exists(cache)) {
        auto attach = db.prepare(std::string("ATTACH DATABASE ?1 AS ") + cacheSchema);
        if (!attach)
            return db.error(Tr::tr("cannot attach the call index"));
        attach->bindText(1, cache.toStdString());
        if (attach->step() == SQLITE_DONE && isCurrent(db, cacheSchema, callsMeta))
            return QString::fromLatin1(cacheSchema);
    }
    return Error { Tr::tr("%1: the recording has no call index yet").arg(db.path()) };
}

} // namespace Storage
