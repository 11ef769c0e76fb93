// SPDX-License-Identifier: GPL-3.0-or-later
// exportEventsCsv over a small recording written with RecordingWriter: the whole CSV byte for byte
// (fixed columns, then the type's fields; comms needing quotes, blobs as lowercase hex, NULL as
// empty), filtering by pid, types without fields, stdout as "-", errors that name the file, and
// cancelling through the progress callback.
#include "eventcsvexport.h"
#include "recordingreader.h"
#include "recordingwriter.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cstdint>
#include <cstdio>
#include <limits>
#include <memory>

#include <fcntl.h>
#include <unistd.h>

using namespace Storage;

namespace {

constexpr int bulkEvents = 10000;

QString errorOf(const Status& status) { return status ? QString() : status.error().message; }
template <typename T> QString errorOf(const Result<T>& result) { return result ? QString() : result.error().message; }

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<cannot read>");
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

// Writes the fixture; returns an empty string or the first error.
QString writeFixture(const QString& path)
{
    auto created = RecordingWriter::create(path);
    if (!created)
        return created.error().message;
    RecordingWriter& w = **created;
    using S = Schema::FieldStorage;
    auto sw = w.addEventType(makeType("sched", "sched_switch",
        { { "prev_comm", "char[16]", S::Text, 16 }, { "prev_pid", "pid_t", S::Int, 4 },
            { "prev_state", "long", S::UInt, 8 }, { "raw", "u8[4]", S::Blob, 4 } }));
    auto wakeup = w.addEventType(
        makeType("sched", "sched_wakeup", { { "comm", "char[16]", S::Text, 16 }, { "pid", "pid_t", S::Int, 4 } }));
    auto tick = w.addEventType(makeType("irq", "tick", {}));
    auto bulk = w.addEventType(makeType("bulk", "item", { { "n", "int", S::Int, 4 } }));
    for (const auto* type : { &sw, &wakeup, &tick, &bulk }) {
        if (!*type)
            return type->error().message;
    }

    w.beginEvent(*sw, 1000, 0, 100, 0, 0);
    w.setText(0, "my,app");
    w.setInt(1, 100);
    w.setInt(2, 1);
    w.setBlob(3, "\x01\x02\xab\xff");
    Status s = w.endEvent();

    w.beginEvent(*wakeup, 1100, 1, 200, 0, 0);
    w.setText(0, "plain");
    w.setInt(1, 300);
    s = s ? w.endEvent() : s;

    w.beginEvent(*sw, 1200, 1, 200, 0, 0); // raw left NULL
    w.setText(0, "say \"hi\"");
    w.setInt(1, 200);
    w.setInt(2, static_cast<std::int64_t>(std::numeric_limits<std::uint64_t>::max()));
    s = s ? w.endEvent() : s;

    w.beginEvent(*tick, 1300, 0, 300, 0, 0);
    s = s ? w.endEvent() : s;

    w.beginEvent(*sw, 1400, 2, 400, 0, 0); // pid 400 has no task; prev_comm and prev_state NULL
    w.setInt(1, -1);
    w.setBlob(3, std::string_view("\x00", 1));
    s = s ? w.endEvent() : s;

    w.beginEvent(*sw, 1500, 0, 100, 0, 0);
    w.setText(0, "my,app");
    w.setInt(1, 100);
    w.setInt(2, 0);
    w.setBlob(3, "\x10");
    s = s ? w.endEvent() : s;

    w.beginEvent(*tick, 1600, 3, 300, 0, 0);
    s = s ? w.endEvent() : s;

    for (int i = 0; i < bulkEvents && s; ++i) {
        w.beginEvent(*bulk, 2000 + i, i % 4, 500, 0, 0);
        w.setInt(0, i);
        s = w.endEvent();
    }
    for (const auto& [pid, comm] : std::initializer_list<std::pair<int, const char*>> {
             { 100, "my,app" }, { 200, "say \"hi\"" }, { 300, "plain" } })
        s = s ? w.setTask(pid, pid, comm) : s;
    s = s ? w.finish() : s;
    return errorOf(s);
}

const QByteArray switchHeader = "ts_ns,cpu,pid,comm,event,prev_comm,prev_pid,prev_state,raw\r\n";
const QByteArray switch1000 = "1000,0,100,\"my,app\",sched:sched_switch,\"my,app\",100,1,0102abff\r\n";
const QByteArray switch1200
    = "1200,1,200,\"say \"\"hi\"\"\",sched:sched_switch,\"say \"\"hi\"\"\",200,18446744073709551615,\r\n";
const QByteArray switch1400 = "1400,2,400,,sched:sched_switch,,-1,,00\r\n";
const QByteArray switch1500 = "1500,0,100,\"my,app\",sched:sched_switch,\"my,app\",100,0,10\r\n";

} // namespace

class TestEventCsvExport : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void exportToFile_data();
    void exportToFile();
    void exportFails_data();
    void exportFails();
    void exportToStdout();
    void progressAndCancel_data();
    void progressAndCancel();
    void exportFilter_data();
    void exportFilter();
    void exportFilterFails_data();
    void exportFilterFails();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<RecordingReader> m_reader;
};

void TestEventCsvExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("export.ftlens"));
    const QString error = writeFixture(path);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto opened = RecordingReader::open(path);
    QVERIFY2(opened, qPrintable(errorOf(opened)));
    m_reader = std::move(opened.value());
}

void TestEventCsvExport::exportToFile_data()
{
    QTest::addColumn<QString>("eventType");
    QTest::addColumn<int>("pid"); // -1: all
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("sched_switch, all pids") << QStringLiteral("sched:sched_switch") << -1
                                            << switchHeader + switch1000 + switch1200 + switch1400 + switch1500;
    QTest::addRow("sched_switch, pid 100")
        << QStringLiteral("sched:sched_switch") << 100 << switchHeader + switch1000 + switch1500;
    QTest::addRow("sched_switch, pid 400 without a task")
        << QStringLiteral("sched:sched_switch") << 400 << switchHeader + switch1400;
    QTest::addRow("sched_switch, pid without events") << QStringLiteral("sched:sched_switch") << 999 << switchHeader;
    // Field columns are named as the kernel names them, even where that repeats a fixed column.
    QTest::addRow("sched_wakeup") << QStringLiteral("sched:sched_wakeup") << -1
                                  << QByteArray("ts_ns,cpu,pid,comm,event,comm,pid\r\n"
                                                "1100,1,200,\"say \"\"hi\"\"\",sched:sched_wakeup,plain,300\r\n");
    QTest::addRow("type without fields") << QStringLiteral("irq:tick") << -1
                                         << QByteArray("ts_ns,cpu,pid,comm,event\r\n"
                                                       "1300,0,300,plain,irq:tick\r\n"
                                                       "1600,3,300,plain,irq:tick\r\n");
    QTest::addRow("type without fields, pid filter") << QStringLiteral("irq:tick") << 300
                                                     << QByteArray("ts_ns,cpu,pid,comm,event\r\n"
                                                                   "1300,0,300,plain,irq:tick\r\n"
                                                                   "1600,3,300,plain,irq:tick\r\n");
}

void TestEventCsvExport::exportToFile()
{
    QFETCH(QString, eventType);
    QFETCH(int, pid);
    QFETCH(QByteArray, expected);

    EventExportRequest request;
    request.eventType = eventType;
    if (pid >= 0)
        request.pid = pid;
    request.outputPath = m_dir.filePath(QStringLiteral("out.csv"));
    auto rows = exportEventsCsv(*m_reader, request);
    QVERIFY2(rows, qPrintable(errorOf(rows)));
    QCOMPARE(readFile(request.outputPath), expected);
    QCOMPARE(*rows, std::int64_t(expected.count("\r\n") - 1));
}

void TestEventCsvExport::exportFails_data()
{
    QTest::addColumn<QString>("eventType");
    QTest::addColumn<QString>("output"); // relative to the temporary directory
    // The whole message as a regular expression; '@R' is the recording's path, '@O' the output's.
    QTest::addColumn<QString>("message");

    QTest::addRow("unknown event type") << QStringLiteral("sched:sched_nope") << QStringLiteral("unknown.csv")
                                        << QStringLiteral("^@R: no events of type sched:sched_nope in this recording$");
    QTest::addRow("name without system") << QStringLiteral("sched_switch") << QStringLiteral("nosystem.csv")
                                         << QStringLiteral("^@R: no events of type sched_switch in this recording$");
    QTest::addRow("output directory missing")
        << QStringLiteral("sched:sched_switch") << QStringLiteral("no/such/dir/out.csv")
        << QStringLiteral("^@O: cannot write: .+$");
}

void TestEventCsvExport::exportFails()
{
    QFETCH(QString, eventType);
    QFETCH(QString, output);
    QFETCH(QString, message);

    EventExportRequest request;
    request.eventType = eventType;
    request.outputPath = m_dir.filePath(output);
    auto rows = exportEventsCsv(*m_reader, request);
    QVERIFY(!rows);
    const QString pattern = QString(message)
                                .replace(QLatin1String("@R"), QRegularExpression::escape(m_reader->path()))
                                .replace(QLatin1String("@O"), QRegularExpression::escape(request.outputPath));
    QVERIFY2(QRegularExpression(pattern).match(rows.error().message).hasMatch(), qPrintable(rows.error().message));
    QVERIFY(!QFile::exists(request.outputPath)); // nothing is created when the request is refused
}

void TestEventCsvExport::exportToStdout()
{
    // Point file descriptor 1 at a file for the duration of the export, then put it back.
    const QString capture = m_dir.filePath(QStringLiteral("stdout.csv"));
    std::fflush(stdout);
    const int saved = dup(STDOUT_FILENO);
    QVERIFY(saved >= 0);
    const int fd = ::open(capture.toLocal8Bit().constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    QVERIFY(fd >= 0);
    QCOMPARE(dup2(fd, STDOUT_FILENO), STDOUT_FILENO);
    ::close(fd);

    EventExportRequest request;
    request.eventType = QStringLiteral("sched:sched_switch");
    request.pid = 100;
    request.outputPath = QStringLiteral("-");
    auto rows = exportEventsCsv(*m_reader, request);

    std::fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    ::close(saved);
    QVERIFY2(rows, qPrintable(errorOf(rows)));
    QCOMPARE(*rows, std::int64_t(2));
    QCOMPARE(readFile(capture), switchHeader + switch1000 + switch1500);
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("-"))));
}

void TestEventCsvExport::progressAndCancel_data()
{
    QTest::addColumn<int>("cancelAtCall"); // 0: never
    QTest::addColumn<QList<qint64>>("expectedCalls");
    QTest::addColumn<QString>("expectedError");

    QTest::addRow("never cancelled") << 0 << QList<qint64> { 4096, 8192 } << QString();
    QTest::addRow("cancelled at the first call") << 1 << QList<qint64> { 4096 } << QStringLiteral("export cancelled");
    QTest::addRow("cancelled at the second call")
        << 2 << QList<qint64> { 4096, 8192 } << QStringLiteral("export cancelled");
}

void TestEventCsvExport::progressAndCancel()
{
    QFETCH(int, cancelAtCall);
    QFETCH(QList<qint64>, expectedCalls);
    QFETCH(QString, expectedError);

    EventExportRequest request;
    request.eventType = QStringLiteral("bulk:item");
    request.outputPath = m_dir.filePath(QStringLiteral("bulk.csv"));
    QList<qint64> calls;
    auto rows = exportEventsCsv(*m_reader, request, [&](std::int64_t written) {
        calls << written;
        return calls.size() != cancelAtCall;
    });
    QCOMPARE(calls, expectedCalls);
    QCOMPARE(errorOf(rows), expectedError);
    if (!expectedError.isEmpty())
        return;
    QCOMPARE(*rows, std::int64_t(bulkEvents));
    const QByteArray csv = readFile(request.outputPath);
    QCOMPARE(csv.count("\r\n"), bulkEvents + 1);
    QVERIFY(csv.startsWith("ts_ns,cpu,pid,comm,event,n\r\n2000,0,500,,bulk:item,0\r\n"));
    QVERIFY(csv.endsWith("\r\n11999,3,500,,bulk:item,9999\r\n"));
}

void TestEventCsvExport::exportFilter_data()
{
    QTest::addColumn<QStringList>("types");
    QTest::addColumn<QList<int>>("cpus");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QByteArray>("expected");

    constexpr qint64 noTime = std::numeric_limits<qint64>::min();
    const QByteArray fieldsHeader = "ts_ns,cpu,pid,comm,event,fields\r\n";
    const QByteArray mixed1000 = "1000,0,100,\"my,app\",sched:sched_switch,\"prev_comm=my,app prev_pid=100 prev_state=1 "
                                 "raw=0102abff\"\r\n";
    const QByteArray mixed1100 = "1100,1,200,\"say \"\"hi\"\"\",sched:sched_wakeup,comm=plain pid=300\r\n";
    const QByteArray mixed1200 = "1200,1,200,\"say \"\"hi\"\"\",sched:sched_switch,\"prev_comm=say \"\"hi\"\" prev_pid=200 "
                                 "prev_state=18446744073709551615 raw=\"\r\n";
    const QByteArray mixed1300 = "1300,0,300,plain,irq:tick,\r\n";
    const QByteArray mixed1400 = "1400,2,400,,sched:sched_switch,prev_comm= prev_pid=-1 prev_state= raw=00\r\n";
    const QByteArray mixed1500
        = "1500,0,100,\"my,app\",sched:sched_switch,\"prev_comm=my,app prev_pid=100 prev_state=0 raw=10\"\r\n";
    const QByteArray mixed1600 = "1600,3,300,plain,irq:tick,\r\n";
    const QStringList all;
    const QStringList sw { QStringLiteral("sched:sched_switch") };

    QTest::addRow("all types, before the bulk")
        << all << QList<int> {} << noTime << qint64(2000) << QString()
        << fieldsHeader + mixed1000 + mixed1100 + mixed1200 + mixed1300 + mixed1400 + mixed1500 + mixed1600;
    QTest::addRow("two types on cpu 0")
        << QStringList { QStringLiteral("sched:sched_switch"), QStringLiteral("irq:tick") } << QList<int> { 0 } << noTime
        << std::numeric_limits<qint64>::max() << QString() << fieldsHeader + mixed1000 + mixed1300 + mixed1500;
    QTest::addRow("cpus 1 and 3, time range") << all << QList<int> { 1, 3 } << qint64(1100) << qint64(2000) << QString()
                                              << fieldsHeader + mixed1100 + mixed1200 + mixed1600;
    QTest::addRow("one type with an expression")
        << sw << QList<int> {} << noTime << std::numeric_limits<qint64>::max()
        << QStringLiteral("prev_state == 1 || prev_pid < 0") << switchHeader + switch1000 + switch1400;
    QTest::addRow("one type, time range") << sw << QList<int> {} << qint64(1200) << qint64(1500) << QString()
                                          << switchHeader + switch1200 + switch1400;
    // comm is sched_wakeup's own field, the task's comm for the other types.
    QTest::addRow("expression over mixed types")
        << all << QList<int> {} << noTime << std::numeric_limits<qint64>::max() << QStringLiteral("comm == \"plain\"")
        << fieldsHeader + mixed1100 + mixed1300 + mixed1600;
    QTest::addRow("bulk window") << QStringList { QStringLiteral("bulk:item") } << QList<int> {} << qint64(2005)
                                 << qint64(2008) << QStringLiteral("n != 6")
                                 << QByteArray("ts_ns,cpu,pid,comm,event,n\r\n2005,1,500,,bulk:item,5\r\n"
                                               "2007,3,500,,bulk:item,7\r\n");
    QTest::addRow("nothing matches") << all << QList<int> {} << noTime << std::numeric_limits<qint64>::max()
                                     << QStringLiteral("n < 0 || prev_pid > 1000") << fieldsHeader;
}

void TestEventCsvExport::exportFilter()
{
    QFETCH(QStringList, types);
    QFETCH(QList<int>, cpus);
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(QString, expression);
    QFETCH(QByteArray, expected);

    EventFilter filter;
    filter.eventTypes = types;
    filter.cpus = cpus;
    filter.from = from;
    filter.to = to;
    filter.expression = expression;
    const QString out = m_dir.filePath(QStringLiteral("filter.csv"));
    auto rows = exportEventsCsv(*m_reader, filter, out);
    QVERIFY2(rows, qPrintable(errorOf(rows)));
    QCOMPARE(readFile(out), expected);
    QCOMPARE(*rows, std::int64_t(expected.count("\r\n") - 1));
}

void TestEventCsvExport::exportFilterFails_data()
{
    QTest::addColumn<QStringList>("types");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("message"); // '@R' is the recording's path

    QTest::addRow("bad expression") << QStringList() << QStringLiteral("prev_state == ")
                                    << QStringLiteral("@R: filter: column 15: expected a value after '=='");
    QTest::addRow("one unknown type among known ones")
        << QStringList { QStringLiteral("irq:tick"), QStringLiteral("irq:nope") } << QString()
        << QStringLiteral("@R: no events of type irq:nope in this recording");
    // Not a silent empty file: the field and the fields there are.
    QTest::addRow("a field no type has") << QStringList() << QStringLiteral("no_field == 1")
                                         << QStringLiteral("@R: filter: no event type of this recording has a field 'no_field'; "
                                                           "their fields: prev_comm, prev_pid, prev_state, raw, comm, pid, n (and "
                                                           "cpu, pid, comm, ts of every event)");
    QTest::addRow("a field the chosen types lack")
        << QStringList { QStringLiteral("irq:tick"), QStringLiteral("bulk:item") } << QStringLiteral("prev_pid == 1")
        << QStringLiteral("@R: filter: none of the selected event types (irq:tick, bulk:item) has a field 'prev_pid'; their "
                          "fields: n (and cpu, pid, comm, ts of every event)");
}

void TestEventCsvExport::exportFilterFails()
{
    QFETCH(QStringList, types);
    QFETCH(QString, expression);
    QFETCH(QString, message);

    EventFilter filter;
    filter.eventTypes = types;
    filter.expression = expression;
    const QString out = m_dir.filePath(QStringLiteral("refused.csv"));
    auto rows = exportEventsCsv(*m_reader, filter, out);
    QVERIFY(!rows);
    QCOMPARE(rows.error().message, QString(message).replace(QLatin1String("@R"), m_reader->path()));
    QVERIFY(!QFile::exists(out));
}

QTEST_GUILESS_MAIN(TestEventCsvExport)
#include "tst_eventcsvexport.moc"
