// SPDX-License-Identifier: GPL-3.0-or-later
// StatisticsQuery: counts per type, task and CPU against the same counts in plain SQL on the demo
// recording, the time range -> id range mapping, and CPU utilisation on a hand-built recording
// whose slices are known, both from sched_switch events and from the timeline index.
#include "recordinglimits.h"
#include "recordingreader.h"
#include "recordingwriter.h"
#include "statisticsquery.h"
#include "timelineindex.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace Storage;

Q_DECLARE_METATYPE(Storage::EventFilter)

namespace {

constexpr std::int64_t minTime = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t maxTime = std::numeric_limits<std::int64_t>::max();

using Counts = std::map<QString, std::int64_t>;

// Runs `SELECT key, COUNT(*) ... GROUP BY key` and returns key -> count.
Counts sqlCounts(Database& db, const std::string& sql)
{
    Counts counts;
    auto q = db.prepare(sql);
    if (!q)
        return { { QStringLiteral("error"), -1 } };
    while (q->step() == 100)
        counts[q->columnString(0)] = q->columnInt(1);
    return counts;
}

template <typename Rows, typename Key> Counts toCounts(const Rows& rows, Key key)
{
    Counts counts;
    for (const auto& row : rows)
        counts[key(row)] = row.count;
    return counts;
}

template <typename Rows> bool sortedByCount(const Rows& rows)
{
    for (std::size_t i = 1; i < rows.size(); ++i) {
        if (rows[i - 1].count < rows[i].count)
            return false;
    }
    return true;
}

// The WHERE conditions of a filter without expression, over `event e`.
std::string sqlWhere(const EventFilter& filter)
{
    std::string where = " WHERE e.ts >= " + std::to_string(filter.from) + " AND e.ts < " + std::to_string(filter.to);
    for (int cpu : filter.cpus)
        where += (cpu == filter.cpus.first() ? " AND e.cpu IN (" : ",") + std::to_string(cpu);
    if (!filter.cpus.isEmpty())
        where += ")";
    for (int pid : filter.pids)
        where += (pid == filter.pids.first() ? " AND e.pid IN (" : ",") + std::to_string(pid);
    if (!filter.pids.isEmpty())
        where += ")";
    for (const QString& type : filter.eventTypes)
        where += (type == filter.eventTypes.first() ? " AND (t.system || ':' || t.name) IN ('" : ",'") + type.toStdString() + "'";
    if (!filter.eventTypes.isEmpty())
        where += ")";
    return where;
}

// A sched_switch at ts on cpu from prev to next.
void addSwitch(RecordingWriter& writer, int type, std::int64_t ts, int cpu, int prev, int next)
{
    writer.beginEvent(type, ts, cpu, prev, 1, 2);
    writer.setText(0, prev ? "task" : "swapper");
    writer.setInt(1, prev);
    writer.setInt(2, 120);
    writer.setInt(3, 1);
    writer.setText(4, next ? "task" : "swapper");
    writer.setInt(5, next);
    writer.setInt(6, 120);
    QVERIFY(writer.endEvent());
}

} // namespace

class TestStatisticsQuery : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void countsMatchSql_data();
    void countsMatchSql();
    void expressionFilter();
    void rangeMapping_data();
    void rangeMapping();
    void utilisation_data();
    void utilisation();
    void utilisationOfSomeCpus();
    void errors();
    void damagedRows_data();
    void damagedRows();
    void absurdCpuCount();

private:
    void writeKnownSlices(const QString& path);
    QTemporaryDir m_dir;
    QString m_demo;
    QString m_slices;
    QString m_indexedSlices;
    std::int64_t m_firstTs = 0;
    std::int64_t m_lastTs = 0;
};

void TestStatisticsQuery::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_demo = m_dir.filePath(QStringLiteral("demo.ftlens"));
    QVERIFY(QFile::copy(QStringLiteral(FTLENS_SOURCE_DIR "/resources/demo.ftlens"), m_demo));
    QFile(m_demo).setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    auto reader = RecordingReader::open(m_demo);
    QVERIFY(reader);
    auto summary = (*reader)->summary();
    QVERIFY(summary);
    QVERIFY(summary->events > 10000);
    m_firstTs = summary->firstTs;
    m_lastTs = summary->lastTs;

    m_slices = m_dir.filePath(QStringLiteral("slices.ftlens"));
    writeKnownSlices(m_slices);
    m_indexedSlices = m_dir.filePath(QStringLiteral("slices-indexed.ftlens"));
    writeKnownSlices(m_indexedSlices);
    QVERIFY(buildTimelineIndex(m_indexedSlices));
    QVERIFY(hasTimelineIndex(m_indexedSlices));
}

// CPU 0 runs pid 100 in [1000, 3000) and pid 101 in [4000, 6000); CPU 1 runs pid 200 in
// [2000, 5000) (what ran there before its first switch is unknown: idle). Events span [1000, 7000].
void TestStatisticsQuery::writeKnownSlices(const QString& path)
{
    auto writer = RecordingWriter::create(path);
    QVERIFY(writer);
    const FieldSpec comm { "prev_comm", "char[16]", Schema::FieldStorage::Text, 16 };
    auto sw = (*writer)->addEventType({ "sched", "sched_switch", "tracepoint", 372, {}, {},
        { comm, { "prev_pid", "pid_t", Schema::FieldStorage::Int, 4 }, { "prev_prio", "int", Schema::FieldStorage::Int, 4 },
            { "prev_state", "long", Schema::FieldStorage::Int, 8 }, { "next_comm", "char[16]", Schema::FieldStorage::Text, 16 },
            { "next_pid", "pid_t", Schema::FieldStorage::Int, 4 }, { "next_prio", "int", Schema::FieldStorage::Int, 4 } } });
    auto wakeup = (*writer)->addEventType({ "sched", "sched_wakeup", "tracepoint", 374, {}, {},
        { { "pid", "pid_t", Schema::FieldStorage::Int, 4 } } });
    QVERIFY(sw && wakeup);
    QVERIFY((*writer)->setMeta("cpus", "2"));
    auto wake = [&](std::int64_t ts, int cpu) {
        (*writer)->beginEvent(*wakeup, ts, cpu, 0, 1, 3);
        (*writer)->setInt(0, 1);
        QVERIFY((*writer)->endEvent());
    };
    addSwitch(**writer, *sw, 1000, 0, 0, 100);
    wake(1500, 1);
    addSwitch(**writer, *sw, 2000, 1, 0, 200);
    addSwitch(**writer, *sw, 3000, 0, 100, 0);
    addSwitch(**writer, *sw, 4000, 0, 0, 101);
    addSwitch(**writer, *sw, 5000, 1, 200, 0);
    addSwitch(**writer, *sw, 6000, 0, 101, 0);
    wake(7000, 1);
    QVERIFY((*writer)->setTask(100, 100, "worker"));
    QVERIFY((*writer)->finish());
}

void TestStatisticsQuery::countsMatchSql_data()
{
    QTest::addColumn<EventFilter>("filter");
    const std::int64_t third = (m_lastTs - m_firstTs) / 3;
    EventFilter whole;
    QTest::newRow("whole file") << whole;
    EventFilter range;
    range.from = m_firstTs + third;
    range.to = m_firstTs + 2 * third;
    QTest::newRow("middle third") << range;
    EventFilter cpu = range;
    cpu.cpus = { 1 };
    QTest::newRow("cpu 1 in the middle third") << cpu;
    EventFilter types;
    types.eventTypes = { QStringLiteral("sched:sched_switch"), QStringLiteral("syscalls:sys_exit_openat") };
    QTest::newRow("two types") << types;
    EventFilter pids;
    pids.pids = { 0, 12086 };
    QTest::newRow("idle and cmake") << pids;
    EventFilter empty;
    empty.from = m_lastTs + 1;
    QTest::newRow("after the end") << empty;
}

void TestStatisticsQuery::countsMatchSql()
{
    QFETCH(EventFilter, filter);
    auto reader = RecordingReader::open(m_demo);
    QVERIFY(reader);
    StatisticsQuery query(**reader);
    auto stats = query.run(filter);
    QVERIFY2(stats, stats ? "" : qPrintable(stats.error().message));
    Database& db = (*reader)->database();
    const std::string from = " FROM event e JOIN event_type t ON t.id = e.type_id" + sqlWhere(filter);
    const Counts byType = sqlCounts(db, "SELECT t.system || ':' || t.name, COUNT(*)" + from + " GROUP BY 1");
    const Counts byCpu = sqlCounts(db, "SELECT e.cpu, COUNT(*)" + from + " GROUP BY 1");
    const Counts byTask = sqlCounts(db, "SELECT e.pid, COUNT(*)" + from + " GROUP BY 1");
    const Counts total = sqlCounts(db, "SELECT 'all', COUNT(*)" + from);

    QCOMPARE(toCounts(stats->byType, [](const TypeCount& r) { return r.name; }), byType);
    QCOMPARE(toCounts(stats->byCpu, [](const CpuCount& r) { return QString::number(r.cpu); }), byCpu);
    QCOMPARE(toCounts(stats->byTask, [](const TaskCount& r) { return QString::number(r.pid); }), byTask);
    QCOMPARE(stats->total, total.at(QStringLiteral("all")));
    QVERIFY(sortedByCount(stats->byType));
    QVERIFY(sortedByCount(stats->byCpu));
    QVERIFY(sortedByCount(stats->byTask));
    // Comms come from the task table.
    const Counts comms = sqlCounts(db, "SELECT s.str, t.pid FROM task t JOIN string s ON s.id = t.comm_id");
    for (const TaskCount& task : stats->byTask) {
        if (!task.comm.isEmpty())
            QCOMPARE(comms.at(task.comm) > 0 || task.pid == 0, true);
    }
}

void TestStatisticsQuery::expressionFilter()
{
    auto reader = RecordingReader::open(m_demo);
    QVERIFY(reader);
    EventFilter filter;
    filter.eventTypes = { QStringLiteral("sched:sched_switch") };
    filter.expression = QStringLiteral("prev_state == 1");
    auto stats = StatisticsQuery(**reader).run(filter);
    QVERIFY2(stats, stats ? "" : qPrintable(stats.error().message));
    auto expected = (*reader)->database().queryInt("SELECT COUNT(*) FROM ev_sched__sched_switch WHERE prev_state = 1");
    QVERIFY(expected && *expected > 0);
    QCOMPARE(stats->total, *expected);
    QCOMPARE(stats->byType.size(), std::size_t(1));
    QCOMPARE(stats->byType.front().count, *expected);
}

void TestStatisticsQuery::rangeMapping_data()
{
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::newRow("everything") << qint64(minTime) << qint64(maxTime);
    QTest::newRow("first event only") << qint64(m_firstTs) << qint64(m_firstTs + 1);
    QTest::newRow("last event onwards") << qint64(m_lastTs) << qint64(maxTime);
    QTest::newRow("before the start") << qint64(0) << qint64(m_firstTs);
    QTest::newRow("after the end") << qint64(m_lastTs + 1) << qint64(maxTime);
    QTest::newRow("empty range") << qint64(m_firstTs + 500'000) << qint64(m_firstTs + 500'000);
    QTest::newRow("a millisecond in the middle") << qint64(m_firstTs + 1'000'000'000) << qint64(m_firstTs + 1'001'000'000);
    QTest::newRow("half") << qint64(m_firstTs + (m_lastTs - m_firstTs) / 2) << qint64(maxTime);
}

void TestStatisticsQuery::rangeMapping()
{
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    auto reader = RecordingReader::open(m_demo);
    QVERIFY(reader);
    EventFilter filter;
    filter.from = from;
    filter.to = to;
    auto stats = StatisticsQuery(**reader).run(filter);
    QVERIFY(stats);
    auto q = (*reader)->database().prepare("SELECT COUNT(*), MIN(id), MAX(id) FROM event WHERE ts >= ? AND ts < ?");
    QVERIFY(q);
    q->bindInt(1, from);
    q->bindInt(2, to);
    QCOMPARE(q->step(), 100);
    QCOMPARE(stats->ids.size(), q->columnInt(0));
    QCOMPARE(stats->total, q->columnInt(0));
    if (q->columnInt(0) > 0) {
        QCOMPARE(stats->ids.first, q->columnInt(1));
        QCOMPARE(stats->ids.last, q->columnInt(2));
    }
}

void TestStatisticsQuery::utilisation_data()
{
    QTest::addColumn<bool>("indexed");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<qint64>("window");
    QTest::addColumn<qint64>("busy0");
    QTest::addColumn<qint64>("busy1");
    for (const bool indexed : { false, true }) {
        auto row = [indexed](const char* name) -> QTestData& { return QTest::addRow("%s, %s", indexed ? "index" : "events", name) << indexed; };
        row("whole file") << qint64(minTime) << qint64(maxTime) << qint64(6000) << qint64(4000) << qint64(3000);
        row("across switches") << qint64(2500) << qint64(4500) << qint64(2000) << qint64(1000) << qint64(2000);
        row("no event inside") << qint64(3200) << qint64(3800) << qint64(600) << qint64(0) << qint64(600);
        row("past the end") << qint64(5500) << qint64(100000) << qint64(1500) << qint64(500) << qint64(0);
        row("before the start") << qint64(0) << qint64(1500) << qint64(500) << qint64(500) << qint64(0);
        row("inside one slice") << qint64(2100) << qint64(2200) << qint64(100) << qint64(100) << qint64(100);
    }
}

void TestStatisticsQuery::utilisation()
{
    QFETCH(bool, indexed);
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(qint64, window);
    QFETCH(qint64, busy0);
    QFETCH(qint64, busy1);
    auto reader = RecordingReader::open(indexed ? m_indexedSlices : m_slices);
    QVERIFY(reader);
    EventFilter filter;
    filter.from = from;
    filter.to = to;
    auto stats = StatisticsQuery(**reader).run(filter);
    QVERIFY2(stats, stats ? "" : qPrintable(stats.error().message));
    QCOMPARE(stats->utilisationFromIndex, indexed);
    QCOMPARE(stats->utilisation.size(), std::size_t(2));
    QCOMPARE(stats->windowEnd - stats->windowStart, window);
    QCOMPARE(stats->utilisation[0].cpu, 0);
    QCOMPARE(stats->utilisation[0].windowNs, window);
    QCOMPARE(stats->utilisation[0].busyNs, busy0);
    QCOMPARE(stats->utilisation[1].busyNs, busy1);
    QCOMPARE(stats->utilisation[1].fraction(), double(busy1) / double(window));
}

void TestStatisticsQuery::utilisationOfSomeCpus()
{
    auto reader = RecordingReader::open(m_slices);
    QVERIFY(reader);
    EventFilter filter;
    filter.cpus = { 1 };
    auto stats = StatisticsQuery(**reader).run(filter);
    QVERIFY(stats);
    QCOMPARE(stats->utilisation.size(), std::size_t(1));
    QCOMPARE(stats->utilisation[0].cpu, 1);
    QCOMPARE(stats->utilisation[0].busyNs, 3000);
    QCOMPARE(stats->total, 4); // two wake-ups and two switches on CPU 1
    QCOMPARE(stats->byTask.size(), std::size_t(2));
    QCOMPARE(stats->byTask[0].pid, 0); // the wake-ups and the switch away from idle
    QCOMPARE(stats->byTask[0].count, 3);
    QCOMPARE(stats->byTask[1].pid, 200);
}

void TestStatisticsQuery::errors()
{
    auto reader = RecordingReader::open(m_demo);
    QVERIFY(reader);
    StatisticsQuery query(**reader);
    EventFilter unknown;
    unknown.eventTypes = { QStringLiteral("sched:no_such_event") };
    QVERIFY(!query.run(unknown));
    EventFilter bad;
    bad.expression = QStringLiteral("prev_state ==");
    QVERIFY(!query.run(bad));
    auto cancelled = query.run(EventFilter {}, [] { return true; });
    QVERIFY(!cancelled);
    QVERIFY(cancelled.error().message.contains(QStringLiteral("cancel")));
    QVERIFY(query.run(EventFilter {})); // the query stays usable
}

// Event rows edited into what no recorder writes (found by fuzz_recordingsql): counted under the
// value read, never an index out of bounds or a vector as large as the value.
void TestStatisticsQuery::damagedRows_data()
{
    QTest::addColumn<QString>("edit");
    QTest::addColumn<bool>("noCpu");
    QTest::addRow("cpu -1") << QStringLiteral("UPDATE event SET cpu = -1 WHERE id = 3") << true;
    QTest::addRow("cpu 10^9") << QStringLiteral("UPDATE event SET cpu = 1000000000 WHERE id = 3") << true;
    QTest::addRow("cpu INT_MAX") << QStringLiteral("UPDATE event SET cpu = 2147483647 WHERE id = 3") << true;
    QTest::addRow("cpu 8192") << QStringLiteral("UPDATE event SET cpu = 8192 WHERE id = 3") << true;
    QTest::addRow("cpu -2^31") << QStringLiteral("UPDATE event SET cpu = -2147483648 WHERE id = 3") << true;
    QTest::addRow("type_id -1") << QStringLiteral("UPDATE event SET type_id = -1 WHERE id = 3") << false;
    QTest::addRow("type_id 10^9") << QStringLiteral("UPDATE event SET type_id = 1000000000 WHERE id = 3") << false;
    QTest::addRow("unknown type_id") << QStringLiteral("UPDATE event SET type_id = 3 WHERE id = 3") << false;
}

void TestStatisticsQuery::damagedRows()
{
    QFETCH(QString, edit);
    QFETCH(bool, noCpu);
    auto intact = RecordingReader::open(m_slices);
    QVERIFY(intact);
    auto before = StatisticsQuery(**intact).run(EventFilter {});
    QVERIFY(before);
    const QString path = m_dir.filePath(QStringLiteral("damaged.ftlens"));
    QFile::remove(path);
    QVERIFY(QFile::copy(m_slices, path));
    {
        auto db = Database::open(path, Database::Mode::ReadWrite);
        QVERIFY(db);
        QVERIFY(db->exec(edit.toUtf8().constData()));
    }
    auto reader = RecordingReader::open(path);
    QVERIFY(reader);
    auto stats = StatisticsQuery(**reader).run(EventFilter {});
    QVERIFY2(stats, qPrintable(stats ? QString() : stats.error().message));
    // Every event still counted once; a type under its own value, a CPU no kernel has in no CPU's row.
    QCOMPARE(stats->total, before->total);
    std::int64_t byCpu = 0;
    for (const auto& cpu : stats->byCpu)
        byCpu += cpu.count;
    QCOMPARE(byCpu, before->total - (noCpu ? 1 : 0));
}

// meta cpus of a billion (found by fuzz_recordingsql: two queries per CPU never ended): the
// utilisation covers at most Limits::maxCpus CPUs, and the real ones still right.
void TestStatisticsQuery::absurdCpuCount()
{
    const QString path = m_dir.filePath(QStringLiteral("cpus.ftlens"));
    QFile::remove(path);
    QVERIFY(QFile::copy(m_indexedSlices, path));
    {
        auto db = Database::open(path, Database::Mode::ReadWrite);
        QVERIFY(db);
        QVERIFY(db->exec("UPDATE meta SET value = '1000000000' WHERE key = 'cpus'"));
    }
    auto reader = RecordingReader::open(path);
    QVERIFY(reader);
    auto stats = StatisticsQuery(**reader).run(EventFilter {});
    QVERIFY2(stats, qPrintable(stats ? QString() : stats.error().message));
    QVERIFY(stats->utilisation.size() >= 2);
    QVERIFY(stats->utilisation.size() <= std::size_t(Limits::maxCpus));
    QCOMPARE(stats->utilisation[0].busyNs, 4000);
    QCOMPARE(stats->utilisation[1].busyNs, 3000);
}

QTEST_GUILESS_MAIN(TestStatisticsQuery)
#include "tst_statisticsquery.moc"
