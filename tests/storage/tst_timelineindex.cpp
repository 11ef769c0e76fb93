// SPDX-License-Identifier: GPL-3.0-or-later
// The timeline index over a small recording written with RecordingWriter: sched_slice rows and
// cpu_summary buckets at every level against expectations computed here by brute force from the
// same generated events, the zoom-to-level mapping, raw-versus-summary fetches, event lookup
// with field text, idempotence, cancelling, and a read-only recording (index in the cache).
#include "recordingwriter.h"
#include "sqlitedb.h"
#include "timelineindex.h"
#include "timelinequery.h"

#include <QFile>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <limits>
#include <map>
#include <tuple>

using namespace Storage;

namespace {

struct GenEvent {
    std::int64_t ts;
    int cpu;
    int type; // 1 switch, 2 wakeup, 3 tick
    int nextPid;
    int nextPrio;
    int prevState;
};

struct Slice {
    int cpu;
    std::int64_t ts;
    std::int64_t dur;
    int pid;
    int prio;
    std::int64_t endState; // -1 = NULL
    bool operator==(const Slice&) const = default;
};

struct Bucket {
    std::int64_t busy = 0;
    std::int64_t events = 0;
    std::uint64_t mask = 0;
    std::map<int, std::int64_t> time;
};

constexpr std::int64_t base = 1'000'000'123;
constexpr int cpus = 3; // CPU 2 never switches: it gets events but no slices

std::vector<GenEvent> generate()
{
    QRandomGenerator rng(42);
    std::vector<GenEvent> events;
    std::int64_t ts = base;
    const int pids[] = { 0, 100, 101, 102, 200 };
    for (int i = 0; i < 3000; ++i) {
        // Mostly small steps, some gaps spanning many finest-level buckets.
        ts += rng.bounded(100) < 3 ? rng.bounded(2'000'000) : rng.bounded(20'000);
        const int cpu = static_cast<int>(rng.bounded(cpus));
        const int roll = static_cast<int>(rng.bounded(100));
        const int type = cpu == 2 ? 3 : roll < 40 ? 1 : roll < 70 ? 2 : 3;
        events.push_back(GenEvent { ts, cpu, type, pids[rng.bounded(5)], 100 + static_cast<int>(rng.bounded(40)),
            static_cast<int>(rng.bounded(3)) });
        if (rng.bounded(100) < 5)
            events.push_back(GenEvent { ts, cpu, 3, 0, 0, 0 }); // same timestamp
    }
    return events;
}

std::vector<Slice> expectedSlices(const std::vector<GenEvent>& events)
{
    std::vector<Slice> slices;
    std::map<int, Slice> running;
    for (const GenEvent& e : events) {
        if (e.type != 1)
            continue;
        if (auto it = running.find(e.cpu); it != running.end()) {
            if (it->second.pid > 0) {
                it->second.dur = e.ts - it->second.ts;
                it->second.endState = e.prevState;
                slices.push_back(it->second);
            }
        }
        running[e.cpu] = Slice { e.cpu, e.ts, 0, e.nextPid, e.nextPrio, -1 };
    }
    for (auto& [cpu, slice] : running) {
        if (slice.pid > 0) {
            slice.dur = events.back().ts - slice.ts;
            slices.push_back(slice);
        }
    }
    std::sort(slices.begin(), slices.end(), [](const Slice& a, const Slice& b) { return std::tie(a.cpu, a.ts) < std::tie(b.cpu, b.ts); });
    return slices;
}

// (cpu, bucket) -> bucket, by brute force over the slices and events.
std::map<std::pair<int, std::int64_t>, Bucket> expectedBuckets(const std::vector<GenEvent>& events,
    const std::vector<Slice>& slices, int level)
{
    std::map<std::pair<int, std::int64_t>, Bucket> buckets;
    const std::int64_t width = std::int64_t(1) << level;
    for (const Slice& s : slices) {
        for (std::int64_t b = s.ts / width; b * width < s.ts + s.dur; ++b) {
            const std::int64_t overlap = std::min(s.ts + s.dur, (b + 1) * width) - std::max(s.ts, b * width);
            if (overlap > 0) {
                Bucket& bucket = buckets[{ s.cpu, b }];
                bucket.busy += overlap;
                bucket.time[s.pid] += overlap;
            }
        }
    }
    for (const GenEvent& e : events) {
        Bucket& bucket = buckets[{ e.cpu, e.ts / width }];
        ++bucket.events;
        bucket.mask |= std::uint64_t(1) << (e.type - 1);
    }
    return buckets;
}

int topPid(const Bucket& b)
{
    int top = 0;
    std::int64_t best = -1;
    for (const auto& [pid, time] : b.time) {
        if (time > best) {
            best = time;
            top = pid;
        }
    }
    return top;
}

EventTypeSpec makeType(const char* system, const char* name, std::vector<FieldSpec> fields)
{
    EventTypeSpec spec;
    spec.system = system;
    spec.name = name;
    spec.kind = "tracepoint";
    spec.fields = std::move(fields);
    return spec;
}

QString writeRecording(const QString& path, const std::vector<GenEvent>& events, bool withSwitch = true)
{
    auto created = RecordingWriter::create(path);
    if (!created)
        return created.error().message;
    RecordingWriter& w = **created;
    using S = Schema::FieldStorage;
    auto sw = w.addEventType(makeType(withSwitch ? "sched" : "other", "sched_switch",
        { { "prev_comm", "char[16]", S::Text, 16 }, { "prev_pid", "pid_t", S::Int, 4 }, { "prev_prio", "int", S::Int, 4 },
            { "prev_state", "long", S::Int, 8 }, { "next_comm", "char[16]", S::Text, 16 },
            { "next_pid", "pid_t", S::Int, 4 }, { "next_prio", "int", S::Int, 4 } }));
    auto wakeup = w.addEventType(makeType("sched", "sched_wakeup", { { "comm", "char[16]", S::Text, 16 }, { "pid", "pid_t", S::Int, 4 } }));
    auto tick = w.addEventType(makeType("irq", "tick", {}));
    if (!sw || !wakeup || !tick)
        return QStringLiteral("cannot add types");
    for (const GenEvent& e : events) {
        w.beginEvent(e.type, e.ts, e.cpu, 1000 + e.cpu, 0, 0);
        if (e.type == 1) {
            w.setText(0, "prev");
            w.setInt(1, 1);
            w.setInt(2, 120);
            w.setInt(3, e.prevState);
            w.setText(4, "task" + std::to_string(e.nextPid));
            w.setInt(5, e.nextPid);
            w.setInt(6, e.nextPrio);
        } else if (e.type == 2) {
            w.setText(0, "woken");
            w.setInt(1, 77);
        }
        if (Status s = w.endEvent(); !s)
            return s.error().message;
    }
    for (const int pid : { 100, 101, 102, 200 }) {
        if (Status s = w.setTask(pid, pid, "task" + std::to_string(pid)); !s)
            return s.error().message;
    }
    (void)w.setMeta("cpus", std::to_string(cpus));
    Status s = w.finish();
    return s ? QString() : s.error().message;
}

std::vector<Slice> readSlices(const QString& path)
{
    std::vector<Slice> slices;
    auto db = Database::open(path, Database::Mode::ReadOnly);
    if (!db)
        return slices;
    auto q = db->prepare("SELECT cpu, ts, dur, pid, prio, end_state FROM sched_slice ORDER BY cpu, ts");
    while (q && q->step() == SQLITE_ROW)
        slices.push_back(Slice { int(q->columnInt(0)), q->columnInt(1), q->columnInt(2), int(q->columnInt(3)),
            int(q->columnInt(4)), q->columnIsNull(5) ? -1 : q->columnInt(5) });
    return slices;
}

} // namespace

class TestTimelineIndex : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_events = generate();
        m_path = m_dir.filePath(QStringLiteral("t.ftlens"));
        QCOMPARE(writeRecording(m_path, m_events), QString());
        QVERIFY(!hasTimelineIndex(m_path));
        Status s = buildTimelineIndex(m_path);
        QVERIFY2(s.ok(), s ? "" : qPrintable(s.error().message));
        QVERIFY(hasTimelineIndex(m_path));
        m_slices = expectedSlices(m_events);
    }

    void slices()
    {
        QVERIFY(m_slices.size() > 100);
        const std::vector<Slice> actual = readSlices(m_path);
        QCOMPARE(actual.size(), m_slices.size());
        for (std::size_t i = 0; i < actual.size(); ++i)
            QVERIFY2(actual[i] == m_slices[i], qPrintable(QStringLiteral("slice %1 differs").arg(i)));
    }

    void buckets_data()
    {
        QTest::addColumn<int>("level");
        for (int level = TimelineIndex::firstLevel; level <= TimelineIndex::lastLevel; level += TimelineIndex::levelStep)
            QTest::addRow("2^%d ns", level) << level;
    }

    void buckets()
    {
        QFETCH(int, level);
        const auto expected = expectedBuckets(m_events, m_slices, level);
        auto db = Database::open(m_path, Database::Mode::ReadOnly);
        QVERIFY(db.ok());
        auto q = db->prepare("SELECT cpu, bucket, busy_ns, events, type_mask, top_pid FROM cpu_summary WHERE level = ?1 ORDER BY cpu, bucket");
        QVERIFY(q.ok());
        q->bindInt(1, level);
        std::size_t rows = 0;
        std::int64_t busyTotal = 0;
        while (q->step() == SQLITE_ROW) {
            const auto key = std::make_pair(int(q->columnInt(0)), q->columnInt(1));
            const auto it = expected.find(key);
            QVERIFY2(it != expected.end(), qPrintable(QStringLiteral("unexpected bucket %1/%2").arg(key.first).arg(key.second)));
            QCOMPARE(q->columnInt(2), it->second.busy);
            QCOMPARE(q->columnInt(3), it->second.events);
            QCOMPARE(static_cast<std::uint64_t>(q->columnInt(4)), it->second.mask);
            QCOMPARE(int(q->columnInt(5)), topPid(it->second));
            busyTotal += q->columnInt(2);
            ++rows;
        }
        QCOMPARE(rows, expected.size());
        std::int64_t sliceTotal = 0;
        for (const Slice& s : m_slices)
            sliceTotal += s.dur;
        QCOMPARE(busyTotal, sliceTotal);
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
        QTest::newRow("10 s / 1000 px") << 1e7 << 22;
        QTest::newRow("2^34") << 17179869184.0 << 34;
        QTest::newRow("huge") << 1e15 << 34;
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
        QTest::newRow("end") << 2900 << -1;
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

    void fetchSummary_data()
    {
        QTest::addColumn<double>("nsPerPixel");
        QTest::newRow("10 px") << 0.0;
        QTest::newRow("finest") << 1000.0;
        QTest::newRow("2^20") << 1048576.0;
    }

    void fetchSummary()
    {
        QFETCH(double, nsPerPixel);
        auto query = TimelineQuery::open(m_path);
        QVERIFY(query.ok());
        const std::int64_t from = m_events[100].ts;
        const std::int64_t to = m_events[2500].ts;
        if (nsPerPixel == 0)
            nsPerPixel = double(to - from) / 10;
        TimelineRequest request { from, to, nsPerPixel, { 0, 1, 2 }, { 100 } };
        request.rawEventsPerLane = 10; // force summaries on this small file
        auto data = (*query)->fetch(request);
        QVERIFY(data.ok());
        QVERIFY(!data->raw);
        const int level = TimelineQuery::summaryLevel(nsPerPixel);
        const auto expected = expectedBuckets(m_events, m_slices, level);
        for (int cpu = 0; cpu < cpus; ++cpu) {
            const TimelineLane& lane = data->cpuLanes[std::size_t(cpu)];
            QCOMPARE(lane.level, level);
            QVERIFY(lane.marks.empty() && lane.slices.empty());
            std::size_t n = 0;
            for (const auto& [key, bucket] : expected) {
                if (key.first != cpu || ((key.second + 1) << level) <= from || (key.second << level) >= to)
                    continue;
                QVERIFY(n < lane.buckets.size());
                QCOMPARE(lane.buckets[n].start, key.second << level);
                QCOMPARE(lane.buckets[n].busyNs, bucket.busy);
                QCOMPARE(lane.buckets[n].events, bucket.events);
                QCOMPARE(lane.buckets[n].topPid, topPid(bucket));
                ++n;
            }
            QCOMPARE(lane.buckets.size(), n);
        }
        // The task lane: pid 100's time inside the range, whatever the level.
        std::int64_t expectedBusy = 0;
        for (const Slice& s : m_slices) {
            if (s.pid == 100)
                expectedBusy += std::max<std::int64_t>(0, std::min(s.ts + s.dur, to) - std::max(s.ts, from));
        }
        std::int64_t busy = 0;
        for (const TimelineBucket& b : data->taskLanes[0].buckets)
            busy += b.busyNs;
        QVERIFY(expectedBusy > 0);
        QCOMPARE(busy, expectedBusy);
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

    void idempotent()
    {
        const std::vector<Slice> before = readSlices(m_path);
        QVERIFY(buildTimelineIndex(m_path).ok());
        QCOMPARE(readSlices(m_path).size(), before.size());
        // A forced rebuild (older version) replaces the tables rather than adding to them.
        {
            auto db = Database::open(m_path, Database::Mode::ReadWrite);
            QVERIFY(db->exec("UPDATE meta SET value = '0' WHERE key = 'timeline_index'").ok());
        }
        QVERIFY(!hasTimelineIndex(m_path));
        QVERIFY(buildTimelineIndex(m_path).ok());
        QCOMPARE(readSlices(m_path), before);
    }

    void cancel()
    {
        const QString path = m_dir.filePath(QStringLiteral("cancel.ftlens"));
        std::vector<GenEvent> many;
        for (int i = 0; i < 200000; ++i)
            many.push_back(GenEvent { base + i * 1000, i % 2, i % 3 == 0 ? 1 : 3, 100 + i % 5, 120, 0 });
        QCOMPARE(writeRecording(path, many), QString());
        int calls = 0;
        Status s = buildTimelineIndex(path, [&calls](double fraction) {
            ++calls;
            return fraction < 0.3;
        });
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.contains(QLatin1String("cancelled")));
        QVERIFY2(calls >= 2, qPrintable(QString::number(calls) + s.error().message));
        QVERIFY(!hasTimelineIndex(path));
        auto db = Database::open(path, Database::Mode::ReadOnly);
        auto tables = db->queryInt("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('sched_slice', 'cpu_summary')");
        QVERIFY(tables.ok());
        QCOMPARE(*tables, std::int64_t(0));
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
        QCOMPARE(writeRecording(path, m_events, false), QString());
        QVERIFY(buildTimelineIndex(path).ok());
        auto db = Database::open(path, Database::Mode::ReadOnly);
        QCOMPARE(*db->queryInt("SELECT COUNT(*) FROM sched_slice"), std::int64_t(0));
        QCOMPARE(*db->queryInt("SELECT SUM(events) FROM cpu_summary WHERE level = 16"), std::int64_t(m_events.size()));
        QCOMPARE(*db->queryInt("SELECT SUM(busy_ns) FROM cpu_summary"), std::int64_t(0));
    }

    void readOnlyRecording()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ro.ftlens"));
        QCOMPARE(writeRecording(path, m_events), QString());
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup);
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        if (QFileInfo(path).isWritable() || QFileInfo(dir.path()).isWritable()) {
            QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
            QSKIP("running as root: every file is writable");
        }
        const QByteArray before = [&] { QFile f(path); f.open(QIODevice::ReadOnly); return f.readAll(); }();
        Status s = buildTimelineIndex(path);
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QVERIFY2(s.ok(), s ? "" : qPrintable(s.error().message));
        QVERIFY(hasTimelineIndex(path));
        QVERIFY(QFile::exists(timelineIndexCachePath(path)));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
        auto query = TimelineQuery::open(path);
        QVERIFY(query.ok());
        auto data = (*query)->fetch(TimelineRequest { base, m_events.back().ts + 1, 1.0, { 0 }, {} });
        QVERIFY(data.ok());
        QVERIFY(!data->cpuLanes[0].slices.empty());
        QFile::remove(timelineIndexCachePath(path));
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::vector<GenEvent> m_events;
    std::vector<Slice> m_slices;
};

QTEST_GUILESS_MAIN(TestTimelineIndex)
#include "tst_timelineindex.moc"
