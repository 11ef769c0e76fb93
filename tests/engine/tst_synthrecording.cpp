// SPDX-License-Identifier: GPL-3.0-or-later
// Synthetic recordings: exactly N events in time order, a consistent scheduler story (each
// switch's prev is the CPU's previous next, sleepers are woken before they run again), the
// kernel's real formats and field specs, and a file the reader and `ftlens-cli info` accept.
#include "recordingreader.h"
#include "synthformats.h"
#include "synthrecording.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>

using namespace Synth;

namespace {

Storage::Result<std::int64_t> queryInt(Storage::Database& db, const char* sql) { return db.queryInt(sql); }

struct KernelField {
    QString name;
    QString cType;
    int size = 0;
    bool isSigned = false;
};

// The non-common fields of a kernel format file, as the helper's decoder sees them.
std::vector<KernelField> parseFormat(const QString& text)
{
    static const QRegularExpression line(
        QStringLiteral("field:(.+?) ([A-Za-z_0-9]+)(\\[\\d+\\])?;\\s*offset:\\d+;\\s*size:(\\d+);\\s*signed:(\\d);"));
    std::vector<KernelField> fields;
    auto it = line.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        if (m.captured(2).startsWith(QLatin1String("common_")))
            continue;
        fields.push_back({ m.captured(2), m.captured(1) + m.captured(3), m.captured(4).toInt(), m.captured(5) == QLatin1String("1") });
    }
    return fields;
}


// Replays the scheduler events in id order; returns what is inconsistent, or nothing.
QString checkSchedulerStory(Storage::Database& db)
{
    auto stmt = db.prepare("SELECT e.id, e.cpu, e.pid, s.prev_pid, s.prev_state, s.next_pid, w.pid, s.event_id IS NOT NULL "
                           "FROM event e LEFT JOIN ev_sched__sched_switch s ON s.event_id = e.id "
                           "LEFT JOIN ev_sched__sched_wakeup w ON w.event_id = e.id "
                           "WHERE s.event_id IS NOT NULL OR w.event_id IS NOT NULL ORDER BY e.id");
    if (!stmt)
        return stmt.error().message;
    enum class State { Sleeping, Awake };
    std::map<int, int> currentOnCpu; // cpu -> pid of the last next_pid
    std::map<int, int> runningOn; // pid -> cpu
    std::map<int, State> states;
    while (stmt->step() == 100 /* SQLITE_ROW */) {
        const auto id = stmt->columnInt(0);
        const int cpu = int(stmt->columnInt(1));
        if (stmt->columnInt(7) == 0) {
            const int pid = int(stmt->columnInt(6));
            if (states.count(pid) && states[pid] != State::Sleeping)
                return QStringLiteral("event %1: wakes pid %2, which is not asleep").arg(id).arg(pid);
            states[pid] = State::Awake;
            continue;
        }
        const int prev = int(stmt->columnInt(3));
        const int next = int(stmt->columnInt(5));
        if (stmt->columnInt(2) != prev)
            return QStringLiteral("event %1: common_pid is not prev_pid").arg(id);
        if (currentOnCpu.count(cpu) && currentOnCpu[cpu] != prev)
            return QStringLiteral("event %1: prev_pid %2 but CPU %3 ran %4").arg(id).arg(prev).arg(cpu).arg(currentOnCpu[cpu]);
        if (prev == next)
            return QStringLiteral("event %1: switches pid %2 to itself").arg(id).arg(prev);
        currentOnCpu[cpu] = next;
        if (prev != 0) {
            runningOn.erase(prev);
            states[prev] = stmt->columnInt(4) == 0 ? State::Awake : State::Sleeping;
        }
        if (next != 0) {
            if (states.count(next) && states[next] == State::Sleeping)
                return QStringLiteral("event %1: pid %2 runs without a wake-up").arg(id).arg(next);
            if (runningOn.count(next))
                return QStringLiteral("event %1: pid %2 already runs on CPU %3").arg(id).arg(next).arg(runningOn[next]);
            runningOn[next] = cpu;
            states[next] = State::Awake;
        }
    }
    return {};
}

} // namespace

class TestSynthRecording : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void formatsAreTheKernels_data();
    void formatsAreTheKernels();
    void recording_data();
    void recording();
    void deterministic();
    void durationOption();
    void badOptions();
    void cliInfo();

private:
    QString writeSynth(const QString& name, const SynthOptions& options)
    {
        const QString path = m_dir.filePath(name);
        auto result = writeSyntheticRecording(path, options);
        return result ? path : QString();
    }
    QTemporaryDir m_dir;
};

void TestSynthRecording::formatsAreTheKernels_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("file");
    QTest::newRow("sched_switch") << 0 << QStringLiteral("sched/sched_switch");
    QTest::newRow("sched_wakeup") << 1 << QStringLiteral("sched/sched_wakeup");
    QTest::newRow("sys_enter_openat") << 2 << QStringLiteral("syscalls/sys_enter_openat");
    QTest::newRow("sys_exit_openat") << 3 << QStringLiteral("syscalls/sys_exit_openat");
}

void TestSynthRecording::formatsAreTheKernels()
{
    QFETCH(int, index);
    QFETCH(QString, file);
    QFile format(QStringLiteral(FTLENS_TEST_DATA "/tracefs/events/") + file + QStringLiteral("/format"));
    QVERIFY(format.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(format.readAll());
    const std::vector<Storage::EventTypeSpec> types = synthEventTypes();
    QCOMPARE(int(types.size()), synthTypeCount);
    const Storage::EventTypeSpec& spec = types[std::size_t(index)];
    QCOMPARE(QString::fromStdString(spec.format), text);
    QCOMPARE(QString::fromStdString(spec.system + '/' + spec.name), file);
    QCOMPARE(spec.kind, std::string("tracepoint"));
    QVERIFY(text.contains(QStringLiteral("ID: %1\n").arg(spec.kernelId)));
    const std::vector<KernelField> kernel = parseFormat(text);
    QCOMPARE(spec.fields.size(), kernel.size());
    for (std::size_t i = 0; i < kernel.size(); ++i) {
        const Storage::FieldSpec& field = spec.fields[i];
        QCOMPARE(QString::fromStdString(field.name), kernel[i].name);
        QCOMPARE(QString::fromStdString(field.cType), kernel[i].cType);
        QCOMPARE(field.size, kernel[i].size);
        // The helper's rule: char arrays are text, other fields int or uint by their sign.
        const auto expected = kernel[i].cType.startsWith(QLatin1String("char["))
            ? Storage::Schema::FieldStorage::Text
            : (kernel[i].isSigned ? Storage::Schema::FieldStorage::Int : Storage::Schema::FieldStorage::UInt);
        QCOMPARE(int(field.storage), int(expected));
    }
}

void TestSynthRecording::recording_data()
{
    QTest::addColumn<qint64>("events");
    QTest::addColumn<int>("cpus");
    QTest::addColumn<int>("tasks");
    QTest::addColumn<qint64>("seed");
    QTest::newRow("empty") << qint64(0) << 2 << 10 << qint64(1);
    QTest::newRow("one cpu, few tasks") << qint64(3000) << 1 << 5 << qint64(1);
    QTest::newRow("4 cpus") << qint64(20000) << 4 << 200 << qint64(7);
    QTest::newRow("8 cpus, more tasks than pids per program") << qint64(30000) << 8 << 600 << qint64(42);
}

void TestSynthRecording::recording()
{
    QFETCH(qint64, events);
    QFETCH(int, cpus);
    QFETCH(int, tasks);
    QFETCH(qint64, seed);
    SynthOptions options { events, cpus, tasks, std::uint64_t(seed), 0, true };
    const QString path = writeSynth(QStringLiteral("rec-%1.ftlens").arg(QString::fromUtf8(QTest::currentDataTag())), options);
    QVERIFY(!path.isEmpty());

    auto reader = Storage::RecordingReader::open(path);
    QVERIFY2(reader, reader ? "" : qPrintable(reader.error().message));
    auto summary = (*reader)->summary();
    QVERIFY(summary);
    QCOMPARE(summary->events, events);
    QCOMPARE(summary->cpus, cpus);
    QVERIFY(summary->complete);
    QCOMPARE(summary->lostEvents, 0);
    std::int64_t sum = 0;
    for (const auto& [name, count] : summary->eventsByType)
        sum += count;
    QCOMPARE(sum, events);
    const auto& meta = (*reader)->meta();
    QCOMPARE(meta.value(QStringLiteral("source")), QStringLiteral("synth"));
    QCOMPARE(meta.value(QStringLiteral("kernel_release")), QStringLiteral("synthetic"));
    QCOMPARE(meta.value(QStringLiteral("trace_clock")), QStringLiteral("mono"));
    QVERIFY(!meta.value(QStringLiteral("start_time")).isEmpty());
    QCOMPARE((*reader)->eventTypes().size(), std::size_t(4));
    for (const auto& type : (*reader)->eventTypes())
        QCOMPARE(type.kind, QStringLiteral("tracepoint"));

    Storage::Database& db = (*reader)->database();
    QCOMPARE(*queryInt(db, "SELECT COUNT(*) FROM task"), std::int64_t(tasks));
    QCOMPARE(*queryInt(db, "SELECT COUNT(*) FROM cpu_stats"), std::int64_t(cpus));
    QCOMPARE(*queryInt(db, "SELECT COALESCE(SUM(entries), 0) FROM cpu_stats"), events);
    // Ids are dense and follow time.
    QCOMPARE(*queryInt(db, "SELECT COUNT(*) FROM event a JOIN event b ON b.id = a.id + 1 WHERE b.ts < a.ts"), 0);
    QCOMPARE(*queryInt(db, "SELECT COALESCE(MAX(id), 0) FROM event"), events);
    // Every event's task is in the task table, or is a CPU's idle task.
    QCOMPARE(*queryInt(db, "SELECT COUNT(*) FROM event WHERE pid <> 0 AND pid NOT IN (SELECT pid FROM task)"), 0);
    // Failing opens are there (ENOENT), as in real traces.
    if (events >= 20000)
        QVERIFY(*queryInt(db, "SELECT COUNT(*) FROM ev_syscalls__sys_exit_openat WHERE ret = -2") > 0);
    const QString story = checkSchedulerStory(db);
    QVERIFY2(story.isEmpty(), qPrintable(story));
}

void TestSynthRecording::deterministic()
{
    SynthOptions options { 5000, 3, 40, 99, 0, false };
    const QString a = writeSynth(QStringLiteral("det-a.ftlens"), options);
    const QString b = writeSynth(QStringLiteral("det-b.ftlens"), options);
    options.seed = 100;
    const QString c = writeSynth(QStringLiteral("det-c.ftlens"), options);
    QVERIFY(!a.isEmpty() && !b.isEmpty() && !c.isEmpty());
    auto fingerprint = [](const QString& path) -> std::int64_t {
        auto reader = Storage::RecordingReader::open(path);
        if (!reader)
            return -1;
        auto value = (*reader)->database().queryInt(
            "SELECT SUM((id * 31 + ts % 1000003) * 17 + cpu * 7 + pid + type_id) FROM event");
        return value ? *value : -1;
    };
    QCOMPARE(fingerprint(a), fingerprint(b));
    QVERIFY(fingerprint(a) != fingerprint(c));
}

void TestSynthRecording::durationOption()
{
    const QString path = writeSynth(QStringLiteral("duration.ftlens"), { 20000, 4, 100, 3, 250, false });
    QVERIFY(!path.isEmpty());
    auto reader = Storage::RecordingReader::open(path);
    QVERIFY(reader);
    auto summary = (*reader)->summary();
    QVERIFY(summary);
    QVERIFY2(qAbs(summary->durationNs() - 250'000'000) <= 1'000'000, qPrintable(QString::number(summary->durationNs())));
}

void TestSynthRecording::badOptions()
{
    const QString path = m_dir.filePath(QStringLiteral("bad.ftlens"));
    QVERIFY(!writeSyntheticRecording(path, { 10, 0, 10, 1, 0, false }));
    QVERIFY(!writeSyntheticRecording(path, { 10, 2, 0, 1, 0, false }));
    QVERIFY(!writeSyntheticRecording(path, { -1, 2, 10, 1, 0, false }));
    auto missingDir = writeSyntheticRecording(m_dir.filePath(QStringLiteral("no/such/dir.ftlens")), { 10, 2, 10, 1, 0, false });
    QVERIFY(!missingDir);
    QVERIFY(missingDir.error().message.contains(QStringLiteral("dir.ftlens")));
}

void TestSynthRecording::cliInfo()
{
    const QString cli = QStringLiteral(FTLENS_BIN_DIR "/ftlens-cli");
    QVERIFY(QFile::exists(cli));
    const QString path = m_dir.filePath(QStringLiteral("cli.ftlens"));
    QProcess synth;
    synth.start(cli, { QStringLiteral("synth"), QStringLiteral("--events"), QStringLiteral("12345"), QStringLiteral("--cpus"),
                          QStringLiteral("4"), QStringLiteral("--tasks"), QStringLiteral("50"), QStringLiteral("-o"), path });
    QVERIFY(synth.waitForFinished(60000));
    QCOMPARE(synth.exitCode(), 0);
    QVERIFY(QString::fromUtf8(synth.readAllStandardOutput()).contains(QStringLiteral("12345 events")));

    QProcess info;
    info.start(cli, { QStringLiteral("info"), path, QStringLiteral("--json") });
    QVERIFY(info.waitForFinished(60000));
    QCOMPARE(info.exitCode(), 0);
    const QJsonObject json = QJsonDocument::fromJson(info.readAllStandardOutput()).object();
    QCOMPARE(json.value(QStringLiteral("events")).toInteger(), 12345);
    QCOMPARE(json.value(QStringLiteral("cpus")).toInt(), 4);
    QCOMPARE(json.value(QStringLiteral("lost_events")).toInteger(), 0);
    const QJsonObject byType = json.value(QStringLiteral("events_by_type")).toObject();
    qint64 sum = 0;
    for (const QString& name : { QStringLiteral("sched:sched_switch"), QStringLiteral("sched:sched_wakeup"),
             QStringLiteral("syscalls:sys_enter_openat"), QStringLiteral("syscalls:sys_exit_openat") }) {
        QVERIFY2(byType.value(name).toInteger() > 0, qPrintable(name));
        sum += byType.value(name).toInteger();
    }
    QCOMPARE(sum, 12345);
    QCOMPARE(json.value(QStringLiteral("meta")).toObject().value(QStringLiteral("source")).toString(), QStringLiteral("synth"));

    QProcess bad;
    bad.start(cli, { QStringLiteral("synth"), QStringLiteral("--events"), QStringLiteral("ten"), QStringLiteral("--cpus"),
                        QStringLiteral("4"), QStringLiteral("-o"), path });
    QVERIFY(bad.waitForFinished(60000));
    QCOMPARE(bad.exitCode(), 2);
}

QTEST_GUILESS_MAIN(TestSynthRecording)
#include "tst_synthrecording.moc"
