// SPDX-License-Identifier: GPL-3.0-or-later
// ftrace text into recordings: every line form (flag layouts, TGID column, odd comms, headers,
// prose, CRLF, cut last line), every event kind, field storage, tasks, meta and unparsed lines;
// then every capture of the shared kprobe corpus against counts computed here independently.
#include "ftracetextimporter.h"

#include "callindex.h"
#include "opendecoders.h"
#include "probecsvexport.h"
#include "probepairing.h"
#include "recordingreader.h"
#include "timelineindex.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

namespace {
const QString corpusDir = QStringLiteral(FTLENS_SOURCE_DIR "/../shared/corpus/kprobe");

// Runs one SQL query and returns its rows, columns joined with '|' (NULL as "-").
QStringList rows(Storage::RecordingReader& reader, const QString& sql)
{
    QStringList out;
    auto stmt = reader.database().prepare(sql.toStdString());
    if (!stmt)
        return { QStringLiteral("SQL error: ") + stmt.error().message };
    while (stmt->step() == SQLITE_ROW) {
        QStringList columns;
        for (int c = 0; c < sqlite3_column_count(stmt->handle()); ++c)
            columns << (stmt->columnIsNull(c) ? QStringLiteral("-") : stmt->columnString(c));
        out << columns.join(QLatin1Char('|'));
    }
    return out;
}

// The field values of one event as "name=value" (non-NULL ones), from its type's view.
QString fieldsOf(Storage::RecordingReader& reader, const Storage::EventTypeInfo& type, qint64 id)
{
    QStringList parts;
    const QString view = QStringLiteral("view_%1__%2").arg(type.system, type.name);
    auto stmt = reader.database().prepare(QStringLiteral("SELECT * FROM \"%1\" WHERE id = %2").arg(view).arg(id).toStdString());
    if (!stmt || stmt->step() != SQLITE_ROW)
        return QStringLiteral("<no row in %1>").arg(view);
    for (std::size_t i = 0; i < type.fields.size(); ++i) {
        if (!stmt->columnIsNull(int(i) + 4))
            parts << type.fields[i].name + QLatin1Char('=') + stmt->columnString(int(i) + 4);
    }
    return parts.join(QLatin1Char(' '));
}

// Every event as "TS CPU PID SYSTEM:NAME KIND field=value ...", in id order.
QStringList describeEvents(Storage::RecordingReader& reader)
{
    QStringList out;
    for (const QString& row : rows(reader, QStringLiteral("SELECT id, ts, cpu, pid, type_id FROM event ORDER BY id"))) {
        const QStringList c = row.split(QLatin1Char('|'));
        const auto& types = reader.eventTypes();
        auto type = std::find_if(types.begin(), types.end(), [&](const auto& t) { return t.id == c[4].toInt(); });
        QString line = QStringLiteral("%1 %2 %3 %4 %5").arg(c[1], c[2], c[3], type->qualifiedName(), type->kind);
        const QString fields = fieldsOf(reader, *type, c[0].toLongLong());
        out << (fields.isEmpty() ? line : line + QLatin1Char(' ') + fields);
    }
    return out;
}

struct Imported {
    QTemporaryDir dir;
    QString path;
    Storage::Result<Engine::ImportResult> result = Storage::Error {};
    std::unique_ptr<Storage::RecordingReader> reader;
};

std::unique_ptr<Imported> import(const QByteArray& text, Engine::ImportOptions options = {})
{
    auto imported = std::make_unique<Imported>();
    imported->path = imported->dir.filePath(QStringLiteral("out.ftlens"));
    imported->result = Engine::FtraceTextImporter(std::move(options))
                           .importText(std::string_view(text.constData(), std::size_t(text.size())), QStringLiteral("trace.txt"),
                               imported->path);
    if (imported->result) {
        auto reader = Storage::RecordingReader::open(imported->path);
        if (reader)
            imported->reader = std::move(reader.value());
    }
    return imported;
}
} // namespace

class TestFtraceTextImport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void events_data();
    void events();
    void issues_data();
    void issues();
    void limits_data();
    void limits();
    void typeAndFieldLimits();
    void fieldStorage();
    void tasksAndMeta();
    void openFlagsOfOldTracepoint();
    void probeArgumentBases_data();
    void probeArgumentBases();
    void flagColumns_data();
    void flagColumns();
    void probePairsByPlace();
    void sharedNameEntryKeepsIt_data();
    void sharedNameEntryKeepsIt();
    void lostEvents();
    void progressAndCancel();
    void farApartLinesMakeASmallIndex_data();
    void farApartLinesMakeASmallIndex();
    void exceptionBecomesError();
    void notATrace();
    void corpus_data();
    void corpus();
};

void TestFtraceTextImport::events_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("kprobe, 5-column flags")
        << QByteArrayLiteral("             cat-1331    [001] d..1.  2944.787977: myopen: (do_sys_open+0x0/0x220) filename=\"/etc/ld.so.cache\"\n")
        << QStringList { QStringLiteral("2944787977000 1 1331 kprobes:myopen kprobe filename=/etc/ld.so.cache") };
    QTest::addRow("kretprobe, 4-column flags")
        << QByteArrayLiteral("          kprobe-26386 [001] d... 6593278.858754: myretprobe: (SyS_open+0x1e/0x20 <- do_sys_open) arg1=0x3\n")
        << QStringList { QStringLiteral("6593278858754000 1 26386 kprobes:myretprobe kretprobe arg1=3") };
    QTest::addRow("no flag column (old kernels)")
        << QByteArrayLiteral("       supervise-3055  [000] 2172148.728250: myprobe: (bio_alloc+0x0/0x30) arg3=0 arg4=-5\n")
        << QStringList { QStringLiteral("2172148728250000 0 3055 kprobes:myprobe kprobe arg3=0 arg4=-5") };
    QTest::addRow("TGID column")
        << QByteArrayLiteral("           bash-1234  (  1200) [002] d... 100.000001: sched_wakeup: comm=foo pid=12 prio=120\n")
        << QStringList { QStringLiteral("100000001000 2 1234 sched:sched_wakeup tracepoint comm=foo pid=12 prio=120") };
    QTest::addRow("TGID column unknown")
        << QByteArrayLiteral("     kworker/0:1-77    (-----) [000] .... 5.5: workqueue_execute_start: work=0xffff8800 function=vmstat_update\n")
        << QStringList { QStringLiteral("5500000000 0 77 workqueue:workqueue_execute_start tracepoint work=4294936576 function=vmstat_update") };
    QTest::addRow("<...> comm")
        << QByteArrayLiteral("           <...>-1447  [001] 1038282.286875: myprobe: (do_sys_open+0x0/0xd6) dfd=3\n")
        << QStringList { QStringLiteral("1038282286875000 1 1447 kprobes:myprobe kprobe dfd=3") };
    QTest::addRow("comm with spaces, dashes, slashes")
        << QByteArrayLiteral("    jbd2/xvda1-8-212   [000] 1.000001: block_rq_issue: dev=202,1\n"
                             " Web Content-4321 [003] .... 1.000002: block_rq_issue: dev=8,0\n")
        << QStringList { QStringLiteral("1000001000 0 212 block:block_rq_issue tracepoint dev=202,1"),
               QStringLiteral("1000002000 3 4321 block:block_rq_issue tracepoint dev=8,0") };
    QTest::addRow("headers, comments and prose are skipped")
        << QByteArrayLiteral("# tracer: nop\n#\n# entries-in-buffer/entries-written: 1/1   #P:4\n"
                             "#           TASK-PID   CPU#  ||||    TIMESTAMP  FUNCTION\n"
                             "#              | |       |   ||||       |         |\n"
                             "Tracing kprobe myopen. Ctrl-C to end.\n\n"
                             "# echo 'p:myopen do_sys_open' >> kprobe_events\n"
                             "            bash-1 [000] d... 1.5: myopen: (do_sys_open+0x0/0x220)\n"
                             "[...]\n^C\nEnding tracing...\n")
        << QStringList { QStringLiteral("1500000000 0 1 kprobes:myopen kprobe") };
    QTest::addRow("CRLF line ends")
        << QByteArrayLiteral("# tracer: nop\r\n            bash-1 [000] d... 1.5: sched_process_exec: filename=/bin/ls pid=1\r\n")
        << QStringList { QStringLiteral("1500000000 0 1 sched:sched_process_exec tracepoint filename=/bin/ls pid=1") };
    QTest::addRow("old fs:do_sys_open tracepoint")
        << QByteArrayLiteral("             cat-100   [000] .... 2.0: do_sys_open: \"/etc/hosts\" 88000 666\n")
        << QStringList { QStringLiteral("2000000000 0 100 fs:do_sys_open tracepoint filename=/etc/hosts flags=557056 mode=438") };
    QTest::addRow("payload that does not split")
        << QByteArrayLiteral("            bash-1 [000] .... 3.0: mymarker: hello world, no fields\n")
        << QStringList { QStringLiteral("3000000000 0 1 ftrace:mymarker tracepoint payload=hello world, no fields") };
    QTest::addRow("function tracer")
        << QByteArrayLiteral("            bash-1 [000] .... 3.0: do_sys_open <-SyS_open\n")
        << QStringList { QStringLiteral("3000000000 0 1 ftrace:function tracepoint function=do_sys_open parent=SyS_open") };
    QTest::addRow("quotes inside a quoted value, spaces in plain values")
        << QByteArrayLiteral("            bash-11886 [002] d... 19601851.008409: readline: (0x41e876 <- 0x48db60) arg1=\"echo \"hello world\"\"\n"
                             "            bash-1 [000] .... 4.0: sched_switch: prev_comm=Web Content prev_pid=1 prev_state=S ==> next_comm=swapper/0 next_pid=0\n")
        << QStringList { QStringLiteral("4000000000 0 1 sched:sched_switch tracepoint prev_comm=Web Content prev_pid=1 prev_state=S next_comm=swapper/0 next_pid=0"),
               QStringLiteral("19601851008409000 2 11886 uprobes:readline uretprobe arg1=echo \"hello world\"") };
    QTest::addRow("out of order CPUs are sorted, equal times keep their order")
        << QByteArrayLiteral("            a-1 [001] .... 2.0: e1: x=1\n"
                             "            b-2 [000] .... 1.0: e1: x=2\n"
                             "            c-3 [001] .... 2.0: e1: x=3\n"
                             "            d-4 [000] .... 1.5: e1: x=4\n")
        << QStringList { QStringLiteral("1000000000 0 2 ftrace:e1 tracepoint x=2"), QStringLiteral("1500000000 0 4 ftrace:e1 tracepoint x=4"),
               QStringLiteral("2000000000 1 1 ftrace:e1 tracepoint x=1"), QStringLiteral("2000000000 1 3 ftrace:e1 tracepoint x=3") };
    QTest::addRow("stack trace")
        << QByteArrayLiteral("            sshd-5121  [000] d... 6.0: mytcp: (tcp_init_cwnd+0x0/0x40)\n"
                             "            sshd-5121  [000] d... 6.1: <stack trace>\n => tcp_write_xmit\n => tcp_push\n")
        << QStringList { QStringLiteral("6000000000 0 5121 kprobes:mytcp kprobe"),
               QStringLiteral("6100000000 0 5121 ftrace:kernel_stack tracepoint stack=tcp_write_xmit\ntcp_push") };
    QTest::addRow("eprobe and uprobe")
        << QByteArrayLiteral("             cat-1298    [003] ...2.  2060.875970: openat: (raw_syscalls.sys_enter) nr=0x101 filename=(fault)\n"
                             "             zsh-24842 [006] 2060.995456: zfree_entry: (0x446420) arg1=446420 arg2=79\n")
        << QStringList { QStringLiteral("2060875970000 3 1298 eprobes:openat eprobe nr=257 filename=(fault)"),
               QStringLiteral("2060995456000 6 24842 uprobes:zfree_entry uprobe arg1=446420 arg2=79") };
    QTest::addRow("largest timestamp")
        << QByteArrayLiteral("            bash-1 [000] .... 4611686018.427387903: sched_process_free: pid=7\n")
        << QStringList { QStringLiteral("4611686018427387903 0 1 sched:sched_process_free tracepoint pid=7") };
    QTest::addRow("last line without newline still imports")
        << QByteArrayLiteral("            bash-1 [000] .... 3.0: sched_process_free: comm=ls pid=7 prio=120")
        << QStringList { QStringLiteral("3000000000 0 1 sched:sched_process_free tracepoint comm=ls pid=7 prio=120") };
}

void TestFtraceTextImport::events()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, expected);
    auto imported = import(text);
    QVERIFY2(imported->result, qPrintable(imported->result ? QString() : imported->result.error().message));
    QVERIFY(imported->reader);
    QCOMPARE(describeEvents(*imported->reader), expected);
    QCOMPARE(imported->result->unparsedLines, 0);
    QCOMPARE(imported->result->events, expected.size());
}

void TestFtraceTextImport::issues_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("expectedIssues"); // "LINE|TEXT|REASON" as import_issue holds them
    QTest::addColumn<int>("events");

    const QByteArray good = QByteArrayLiteral("            bash-1 [000] d... 1.5: myopen: (do_sys_open+0x0/0x220)\n");
    QTest::addRow("prose between events") << good + QByteArrayLiteral("$ sudo ./kprobe p:myopen do_sys_open\n") + good
                                          << QStringList { QStringLiteral("2|$ sudo ./kprobe p:myopen do_sys_open|not an ftrace event line (no COMM-PID [CPU] columns)") }
                                          << 2;
    QTest::addRow("no timestamp") << QByteArrayLiteral("\n") + good + QByteArrayLiteral("            bash-1 [000] d... myopen: x\n")
                                  << QStringList { QStringLiteral("3|            bash-1 [000] d... myopen: x|no timestamp after the CPU column") } << 1;
    QTest::addRow("bad timestamp") << good + QByteArrayLiteral("            bash-1 [000] d... 1.2.3: myopen: x\r\n")
                                   << QStringList { QStringLiteral("2|            bash-1 [000] d... 1.2.3: myopen: x|the timestamp is not a number of seconds") }
                                   << 1;
    // Ten digits of seconds overflowed int64 nanoseconds (found by fuzz_ftracelines under UBSan).
    QTest::addRow("timestamp beyond int64 ns") << good + QByteArrayLiteral("            bash-1 [000] d... 9999999999.999999999: myopen: x\n")
                                               << QStringList { QStringLiteral("2|            bash-1 [000] d... 9999999999.999999999: myopen: x|"
                                                                               "the timestamp is outside 0 to 4611686018 s, what a recording holds") }
                                               << 1;
    QTest::addRow("stack frame alone") << QByteArrayLiteral(" => tcp_push\n") + good
                                       << QStringList { QStringLiteral("1| => tcp_push|a stack frame without its event") } << 1;
    QTest::addRow("cut in the header") << good + QByteArrayLiteral("            bash-1 [000] d... 1.6")
                                       << QStringList { QStringLiteral("2|            bash-1 [000] d... 1.6|the last line is cut short") } << 1;
    QTest::addRow("cut in a quoted value")
        << good + QByteArrayLiteral("            bash-1 [000] d... 1.6: myopen: (do_sys_open+0x0/0x220) filename=\"/etc/ld.so")
        << QStringList { QStringLiteral("2|            bash-1 [000] d... 1.6: myopen: (do_sys_open+0x0/0x220) filename=\"/etc/ld.so|the last line is cut short") }
        << 1;
    QTest::addRow("cut in the probe place")
        << good + QByteArrayLiteral("            bash-1 [000] d... 1.6: myopen: (do_sys_op")
        << QStringList { QStringLiteral("2|            bash-1 [000] d... 1.6: myopen: (do_sys_op|the last line is cut short") } << 1;
}

void TestFtraceTextImport::issues()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, expectedIssues);
    QFETCH(int, events);
    auto imported = import(text);
    QVERIFY2(imported->result, qPrintable(imported->result ? QString() : imported->result.error().message));
    QCOMPARE(imported->result->events, events);
    QCOMPARE(imported->result->unparsedLines, expectedIssues.size());
    QCOMPARE(rows(*imported->reader, QStringLiteral("SELECT line, text, reason FROM import_issue ORDER BY line")), expectedIssues);
    QCOMPARE(imported->reader->meta().value(QStringLiteral("unparsed_lines")), QString::number(expectedIssues.size()));
    QCOMPARE(imported->result->issues.size(), std::size_t(expectedIssues.size()));
    QCOMPARE(imported->result->issues.front().line, expectedIssues.front().section(QLatin1Char('|'), 0, 0).toLongLong());
}

void TestFtraceTextImport::limits_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("expectedIssues"); // "LINE|REASON"
    QTest::addColumn<QList<int>>("cpus"); // what a reader derives from the data
    QTest::addColumn<QString>("metaCpus");
    QTest::addColumn<QString>("lastTs");

    const QByteArray good = QByteArrayLiteral("            bash-1 [000] d... 1.5: myopen: x=1\n");
    const QString cpuReason = QStringLiteral("the CPU number is beyond what a kernel has (CPUs 0 to 8191)");
    const QString timeReason = QStringLiteral("the timestamp is outside 0 to 4611686018 s, what a recording holds");
    const QString countReason = QStringLiteral("the CPU count is beyond what a kernel has (at most 8192); ignored");
    const QString oneAndAHalf = QStringLiteral("1500000000");
    QTest::addRow("CPU 999999999") << good + QByteArrayLiteral("            bash-1 [999999999] d... 2.0: myopen: x=1\n")
                                   << QStringList { QStringLiteral("2|") + cpuReason } << QList<int> { 0 }
                                   << QStringLiteral("1") << oneAndAHalf;
    QTest::addRow("CPU 8192") << good + QByteArrayLiteral("            bash-1 [8192] d... 2.0: myopen: x=1\n")
                              << QStringList { QStringLiteral("2|") + cpuReason } << QList<int> { 0 }
                              << QStringLiteral("1") << oneAndAHalf;
    QTest::addRow("CPU 8191, the last a kernel has")
        << good + QByteArrayLiteral("            bash-1 [8191] d... 2.0: myopen: x=1\n") << QStringList {}
        << QList<int> { 0, 8191 } << QStringLiteral("8192") << QStringLiteral("2000000000");
    QTest::addRow("CPU 9000 in the latency format")
        << good
            + QByteArrayLiteral(
                "              ps-6143    9000d..1  259us+: trace_hardirqs_on <-_raw_spin_unlock_irqrestore\n")
        << QStringList { QStringLiteral("2|") + cpuReason } << QList<int> { 0 } << QStringLiteral("1") << oneAndAHalf;
    QTest::addRow("lost events of CPU 100000")
        << good + QByteArrayLiteral("CPU:100000 [LOST 5 EVENTS]\n") << QStringList { QStringLiteral("2|") + cpuReason }
        << QList<int> { 0 } << QStringLiteral("1") << oneAndAHalf;
    QTest::addRow("trace-cmd's cpus=999999")
        << QByteArrayLiteral("cpus=999999\n") + good << QStringList { QStringLiteral("1|") + countReason }
        << QList<int> { 0 } << QStringLiteral("1") << oneAndAHalf;
    QTest::addRow("#P:99999 in the header")
        << QByteArrayLiteral("# entries-in-buffer/entries-written: 1/1   #P:99999\n") + good
        << QStringList { QStringLiteral("1|") + countReason } << QList<int> { 0 } << QStringLiteral("1") << oneAndAHalf;
    QTest::addRow("cpus=8192 is a count a kernel may have; the lanes still follow the data")
        << QByteArrayLiteral("cpus=8192\n") + good << QStringList {} << QList<int> { 0 } << QStringLiteral("8192")
        << oneAndAHalf;
    QTest::addRow("timestamp beyond 2^62 ns")
        << good + QByteArrayLiteral("            bash-1 [000] d... 9999999999.000000: myopen: x=1\n")
        << QStringList { QStringLiteral("2|") + timeReason } << QList<int> { 0 } << QStringLiteral("1") << oneAndAHalf;
    QTest::addRow("timestamp of 2^62 - 1 ns, the last a recording holds")
        << good + QByteArrayLiteral("            bash-1 [000] d... 4611686018.427387903: myopen: x=1\n")
        << QStringList {} << QList<int> { 0 } << QStringLiteral("1") << QStringLiteral("4611686018427387903");
    QTest::addRow("timestamp of 2^62 ns")
        << good + QByteArrayLiteral("            bash-1 [000] d... 4611686018.427387904: myopen: x=1\n")
        << QStringList { QStringLiteral("2|") + timeReason } << QList<int> { 0 } << QStringLiteral("1") << oneAndAHalf;
    QTest::addRow("timestamp of 20 digits (overflows 64 bits)")
        << good + QByteArrayLiteral("            bash-1 [000] d... 99999999999999999999.5: myopen: x=1\n")
        << QStringList { QStringLiteral("2|") + timeReason } << QList<int> { 0 } << QStringLiteral("1") << oneAndAHalf;
    QTest::addRow("counter clock beyond 2^62")
        << good + QByteArrayLiteral("            bash-1 [000] d... 9223372036854775807: myopen: x=1\n")
        << QStringList { QStringLiteral("2|") + timeReason } << QList<int> { 0 } << QStringLiteral("1") << oneAndAHalf;
    QTest::addRow("negative timestamp") << good
            + QByteArrayLiteral("            bash-1 [000] d... -5.000000: myopen: x=1\n")
                                        << QStringList { QStringLiteral("2|") + timeReason } << QList<int> { 0 }
                                        << QStringLiteral("1") << oneAndAHalf;
    QTest::addRow("absurd field values stay values")
        << good
            + QByteArrayLiteral(
                "            bash-1 [000] d... 2.0: myopen: x=99999999999999999999999 y=-99999999999999999999\n")
        << QStringList {} << QList<int> { 0 } << QStringLiteral("1") << QStringLiteral("2000000000");
}

void TestFtraceTextImport::limits()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, expectedIssues);
    QFETCH(QList<int>, cpus);
    QFETCH(QString, metaCpus);
    QFETCH(QString, lastTs);
    auto imported = import(text);
    QVERIFY2(imported->result, qPrintable(imported->result ? QString() : imported->result.error().message));
    QVERIFY(imported->reader);
    QCOMPARE(imported->result->unparsedLines, expectedIssues.size());
    if (!expectedIssues.isEmpty())
        QCOMPARE(rows(*imported->reader, QStringLiteral("SELECT line, reason FROM import_issue ORDER BY line")),
            expectedIssues);
    auto summary = imported->reader->summary();
    QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().message));
    QCOMPARE(QList<int>(summary->cpuIds.begin(), summary->cpuIds.end()), cpus);
    QCOMPARE(summary->cpus, cpus.size());
    QCOMPARE(imported->result->cpus, cpus.size()); // what `ftlens-cli import` reports
    QCOMPARE(imported->reader->meta().value(QStringLiteral("cpus")), metaCpus);
    QCOMPARE(QString::number(summary->lastTs), lastTs);
}

void TestFtraceTextImport::typeAndFieldLimits()
{
    // Each type is a table: a text of ever new event names (or ever new field names) stops at
    // what a recording holds, line by line, instead of making the import and every open crawl.
    QByteArray text;
    for (int i = 0; i <= 2048; ++i)
        text += "            a-1 [000] .... " + QByteArray::number(i) + ".5: ev" + QByteArray::number(i) + ": x=1\n";
    QByteArray wide = "            a-1 [000] .... 3000.5: ev0:";
    for (int i = 0; i < 511; ++i)
        wide += " f" + QByteArray::number(i) + "=1";
    text += wide + " one_too_many=1\n" + wide + '\n';
    auto imported = import(text);
    QVERIFY2(imported->result, qPrintable(imported->result ? QString() : imported->result.error().message));
    QCOMPARE(imported->result->eventTypes, 2048);
    QCOMPARE(imported->result->events, 2049);
    QCOMPARE(rows(*imported->reader, QStringLiteral("SELECT line, reason FROM import_issue ORDER BY line")),
        (QStringList { QStringLiteral("2049|an event type beyond the 2048 a recording holds"),
            QStringLiteral("2050|more fields than the 512 an event type holds") }));
    // ev0 had x: with f0..f510 it has the 512 fields a type may have; one_too_many did not fit.
    QCOMPARE(rows(*imported->reader, QStringLiteral("SELECT COUNT(*) FROM event_field WHERE type_id = 1")),
        QStringList { QStringLiteral("512") });
}

void TestFtraceTextImport::fieldStorage()
{
    // A field's storage is decided over all its values.
    auto imported = import(QByteArrayLiteral("            a-1 [000] .... 1.0: ev: i=1 t=1 u=0x10 b=5 n=-1 q=\"7\" m=1\n"
                                             "            a-1 [000] .... 2.0: ev: i=-2 t=x u=0x20 b=18446744073709551615 n=0x1 q=\"8\"\n"));
    QVERIFY(imported->reader);
    QCOMPARE(rows(*imported->reader, QStringLiteral("SELECT name, storage FROM event_field ORDER BY ord")),
        (QStringList { QStringLiteral("i|int"), QStringLiteral("t|text"), QStringLiteral("u|uint"), QStringLiteral("b|uint"),
            QStringLiteral("n|text"), QStringLiteral("q|text"), QStringLiteral("m|int") }));
    QCOMPARE(describeEvents(*imported->reader),
        (QStringList { QStringLiteral("1000000000 0 1 ftrace:ev tracepoint i=1 t=1 u=16 b=5 n=-1 q=7 m=1"),
            QStringLiteral("2000000000 0 1 ftrace:ev tracepoint i=-2 t=x u=32 b=-1 n=0x1 q=8") }));
}

void TestFtraceTextImport::tasksAndMeta()
{
    auto imported = import(QByteArrayLiteral("# tracer: nop\n# entries-in-buffer/entries-written: 3/3   #P:8\n"
                                             "           <...>-7   [001] .... 1.0: ev: x=1\n"
                                             "            bash-7  (    7) [001] .... 2.0: ev: x=1\n"
                                             "           <...>-9   [005] .... 3.0: ev: x=1\n"));
    QVERIFY(imported->reader);
    QCOMPARE(rows(*imported->reader, QStringLiteral("SELECT pid, tgid, str FROM task JOIN string ON string.id = comm_id")),
        QStringList { QStringLiteral("7|7|bash") });
    const auto& meta = imported->reader->meta();
    QCOMPARE(meta.value(QStringLiteral("source")), QStringLiteral("import"));
    QCOMPARE(meta.value(QStringLiteral("input")), QStringLiteral("trace.txt"));
    QCOMPARE(meta.value(QStringLiteral("cpus")), QStringLiteral("8"));
    QCOMPARE(meta.value(QStringLiteral("tracer")), QStringLiteral("nop"));
    QCOMPARE(meta.value(QStringLiteral("complete")), QStringLiteral("1"));
    QCOMPARE(meta.value(QStringLiteral("trace_clock")), QStringLiteral("unknown"));
    QCOMPARE(meta.value(QStringLiteral("unparsed_lines")), QStringLiteral("0"));

    // Without "#P:N": the highest CPU seen + 1.
    auto noHeader = import(QByteArrayLiteral("            a-1 [003] .... 1.0: ev: x=1\n"));
    QVERIFY(noHeader->reader);
    QCOMPARE(noHeader->reader->meta().value(QStringLiteral("cpus")), QStringLiteral("4"));
    QVERIFY(!noHeader->reader->meta().contains(QStringLiteral("tracer")));
}

void TestFtraceTextImport::openFlagsOfOldTracepoint()
{
    auto imported = import(QByteArrayLiteral("             cat-100   [000] .... 2.0: do_sys_open: \"/etc/hosts\" 88000 666\n"));
    QVERIFY(imported->reader);
    const QStringList values = rows(*imported->reader, QStringLiteral("SELECT flags, mode FROM ev_fs__do_sys_open"));
    QCOMPARE(values.size(), 1);
    QCOMPARE(Engine::openFlagsText(values[0].section(QLatin1Char('|'), 0, 0).toULongLong()),
        QStringLiteral("O_RDONLY|O_LARGEFILE|O_CLOEXEC"));
    QCOMPARE(Engine::modeText(values[0].section(QLatin1Char('|'), 1, 1).toULongLong()), QStringLiteral("0666"));
    QCOMPARE(rows(*imported->reader, QStringLiteral("SELECT name, storage FROM event_field ORDER BY ord")),
        (QStringList { QStringLiteral("filename|text"), QStringLiteral("flags|uint"), QStringLiteral("mode|uint") }));
}

void TestFtraceTextImport::probeArgumentBases_data()
{
    // Old kernels print a probe's unsigned arguments in hex without "0x"; the importer reads them
    // as hex where the file shows it (see ImportTypeRegistry::decideNumberBases). Checked where a
    // user sees them: the probe's CSV export ("column=value" of its first call).
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("probe");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("kprobe flags=8000 alone: open flags in hex")
        << QByteArrayLiteral("           <...>-1447  [001] 1038282.286875: myprobe: (do_sys_open+0x0/0xd6) dfd=3 flags=8000 mode=0\n")
        << QStringLiteral("myprobe") << QStringList { QStringLiteral("flags=32768"), QStringLiteral("flags_text=O_RDONLY|O_LARGEFILE") };
    QTest::addRow("flags=88000 with a quoted filename")
        << QByteArrayLiteral("             cat-1331    [001] d..1.  2944.787977: myopen: (do_sys_open+0x0/0x220) filename=\"/etc/ld.so.cache\" flags=88000\n")
        << QStringLiteral("myopen")
        << QStringList { QStringLiteral("filename=/etc/ld.so.cache"), QStringLiteral("flags_text=O_RDONLY|O_LARGEFILE|O_CLOEXEC") };
    QTest::addRow("decimal u32 (4.17 on) that is no open flags in hex stays decimal")
        << QByteArrayLiteral("             cat-1331    [001] d..1.  2944.787977: myopen: (do_sys_open+0x0/0x220) flags=32768\n"
                             "             cat-1331    [001] d..1.  2944.787990: myopen: (do_sys_open+0x0/0x220) flags=0\n")
        << QStringLiteral("myopen") << QStringList { QStringLiteral("flags=32768"), QStringLiteral("flags_text=O_RDONLY|O_LARGEFILE") };
    QTest::addRow("\"0x\" in another probe value: a newer kernel, bare values are decimal")
        << QByteArrayLiteral("             cat-1331    [001] d..1.  2944.787977: myopen: (do_sys_open+0x0/0x220) flags=8000\n"
                             "             cat-1331    [001] d..1.  2944.787990: myretprobe: (SyS_open+0x1e/0x20 <- do_sys_open) arg1=0x3\n")
        << QStringLiteral("myopen")
        << QStringList { QStringLiteral("flags=8000"), QStringLiteral("flags_text=O_RDONLY|O_CREAT|O_NOCTTY|O_TRUNC|O_APPEND|O_NONBLOCK|O_DSYNC"),
               QStringLiteral("ret=3") };
    QTest::addRow("hex letters in the file: every bare probe value is hex (kprobetrace.rst)")
        << QByteArrayLiteral("           <...>-1447  [001] 1038282.286885: myprobe: (do_sys_open+0x0/0xd6) dfd=ffffff9c filename=40413c flags=98800 mode=1b6\n"
                             "           <...>-1447  [001] 1038282.286886: myretprobe: (sys_openat+0xc/0xe <- do_sys_open) $retval=fffffffffffffffe\n"
                             "           <...>-1447  [001] 1038282.286969: myprobe: (do_sys_open+0x0/0xd6) dfd=3 filename=4041c6 flags=8000 mode=10\n")
        << QStringLiteral("myprobe")
        << QStringList { QStringLiteral("filename=4211004"), QStringLiteral("dfd_text=AT_FDCWD"),
               QStringLiteral("flags_text=O_RDONLY|O_NONBLOCK|O_LARGEFILE|O_DIRECTORY|O_CLOEXEC"), QStringLiteral("mode_text=0666"),
               QStringLiteral("ret_text=-2 ENOENT") };
    QTest::addRow("old kernel, negative values mark a signed argument: decimal")
        << QByteArrayLiteral("            bash-1 [000] 5.0: myprobe: (do_sys_open+0x0/0xd6) dfd=-100 flags=8000 x=7f\n"
                             "            bash-1 [000] 6.0: myprobe: (do_sys_open+0x0/0xd6) dfd=10 flags=8000 x=10\n")
        << QStringLiteral("myprobe") << QStringList { QStringLiteral("dfd_text=AT_FDCWD"), QStringLiteral("x=127") };
    QTest::addRow("uprobe with hex letters in one argument")
        << QByteArrayLiteral("             zsh-24842 [006] 258544.995456: zfree_entry: (0x446420) arg1=44642a arg2=79\n")
        << QStringLiteral("zfree_entry") << QStringList { QStringLiteral("arg1=4482090"), QStringLiteral("arg2=121") };
    QTest::addRow("flags of a place that is not open-like stay decimal")
        << QByteArrayLiteral("            bash-1 [000] 5.0: myprobe: (vfs_read+0x0/0x10) flags=8000\n")
        << QStringLiteral("myprobe") << QStringList { QStringLiteral("flags=8000") };
}

void TestFtraceTextImport::probeArgumentBases()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, probe);
    QFETCH(QStringList, expected);
    auto imported = import(text);
    QVERIFY2(imported->result, qPrintable(imported->result ? QString() : imported->result.error().message));
    QVERIFY(imported->reader);
    const QString csvPath = imported->dir.filePath(QStringLiteral("calls.csv"));
    auto rows = Engine::exportProbeCsv(*imported->reader, probe, csvPath);
    QVERIFY2(rows, qPrintable(rows ? QString() : rows.error().message));
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).split(QStringLiteral("\r\n"));
    QVERIFY(lines.size() >= 2);
    const QStringList header = lines[0].split(QLatin1Char(','));
    const QStringList first = lines[1].split(QLatin1Char(','));
    QCOMPARE(first.size(), header.size());
    QStringList actual;
    for (const QString& item : expected) {
        const QString column = item.section(QLatin1Char('='), 0, 0);
        const int at = header.indexOf(column);
        actual << column + QLatin1Char('=') + (at < 0 ? QStringLiteral("<no column>") : first[at]);
    }
    QCOMPARE(actual, expected);
}

void TestFtraceTextImport::flagColumns_data()
{
    QTest::addColumn<QByteArray>("column");
    QTest::addColumn<int>("flags");
    QTest::addColumn<int>("preemptCount");
    QTest::addRow("none") << QByteArrayLiteral("....") << 0 << 0;
    QTest::addRow("irqs off") << QByteArrayLiteral("d...") << 0x01 << 0;
    QTest::addRow("softirq, depth 1") << QByteArrayLiteral("..s1") << 0x10 << 1;
    QTest::addRow("need resched, hardirq, depth 2, migrate 1") << QByteArrayLiteral("dNh21") << (0x01 | 0x04 | 0x20 | 0x08) << 0x12;
    QTest::addRow("nmi") << QByteArrayLiteral("d.Z.") << (0x01 | 0x40 | 0x08) << 0;
    QTest::addRow("5 columns, migrate disabled only") << QByteArrayLiteral("...2.") << 0 << 2;
}

void TestFtraceTextImport::flagColumns()
{
    QFETCH(QByteArray, column);
    QFETCH(int, flags);
    QFETCH(int, preemptCount);
    auto imported = import(QByteArrayLiteral("            a-1 [000] ") + column + QByteArrayLiteral(" 1.0: ev: x=1\n"));
    QVERIFY(imported->reader);
    QCOMPARE(rows(*imported->reader, QStringLiteral("SELECT flags, preempt_count FROM event")),
        QStringList { QStringLiteral("%1|%2").arg(flags).arg(preemptCount) });
}

void TestFtraceTextImport::sharedNameEntryKeepsIt_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("types"); // qualified name and kind, in id order
    const QByteArray kEntry = "            cat-1 [001] d... 10.0: myopen: (do_sys_open+0x0/0x220) filename=\"/a\"\n";
    const QByteArray kReturn = "            cat-1 [001] d... 10.5: myopen: (SyS_open+0x1e/0x20 <- do_sys_open) arg1=0x3\n";
    const QByteArray uEntry = "           bash-2 [000] d... 11.0: readline: (0x48db60)\n";
    const QByteArray uReturn = "           bash-2 [000] d... 11.5: readline: (0x41e876 <- 0x48db60) arg1=\"ls\"\n";
    QTest::addRow("kprobe, entry first") << kEntry + kReturn
                                         << QStringList { QStringLiteral("kprobes:myopen kprobe"), QStringLiteral("kprobes:myopen__return kretprobe") };
    QTest::addRow("kprobe, return first") << QByteArray(kReturn).replace("10.5", "9.5") + kEntry
                                          << QStringList { QStringLiteral("kprobes:myopen__return kretprobe"), QStringLiteral("kprobes:myopen kprobe") };
    QTest::addRow("uprobe, return first") << QByteArray(uReturn).replace("11.5", "10.9") + uEntry
                                          << QStringList { QStringLiteral("uprobes:readline__return uretprobe"),
                                                 QStringLiteral("uprobes:readline uprobe") };
    // NAME__return already taken (by an entry probe elsewhere): the kind is appended, as for other clashes.
    QTest::addRow("NAME__return taken")
        << QByteArrayLiteral("            cat-1 [001] d... 9.0: myopen__return: (do_filp_open+0x0/0x220)\n") + kEntry + kReturn
        << QStringList { QStringLiteral("kprobes:myopen__return kprobe"), QStringLiteral("kprobes:myopen kprobe"),
               QStringLiteral("kprobes:myopen__return_kretprobe kretprobe") };
}

// An entry and a return probe printed under one name: the entry keeps the name, whichever came
// first, so that the probe table and `export --probe NAME` find the pair by the text's name.
void TestFtraceTextImport::sharedNameEntryKeepsIt()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, types);
    auto imported = import(text);
    QVERIFY(imported->reader);
    QStringList actual;
    for (const Storage::EventTypeInfo& type : imported->reader->eventTypes())
        actual << type.qualifiedName() + QLatin1Char(' ') + type.kind;
    QCOMPARE(actual, types);
    const auto pair = Engine::findProbePair(*imported->reader, QString::fromUtf8(text.contains("readline") ? "readline" : "myopen"));
    QVERIFY(pair && pair->entry && pair->ret);
    QVERIFY(!pair->entry->name.endsWith(QLatin1String("__return")));
}

void TestFtraceTextImport::probePairsByPlace()
{
    // Different names, one place: an entry and a return probe pair; the same name as both
    // kinds: the return probe is NAME__return; uprobes pair on their address.
    auto imported = import(QByteArrayLiteral(
        " surftrace-2336  [001] ....  1447.877666: f0: (wake_up_new_task+0x0/0x280)\n"
        " surftrace-2336  [001] d...  1447.877670: f1: (_do_fork+0x153/0x3d0 <- wake_up_new_task)\n"
        "            bash-1 [003] d... 1450.0: readline: (0x48db60)\n"
        "            bash-1 [003] d... 1451.0: readline: (0x41e876 <- 0x48db60) arg1=\"ls -l\"\n"
        "             sh-131     [006] ...1.  1945.714346: vfs_open__entry: (vfs_open+0x4/0x40) mode=0x2\n"
        "             sh-131     [006] ...1.  1945.714358: vfs_open__exit: (do_open+0x274/0x3d0 <- vfs_open) mode=0x4d801e\n"));
    QVERIFY(imported->reader);
    QStringList pairs;
    for (const Engine::ProbePair& pair : Engine::findProbePairs(*imported->reader))
        pairs << QStringLiteral("%1+%2@%3").arg(pair.entry ? pair.entry->qualifiedName() : QStringLiteral("-"),
                     pair.ret ? pair.ret->qualifiedName() : QStringLiteral("-"), pair.place);
    pairs.sort();
    QCOMPARE(pairs,
        (QStringList { QStringLiteral("kprobes:f0+kprobes:f1@wake_up_new_task"),
            QStringLiteral("kprobes:vfs_open__entry+kprobes:vfs_open__exit@vfs_open"),
            QStringLiteral("uprobes:readline+uprobes:readline__return@0x48db60") }));
    QCOMPARE(rows(*imported->reader, QStringLiteral("SELECT definition FROM event_type WHERE name = 'f1'")),
        QStringList { QStringLiteral("r:kprobes/f1 wake_up_new_task") });
}

void TestFtraceTextImport::lostEvents()
{
    auto imported = import(QByteArrayLiteral("            a-1 [000] .... 1.0: ev: x=1\nCPU:1 [LOST 12 EVENTS]\n"
                                             "            a-1 [001] .... 2.0: ev: x=1\n"));
    QVERIFY(imported->reader);
    auto summary = imported->reader->summary();
    QVERIFY(summary);
    QCOMPARE(summary->lostEvents, 12);
    QCOMPARE(imported->result->unparsedLines, 0);
}

void TestFtraceTextImport::progressAndCancel()
{
    QByteArray text;
    for (int i = 0; i < 70000; ++i)
        text += "            a-1 [000] .... " + QByteArray::number(i) + ".5: ev: x=" + QByteArray::number(i) + '\n';
    QList<int> seen;
    Engine::ImportOptions options;
    options.progress = [&](int permille) { seen << permille; };
    auto imported = import(text, options);
    QVERIFY(imported->result);
    QCOMPARE(imported->result->events, 70000);
    QVERIFY(seen.size() >= 3);
    QCOMPARE(seen.front(), 0);
    QCOMPARE(seen.back(), 1000);
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));

    Engine::ImportOptions cancelling;
    cancelling.isCancelled = [] { return true; };
    auto cancelled = import(text, cancelling);
    QVERIFY(!cancelled->result);
    QVERIFY(cancelled->result.error().message.contains(QLatin1String("cancelled")));
    QVERIFY(!QFile::exists(cancelled->path));
}

// Two lines far apart in time (issue 9): the indexes written with them follow the lines, not the
// span, so the file stays small and opens without a build (a bucket per 65.5 us of 999 s would
// be 15 million rows).
void TestFtraceTextImport::farApartLinesMakeASmallIndex_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("calls");
    const QByteArray a = "            a-5 [000] d..2 ";
    const QByteArray b = "       <idle>-0 [000] d..2 ";
    QTest::newRow("sched_switch lines 999 s apart")
        << QByteArray(b + "1.000000: sched_switch: prev_comm=swapper/0 prev_pid=0 prev_prio=120 prev_state=R ==> "
                          "next_comm=a next_pid=5 next_prio=120\n"
               + a + "1000.000000: sched_switch: prev_comm=a prev_pid=5 prev_prio=120 prev_state=S ==> "
                     "next_comm=swapper/0 next_pid=0 next_prio=120\n")
        << false;
    QTest::newRow("function lines at 1 s and 4e9 s")
        << QByteArray("# tracer: function\n" + a + "1.000000: do_sys_open <-__x64_sys_openat\n" + a
               + "4000000000.000000: do_sys_open <-__x64_sys_openat\n")
        << true;
    QTest::newRow("function lines at 1 s and 9e9 s")
        << QByteArray("# tracer: function\n" + a + "1.000000: do_sys_open <-__x64_sys_openat\n" + a
               + "9000000000.000000: do_sys_open <-__x64_sys_openat\n")
        << true;
}

void TestFtraceTextImport::farApartLinesMakeASmallIndex()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, calls);
    auto imported = import(text);
    QVERIFY2(imported->result, imported->result ? "" : qPrintable(imported->result.error().message));
    QVERIFY(imported->reader);
    QVERIFY(Storage::fileHasTimelineIndex(imported->path));
    QVERIFY(Storage::fileHasCallIndex(imported->path));
    QVERIFY2(QFileInfo(imported->path).size() < 256 * 1024, qPrintable(QString::number(QFileInfo(imported->path).size())));
    const QStringList summaries = rows(*imported->reader, QStringLiteral("SELECT COUNT(*) FROM cpu_summary"));
    QVERIFY2(summaries.size() == 1 && summaries[0].toLongLong() <= 20, qPrintable(summaries.join(QLatin1Char(','))));
    if (calls) {
        const QStringList callRows = rows(*imported->reader, QStringLiteral("SELECT COUNT(*) FROM call_summary"));
        QVERIFY2(callRows.size() == 1 && callRows[0].toLongLong() <= 20, qPrintable(callRows.join(QLatin1Char(','))));
    } else {
        QCOMPARE(rows(*imported->reader, QStringLiteral("SELECT pid, dur FROM sched_slice")), QStringList { QStringLiteral("5|999000000000") });
    }
}

void TestFtraceTextImport::exceptionBecomesError()
{
    // Over a megabyte: the lines are parsed on a thread of their own, and the progress callback
    // that throws runs on the importer's while that thread is still at work.
    QByteArray text;
    for (int i = 0; i < 70000; ++i)
        text += "            a-1 [000] .... " + QByteArray::number(i) + ".5: ev: x=" + QByteArray::number(i) + '\n';
    QVERIFY(text.size() > (1 << 20));
    Engine::ImportOptions options;
    options.progress = [](int permille) {
        if (permille > 0)
            throw std::bad_alloc();
    };
    auto imported = import(text, options);
    QVERIFY(!imported->result);
    QCOMPARE(imported->result.error().message, QStringLiteral("trace.txt: out of memory"));
    QVERIFY(!QFile::exists(imported->path));
}

void TestFtraceTextImport::notATrace()
{
    auto imported = import(QByteArrayLiteral("hello\nthis is not a trace\n"));
    QVERIFY(!imported->result);
    QCOMPARE(imported->result.error().message,
        QStringLiteral("trace.txt: no ftrace event lines found; line 1: not an ftrace event line (no COMM-PID [CPU] columns)"));
}

void TestFtraceTextImport::corpus_data()
{
    QTest::addColumn<QString>("file");
    const QDir dir(corpusDir);
    if (!dir.exists())
        QSKIP(qPrintable(QStringLiteral("the shared corpus is not there (%1): corpus checks skipped").arg(corpusDir)));
    for (const QString& name : dir.entryList({ QStringLiteral("*.txt") }, QDir::Files, QDir::Name))
        QTest::addRow("%s", qPrintable(name)) << dir.filePath(name);
}

void TestFtraceTextImport::corpus()
{
    QFETCH(QString, file);
    QFile input(file);
    QVERIFY(input.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(input.readAll()).split(QLatin1Char('\n'));

    // Counted here with a regular expression, independently of the importer's parser:
    // "NAME/entry", "NAME/return" (a "<-" in the leading parentheses) or "NAME/other" -> count;
    // lines that are neither events, comments, stack frames nor known prose -> their numbers.
    static const QRegularExpression event(QStringLiteral(
        R"(^\s*.+-\d+\s+(?:\(\s*[\d-]+\)\s+)?\[\d+\]\s+(?:\S+\s+)?\d+(?:\.\d+)?:\s+(<(?:user )?stack trace>|[^\s:]+:)\s*(\([^)]*\))?)"));
    static const QRegularExpression skipped(QStringLiteral(R"(^\s*(#.*|=>.*|\[\.\.\.\]|\^C.*|Tracing .*|)\r?$)"));
    QMap<QString, qint64> expected;
    QList<qint64> expectedUnparsed;
    for (int i = 0; i < lines.size(); ++i) {
        if (i == lines.size() - 1 && lines[i].isEmpty())
            break;
        const QRegularExpressionMatch m = event.match(lines[i]);
        if (!m.hasMatch()) {
            if (!skipped.match(lines[i]).hasMatch())
                expectedUnparsed << i + 1;
            continue;
        }
        QString name = m.captured(1);
        name = name == QLatin1String("<stack trace>") ? QStringLiteral("kernel_stack")
            : name == QLatin1String("<user stack trace>") ? QStringLiteral("user_stack")
                                                           : name.chopped(1);
        const QString parens = m.captured(2);
        const QString kind = parens.isEmpty() ? QStringLiteral("other")
            : parens.contains(QLatin1String(" <- ")) ? QStringLiteral("return")
                                                      : QStringLiteral("entry");
        ++expected[name + QLatin1Char('/') + kind];
    }

    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("corpus.ftlens"));
    auto result = Engine::FtraceTextImporter().importFile(file, out);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    auto reader = Storage::RecordingReader::open(out);
    QVERIFY(reader);
    auto summary = reader.value()->summary();
    QVERIFY(summary);

    QMap<QString, qint64> actual;
    for (const auto& [qualified, count] : summary->eventsByType) {
        const Storage::EventTypeInfo* type = reader.value()->findEventType(qualified);
        QVERIFY(type);
        QString name = type->name;
        if (name.endsWith(QLatin1Char('_') + type->kind)) // the second kind under one name
            name.chop(type->kind.size() + 1);
        const bool isReturn = type->kind.endsWith(QLatin1String("retprobe"));
        const bool isEntry = !isReturn && type->kind != QLatin1String("tracepoint");
        actual[name + (isReturn ? QStringLiteral("/return") : isEntry ? QStringLiteral("/entry") : QStringLiteral("/other"))] += count;
    }
    QCOMPARE(actual, expected);

    QList<qint64> unparsed;
    for (const QString& row : rows(*reader.value(), QStringLiteral("SELECT line FROM import_issue ORDER BY line")))
        unparsed << row.toLongLong();
    if (expectedUnparsed.isEmpty())
        unparsed.removeAll(0); // no table: the query's error row
    QCOMPARE(result->unparsedLines, expectedUnparsed.size());
    QCOMPARE(reader.value()->meta().value(QStringLiteral("unparsed_lines")).toLongLong(), expectedUnparsed.size());
    if (!expectedUnparsed.isEmpty())
        QCOMPARE(unparsed, expectedUnparsed);
}

QTEST_GUILESS_MAIN(TestFtraceTextImport)
#include "tst_ftracetextimport.moc"
