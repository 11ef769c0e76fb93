// SPDX-License-Identifier: GPL-3.0-or-later
// RecordingReader::open on everything that is not a readable recording of this build: each case
// must come back as an Error whose message starts with the file's path and says what is wrong, in
// open() or at the latest in summary(), and never crash. A healthy recording is the control.
#include "recordingreader.h"
#include "recordingwriter.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <limits>

#include <unistd.h>

using namespace Storage;

namespace {

template <typename T> QString errorOf(const Result<T>& result) { return result ? QString() : result.error().message; }

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

// Runs SQL on a file through the plain SQLite API, as another program would.
QString execSql(const QString& path, const char* sql)
{
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    const QString error = rc == SQLITE_OK ? QString() : QString::fromUtf8(sqlite3_errmsg(db));
    sqlite3_close(db);
    return error;
}

// A finished recording with `events` events of one type with an Int and a Text field.
QString writeRecording(const QString& path, int events)
{
    auto writer = RecordingWriter::create(path);
    if (!writer)
        return writer.error().message;
    EventTypeSpec spec;
    spec.system = "sched";
    spec.name = "sched_wakeup";
    spec.kind = "tracepoint";
    spec.fields
        = { { "pid", "pid_t", Schema::FieldStorage::Int, 4 }, { "comm", "char[16]", Schema::FieldStorage::Text, 16 } };
    auto type = (*writer)->addEventType(spec);
    if (!type)
        return type.error().message;
    if (Status s = (*writer)->setMeta("cpus", "8"); !s)
        return s.error().message;
    for (int i = 0; i < events; ++i) {
        (*writer)->beginEvent(*type, 1'000'000 + std::int64_t(i) * 1000, i % 8, 1000 + i % 97, 0, 0);
        (*writer)->setInt(0, i);
        (*writer)->setText(1, "task-" + std::to_string(i % 500));
        if (Status s = (*writer)->endEvent(); !s)
            return s.error().message;
    }
    if (Status s = (*writer)->finish(); !s)
        return s.error().message;
    return {};
}

} // namespace

class TestRecordingReader : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void validRecordingOpens();
    void openFails_data();
    void openFails();
    void summaryFromData_data();
    void summaryFromData();

private:
    // Builds the named fixture at path; returns an empty string or why it could not.
    QString makeFixture(const QString& fixture, const QString& path);

    QTemporaryDir m_dir;
    QString m_recording; // a healthy finished recording, copied by several fixtures
};

void TestRecordingReader::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_recording = m_dir.filePath(QStringLiteral("healthy.ftlens"));
    const QString error = writeRecording(m_recording, 20000);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestRecordingReader::validRecordingOpens()
{
    auto opened = RecordingReader::open(m_recording);
    QVERIFY2(opened, qPrintable(errorOf(opened)));
    auto summary = (*opened)->summary();
    QVERIFY2(summary, qPrintable(errorOf(summary)));
    QCOMPARE(summary->events, 20000);
    QCOMPARE(summary->complete, true);
    QCOMPARE(summary->cpus, 8);
    QCOMPARE(summary->tasks, 97);
}

QString TestRecordingReader::makeFixture(const QString& fixture, const QString& path)
{
    if (fixture == QLatin1String("missing"))
        return {};
    if (fixture == QLatin1String("directory"))
        return QDir().mkpath(path) ? QString() : QStringLiteral("mkpath failed");
    if (fixture == QLatin1String("short text"))
        return writeFile(path, "hello\n") ? QString() : QStringLiteral("write failed");
    if (fixture == QLatin1String("long text")) {
        QByteArray text;
        for (int i = 0; i < 500; ++i)
            text += "ts_ns,cpu,pid,comm,event\r\n";
        return writeFile(path, text) ? QString() : QStringLiteral("write failed");
    }
    if (fixture == QLatin1String("empty"))
        return writeFile(path, QByteArray()) ? QString() : QStringLiteral("write failed");
    if (fixture == QLatin1String("other application"))
        return execSql(path, "CREATE TABLE contacts (name TEXT, phone TEXT); INSERT INTO contacts VALUES ('a', '1');");
    if (fixture == QLatin1String("newer version")) {
        if (!QFile::copy(m_recording, path))
            return QStringLiteral("copy failed");
        return execSql(path, "PRAGMA user_version = 99;");
    }
    if (fixture == QLatin1String("truncated")) {
        QFile source(m_recording);
        if (!source.open(QIODevice::ReadOnly))
            return QStringLiteral("cannot read the healthy recording");
        const QByteArray whole = source.readAll();
        if (whole.size() < 256 * 1024)
            return QStringLiteral("the healthy recording is only %1 bytes").arg(whole.size());
        return writeFile(path, whole.left(whole.size() / 2)) ? QString() : QStringLiteral("write failed");
    }
    if (fixture.startsWith(QLatin1String("sql:"))) {
        if (!QFile::copy(m_recording, path))
            return QStringLiteral("copy failed");
        return execSql(path, fixture.mid(4).toUtf8().constData());
    }
    if (fixture == QLatin1String("unreadable")) {
        if (!QFile::copy(m_recording, path))
            return QStringLiteral("copy failed");
        return QFile::setPermissions(path, QFileDevice::Permissions()) ? QString() : QStringLiteral("chmod failed");
    }
    return QStringLiteral("unknown fixture ") + fixture;
}

void TestRecordingReader::openFails_data()
{
    QTest::addColumn<QString>("fixture");
    // The whole message, as a regular expression; '@' stands for the file's path.
    QTest::addColumn<QString>("message");

    QTest::addRow("missing file") << QStringLiteral("missing") << QStringLiteral("^@: no such file$");
    QTest::addRow("a directory") << QStringLiteral("directory") << QStringLiteral("^@: not a readable file$");
    QTest::addRow("short text file") << QStringLiteral("short text")
                                     << QStringLiteral("^@: not an ftlens recording \\(not an SQLite database\\)$");
    QTest::addRow("long text file") << QStringLiteral("long text")
                                    << QStringLiteral("^@: not an ftlens recording \\(not an SQLite database\\)$");
    // SQLite treats an empty file as an empty database: no ftlens application id, so refused.
    QTest::addRow("empty file") << QStringLiteral("empty") << QStringLiteral("^@: not an ftlens recording \\(.+\\)$");
    QTest::addRow("database of another application")
        << QStringLiteral("other application")
        << QStringLiteral("^@: not an ftlens recording \\(an SQLite database of another application\\)$");
    QTest::addRow("newer schema version")
        << QStringLiteral("newer version")
        << QStringLiteral("^@: written by a newer ftlens \\(schema version 99; this build reads up to version %1\\)$")
               .arg(Schema::version);
    QTest::addRow("truncated recording") << QStringLiteral("truncated")
                                         << QStringLiteral("^@: .*(corrupt|truncated|malformed)");
    QTest::addRow("no read permission") << QStringLiteral("unreadable") << QStringLiteral("^@: not a readable file$");
    const QString damaged = QStringLiteral("^@: the recording is damaged: ");
    QTest::addRow("event table dropped") << QStringLiteral("sql:DROP VIEW events; DROP TABLE event")
                                         << damaged + QStringLiteral("its table event is missing$");
    QTest::addRow("cpu_stats dropped") << QStringLiteral("sql:DROP TABLE cpu_stats")
                                       << damaged + QStringLiteral("its table cpu_stats is missing$");
    QTest::addRow("event id beyond what the file holds")
        << QStringLiteral("sql:UPDATE event SET id = 4000000000000000000 WHERE id = 20000")
        << damaged + QStringLiteral("its event ids run from 1 to 4000000000000000000, more than the file can hold$");
    QTest::addRow("event id 0") << QStringLiteral("sql:UPDATE event SET id = 0 WHERE id = 1")
                                << damaged
            + QStringLiteral("its event ids run from 0 to 20000 \\(ids count the events from 1\\)$");
    QTest::addRow("a gap in the event ids")
        << QStringLiteral("sql:DELETE FROM event WHERE id = 77")
        << damaged + QStringLiteral("its event table has 19999 rows under the ids 1 to 20000 \\(ids have no gaps\\)$");
    QTest::addRow("last timestamp beyond 2^62 - 1")
        << QStringLiteral("sql:UPDATE event SET ts = 4611686018427387904 WHERE id = 20000")
        << damaged
            + QStringLiteral("its events run from 1000000 ns to 4611686018427387904 ns \\(timestamps go from 0 to "
                             "4611686018427387903 ns, in id order\\)$");
    QTest::addRow("first timestamp after the last")
        << QStringLiteral("sql:UPDATE event SET ts = 99999999999 WHERE id = 1")
        << damaged + QStringLiteral("its events run from 99999999999 ns to 20999000 ns .*$");
    QTest::addRow("event type id 0") << QStringLiteral("sql:UPDATE event_type SET id = 0")
                                     << damaged + QStringLiteral("event_type row 0 has no valid id or field table$");
}

void TestRecordingReader::summaryFromData_data()
{
    // SQL run on a copy of the healthy recording (20000 events on CPUs 0-7, 97 tasks, meta cpus 8).
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QList<int>>("cpus");
    QTest::addColumn<qint64>("tasks");
    QTest::addColumn<qint64>("lost");
    const QList<int> eight { 0, 1, 2, 3, 4, 5, 6, 7 };
    QTest::addRow("as written") << QString() << eight << qint64(97) << qint64(0);
    QTest::addRow("meta cpus claims a billion")
        << QStringLiteral("UPDATE meta SET value = '1000000000' WHERE key = 'cpus'") << eight << qint64(97)
        << qint64(0);
    QTest::addRow("meta cpus says 2") << QStringLiteral("UPDATE meta SET value = '2' WHERE key = 'cpus'") << eight
                                      << qint64(97) << qint64(0);
    QTest::addRow("meta cpus is text") << QStringLiteral("UPDATE meta SET value = 'lots' WHERE key = 'cpus'") << eight
                                       << qint64(97) << qint64(0);
    QTest::addRow("events on CPU -1 and 10^9 are no CPUs")
        << QStringLiteral("UPDATE event SET cpu = -1 WHERE id = 3; UPDATE event SET cpu = 1000000000 WHERE id = 4")
        << eight << qint64(97) << qint64(0);
    QTest::addRow("CPU 8191 is one") << QStringLiteral("UPDATE event SET cpu = 8191 WHERE id = 3")
                                     << (QList<int>(eight) << 8191) << qint64(97) << qint64(0);
    QTest::addRow("cpu_stats of an idle CPU 12") << QStringLiteral("INSERT INTO cpu_stats(cpu, overrun) VALUES (12, 3)")
                                                 << (QList<int>(eight) << 12) << qint64(97) << qint64(3);
    QTest::addRow("cpu_stats of CPU 8192 and -1")
        << QStringLiteral("INSERT INTO cpu_stats(cpu) VALUES (8192), (-1)") << eight << qint64(97) << qint64(0);
    QTest::addRow("event_counts that do not add up are recounted")
        << QStringLiteral("UPDATE meta SET value = '1:999999999999' WHERE key = 'event_counts'") << eight << qint64(97)
        << qint64(0);
    QTest::addRow("event_counts of a type not in the file are recounted")
        << QStringLiteral("UPDATE meta SET value = '1:19999,9:1' WHERE key = 'event_counts'") << eight << qint64(97)
        << qint64(0);
    QTest::addRow("task_count beyond the events is recounted")
        << QStringLiteral("UPDATE meta SET value = '99999999' WHERE key = 'task_count'") << eight << qint64(97)
        << qint64(0);
    QTest::addRow("lost counts saturate") << QStringLiteral(
        "INSERT INTO cpu_stats(cpu, overrun, commit_overrun, missed_events) VALUES (0, 9223372036854775807, 5, 0), "
        "(1, 9223372036854775807, 0, -3)") << eight
                                          << qint64(97) << std::numeric_limits<qint64>::max();
}

void TestRecordingReader::summaryFromData()
{
    QFETCH(QString, sql);
    QFETCH(QList<int>, cpus);
    QFETCH(qint64, tasks);
    QFETCH(qint64, lost);
    const QString path = m_dir.filePath(QStringLiteral("summary.ftlens"));
    QFile::remove(path);
    QVERIFY(QFile::copy(m_recording, path));
    QCOMPARE(execSql(path, sql.toUtf8().constData()), QString());
    auto opened = RecordingReader::open(path);
    QVERIFY2(opened, qPrintable(errorOf(opened)));
    auto summary = (*opened)->summary();
    QVERIFY2(summary, qPrintable(errorOf(summary)));
    QCOMPARE(QList<int>(summary->cpuIds.begin(), summary->cpuIds.end()), cpus);
    QCOMPARE(summary->cpus, cpus.size());
    QCOMPARE(summary->events, 20000);
    QCOMPARE(summary->tasks, tasks);
    QCOMPARE(summary->lostEvents, lost);
    QCOMPARE(summary->eventsByType.size(), std::size_t(1));
    QCOMPARE(summary->eventsByType.front().second, 20000);
}

void TestRecordingReader::openFails()
{
    QFETCH(QString, fixture);
    QFETCH(QString, message);

    if (fixture == QLatin1String("unreadable") && geteuid() == 0)
        QSKIP("running as root, which can read any file");
    const QString path
        = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')));
    const QString fixtureError = makeFixture(fixture, path);
    QVERIFY2(fixtureError.isEmpty(), qPrintable(fixtureError));

    QString error;
    auto opened = RecordingReader::open(path);
    if (!opened) {
        error = opened.error().message;
    } else {
        // Damage beyond the schema may only show when the events are read.
        auto summary = (*opened)->summary();
        QVERIFY2(!summary, "open() and summary() both succeeded");
        error = summary.error().message;
    }
    const QRegularExpression expected(QString(message).replace(QLatin1Char('@'), QRegularExpression::escape(path)));
    QVERIFY2(
        expected.match(error).hasMatch(), qPrintable(QStringLiteral("message: %1\nexpected: %2").arg(error, message)));
}

QTEST_GUILESS_MAIN(TestRecordingReader)
#include "tst_recordingreader.moc"
