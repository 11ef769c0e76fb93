// SPDX-License-Identifier: GPL-3.0-or-later
// RecordingWriter -> RecordingReader round trip: meta, event types and their fields, events with
// every field storage (UInt as the 64-bit pattern, Text interned once, Blob as bytes, NULL where
// unset), tasks, cpu_stats and the summary computed from them; finish() leaves one self-contained
// file. Crash safety runs the writer in a forked child that dies without destructors (_exit, or
// SIGKILL from the parent) and checks that exactly the committed part is readable.
#include "recordingreader.h"
#include "recordingwriter.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <csignal>
#include <cstdint>
#include <limits>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

using namespace Storage;

// Compares two QStringLists as text, so that a failure prints both sides in full.
#define COMPARE_LINES(actual, expected) QCOMPARE((actual).join(QLatin1Char('\n')), (expected).join(QLatin1Char('\n')))

namespace {

constexpr std::uint64_t uint64Max = std::numeric_limits<std::uint64_t>::max();

EventTypeSpec sampleType()
{
    EventTypeSpec spec;
    spec.system = "test";
    spec.name = "sample";
    spec.kind = "tracepoint";
    spec.kernelId = 42;
    spec.format = "name: sample\nID: 42\n";
    spec.fields = {
        { "count", "s64", Schema::FieldStorage::Int, 8 },
        { "mask", "u64", Schema::FieldStorage::UInt, 8 },
        { "comm", "char[16]", Schema::FieldStorage::Text, 16 },
        { "payload", "__data_loc u8[]", Schema::FieldStorage::Blob, 4 },
    };
    return spec;
}

EventTypeSpec tickType()
{
    EventTypeSpec spec;
    spec.system = "test";
    spec.name = "tick";
    spec.kind = "kprobe";
    spec.definition = "p:test/tick do_tick";
    return spec;
}

QString errorOf(const Status& status) { return status ? QString() : status.error().message; }
template <typename T> QString errorOf(const Result<T>& result) { return result ? QString() : result.error().message; }

// Every row of a query as "a | b | c", NULL spelled out, for comparing as text.
QStringList queryRows(Database& db, std::string_view sql)
{
    auto query = db.prepare(sql);
    if (!query)
        return { QLatin1String("prepare failed: ") + query.error().message };
    QStringList rows;
    const int columns = sqlite3_column_count(query->handle());
    int rc;
    while ((rc = query->step()) == SQLITE_ROW) {
        QStringList cells;
        for (int c = 0; c < columns; ++c)
            cells << (query->columnIsNull(c) ? QStringLiteral("NULL") : query->columnString(c));
        rows << cells.join(QLatin1String(" | "));
    }
    if (rc != SQLITE_DONE)
        rows << QLatin1String("step failed: ") + db.lastMessage();
    return rows;
}

QStringList summaryText(const RecordingSummary& s)
{
    QStringList lines {
        QStringLiteral("events %1").arg(s.events),
        QStringLiteral("first_ts %1").arg(s.firstTs),
        QStringLiteral("last_ts %1").arg(s.lastTs),
        QStringLiteral("duration_ns %1").arg(s.durationNs()),
        QStringLiteral("complete %1").arg(s.complete ? QLatin1String("yes") : QLatin1String("no")),
        QStringLiteral("cpus %1").arg(s.cpus),
        QStringLiteral("lost %1").arg(s.lostEvents),
        QStringLiteral("tasks %1").arg(s.tasks),
    };
    for (const auto& [name, count] : s.eventsByType)
        lines << QStringLiteral("type %1 %2").arg(name).arg(count);
    return lines;
}

QStringList eventTypesText(const std::vector<EventTypeInfo>& types)
{
    QStringList lines;
    for (const EventTypeInfo& type : types) {
        QStringList fields;
        for (const FieldInfo& field : type.fields) {
            fields << QStringLiteral("%1 %2 %3 %4")
                          .arg(field.name, field.cType, QString::fromUtf8(Schema::storageName(field.storage)))
                          .arg(field.size);
        }
        lines << QStringLiteral("%1 %2 %3 %4: %5")
                     .arg(QString::number(type.id), type.qualifiedName(), type.kind, type.fieldTable,
                         fields.isEmpty() ? QStringLiteral("(no fields)") : fields.join(QLatin1String(", ")));
    }
    return lines;
}

QStringList directoryEntries(const QString& path)
{
    return QDir(path).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
}

QString queryText(Database& db, std::string_view sql)
{
    const QStringList rows = queryRows(db, sql);
    return rows.size() == 1 ? rows.first() : rows.join(QLatin1Char('\n'));
}

// The child's half of the crash tests: 1000 committed events, 500 uncommitted, then either
// _exit(0) or (with a pipe) tell the parent and keep appending, uncommitted, until killed.
[[noreturn]] void crashingWriter(const QString& path, int notifyFd)
{
    alarm(60); // never outlive a parent that failed to kill us
    auto writer = RecordingWriter::create(path);
    if (!writer)
        _exit(2);
    auto type = (*writer)->addEventType(sampleType());
    if (!type || !(*writer)->setMeta("cpus", "4"))
        _exit(3);
    std::int64_t i = 0;
    auto append = [&](const char* prefix) {
        (*writer)->beginEvent(*type, 1000 + i * 10, static_cast<int>(i % 4), 100 + static_cast<int>(i % 3), 0, 0);
        (*writer)->setInt(0, i);
        (*writer)->setText(2, prefix + std::to_string(i % 10));
        ++i;
        return (*writer)->endEvent().ok();
    };
    while (i < 1000) {
        if (!append("committed"))
            _exit(4);
    }
    if (!(*writer)->commit())
        _exit(5);
    while (i < 1500) {
        if (!append("uncommitted"))
            _exit(6);
    }
    if (notifyFd >= 0) {
        if (write(notifyFd, "c", 1) != 1)
            _exit(7);
        while (i < 50'000'000 && append("uncommitted")) { }
        pause();
    }
    _exit(0);
}

} // namespace

class TestRecordingWriter : public QObject {
    Q_OBJECT

private slots:
    void roundTrip();
    void olderFileWithoutDroppedPages();
    void crashKeepsCommittedEvents_data();
    void crashKeepsCommittedEvents();
    void createReplacesExistingFile_data();
    void createReplacesExistingFile();
    void createInMissingDirectoryFails();
};

void TestRecordingWriter::roundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("round.ftlens"));
    {
        auto created = RecordingWriter::create(path);
        QVERIFY2(created, qPrintable(errorOf(created)));
        RecordingWriter& w = **created;
        QVERIFY(w.setMeta("cpus", "2"));
        QVERIFY(w.setMeta("hostname", "testhost"));
        auto sample = w.addEventType(sampleType());
        QVERIFY2(sample, qPrintable(errorOf(sample)));
        auto tick = w.addEventType(tickType());
        QVERIFY2(tick, qPrintable(errorOf(tick)));

        w.beginEvent(*sample, 1000, 0, 10, 1, 2);
        w.setInt(0, -5);
        w.setInt(1, static_cast<std::int64_t>(uint64Max));
        w.setText(2, "alpha");
        w.setBlob(3, std::string_view("\x00\x01\xff", 3));
        QVERIFY(w.endEvent());

        w.beginEvent(*tick, 1500, 1, 20, 0, 0);
        QVERIFY(w.endEvent());

        w.beginEvent(*sample, 2000, 1, 20, 0, 0); // payload left NULL
        w.setInt(0, 7);
        w.setInt(1, 1);
        w.setText(2, "beta");
        QVERIFY(w.endEvent());

        w.beginEvent(*sample, 2500, 0, 10, 0, 0); // mask and comm left NULL
        w.setInt(0, std::numeric_limits<std::int64_t>::min());
        w.setBlob(3, "\xde\xad");
        QVERIFY(w.endEvent());

        w.beginEvent(*sample, 2700, 0, 10, 0, 0);
        w.setText(2, "alpha"); // the same text again: interned once
        QVERIFY(w.endEvent());

        w.beginEvent(*tick, 3000, 0, 10, 0, 0);
        QVERIFY(w.endEvent());
        QCOMPARE(w.eventCount(), 6);
        QCOMPARE(w.lastTimestamp(), 3000);

        QVERIFY(w.setTask(10, 10, "alpha"));
        QVERIFY(w.setTask(20, 0, "worker, \"x\""));
        QVERIFY(w.setCpuStats({ 0, 500, 3, 2, 1, 400, 4096, 4, 2 })); // max(3+2+1, 4) + 2 dropped pages = 8
        QVERIFY(w.setCpuStats({ 1, 600, 0, 0, 0, 600, 8192, 10 })); // max(0, 10) = 10
        const Status finished = w.finish();
        QVERIFY2(finished, qPrintable(errorOf(finished)));

        // One self-contained file as soon as finish() returns, and still after the writer goes.
        COMPARE_LINES(directoryEntries(dir.path()), QStringList { QStringLiteral("round.ftlens") });
    }
    COMPARE_LINES(directoryEntries(dir.path()), QStringList { QStringLiteral("round.ftlens") });

    auto opened = RecordingReader::open(path);
    QVERIFY2(opened, qPrintable(errorOf(opened)));
    RecordingReader& reader = **opened;
    QCOMPARE(reader.path(), path);
    QCOMPARE(reader.meta().value(QStringLiteral("hostname")), QStringLiteral("testhost"));
    QCOMPARE(reader.meta().value(QStringLiteral("schema_version")), QString::number(Schema::version));

    auto summary = reader.summary();
    QVERIFY2(summary, qPrintable(errorOf(summary)));
    const QStringList expectedSummary {
        QStringLiteral("events 6"),
        QStringLiteral("first_ts 1000"),
        QStringLiteral("last_ts 3000"),
        QStringLiteral("duration_ns 2000"),
        QStringLiteral("complete yes"),
        QStringLiteral("cpus 2"),
        QStringLiteral("lost 18"),
        QStringLiteral("tasks 2"),
        QStringLiteral("type test:sample 4"),
        QStringLiteral("type test:tick 2"),
    };
    COMPARE_LINES(summaryText(*summary), expectedSummary);
    QCOMPARE(summary->droppedPages, 2);

    const QStringList expectedTypes {
        QStringLiteral("1 test:sample tracepoint ev_test__sample: count s64 int 8, mask u64 uint 8, "
                       "comm char[16] text 16, payload __data_loc u8[] blob 4"),
        QStringLiteral("2 test:tick kprobe ev_test__tick: (no fields)"),
    };
    COMPARE_LINES(eventTypesText(reader.eventTypes()), expectedTypes);
    QVERIFY(reader.findEventType(QStringLiteral("test:tick")));
    QVERIFY(!reader.findEventType(QStringLiteral("test:nope")));

    Database& db = reader.database();
    const QStringList expectedEvents {
        QStringLiteral("1 | 1000 | 0 | 10 | 1 | 1 | 2 | -5 | -1 | integer | alpha | X'0001FF'"),
        QStringLiteral("2 | 1500 | 1 | 20 | 2 | 0 | 0 | NULL | NULL | null | NULL | NULL"),
        QStringLiteral("3 | 2000 | 1 | 20 | 1 | 0 | 0 | 7 | 1 | integer | beta | NULL"),
        QStringLiteral("4 | 2500 | 0 | 10 | 1 | 0 | 0 | -9223372036854775808 | NULL | null | NULL | X'DEAD'"),
        QStringLiteral("5 | 2700 | 0 | 10 | 1 | 0 | 0 | NULL | NULL | null | alpha | NULL"),
        QStringLiteral("6 | 3000 | 0 | 10 | 2 | 0 | 0 | NULL | NULL | null | NULL | NULL"),
    };
    COMPARE_LINES(
        queryRows(db,
            "SELECT e.id, e.ts, e.cpu, e.pid, e.type_id, e.flags, e.preempt_count, f.count, f.mask, "
            "typeof(f.mask), s.str, quote(f.payload) FROM event e LEFT JOIN ev_test__sample f ON f.event_id = e.id "
            "LEFT JOIN string s ON s.id = f.comm ORDER BY e.id"),
        expectedEvents);
    // Every event has a row in its type's field table, also where the type has no fields.
    QCOMPARE(queryText(db,
                 "SELECT (SELECT COUNT(*) FROM ev_test__sample) || ' sample rows, ' || "
                 "(SELECT COUNT(*) FROM ev_test__tick) || ' tick rows'"),
        QStringLiteral("4 sample rows, 2 tick rows"));
    // UInt is the 64-bit pattern in an INTEGER column; readers cast it back.
    QCOMPARE(static_cast<std::uint64_t>(std::int64_t(-1)), uint64Max);

    const QStringList expectedTasks {
        QStringLiteral("10 | 10 | alpha"),
        QStringLiteral("20 | NULL | worker, \"x\""),
    };
    COMPARE_LINES(
        queryRows(db, "SELECT k.pid, k.tgid, s.str FROM task k JOIN string s ON s.id = k.comm_id ORDER BY pid"),
        expectedTasks);
    const QStringList expectedCpuStats {
        QStringLiteral("0 | 500 | 3 | 2 | 1 | 400 | 4096 | 4 | 2"),
        QStringLiteral("1 | 600 | 0 | 0 | 0 | 600 | 8192 | 10 | 0"),
    };
    COMPARE_LINES(queryRows(db, "SELECT * FROM cpu_stats ORDER BY cpu"), expectedCpuStats);

    // Each distinct text once, shared by the events' comm field and the task table.
    const QStringList expectedStrings {
        QStringLiteral("alpha | 1"),
        QStringLiteral("beta | 1"),
        QStringLiteral("worker, \"x\" | 1"),
    };
    COMPARE_LINES(queryRows(db, "SELECT str, COUNT(*) FROM string GROUP BY str ORDER BY str"), expectedStrings);
    QCOMPARE(queryText(db,
                 "SELECT COUNT(DISTINCT f.comm) || ' ids, task shares: ' || "
                 "(SELECT COUNT(*) FROM ev_test__sample g JOIN task k ON k.comm_id = g.comm WHERE k.pid = 10) "
                 "FROM ev_test__sample f"),
        QStringLiteral("2 ids, task shares: 2"));

    QCOMPARE(queryText(db, "PRAGMA journal_mode"), QStringLiteral("delete"));
    QCOMPARE(queryText(db, "PRAGMA application_id"), QString::number(Schema::applicationId));
    QCOMPARE(queryText(db, "PRAGMA user_version"), QString::number(Schema::version));
}

// Files written before cpu_stats had dropped_pages: their losses are the kernel's alone.
void TestRecordingWriter::olderFileWithoutDroppedPages()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("old.ftlens"));
    {
        auto created = RecordingWriter::create(path);
        QVERIFY2(created, qPrintable(errorOf(created)));
        QVERIFY((*created)->setCpuStats({ 0, 500, 3, 2, 1, 400, 4096, 4, 7 }));
        QVERIFY((*created)->setCpuStats({ 1, 600, 0, 0, 0, 600, 8192, 10, 0 }));
        QVERIFY((*created)->finish());
    }
    {
        auto db = Database::open(path, Database::Mode::ReadWrite);
        QVERIFY2(db, qPrintable(errorOf(db)));
        QVERIFY(db->exec("ALTER TABLE cpu_stats DROP COLUMN dropped_pages"));
    }
    auto opened = RecordingReader::open(path);
    QVERIFY2(opened, qPrintable(errorOf(opened)));
    auto summary = (*opened)->summary();
    QVERIFY2(summary, qPrintable(errorOf(summary)));
    QCOMPARE(summary->lostEvents, 16);
    QCOMPARE(summary->droppedPages, 0);
}

void TestRecordingWriter::crashKeepsCommittedEvents_data()
{
    QTest::addColumn<bool>("killed");

    QTest::addRow("child calls _exit(0)") << false;
    QTest::addRow("child killed by SIGKILL") << true;
}

void TestRecordingWriter::crashKeepsCommittedEvents()
{
    QFETCH(bool, killed);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("crash.ftlens"));
    int fds[2] = { -1, -1 };
    if (killed)
        QCOMPARE(pipe(fds), 0);

    std::fflush(stdout);
    std::fflush(stderr);
    const pid_t child = fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        if (killed)
            close(fds[0]);
        crashingWriter(path, killed ? fds[1] : -1);
    }

    int status = 0;
    if (killed) {
        close(fds[1]);
        char byte = 0;
        const ssize_t got = read(fds[0], &byte, 1);
        close(fds[0]);
        if (got != 1) {
            waitpid(child, &status, 0);
            QFAIL(
                qPrintable(QStringLiteral("child failed before committing (exit status %1)").arg(WEXITSTATUS(status))));
        }
        QCOMPARE(kill(child, SIGKILL), 0);
        QCOMPARE(waitpid(child, &status, 0), child);
        QVERIFY(WIFSIGNALED(status));
        QCOMPARE(WTERMSIG(status), SIGKILL);
    } else {
        QCOMPARE(waitpid(child, &status, 0), child);
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 0);
    }

    auto opened = RecordingReader::open(path);
    QVERIFY2(opened, qPrintable(errorOf(opened)));
    auto summary = (*opened)->summary();
    QVERIFY2(summary, qPrintable(errorOf(summary)));
    QCOMPARE(summary->complete, false);
    QCOMPARE(summary->events, 1000);
    QCOMPARE(summary->firstTs, 1000);
    QCOMPARE(summary->lastTs, 1000 + 999 * 10);
    QCOMPARE(summary->cpus, 4);
    Database& db = (*opened)->database();
    QCOMPARE(queryText(db,
                 "SELECT COUNT(*) || ' events, ' || (SELECT COUNT(*) FROM ev_test__sample) || ' rows'"
                 " FROM event"),
        QStringLiteral("1000 events, 1000 rows"));
    // Strings interned after the last commit were rolled back with their events.
    QCOMPARE(queryText(db,
                 "SELECT COUNT(*) || ' strings, ' || SUM(str LIKE 'uncommitted%') || ' uncommitted'"
                 " FROM string"),
        QStringLiteral("10 strings, 0 uncommitted"));
}

void TestRecordingWriter::createReplacesExistingFile_data()
{
    QTest::addColumn<QString>("previous");

    QTest::addRow("finished recording") << QStringLiteral("recording");
    QTest::addRow("text file") << QStringLiteral("text");
    QTest::addRow("text file with stale -wal, -shm and -journal") << QStringLiteral("stale");
}

void TestRecordingWriter::createReplacesExistingFile()
{
    QFETCH(QString, previous);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("again.ftlens"));
    if (previous == QLatin1String("recording")) {
        auto old = RecordingWriter::create(path);
        QVERIFY2(old, qPrintable(errorOf(old)));
        QVERIFY((*old)->setMeta("old", "yes"));
        auto type = (*old)->addEventType(sampleType());
        QVERIFY(type);
        for (int i = 0; i < 10; ++i) {
            (*old)->beginEvent(*type, i, 0, 1, 0, 0);
            QVERIFY((*old)->endEvent());
        }
        QVERIFY((*old)->finish());
    } else {
        const QStringList suffixes = previous == QLatin1String("stale")
            ? QStringList { QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal") }
            : QStringList { QString() };
        for (const QString& suffix : suffixes) {
            QFile file(path + suffix);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QVERIFY(file.write(QByteArray(5000, 'z')) == 5000);
        }
    }

    auto created = RecordingWriter::create(path);
    QVERIFY2(created, qPrintable(errorOf(created)));
    QVERIFY((*created)->setMeta("cpus", "1"));
    auto type = (*created)->addEventType(tickType());
    QVERIFY(type);
    for (int i = 0; i < 2; ++i) {
        (*created)->beginEvent(*type, 100 + i, 0, 7, 0, 0);
        QVERIFY((*created)->endEvent());
    }
    QVERIFY((*created)->finish());
    created.value().reset();
    COMPARE_LINES(directoryEntries(dir.path()), QStringList { QStringLiteral("again.ftlens") });

    auto opened = RecordingReader::open(path);
    QVERIFY2(opened, qPrintable(errorOf(opened)));
    QVERIFY(!(*opened)->meta().contains(QStringLiteral("old")));
    COMPARE_LINES(eventTypesText((*opened)->eventTypes()),
        QStringList { QStringLiteral("1 test:tick kprobe ev_test__tick: (no fields)") });
    auto summary = (*opened)->summary();
    QVERIFY2(summary, qPrintable(errorOf(summary)));
    const QStringList expected {
        QStringLiteral("events 2"),
        QStringLiteral("first_ts 100"),
        QStringLiteral("last_ts 101"),
        QStringLiteral("duration_ns 1"),
        QStringLiteral("complete yes"),
        QStringLiteral("cpus 1"),
        QStringLiteral("lost 0"),
        QStringLiteral("tasks 1"),
        QStringLiteral("type test:tick 2"),
    };
    COMPARE_LINES(summaryText(*summary), expected);
}

void TestRecordingWriter::createInMissingDirectoryFails()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("missing/sub/rec.ftlens"));
    auto created = RecordingWriter::create(path);
    QVERIFY(!created);
    QVERIFY2(
        created.error().message.startsWith(path + QLatin1String(": cannot ")), qPrintable(created.error().message));
    QVERIFY(!QFile::exists(path));
}

QTEST_GUILESS_MAIN(TestRecordingWriter)
#include "tst_recordingwriter.moc"
