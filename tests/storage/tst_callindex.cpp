// SPDX-License-Identifier: GPL-3.0-or-later
// The call index, written by CallTableWriter with the calls, over small recordings: what a call
// lane gets at every zoom level (time, calls starting and dominant function per depth and
// bucket) and every call_task row against brute force over the same generated calls, including
// calls without exit (drawn up to their next sibling, their parent's end or the end of the
// recording), deep stacks of calls without exits, a call spanning the whole recording, calls of
// no known task (a lane per CPU); the lane query at several zooms (summaries, or exactly the
// calls overlapping the range); index size following the calls; rebuilds on a version or
// call-table change; cancelling; and a recording without it (index in the cache file, the
// recording untouched).
#include "callindex.h"
#include "callslicequery.h"
#include "calltable.h"
#include "indextarget.h"
#include "recordingwriter.h"
#include "schema.h"
#include "sqlitedb.h"
#include "timelinequery.h"

#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <tuple>

using namespace Storage;

namespace {

constexpr std::int64_t base = 5'000'000'017;
constexpr int functions = 12;
const int pids[] = { 100, 101, 202 };
// Lanes: the tasks, and the calls of no known task (pid -1) on CPUs 0 and 1, which overlap in time.
const int laneKeys[] = { 100, 101, 202, CallLaneKey::forCpu(0), CallLaneKey::forCpu(1) };

int laneOf(const CallRow& row) { return row.pid == CallLaneKey::unknownPid ? CallLaneKey::forCpu(row.cpu) : row.pid; }

struct Expected {
    std::int64_t busy = 0;
    std::int64_t calls = 0;
    std::map<std::int64_t, std::int64_t> time; // function -> ns
    std::int64_t top() const
    {
        std::int64_t best = -1;
        std::int64_t top = 0;
        for (const auto& [function, ns] : time) {
            if (ns > best) {
                best = ns;
                top = function;
            }
        }
        return top;
    }
};

using SummaryKey = std::tuple<int, std::int64_t, int>; // pid, bucket, depth

// Calls of one task, nested: each call's children lie inside it, siblings never touch.
void generateTree(QRandomGenerator& rng, std::vector<CallRow>& rows, int pid, int cpu, std::int64_t parentIndex, int depth,
    std::int64_t from, std::int64_t to, std::size_t limit)
{
    std::int64_t t = from + 1 + rng.bounded(2000);
    while (t + 10 < to && rows.size() < limit) {
        const std::int64_t room = to - t - 1;
        const std::int64_t dur = std::min<std::int64_t>(room, rng.bounded(100) < 10 ? 0 : 1 + rng.bounded(std::uint32_t(std::max<std::int64_t>(1, std::min<std::int64_t>(room, depth == 0 ? 3'000'000 : room / 2)))));
        CallRow row;
        row.parentId = parentIndex; // an index for now, turned into an id once sorted
        row.ts = t;
        row.dur = dur;
        row.pid = pid;
        row.cpu = cpu;
        row.depth = depth;
        row.function = 1 + std::int64_t(rng.bounded(functions));
        rows.push_back(row);
        const std::int64_t index = std::int64_t(rows.size()) - 1;
        if (depth < 5 && dur > 5000)
            generateTree(rng, rows, pid, cpu, index, depth + 1, t, t + dur, limit);
        t += dur + 1 + rng.bounded(depth == 0 ? 400'000 : 3000);
    }
}

struct Generated {
    std::vector<CallRow> rows;
    std::int64_t lastEventTs = 0;
};

// Ids follow time, as the writer numbers them; parents (indexes into rows) become ids.
void numberRows(std::vector<CallRow>& rows, Generated& out)
{
    std::vector<std::size_t> order(rows.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return rows[a].ts < rows[b].ts; });
    std::vector<std::int64_t> idOf(rows.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        idOf[order[i]] = std::int64_t(i) + 1;
    for (std::size_t i = 0; i < order.size(); ++i) {
        CallRow row = rows[order[i]];
        row.id = std::int64_t(i) + 1;
        row.parentId = row.parentId >= 0 ? idOf[std::size_t(row.parentId)] : 0;
        row.flags = row.dur == noTime ? CallFlag::NoExit : 0;
        out.rows.push_back(row);
    }
    std::int64_t end = 0;
    for (const CallRow& row : out.rows)
        end = std::max(end, row.ts + (row.dur == noTime ? 0 : row.dur));
    out.lastEventTs = end + 1'000'000;
}

CallRow call(int pid, std::int64_t parent, int depth, std::int64_t ts, std::int64_t dur, std::int64_t function)
{
    CallRow row;
    row.parentId = parent;
    row.ts = ts;
    row.dur = dur;
    row.pid = pid;
    row.cpu = 0;
    row.depth = depth;
    row.function = function;
    return row;
}

// A stack of 30 calls without exits (a recording cut in deep code), then dense short calls
// below it, in task 100; task 101 has one call spanning the whole recording with dense children.
Generated generateDeepAndLong()
{
    std::vector<CallRow> rows;
    for (int d = 0; d < 30; ++d)
        rows.push_back(call(100, d - 1, d, base + d * 10, noTime, 1 + d % functions));
    for (int i = 0; i < 4000; ++i)
        rows.push_back(call(100, 29, 30, base + 1000 + i * 3000, 1000 + i % 7 * 100, 1 + i % 5));
    rows.push_back(call(101, -1, 0, base, 40'000'000'000, 3));
    const std::int64_t spanning = std::int64_t(rows.size()) - 1;
    for (int i = 0; i < 3000; ++i)
        rows.push_back(call(101, spanning, 1, base + 5'000'000'000 + i * 4000, 2500, 1 + i % 9));
    // A few children far apart: a long quiet stretch inside the long call.
    for (int i = 0; i < 5; ++i)
        rows.push_back(call(101, spanning, 1, base + 20'000'000'000 + i * 3'000'000'000, 1'000'000, 4));
    Generated out;
    numberRows(rows, out);
    return out;
}

Generated generate(std::uint32_t seed)
{
    QRandomGenerator rng(seed);
    Generated out;
    std::vector<CallRow> rows;
    for (const int pid : pids) {
        const std::int64_t start = base + rng.bounded(1'000'000);
        generateTree(rng, rows, pid, pid % 2, -1, 0, start, start + 60'000'000, rows.size() + 5000);
    }
    for (const int cpu : { 0, 1 })
        generateTree(rng, rows, CallLaneKey::unknownPid, cpu, -1, 0, base, base + 50'000'000, rows.size() + 2000);
    // Lost exits: some calls in the middle, and the whole last stack of one task (recording cut).
    for (CallRow& row : rows) {
        if (rng.bounded(100) < 4)
            row.dur = noTime;
    }
    std::int64_t latest = 0;
    for (CallRow& row : rows) {
        if (row.pid == pids[0] && row.ts > latest)
            latest = row.ts;
    }
    for (std::int64_t i = 0; i < std::int64_t(rows.size()); ++i) {
        if (rows[std::size_t(i)].pid == pids[0] && rows[std::size_t(i)].ts == latest) {
            for (std::int64_t j = i; j >= 0; j = rows[std::size_t(j)].parentId)
                rows[std::size_t(j)].dur = noTime;
        }
    }
    // Calls without a timestamp (text with durations only) are not on the timeline.
    CallRow untimed;
    untimed.pid = pids[1];
    untimed.dur = 500;
    untimed.function = 1;
    untimed.parentId = -1;
    rows.push_back(untimed);
    numberRows(rows, out);
    return out;
}

// The drawn end of every call, by brute force: a call without exit lasts until the next call
// of its task at its depth or above, at most until its parent's end or the recording's end.
std::map<std::int64_t, std::int64_t> drawnEnds(const Generated& gen)
{
    std::map<std::int64_t, std::int64_t> ends;
    std::map<std::int64_t, const CallRow*> byId;
    for (const CallRow& row : gen.rows)
        byId[row.id] = &row;
    std::function<std::int64_t(const CallRow&)> endOf = [&](const CallRow& row) -> std::int64_t {
        if (const auto it = ends.find(row.id); it != ends.end())
            return it->second;
        std::int64_t end = 0;
        if (row.dur != noTime) {
            end = row.ts + row.dur;
        } else {
            end = row.parentId ? endOf(*byId[row.parentId]) : gen.lastEventTs;
            for (const CallRow& other : gen.rows) {
                if (laneOf(other) == laneOf(row) && other.ts != noTime && other.ts > row.ts && other.depth <= row.depth)
                    end = std::min(end, other.ts);
            }
        }
        ends[row.id] = end;
        return end;
    };
    for (const CallRow& row : gen.rows) {
        if (row.ts != noTime)
            endOf(row);
    }
    return ends;
}

std::map<SummaryKey, Expected> expectedSummary(const Generated& gen, const std::map<std::int64_t, std::int64_t>& ends, int level)
{
    std::map<SummaryKey, Expected> out;
    const std::int64_t width = std::int64_t(1) << level;
    for (const CallRow& row : gen.rows) {
        if (row.ts == noTime)
            continue;
        const std::int64_t end = ends.at(row.id);
        Expected& first = out[{ laneOf(row), row.ts >> level, row.depth }];
        ++first.calls;
        first.time[row.function] += 0;
        for (std::int64_t b = row.ts >> level; b * width < end; ++b) {
            const std::int64_t overlap = std::min(end, (b + 1) * width) - std::max(row.ts, b * width);
            Expected& e = out[{ laneOf(row), b, row.depth }];
            e.busy += overlap;
            e.time[row.function] += overlap;
        }
    }
    return out;
}

QString writeRecording(const QString& path, const Generated& gen)
{
    {
        auto created = RecordingWriter::create(path);
        if (!created)
            return created.error().message;
        RecordingWriter& w = **created;
        EventTypeSpec tick;
        tick.system = "irq";
        tick.name = "tick";
        tick.kind = "tracepoint";
        auto type = w.addEventType(tick);
        if (!type)
            return type.error().message;
        for (const std::int64_t ts : { base, gen.lastEventTs }) {
            w.beginEvent(*type, ts, 0, 1, 0, 0);
            if (Status s = w.endEvent(); !s)
                return s.error().message;
        }
        for (const int pid : pids) {
            if (Status s = w.setTask(pid, pid, "task" + std::to_string(pid)); !s)
                return s.error().message;
        }
        (void)w.setMeta("cpus", "2");
        if (Status s = w.finish(); !s)
            return s.error().message;
    }
    auto calls = CallTableWriter::open(path);
    if (!calls)
        return calls.error().message;
    std::vector<CallRow> rows = gen.rows;
    std::map<std::int64_t, std::int64_t> functionIds;
    for (int f = 1; f <= functions; ++f) {
        auto id = calls->intern("func_" + std::to_string(f));
        if (!id)
            return id.error().message;
        functionIds[f] = *id;
    }
    for (CallRow& row : rows)
        row.function = functionIds[row.function];
    Status s = calls->write(rows);
    return s ? QString() : s.error().message;
}

// Generated function numbers are interned in order, so ids keep their order; map both ways.
std::map<std::int64_t, std::int64_t> functionIdMap(const QString& path)
{
    std::map<std::int64_t, std::int64_t> map;
    auto db = Database::open(path, Database::Mode::ReadOnly);
    auto q = db->prepare("SELECT id, str FROM string WHERE str LIKE 'func_%'");
    while (q && q->step() == SQLITE_ROW)
        map[q->columnInt(0)] = QString::fromUtf8(q->columnText(1).substr(5).data(), qsizetype(q->columnText(1).size() - 5)).toLongLong();
    return map;
}

// As a recording from before the call index was written with the calls.
void dropIndex(const QString& path)
{
    auto db = Database::open(path, Database::Mode::ReadWrite);
    QVERIFY(db.ok());
    QVERIFY(db->exec(Schema::dropCallIndexTables).ok());
}

std::int64_t tableRows(const QString& path, const char* table)
{
    auto db = Database::open(path, Database::Mode::ReadOnly);
    auto n = db->queryInt(std::string("SELECT COUNT(*) FROM sqlite_master WHERE name = '") + table + "'");
    if (!n || *n == 0)
        return -1;
    return *db->queryInt(std::string("SELECT COUNT(*) FROM ") + table);
}

// A lane fetched at 2^level ns per pixel over a share of its calls' span, forced to summaries,
// against the brute-force buckets: every (depth, bucket) the range touches.
void compareLane(const QString& path, const Generated& gen, const std::map<std::int64_t, std::int64_t>& ends,
    const std::map<std::int64_t, std::int64_t>& functionOf, int pid, int level, double fromShare, double toShare)
{
    std::int64_t first = INT64_MAX, last = 0;
    for (const CallRow& row : gen.rows) {
        if (laneOf(row) == pid && row.ts != noTime) {
            first = std::min(first, row.ts);
            last = std::max(last, ends.at(row.id));
        }
    }
    const std::int64_t from = first + std::int64_t(fromShare * double(last + 1 - first));
    const std::int64_t to = first + std::int64_t(toShare * double(last + 1 - first));
    auto query = CallSliceQuery::open(path);
    QVERIFY2(query.ok(), query ? "" : qPrintable(query.error().message));
    CallLanesRequest request { from, to, std::ldexp(1.0, level), { pid } };
    request.rawCallsPerPixel = 0;
    auto data = (*query)->fetch(request);
    QVERIFY2(data.ok(), data ? "" : qPrintable(data.error().message));
    const CallLane& lane = data->lanes.at(0);
    QVERIFY(lane.isSummary());
    // Wide ranges at fine levels read coarser buckets (at most TimelineQuery::maxBuckets).
    level = TimelineQuery::fetchLevel(from, to, request.nsPerPixel);
    QCOMPARE(lane.level, level);
    const auto expected = expectedSummary(gen, ends, level);
    std::map<std::pair<int, std::int64_t>, const CallBucket*> got; // (depth, bucket) -> bucket
    for (const CallBucket& bucket : lane.buckets)
        QVERIFY2(got.emplace(std::make_pair(int(bucket.depth), bucket.start >> level), &bucket).second, "a bucket came twice");
    std::size_t n = 0;
    for (const auto& [key, e] : expected) {
        const auto [lanePid, bucket, depth] = key;
        if (lanePid != pid || bucket < (from >> level) || bucket > ((to - 1) >> level) || (e.busy == 0 && e.calls == 0))
            continue;
        const QString at = QStringLiteral("depth %1 bucket %2").arg(depth).arg(bucket);
        const auto it = got.find({ depth, bucket });
        QVERIFY2(it != got.end(), qPrintable(QStringLiteral("missing ") + at));
        const CallBucket& b = *it->second;
        QVERIFY2(b.busyNs == e.busy, qPrintable(at + QStringLiteral(": busy %1, expected %2").arg(b.busyNs).arg(e.busy)));
        QVERIFY2(b.calls == e.calls, qPrintable(at + QStringLiteral(": calls %1, expected %2").arg(b.calls).arg(e.calls)));
        QVERIFY2(functionOf.at(b.topFunction) == e.top(),
            qPrintable(at + QStringLiteral(": top function %1, expected %2").arg(functionOf.at(b.topFunction)).arg(e.top())));
        ++n;
    }
    QCOMPARE(got.size(), n);
    for (std::size_t i = 1; i < lane.buckets.size(); ++i)
        QVERIFY(std::tie(lane.buckets[i - 1].depth, lane.buckets[i - 1].start) < std::tie(lane.buckets[i].depth, lane.buckets[i].start));
}

} // namespace

class TestCallIndex : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_cache.isValid());
        qputenv("XDG_CACHE_HOME", QFile::encodeName(m_cache.path())); // this test's own index cache
        m_gen = generate(7);
        QVERIFY(m_gen.rows.size() > 3000);
        m_path = m_dir.filePath(QStringLiteral("calls.ftlens"));
        QCOMPARE(writeRecording(m_path, m_gen), QString());
        // Written with the calls.
        QVERIFY(hasCallIndex(m_path));
        QVERIFY(!needsCallIndex(m_path));
        QVERIFY(buildCallIndex(m_path).ok());
        QVERIFY(!QFileInfo::exists(timelineIndexCachePath(m_path)));
        m_ends = drawnEnds(m_gen);
        m_functions = functionIdMap(m_path);
        QCOMPARE(int(m_functions.size()), functions);
    }

    void summaries_data()
    {
        QTest::addColumn<int>("level");
        QTest::addColumn<int>("lane");
        QTest::addColumn<double>("fromShare");
        QTest::addColumn<double>("toShare");
        for (int level = TimelineIndex::firstLevel; level <= TimelineIndex::lastLevel; level += TimelineIndex::levelStep) {
            for (int lane = 0; lane < int(std::size(laneKeys)); ++lane) {
                QTest::addRow("2^%d ns, lane %d, whole", level, laneKeys[lane]) << level << laneKeys[lane] << 0.0 << 1.0;
                QTest::addRow("2^%d ns, lane %d, part", level, laneKeys[lane]) << level << laneKeys[lane] << 0.41 << 0.58;
            }
        }
    }

    // What a lane gets zoomed out, bucket by bucket, equals the brute-force scan of the calls.
    void summaries()
    {
        QFETCH(int, level);
        QFETCH(int, lane);
        QFETCH(double, fromShare);
        QFETCH(double, toShare);
        compareLane(m_path, m_gen, m_ends, m_functions, lane, level, fromShare, toShare);
    }

    void deepAndLong_data()
    {
        QTest::addColumn<int>("level");
        QTest::addColumn<int>("lane");
        for (int level = TimelineIndex::firstLevel; level <= TimelineIndex::lastLevel; level += TimelineIndex::levelStep) {
            QTest::addRow("2^%d ns, deep calls without exits", level) << level << 100;
            QTest::addRow("2^%d ns, a call spanning the recording", level) << level << 101;
        }
    }

    void deepAndLong()
    {
        QFETCH(int, level);
        QFETCH(int, lane);
        if (m_deep.rows.empty()) {
            m_deep = generateDeepAndLong();
            m_deepPath = m_dir.filePath(QStringLiteral("deep.ftlens"));
            QCOMPARE(writeRecording(m_deepPath, m_deep), QString());
            m_deepEnds = drawnEnds(m_deep);
        }
        const auto functions = functionIdMap(m_deepPath);
        compareLane(m_deepPath, m_deep, m_deepEnds, functions, lane, level, 0.0, 1.0);
        // Task 100's calls start in its first 13 ms, under the calls without exits that last 40 s.
        if (lane == 100)
            compareLane(m_deepPath, m_deep, m_deepEnds, functions, lane, level, 0.00005, 0.0002);
        else
            compareLane(m_deepPath, m_deep, m_deepEnds, functions, lane, level, 0.2, 0.9);
    }

    // Index rows follow the calls: no row for the long quiet stretches or the long calls.
    void sizeFollowsTheCalls()
    {
        if (m_deep.rows.empty())
            QSKIP("needs deepAndLong");
        auto db = Database::open(m_deepPath, Database::Mode::ReadOnly);
        const std::int64_t rows = *db->queryInt("SELECT COUNT(*) FROM call_summary");
        QVERIFY2(rows <= std::int64_t(m_deep.rows.size()), qPrintable(QStringLiteral("%1 rows for %2 calls").arg(rows).arg(m_deep.rows.size())));
        QCOMPARE(*db->queryInt("SELECT COUNT(*) FROM call_open_end"), std::int64_t(30));
    }

    void tasks()
    {
        auto query = CallSliceQuery::open(m_path);
        QVERIFY2(query.ok(), query ? "" : qPrintable(query.error().message));
        auto tasks = (*query)->tasks();
        QVERIFY(tasks.ok());
        QCOMPARE(tasks->size(), std::size(laneKeys));
        for (std::size_t i = 0; i < tasks->size(); ++i) {
            const CallTaskInfo& task = (*tasks)[i];
            if (i > 0)
                QVERIFY((*tasks)[i - 1].busyNs >= task.busyNs);
            std::int64_t calls = 0, busy = 0, first = INT64_MAX, last = 0;
            int maxDepth = 0;
            for (const CallRow& row : m_gen.rows) {
                if (laneOf(row) != task.pid || row.ts == noTime)
                    continue;
                ++calls;
                maxDepth = std::max(maxDepth, row.depth);
                first = std::min(first, row.ts);
                last = std::max(last, m_ends.at(row.id));
                busy += row.depth == 0 ? m_ends.at(row.id) - row.ts : 0;
            }
            QCOMPARE(task.calls, calls);
            QCOMPARE(task.maxDepth, maxDepth);
            QCOMPARE(task.busyNs, busy);
            QCOMPARE(task.firstTs, first);
            QCOMPARE(task.lastEnd, last);
        }
    }

    // The lane of one task over a window at a pixel width: summaries when zoomed out (their
    // busy time adds up to the calls' time in the buckets), else exactly the calls overlapping.
    void laneQuery_data()
    {
        QTest::addColumn<int>("pidIndex");
        QTest::addColumn<double>("startShare");
        QTest::addColumn<std::int64_t>("span");
        QTest::addColumn<double>("pixels");
        QTest::addColumn<bool>("summary");
        // startShare: where in the task's calls the range starts; span 0: all of them.
        QTest::addRow("whole, 200 px") << 0 << 0.0 << std::int64_t(0) << 200.0 << true;
        QTest::addRow("whole, 50 px") << 1 << 0.0 << std::int64_t(0) << 50.0 << true;
        QTest::addRow("5 ms, 1000 px") << 0 << 0.4 << std::int64_t(5'000'000) << 1000.0 << false;
        QTest::addRow("200 us, 800 px") << 2 << 0.5 << std::int64_t(200'000) << 800.0 << false;
        QTest::addRow("end, cut stack") << 0 << -1.0 << std::int64_t(4'000'000) << 1000.0 << false;
        QTest::addRow("unknown task, CPU 1, 3 ms") << 4 << 0.3 << std::int64_t(3'000'000) << 1000.0 << false;
        QTest::addRow("unknown task, CPU 0, whole") << 3 << 0.0 << std::int64_t(0) << 100.0 << true;
    }

    void laneQuery()
    {
        QFETCH(int, pidIndex);
        QFETCH(double, startShare);
        QFETCH(std::int64_t, span);
        QFETCH(double, pixels);
        QFETCH(bool, summary);
        const int pid = laneKeys[pidIndex];
        std::int64_t first = INT64_MAX, last = 0;
        for (const CallRow& row : m_gen.rows) {
            if (laneOf(row) == pid && row.ts != noTime) {
                first = std::min(first, row.ts);
                last = std::max(last, m_ends.at(row.id));
            }
        }
        // A negative share: that many spans before the end of the recording.
        const std::int64_t from = startShare >= 0 ? first + std::int64_t(startShare * double(last - first))
                                                  : m_gen.lastEventTs + std::int64_t(startShare * double(span));
        if (span == 0)
            span = last + 1 - first;
        const std::int64_t to = from + span;
        auto query = CallSliceQuery::open(m_path);
        QVERIFY(query.ok());
        CallLanesRequest request { from, to, double(span) / pixels, { pid } };
        auto data = (*query)->fetch(request);
        QVERIFY2(data.ok(), data ? "" : qPrintable(data.error().message));
        QCOMPARE(data->lanes.size(), std::size_t(1));
        const CallLane& lane = data->lanes[0];
        QCOMPARE(lane.isSummary(), summary);
        if (summary) {
            const auto expected = expectedSummary(m_gen, m_ends, lane.level);
            std::int64_t busy = 0, expectedBusy = 0;
            for (const CallBucket& bucket : lane.buckets) {
                busy += bucket.busyNs;
                QVERIFY(data->functionNames.contains(bucket.topFunction));
            }
            for (const auto& [key, e] : expected) {
                const std::int64_t start = std::get<1>(key) << lane.level;
                if (std::get<0>(key) == pid && start + lane.bucketWidth() > from && start < to)
                    expectedBusy += e.busy;
            }
            QCOMPARE(busy, expectedBusy);
            QVERIFY(!lane.buckets.empty());
            for (std::size_t i = 1; i < lane.buckets.size(); ++i)
                QVERIFY(std::tie(lane.buckets[i - 1].depth, lane.buckets[i - 1].start) < std::tie(lane.buckets[i].depth, lane.buckets[i].start));
            return;
        }
        std::set<std::int64_t> expected;
        for (const CallRow& row : m_gen.rows) {
            if (laneOf(row) == pid && row.ts != noTime && row.ts < to && (m_ends.at(row.id) > from || row.ts >= from))
                expected.insert(row.id);
        }
        std::set<std::int64_t> actual;
        for (const CallSlice& call : lane.calls) {
            QVERIFY2(actual.insert(call.id).second, "a call came twice");
            QCOMPARE(call.end(), m_ends.at(call.id));
            const CallRow& row = m_gen.rows[std::size_t(call.id - 1)];
            QCOMPARE(call.depth, row.depth);
            QCOMPARE(bool(call.flags & CallFlag::NoExit), row.dur == noTime);
            QCOMPARE(data->functionNames.value(call.function), QStringLiteral("func_%1").arg(row.function));
        }
        QVERIFY(!expected.empty());
        QCOMPARE(actual, expected);
        for (std::size_t i = 1; i < lane.calls.size(); ++i)
            QVERIFY(std::tie(lane.calls[i - 1].depth, lane.calls[i - 1].ts) <= std::tie(lane.calls[i].depth, lane.calls[i].ts));
    }

    void rawDecisionFollowsPixels_data()
    {
        QTest::addColumn<std::int64_t>("calls");
        QTest::addColumn<double>("pixels");
        QTest::addColumn<bool>("raw");
        QTest::addRow("few") << std::int64_t(100) << 1000.0 << true;
        QTest::addRow("at the limit") << std::int64_t(16000) << 1000.0 << true;
        QTest::addRow("above") << std::int64_t(16001) << 1000.0 << false;
        QTest::addRow("narrow view") << std::int64_t(2000) << 100.0 << false;
    }

    void rawDecisionFollowsPixels()
    {
        QFETCH(std::int64_t, calls);
        QFETCH(double, pixels);
        QFETCH(bool, raw);
        QCOMPARE(CallSliceQuery::useCalls(calls, pixels), raw);
    }

    void rebuilds_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addRow("older version") << QStringLiteral("UPDATE meta SET value = '0' WHERE key = 'call_index'");
        QTest::addRow("call table rewritten") << QStringLiteral("rewrite");
    }

    void rebuilds()
    {
        QFETCH(QString, change);
        const QString path = m_dir.filePath(QStringLiteral("rebuild.ftlens"));
        QFile::remove(path);
        Generated gen = generate(11);
        QCOMPARE(writeRecording(path, gen), QString());
        const std::int64_t before = tableRows(path, "call_summary");
        QVERIFY(before > 0);
        if (change == QLatin1String("rewrite")) {
            // A new call table comes with its own index.
            gen.rows.resize(gen.rows.size() / 2);
            for (CallRow& row : gen.rows)
                row.parentId = row.parentId <= std::int64_t(gen.rows.size()) ? row.parentId : 0;
            auto calls = CallTableWriter::open(path);
            QVERIFY(calls.ok());
            QVERIFY(calls->write(gen.rows).ok());
            QVERIFY(hasCallIndex(path));
            QVERIFY(tableRows(path, "call_summary") < before);
            return;
        }
        {
            auto db = Database::open(path, Database::Mode::ReadWrite);
            QVERIFY(db->exec(change.toUtf8().constData()).ok());
        }
        QVERIFY(needsCallIndex(path));
        QVERIFY(CallSliceQuery::open(path).ok() == false);
        QVERIFY(buildCallIndex(path).ok());
        QVERIFY(hasCallIndex(path));
        QCOMPARE(tableRows(timelineIndexCachePath(path), "call_summary"), before);
        QVERIFY(buildCallIndex(path, {}, IndexPlace::File).ok());
        auto db = Database::open(path, Database::Mode::ReadOnly);
        QCOMPARE(indexMetaValue(*db, "main", "call_index"), QString::number(CallIndex::version));
    }

    void withoutCalls()
    {
        const QString path = m_dir.filePath(QStringLiteral("nocalls.ftlens"));
        auto created = RecordingWriter::create(path);
        QVERIFY(created.ok());
        QVERIFY((*created)->finish().ok());
        created->reset();
        QVERIFY(!needsCallIndex(path));
        QVERIFY(!hasCallIndex(path));
        QVERIFY(buildCallIndex(path).ok());
        QCOMPARE(tableRows(path, "call_summary"), std::int64_t(-1));
        QVERIFY(!QFileInfo::exists(timelineIndexCachePath(path)));
        QVERIFY(!CallSliceQuery::open(path).ok());
    }

    void cancel()
    {
        const QString path = m_dir.filePath(QStringLiteral("cancel.ftlens"));
        Generated gen;
        for (std::int64_t i = 0; i < 100'000; ++i) {
            CallRow row;
            row.id = i + 1;
            row.ts = base + i * 1000;
            row.dur = 500;
            row.pid = 100 + int(i % 3);
            row.function = 1;
            gen.rows.push_back(row);
        }
        gen.lastEventTs = base + 100'000'000;
        QCOMPARE(writeRecording(path, gen), QString());
        dropIndex(path);
        QVERIFY(needsCallIndex(path));
        int calls = 0;
        Status s = buildCallIndex(path, [&calls](double fraction) {
            ++calls;
            return fraction < 0.3;
        });
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.contains(QLatin1String("cancelled")));
        QVERIFY(calls >= 2);
        QVERIFY(needsCallIndex(path));
        QVERIFY(!QFileInfo::exists(timelineIndexCachePath(path)));
        double last = 0;
        QVERIFY(buildCallIndex(path, [&last](double fraction) {
            last = fraction;
            return true;
        }).ok());
        QCOMPARE(last, 1.0);
    }

    // A recording without the index (an older file) gets it in the cache; the file is left as
    // it was, and the answers are those of the index written with the calls.
    void withoutIndexUsesCache()
    {
        const QString path = m_dir.filePath(QStringLiteral("older.ftlens"));
        QCOMPARE(writeRecording(path, m_gen), QString());
        dropIndex(path);
        const QByteArray before = [&] { QFile f(path); return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray(); }();
        const QDateTime modified = QFileInfo(path).lastModified();
        QVERIFY(needsCallIndex(path));
        Status s = buildCallIndex(path);
        QVERIFY2(s.ok(), s ? "" : qPrintable(s.error().message));
        QVERIFY(hasCallIndex(path));
        QVERIFY(QFile::exists(timelineIndexCachePath(path)));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
        QCOMPARE(QFileInfo(path).lastModified(), modified);
        auto cached = CallSliceQuery::open(path);
        auto inside = CallSliceQuery::open(m_path);
        QVERIFY2(cached.ok(), cached ? "" : qPrintable(cached.error().message));
        QVERIFY(inside.ok());
        for (const double nsPerPixel : { 70'000.0, 20.0 }) {
            CallLanesRequest request { base + 20'000'000, base + 40'000'000, nsPerPixel, { pids[0], pids[1] } };
            auto a = (*cached)->fetch(request);
            auto b = (*inside)->fetch(request);
            QVERIFY(a.ok() && b.ok());
            for (std::size_t i = 0; i < a->lanes.size(); ++i) {
                QCOMPARE(a->lanes[i].level, b->lanes[i].level);
                QCOMPARE(a->lanes[i].calls.size(), b->lanes[i].calls.size());
                QCOMPARE(a->lanes[i].buckets.size(), b->lanes[i].buckets.size());
                for (std::size_t j = 0; j < a->lanes[i].buckets.size(); ++j)
                    QCOMPARE(a->lanes[i].buckets[j].busyNs, b->lanes[i].buckets[j].busyNs);
            }
        }
    }

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_cache;
    QString m_path;
    Generated m_gen;
    Generated m_deep;
    QString m_deepPath;
    std::map<std::int64_t, std::int64_t> m_deepEnds;
    std::map<std::int64_t, std::int64_t> m_ends;
    std::map<std::int64_t, std::int64_t> m_functions; // string id -> generated function number
};

QTEST_GUILESS_MAIN(TestCallIndex)
#include "tst_callindex.moc"
