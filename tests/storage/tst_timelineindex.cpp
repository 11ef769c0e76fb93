// SPDX-License-Identifier: GPL-3.0-or-later
// The timeline index, written by RecordingWriter along with the events, against brute force over
// the same generated events: sched_slice rows (with each task's running total), and what the
// lanes get at every zoom level, CPU and task lanes, in recordings with long gaps, long slices,
// one task running the whole span, a burst in a quiet recording, sched_switch lines 999 s apart;
// index size following the events, not the span; a rebuild from the events (older files,
// recordings written without it) giving the same tables; a killed recording completed from its
// resume point; the cache keeping the recording untouched; schema 1 files; cancelling; raw
// fetches, the highlight expression and event look-ups.
#include "indexcache.h"
#include "recordingcpus.h"
#include "recordingreader.h"
#include "sqlitedb.h"
#include "timelinebruteforce.h"
#include "timelineindex.h"
#include "timelineindexer.h"
#include "timelinequery.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <limits>

using namespace Storage;
using namespace TimelineTest;

namespace {

constexpr std::int64_t base = 1'000'000'123;
constexpr int cpus = 3; // CPU 2 never switches in the random recording: events but no slices

std::vector<GenEvent> generate()
{
    QRandomGenerator rng(42);
    std::vector<GenEvent> events;
    std::int64_t ts = base;
    const int pids[] = { 0, 100, 101, 102, 200 };
    for (int i = 0; i < 6000; ++i) {
        // Dense stretches (many events per finest bucket), small steps, and gaps over many buckets.
        const int roll = int(rng.bounded(1000));
        ts += roll < 15 ? rng.bounded(2'000'000'000) : roll < 400 ? rng.bounded(2'000) : rng.bounded(40'000);
        const int cpu = static_cast<int>(rng.bounded(cpus));
        const int kind = static_cast<int>(rng.bounded(100));
        const int type = cpu == 2 ? 3 : kind < 40 ? 1 : kind < 70 ? 2 : 3;
        events.push_back(GenEvent { ts, cpu, type, pids[rng.bounded(5)], 100 + static_cast<int>(rng.bounded(40)),
            static_cast<int>(rng.bounded(3)) });
        if (rng.bounded(100) < 5)
            events.push_back(GenEvent { ts, cpu, 3 }); // same timestamp
    }
    return oneCpuPerTask(events);
}

// The scenarios of the index issue, each a small recording of its own.
std::vector<GenEvent> scenario(const QString& name)
{
    std::vector<GenEvent> e;
    if (name == QLatin1String("long gaps")) {
        // Bursts of activity separated by gaps of minutes, task 100 sleeping through them.
        for (int burst = 0; burst < 4; ++burst) {
            const std::int64_t start = base + burst * 180'000'000'000;
            for (int i = 0; i < 300; ++i)
                e.push_back(GenEvent { start + i * 700, i % 2, i % 3 == 0 ? 1 : 3, i % 6 == 0 ? 100 : 101, 120, 1 });
        }
    } else if (name == QLatin1String("long slices")) {
        // Slices of seconds on CPU 0, with ticks on CPU 1 every 100 us meanwhile.
        for (int i = 0; i < 20; ++i)
            e.push_back(GenEvent { base + i * 3'000'000'000, 0, 1, 100 + i % 3, 120, 0 });
        for (int i = 0; i < 30000; ++i)
            e.push_back(GenEvent { base + 1 + std::int64_t(i) * 100'000, 1, 3 });
        std::stable_sort(e.begin(), e.end(), [](const GenEvent& a, const GenEvent& b) { return a.ts < b.ts; });
    } else if (name == QLatin1String("one task all along")) {
        // Task 200 switched in at the start on CPU 1 and never out; CPU 0 busy with switches.
        e.push_back(GenEvent { base, 1, 1, 200, 110, 0 });
        for (int i = 1; i < 20000; ++i)
            e.push_back(GenEvent { base + std::int64_t(i) * 50'000, 0, i % 2 ? 1 : 2, 100 + i % 4, 120, 1 });
    } else if (name == QLatin1String("switches 999 s apart")) {
        e.push_back(GenEvent { base, 0, 1, 100, 120, 0 });
        e.push_back(GenEvent { base + 999'000'000'000, 0, 1, 101, 120, 1 });
    } else if (name == QLatin1String("burst in a quiet day")) {
        for (int i = 0; i < 24; ++i)
            e.push_back(GenEvent { base + i * 3'600'000'000'000, 2, 3 });
        for (int i = 0; i < 40000; ++i)
            e.push_back(GenEvent { base + 7'200'000'000'000 + std::int64_t(i) * 997, i % 2, i % 5 == 0 ? 1 : 2, 100 + i % 7, 120, 0 });
        std::stable_sort(e.begin(), e.end(), [](const GenEvent& a, const GenEvent& b) { return a.ts < b.ts; });
    }
    return oneCpuPerTask(e);
}

const char* const scenarioNames[] = { "long gaps", "long slices", "one task all along", "switches 999 s apart", "burst in a quiet day" };

std::vector<Slice> readSlices(const QString& path, const char* schema = "main")
{
    std::vector<Slice> slices;
    auto db = Database::open(path, Database::Mode::ReadOnly);
    if (!db)
        return slices;
    auto q = db->prepare(std::string("SELECT cpu, ts, dur, pid, prio, end_state FROM ") + schema + ".sched_slice ORDER BY cpu, ts");
    while (q && q->step() == SQLITE_ROW)
        slices.push_back(Slice { int(q->columnInt(0)), q->columnInt(1), q->columnInt(2), int(q->columnInt(3)),
            int(q->columnInt(4)), q->columnIsNull(5) ? -1 : q->columnInt(5) });
    return slices;
}

// Every row of the index tables of a file, as text, for comparing two builds.
QStringList indexRows(const QString& path)
{
    QStringList rows;
    auto db = Database::open(path, Database::Mode::ReadOnly);
    for (const char* sql : { "SELECT cpu, ts, dur, pid, prio, end_state, task_busy FROM sched_slice ORDER BY cpu, ts",
             "SELECT level, bucket, cpu, busy_ns, top_pid, events, type_mask, end_pid, first_id FROM cpu_summary ORDER BY 1, 2, 3",
             "SELECT cpu FROM timeline_cpu ORDER BY cpu" }) {
        auto q = db->prepare(sql);
        while (q && q->step() == SQLITE_ROW) {
            QString row;
            for (int c = 0; c < sqlite3_column_count(q->handle()); ++c)
                row += (q->columnIsNull(c) ? QStringLiteral("-") : QString::number(q->columnInt(c))) + QLatin1Char(' ');
            rows << row;
        }
    }
    return rows;
}

struct FileState {
    QByteArray bytes;
    qint64 size = 0;
    QDateTime modified;
    bool operator==(const FileState&) const = default;
};

FileState fileState(const QString& path)
{
    QFile f(path);
    (void)f.open(QIODevice::ReadOnly);
    return FileState { f.readAll(), QFileInfo(path).size(), QFileInfo(path).lastModified() };
}

QString where(int lane, std::int64_t start) { return QStringLiteral("lane %1 bucket at %2").arg(lane).arg(start); }

// A fetch of [from, to) at 2^level ns per pixel, forced to summaries, against brute force: every
// bucket the range touches, in order, for every CPU and for the task lanes.
void compareSummaries(const QString& path, const std::vector<GenEvent>& events, int level, std::int64_t from, std::int64_t to,
    const std::vector<int>& pids)
{
    const std::vector<Slice> slices = expectedSlices(events);
    auto query = TimelineQuery::open(path);
    QVERIFY2(query.ok(), query ? "" : qPrintable(query.error().message));
    TimelineRequest request { from, to, std::ldexp(1.0, level), { 0, 1, 2 }, pids };
    request.rawEventsPerLane = 0;
    auto data = (*query)->fetch(request);
    QVERIFY2(data.ok(), data ? "" : qPrintable(data.error().message));
    QVERIFY(!data->raw);
    const int effective = TimelineQuery::fetchLevel(from, to, request.nsPerPixel);
    const auto expected = expectedBuckets(events, slices, effective);
    const std::int64_t first = from >> effective;
    const std::int64_t last = (to - 1) >> effective;
    for (int cpu = 0; cpu < cpus; ++cpu) {
        const TimelineLane& lane = data->cpuLanes[std::size_t(cpu)];
        QCOMPARE(lane.level, effective);
        std::size_t n = 0;
        for (auto it = expected.lower_bound({ cpu, first }); it != expected.end() && it->first.first == cpu && it->first.second <= last; ++it) {
            const Bucket& e = it->second;
            const std::int64_t start = it->first.second << effective;
            QVERIFY2(n < lane.buckets.size(), qPrintable(QStringLiteral("missing ") + where(cpu, start)));
            const TimelineBucket& b = lane.buckets[n++];
            QVERIFY2(b.start == start, qPrintable(where(cpu, start) + QStringLiteral(" came as %1").arg(b.start)));
            QVERIFY2(b.busyNs == e.busy, qPrintable(where(cpu, start) + QStringLiteral(": busy %1, expected %2").arg(b.busyNs).arg(e.busy)));
            QVERIFY2(b.events == e.events, qPrintable(where(cpu, start) + QStringLiteral(": events %1, expected %2").arg(b.events).arg(e.events)));
            QVERIFY2(b.typeMask == e.mask, qPrintable(where(cpu, start) + QStringLiteral(": type mask")));
            if (e.busy > 0)
                QVERIFY2(b.topPid == e.topPid(), qPrintable(where(cpu, start) + QStringLiteral(": top %1, expected %2").arg(b.topPid).arg(e.topPid())));
        }
        QCOMPARE(lane.buckets.size(), n);
    }
    for (std::size_t i = 0; i < pids.size(); ++i) {
        const auto busy = expectedTaskBusy(slices, pids[i], effective);
        std::vector<std::pair<std::int64_t, std::int64_t>> want;
        for (auto it = busy.lower_bound(first); it != busy.end() && it->first <= last; ++it)
            want.emplace_back(it->first << effective, it->second);
        std::vector<std::pair<std::int64_t, std::int64_t>> got;
        for (const TimelineBucket& b : data->taskLanes[i].buckets)
            got.emplace_back(b.start, b.busyNs);
        QVERIFY2(got == want, qPrintable(QStringLiteral("task %1: %2 buckets, expected %3").arg(pids[i]).arg(got.size()).arg(want.size())));
    }
}

} // namespace

class TestTimelineIndex : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_cache.isValid());
        // The index cache of this test only (hermetic: nothing from other runs or tests).
        qputenv("XDG_CACHE_HOME", QFile::encodeName(m_cache.path()));
        m_events = generate();
        m_path = m_dir.filePath(QStringLiteral("t.ftlens"));
        QCOMPARE(writeRecording(m_path, m_events), QString());
        m_slices = expectedSlices(m_events);
    }

    void writtenWithTheEvents()
    {
        QVERIFY(fileHasTimelineIndex(m_path));
        QVERIFY(hasTimelineIndex(m_path));
        auto db = Database::open(m_path, Database::Mode::ReadOnly);
        QCOMPARE(*db->queryInt("SELECT COUNT(*) FROM meta WHERE key = 'timeline_index_resume'"), std::int64_t(0));
        QCOMPARE(*db->queryInt("PRAGMA user_version"), std::int64_t(Schema::version));
        // timeline_cpu: every CPU with events, so that opening needs no scan of them.
        QCOMPARE(*db->queryInt("SELECT COUNT(*) FROM timeline_cpu"), std::int64_t(cpus));
        QCOMPARE(*db->queryInt("SELECT COUNT(*) FROM (SELECT DISTINCT cpu FROM event) WHERE cpu NOT IN (SELECT cpu FROM timeline_cpu)"),
            std::int64_t(0));
        QVERIFY(buildTimelineIndex(m_path).ok()); // nothing to do
        QVERIFY(!QFileInfo::exists(timelineIndexCachePath(m_path)));
    }

    void slices()
    {
        QVERIFY(m_slices.size() > 500);
        const std::vector<Slice> actual = readSlices(m_path);
        QCOMPARE(actual.size(), m_slices.size());
        for (std::size_t i = 0; i < actual.size(); ++i)
            QVERIFY2(actual[i] == m_slices[i], qPrintable(QStringLiteral("slice %1 differs").arg(i)));
        // task_busy: the task's time in its slices that started before.
        auto db = Database::open(m_path, Database::Mode::ReadOnly);
        auto q = db->prepare("SELECT pid, ts, dur, task_busy FROM sched_slice ORDER BY pid, ts");
        std::map<int, std::int64_t> total;
        while (q->step() == SQLITE_ROW) {
            const int pid = int(q->columnInt(0));
            QCOMPARE(q->columnInt(3), total[pid]);
            total[pid] += q->columnInt(2);
        }
    }

    void summaries_data()
    {
        QTest::addColumn<int>("level");
        QTest::addColumn<double>("fromShare");
        QTest::addColumn<double>("toShare");
        for (int level = TimelineIndex::firstLevel; level <= TimelineIndex::lastLevel; level += TimelineIndex::levelStep) {
            QTest::addRow("2^%d ns, whole", level) << level << 0.0 << 1.0;
            QTest::addRow("2^%d ns, middle", level) << level << 0.37 << 0.52;
        }
    }

    void summaries()
    {
        QFETCH(int, level);
        QFETCH(double, fromShare);
        QFETCH(double, toShare);
        const std::int64_t span = m_events.back().ts + 1 - m_events.front().ts;
        const std::int64_t from = m_events.front().ts + std::int64_t(fromShare * double(span));
        const std::int64_t to = m_events.front().ts + std::int64_t(toShare * double(span));
        compareSummaries(m_path, m_events, level, from, to, { 100, 102, 200 });
    }

    // Wider than the last stored level: time and events still add up exactly.
    void mergedLevels()
    {
        auto query = TimelineQuery::open(m_path);
        QVERIFY(query.ok());
        const std::int64_t from = m_events.front().ts;
        const std::int64_t to = m_events.back().ts + 1;
        TimelineRequest request { from, to, std::ldexp(1.0, TimelineIndex::lastLevel + 6), { 0, 1, 2 }, {} };
        request.rawEventsPerLane = 0;
        auto data = (*query)->fetch(request);
        QVERIFY(data.ok());
        for (int cpu = 0; cpu < cpus; ++cpu) {
            std::int64_t busy = 0, events = 0;
            for (const TimelineBucket& b : data->cpuLanes[std::size_t(cpu)].buckets) {
                busy += b.busyNs;
                events += b.events;
            }
            std::int64_t expectedBusy = 0, expectedEvents = 0;
            for (const Slice& s : m_slices)
                expectedBusy += s.cpu == cpu ? s.dur : 0;
            for (const GenEvent& e : m_events)
                expectedEvents += e.cpu == cpu ? 1 : 0;
            QCOMPARE(busy, expectedBusy);
            QCOMPARE(events, expectedEvents);
        }
    }

    void scenarios_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("level");
        for (const char* name : scenarioNames) {
            for (int level = TimelineIndex::firstLevel; level <= TimelineIndex::lastLevel; level += TimelineIndex::levelStep)
                QTest::addRow("%s, 2^%d ns", name, level) << QString::fromLatin1(name) << level;
        }
    }

    void scenarios()
    {
        QFETCH(QString, name);
        QFETCH(int, level);
        const std::vector<GenEvent> events = scenario(name);
        const QString path = m_dir.filePath(name + QLatin1String(".ftlens"));
        if (!QFileInfo::exists(path))
            QCOMPARE(writeRecording(path, events), QString());
        const std::int64_t from = events.front().ts;
        const std::int64_t to = events.back().ts + 1;
        compareSummaries(path, events, level, from, to, { 100, 101, 200 });
        compareSummaries(path, events, level, from + (to - from) / 3, from + (to - from) / 2, { 100, 200 });
    }

    // Rows follow the events: the bursts make rows, the gaps, the long slices and the span do not.
    void sizeFollowsTheEvents()
    {
        for (const char* name : scenarioNames) {
            const std::vector<GenEvent> events = scenario(QString::fromLatin1(name));
            const QString path = m_dir.filePath(QStringLiteral("size-%1.ftlens").arg(QString::fromLatin1(name)));
            QCOMPARE(writeRecording(path, events), QString());
            auto db = Database::open(path, Database::Mode::ReadOnly);
            const std::int64_t rows = *db->queryInt("SELECT COUNT(*) FROM cpu_summary") + *db->queryInt("SELECT COUNT(*) FROM sched_slice");
            QVERIFY2(rows <= std::int64_t(events.size()), qPrintable(QStringLiteral("%1: %2 rows for %3 events").arg(QString::fromLatin1(name)).arg(rows).arg(events.size())));
        }
        auto db = Database::open(m_dir.filePath(QStringLiteral("size-switches 999 s apart.ftlens")), Database::Mode::ReadOnly);
        QCOMPARE(*db->queryInt("SELECT COUNT(*) FROM cpu_summary"), std::int64_t(0));
        QCOMPARE(*db->queryInt("SELECT COUNT(*) FROM sched_slice"), std::int64_t(1));
    }

    // Two function-tracer-like events 4e18 ns apart (near the 2^62 ns a recording holds): a
    // whole-recording fetch is a few buckets.
    void hugeSpanStaysCheap()
    {
        const QString path = m_dir.filePath(QStringLiteral("huge.ftlens"));
        const std::vector<GenEvent> events { { 1'000'000'000, 0, 1, 100, 120, 0 }, { 4'000'000'000'000'000'000, 1, 3 } };
        QCOMPARE(writeRecording(path, events), QString());
        auto query = TimelineQuery::open(path);
        QVERIFY(query.ok());
        QElapsedTimer timer;
        timer.start();
        TimelineRequest request { events.front().ts, events.back().ts + 1, double(events.back().ts) / 1600, { 0, 1 }, { 100 } };
        request.rawEventsPerLane = 0;
        auto data = (*query)->fetch(request);
        QVERIFY(data.ok());
        QVERIFY(data->cpuLanes[0].buckets.size() <= 4000);
        QCOMPARE(data->cpuLanes[1].buckets.back().events, std::int64_t(1));
        std::int64_t busy = 0;
        for (const TimelineBucket& b : data->cpuLanes[0].buckets)
            busy += b.busyNs;
        QCOMPARE(busy, events.back().ts - events.front().ts);
        QVERIFY2(timer.elapsed() < 2000, "fetching two events took seconds");
    }

    // Built from the events afterwards (an older file, one written without it): the same tables.
    void rebuildEqualsWrittenIndex()
    {
        const QString path = m_dir.filePath(QStringLiteral("late.ftlens"));
        QCOMPARE(writeRecording(path, m_events, WriteOptions { true, false }), QString());
        QVERIFY(!hasTimelineIndex(path));
        const FileState before = fileState(path);
        QVERIFY(buildTimelineIndex(path, {}, IndexPlace::File).ok());
        QVERIFY(fileHasTimelineIndex(path));
        QCOMPARE(indexRows(path), indexRows(m_path));
        QVERIFY(!(fileState(path) == before));
    }

    // Opening builds what a file lacks into the cache; the file stays as it was, byte for byte.
    void cacheLeavesTheFileAlone()
    {
        const QString path = m_dir.filePath(QStringLiteral("cached.ftlens"));
        QCOMPARE(writeRecording(path, m_events, WriteOptions { true, false }), QString());
        const FileState before = fileState(path);
        QVERIFY(!hasTimelineIndex(path));
        Status s = buildTimelineIndex(path);
        QVERIFY2(s.ok(), s ? "" : qPrintable(s.error().message));
        QVERIFY(hasTimelineIndex(path));
        QVERIFY(!fileHasTimelineIndex(path));
        QVERIFY(fileState(path) == before);
        const QString cache = timelineIndexCachePath(path);
        QVERIFY(cache.startsWith(m_cache.path() + QLatin1String("/ftlens/index/")));
        QCOMPARE(indexRows(cache), indexRows(m_path));
        compareSummaries(path, m_events, 20, m_events.front().ts, m_events.back().ts + 1, { 100 });
        QVERIFY(fileState(path) == before);
    }

    // A killed writer: its index is complete before its resume point; the first open builds
    // only the rest into the cache, from there, and the result equals a full build. (The events
    // before the resume point are then scrambled: a build that read them would differ.)
    void killedRecordingIsCompleted()
    {
        const QString path = m_dir.filePath(QStringLiteral("killed.ftlens"));
        QCOMPARE(writeRecording(path, m_events, WriteOptions { true, true, false, 500 }), QString());
        QVERIFY(!hasTimelineIndex(path));
        std::optional<TimelineIndexResume> resume;
        {
            auto db = Database::open(path, Database::Mode::ReadWrite);
            auto q = db->prepare("SELECT value FROM meta WHERE key = 'timeline_index_resume'");
            QVERIFY(q->step() == SQLITE_ROW);
            resume = TimelineIndexResume::fromText(std::string(q->columnText(0)));
            QVERIFY(resume && resume->from > m_events.front().ts);
            auto scramble = db->prepare("UPDATE event SET cpu = 7 WHERE ts < ?1");
            scramble->bindInt(1, resume->from);
            QCOMPARE(scramble->step(), SQLITE_DONE);
            QVERIFY(*db->queryInt("SELECT COUNT(*) FROM sched_slice") > 0);
        }
        const FileState before = fileState(path);
        std::vector<double> fractions;
        Status s = buildTimelineIndex(path, [&](double f) {
            fractions.push_back(f);
            return true;
        });
        QVERIFY2(s.ok(), s ? "" : qPrintable(s.error().message));
        QVERIFY(fileState(path) == before);
        QCOMPARE(indexRows(timelineIndexCachePath(path)), indexRows(m_path));
        QVERIFY(!fractions.empty() && fractions.back() == 1.0);
        // The CPUs come from the completed index (the scrambled events would say CPU 7).
        auto db = Database::open(path, Database::Mode::ReadOnly);
        auto lanes = recordingCpus(*db);
        QVERIFY(lanes.ok());
        QCOMPARE(*lanes, (std::vector<int> { 0, 1, 2 }));
    }

    // A recording written before this schema: its old index tables are left alone, a new one
    // goes to the cache (or into the file, with the schema version, when asked).
    void schemaOneFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("old.ftlens"));
        QCOMPARE(writeRecording(path, m_events, WriteOptions { true, false }), QString());
        {
            auto db = Database::open(path, Database::Mode::ReadWrite);
            QVERIFY(db->exec("PRAGMA user_version = 1; CREATE TABLE sched_slice (id INTEGER PRIMARY KEY, cpu INTEGER, ts INTEGER, "
                             "dur INTEGER, pid INTEGER, prio INTEGER, end_state INTEGER); INSERT INTO sched_slice VALUES (1, 0, 5, 5, 999, 0, 0);"
                             "CREATE TABLE cpu_summary (cpu, level, bucket, busy_ns, top_pid, events, type_mask);"
                             "INSERT INTO meta VALUES ('timeline_index', '1')")
                        .ok());
        }
        QVERIFY(RecordingReader::open(path).ok());
        QVERIFY(!hasTimelineIndex(path));
        QVERIFY(buildTimelineIndex(path).ok());
        compareSummaries(path, m_events, 18, m_events.front().ts, m_events.back().ts + 1, { 100 });
        QVERIFY(buildTimelineIndex(path, {}, IndexPlace::File).ok());
        QVERIFY(fileHasTimelineIndex(path));
        auto db = Database::open(path, Database::Mode::ReadOnly);
        QCOMPARE(*db->queryInt("PRAGMA user_version"), std::int64_t(Schema::version));
        QCOMPARE(indexRows(path), indexRows(m_path));
    }

    void cancel()
    {
        const QString path = m_dir.filePath(QStringLiteral("cancel.ftlens"));
        std::vector<GenEvent> many;
        for (int i = 0; i < 200000; ++i)
            many.push_back(GenEvent { base + i * 1000, i % 2, i % 3 == 0 ? 1 : 3, 100 + i % 5, 120, 0 });
        QCOMPARE(writeRecording(path, many, WriteOptions { true, false }), QString());
        const FileState before = fileState(path);
        int calls = 0;
        Status s = buildTimelineIndex(path, [&calls](double fraction) {
            ++calls;
            return fraction < 0.3;
        });
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.contains(QLatin1String("cancelled")));
        QVERIFY2(calls >= 2, qPrintable(QString::number(calls) + s.error().message));
        QVERIFY(!hasTimelineIndex(path));
        QVERIFY(fileState(path) == before);
        QCOMPARE(QDir(IndexCache::directory()).entryList(QDir::Files).filter(QStringLiteral(".tmp")), QStringList());
        double last = 0;
        QVERIFY(buildTimelineIndex(path, [&last](double fraction) {
            last = fraction;
            return true;
        }).ok());
        QCOMPARE(last, 1.0);
    }

    void withoutSchedSwitch()
    {
        const QString path = m_dir.filePath(QStringLiteral("noswitch.ftlens"));
        QCOMPARE(writeRecording(path, m_events, WriteOptions { false }), QString());
        auto db = Database::open(path, Database::Mode::ReadOnly);
        QCOMPARE(*db->queryInt("SELECT COUNT(*) FROM sched_slice"), std::int64_t(0));
        QCOMPARE(*db->queryInt("SELECT COALESCE(SUM(busy_ns), 0) FROM cpu_summary"), std::int64_t(0));
        auto query = TimelineQuery::open(path);
        QVERIFY(query.ok());
        TimelineRequest request { m_events.front().ts, m_events.back().ts + 1, 1e6, { 0, 1, 2 }, {} };
        request.rawEventsPerLane = 0;
        auto data = query.value()->fetch(request);
        QVERIFY(data.ok());
        std::int64_t events = 0;
        for (const TimelineLane& lane : data->cpuLanes) {
            for (const TimelineBucket& b : lane.buckets) {
                events += b.events;
                QCOMPARE(b.busyNs, std::int64_t(0));
            }
        }
        QCOMPARE(events, std::int64_t(m_events.size()));
    }

    void levelMapping_data()
    {
        QTest::addColumn<double>("nsPerPixel");
        QTest::addColumn<int>("level");
        QTest::newRow("sub-ns") << 0.25 << 16;
        QTest::newRow("1 us") << 1000.0 << 16;
        QTest::newRow("2^16") << 65536.0 << 16;
        QTest::newRow("2^18-1") << 262143.0 << 16;
        QTest::newRow("2^18") << 262144.0 << 18;
        QTest::newRow("1 ms") << 1e6 << 18;
        QTest::newRow("2^20") << 1048576.0 << 20;
        QTest::newRow("10 ms") << 1e7 << 22;
        QTest::newRow("2^34") << 17179869184.0 << 34;
        QTest::newRow("2^36: merged") << 68719476736.0 << 36;
        QTest::newRow("huge") << 1e15 << 48;
        QTest::newRow("beyond") << 1e30 << 60;
    }

    void levelMapping()
    {
        QFETCH(double, nsPerPixel);
        QFETCH(int, level);
        QCOMPARE(TimelineQuery::summaryLevel(nsPerPixel), level);
    }

    void rawDecision_data()
    {
        QTest::addColumn<qint64>("events");
        QTest::addColumn<int>("lanes");
        QTest::addColumn<bool>("raw");
        QTest::newRow("empty") << qint64(0) << 8 << true;
        QTest::newRow("few, one lane") << qint64(19999) << 1 << true;
        QTest::newRow("limit, one lane") << qint64(20000) << 1 << false;
        QTest::newRow("8 lanes") << qint64(150000) << 8 << true;
        QTest::newRow("8 lanes, many") << qint64(170000) << 8 << false;
        QTest::newRow("no lanes") << qint64(100) << 0 << true;
    }

    void rawDecision()
    {
        QFETCH(qint64, events);
        QFETCH(int, lanes);
        QFETCH(bool, raw);
        QCOMPARE(TimelineQuery::useRaw(events, lanes), raw);
    }

    void fetchRaw_data()
    {
        QTest::addColumn<int>("firstEvent");
        QTest::addColumn<int>("lastEvent");
        QTest::newRow("start") << 0 << 50;
        QTest::newRow("middle") << 1000 << 1400;
        QTest::newRow("end") << 5900 << -1;
    }

    void fetchRaw()
    {
        QFETCH(int, firstEvent);
        QFETCH(int, lastEvent);
        const std::int64_t from = m_events[std::size_t(firstEvent)].ts;
        const std::int64_t to = lastEvent < 0 ? m_events.back().ts + 1 : m_events[std::size_t(lastEvent)].ts;
        auto query = TimelineQuery::open(m_path);
        QVERIFY2(query.ok(), query ? "" : qPrintable(query.error().message));
        auto data = (*query)->fetch(TimelineRequest { from, to, 1.0, { 0, 1, 2 }, { 100 } });
        QVERIFY(data.ok());
        QVERIFY(data->raw);
        QCOMPARE(data->cpuLanes.size(), std::size_t(3));
        for (int cpu = 0; cpu < cpus; ++cpu) {
            std::vector<std::int64_t> expectedStarts;
            for (const Slice& s : m_slices) {
                if (s.cpu == cpu && s.ts < to && s.ts + s.dur > from)
                    expectedStarts.push_back(s.ts);
            }
            std::vector<std::int64_t> starts;
            for (const TimelineSlice& s : data->cpuLanes[std::size_t(cpu)].slices)
                starts.push_back(s.ts);
            QCOMPARE(starts, expectedStarts);
            std::size_t marks = 0;
            for (const GenEvent& e : m_events)
                marks += (e.cpu == cpu && e.ts >= from && e.ts < to) ? 1 : 0;
            QCOMPARE(data->cpuLanes[std::size_t(cpu)].marks.size(), marks);
        }
        for (const TimelineSlice& s : data->taskLanes[0].slices)
            QCOMPARE(s.pid, 100);
    }

    // Zoomed in to events, the highlight filter's field expression decides which marks are lit:
    // exactly the sched_switch marks with prev_state == 1, counted here from the generated events.
    void fetchRawHighlight()
    {
        const std::int64_t from = m_events[1000].ts;
        const std::int64_t to = m_events[1400].ts;
        auto query = TimelineQuery::open(m_path);
        QVERIFY(query.ok());
        TimelineRequest request { from, to, 1.0, { 0, 1, 2 }, {} };
        request.highlight.expression = QStringLiteral("prev_state == 1");
        auto data = (*query)->fetch(request);
        QVERIFY2(data.ok(), data.ok() ? "" : qPrintable(data.error().message));
        QVERIFY(data->raw && data->highlightById);
        std::size_t expected = 0;
        for (const GenEvent& e : m_events)
            expected += (e.ts >= from && e.ts < to && e.type == 1 && e.prevState == 1) ? 1 : 0;
        QVERIFY(expected > 0);
        QCOMPARE(data->highlightIds.size(), expected);
        request.highlight.expression.clear();
        auto plain = (*query)->fetch(request);
        QVERIFY(plain.ok());
        QVERIFY(!plain->highlightById);
    }

    void eventLookup()
    {
        auto query = TimelineQuery::open(m_path);
        QVERIFY(query.ok());
        const GenEvent* target = nullptr;
        std::int64_t id = 0;
        for (std::size_t i = 0; i < m_events.size() && !target; ++i) {
            if (m_events[i].type == 1 && m_events[i].cpu == 1) {
                target = &m_events[i];
                id = std::int64_t(i) + 1;
            }
        }
        QVERIFY(target);
        auto found = (*query)->eventNear(1, target->ts, 0);
        QVERIFY(found.ok());
        QVERIFY(found->has_value());
        QCOMPARE((*found)->id, id);
        QCOMPARE((*found)->typeName, QStringLiteral("sched:sched_switch"));
        QCOMPARE((*found)->fields,
            QStringLiteral("prev_comm=prev prev_pid=1 prev_prio=120 prev_state=%1 next_comm=task%2 next_pid=%2 next_prio=%3")
                .arg(target->prevState)
                .arg(target->nextPid)
                .arg(target->nextPrio));
        auto none = (*query)->eventNear(1, base - 1'000'000, 10);
        QVERIFY(none.ok());
        QVERIFY(!none->has_value());
        // At the ends of int64 (a hostile file's span; found by fuzz_recordingsql): no overflow
        // (UBSan in the sanitizer build), and nothing near.
        for (std::int64_t edge : { std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min() }) {
            auto far = (*query)->eventNear(1, edge, 1'000'000);
            QVERIFY(far.ok());
            QVERIFY(!far->has_value());
        }
        auto count = (*query)->countEvents(m_events[10].ts, m_events[20].ts);
        QVERIFY(count.ok());
        std::int64_t expectedCount = 0;
        for (const GenEvent& e : m_events)
            expectedCount += (e.ts >= m_events[10].ts && e.ts < m_events[20].ts) ? 1 : 0;
        QCOMPARE(*count, expectedCount);
    }

    // Type ids read from a file may be anything (found by fuzz_recordingsql): those outside
    // 1..63 share the last bit, never a negative shift or an overflow.
    void maskBit_data()
    {
        QTest::addColumn<int>("typeId");
        QTest::addColumn<int>("bit");
        QTest::addRow("first") << 1 << 0;
        QTest::addRow("last own bit") << 63 << 62;
        QTest::addRow("shared") << 64 << 63;
        QTest::addRow("large") << std::numeric_limits<int>::max() << 63;
        QTest::addRow("zero") << 0 << 63;
        QTest::addRow("negative") << -1 << 63;
        QTest::addRow("INT_MIN") << std::numeric_limits<int>::min() << 63;
    }

    void maskBit()
    {
        QFETCH(int, typeId);
        QFETCH(int, bit);
        QCOMPARE(TimelineIndex::maskBit(typeId), bit);
    }

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_cache;
    QString m_path;
    std::vector<GenEvent> m_events;
    std::vector<Slice> m_slices;
};

QTEST_GUILESS_MAIN(TestTimelineIndex)
#include "tst_timelineindex.moc"
