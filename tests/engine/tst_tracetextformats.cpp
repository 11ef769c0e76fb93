// SPDX-License-Identifier: GPL-3.0-or-later
// Text from other tools and the format detection (importTrace): the format told from the content
// and forced by name; `perf script` output (real captures in tests/data/perf: default fields,
// pid/tid, callchains, uprobes) with counts taken from the text independently; `trace-cmd report`
// layouts (-l latency, flag columns, kernel_stack frames, -w sections, two-file prefixes) inline,
// and every corpus file under trace_cmd_report/ with no unparsed line that reads as an event or a
// stack frame.
#include "recordingrows.h"
#include "traceimport.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using TestSupport::recordingMeta;
using TestSupport::recordingRows;

namespace {

const QString perfDir = QStringLiteral(FTLENS_TEST_DATA "/perf");
const QString reportCorpusDir = QStringLiteral(FTLENS_SOURCE_DIR "/../shared/corpus/trace_cmd_report");

// An event line as trace-cmd report and perf script print it: "... [CPU] [FLAGS] SECONDS: NAME: ".
const QRegularExpression eventLine(QStringLiteral(R"(\[\d+\]\s+(?:\S+\s+)?\d+\.\d+:\s+([^\s:]+(?::[^\s:]+)?):)"));
// A latency-format line (trace-cmd report -l): "COMM-PID CPUFLAGS SECONDS: NAME:".
const QRegularExpression latencyLine(QStringLiteral(R"(-\d+\s+\d+[.dDbXnNBpzZhHs0-9a-f]{4,6}\s+\d+\.\d+:\s+\S+:)"));

QByteArray readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QMap<QString, qint64> textCounts(const QByteArray& text)
{
    QMap<QString, qint64> counts;
    for (const QByteArray& line : text.split('\n')) {
        const QRegularExpressionMatch match = eventLine.match(QString::fromUtf8(line));
        if (match.hasMatch())
            ++counts[match.captured(1)];
    }
    return counts;
}

QMap<QString, qint64> recordingCounts(const QString& recording)
{
    QMap<QString, qint64> counts;
    for (const QString& row : recordingRows(recording, QStringLiteral("SELECT event, count(*) FROM events GROUP BY event"))) {
        const QStringList columns = row.split(QLatin1Char(' '));
        counts[columns.value(0)] += columns.value(1).toLongLong();
    }
    return counts;
}

qint64 count(const QString& recording, const QString& sql)
{
    return recordingRows(recording, sql).value(0).toLongLong();
}

} // namespace

class TestTraceTextFormats : public QObject {
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }
    void formatNames();
    void detect_data();
    void detect();
    void forcedFormat();
    void perfScript_data();
    void perfScript();
    void perfScriptCallchains();
    void perfScriptProbeArguments();
    void reportLayouts_data();
    void reportLayouts();
    void reportCorpus_data();
    void reportCorpus();

private:
    QString write(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return {};
        return path;
    }

    QTemporaryDir m_dir;
};

void TestTraceTextFormats::formatNames()
{
    QCOMPARE(Engine::traceFormatFromName(QStringLiteral("auto")), Engine::TraceFormat::Auto);
    QCOMPARE(Engine::traceFormatFromName(QStringLiteral("trace.dat")), Engine::TraceFormat::TraceDat);
    QCOMPARE(Engine::traceFormatFromName(QStringLiteral("perf-script")), Engine::TraceFormat::PerfScript);
    QCOMPARE(Engine::traceFormatFromName(QStringLiteral("ftrace")), Engine::TraceFormat::FtraceText);
    QCOMPARE(Engine::traceFormatFromName(QStringLiteral("trace-cmd-report")), Engine::TraceFormat::FtraceText);
    QVERIFY(!Engine::traceFormatFromName(QStringLiteral("perf.data")));
    for (const QString& name : Engine::traceFormatNames()) {
        const auto format = Engine::traceFormatFromName(name);
        QVERIFY2(format, qPrintable(name));
        QCOMPARE(Engine::traceFormatFromName(Engine::traceFormatName(*format)), format);
    }
}

void TestTraceTextFormats::detect_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("requireTraceLines");
    QTest::addColumn<int>("format"); // -1: an error containing `error`
    QTest::addColumn<QString>("error");
    const int dat = int(Engine::TraceFormat::TraceDat);
    const int text = int(Engine::TraceFormat::FtraceText);
    const int perf = int(Engine::TraceFormat::PerfScript);
    QTest::newRow("trace.dat v6") << QByteArray("\x17\x08\x44tracing6\0\0\x08\0\0\0\0\x10\0\0", 20) << false << dat << QString();
    QTest::newRow("trace.dat v7") << QByteArray("\x17\x08\x44tracing7\0\0\x08\0\0\0\0\x10\0\0", 20) << false << dat << QString();
    QTest::newRow("cat trace") << QByteArray("# tracer: nop\n#\n            bash-1     [000] d... 12.000001: sched_waking: comm=x pid=2\n")
                               << true << text << QString();
    QTest::newRow("trace-cmd report") << QByteArray("cpus=2\n          <idle>-0     [000]  7615.709442: cpu_idle:             state=1 cpu_id=0\n")
                                      << true << text << QString();
    QTest::newRow("perf script") << readAll(perfDir + QStringLiteral("/sched_openat.txt")).left(4096) << true << perf << QString();
    QTest::newRow("perf script, callchains") << readAll(perfDir + QStringLiteral("/callchains.txt")).left(4096) << true << perf << QString();
    QTest::newRow("perf.data") << QByteArray("PERFILE2\x68\0\0\0\0\0\0\0", 16) << false << -1 << QStringLiteral("perf.data");
    QTest::newRow("ftlens recording") << QByteArray("SQLite format 3\0\x10\0", 19) << false << -1 << QStringLiteral("recording");
    QTest::newRow("binary") << QByteArray("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0", 18) << false << -1 << QString();
    QTest::newRow("prose only") << QByteArray("hello\nthis is not a trace\n") << true << -1 << QString();
}

void TestTraceTextFormats::detect()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, requireTraceLines);
    QFETCH(int, format);
    QFETCH(QString, error);
    QVERIFY(!head.isEmpty());
    auto detected = Engine::detectTraceFormat(std::string_view(head.constData(), std::size_t(head.size())), requireTraceLines);
    if (format < 0) {
        QVERIFY(!detected);
        QVERIFY2(!detected.error().message.isEmpty(), "an error says why");
        QVERIFY2(detected.error().message.contains(error), qPrintable(detected.error().message));
        return;
    }
    QVERIFY2(detected, qPrintable(detected ? QString() : detected.error().message));
    QCOMPARE(int(detected.value()), format);
    // The same from a file.
    const QString path = write(QStringLiteral("detect.in"), head);
    auto fromFile = Engine::detectTraceFileFormat(path, requireTraceLines);
    QVERIFY(fromFile);
    QCOMPARE(int(fromFile.value()), format);
}

void TestTraceTextFormats::forcedFormat()
{
    const QString input = perfDir + QStringLiteral("/sched_openat.txt");
    // Forced to the format it is: the same as detected.
    auto forced = Engine::importTrace(input, m_dir.filePath(QStringLiteral("forced.ftlens")), Engine::TraceFormat::PerfScript);
    QVERIFY2(forced, qPrintable(forced ? QString() : forced.error().message));
    QCOMPARE(forced->format, QStringLiteral("perf-script"));
    QCOMPARE(forced->unparsedLines, 0);
    // Forced to trace.dat: an error naming the file, and no output.
    const QString out = m_dir.filePath(QStringLiteral("wrong.ftlens"));
    auto wrong = Engine::importTrace(input, out, Engine::TraceFormat::TraceDat);
    QVERIFY(!wrong);
    QVERIFY2(wrong.error().message.contains(input) && wrong.error().message.contains(QStringLiteral("not a trace.dat")),
        qPrintable(wrong.error().message));
    QVERIFY(!QFile::exists(out));
}

void TestTraceTextFormats::perfScript_data()
{
    QTest::addColumn<QString>("file");
    for (const char* name : { "sched_openat.txt", "sched_openat_pid.txt", "callchains.txt", "uprobe_open64.txt" })
        QTest::newRow(name) << perfDir + QLatin1Char('/') + QLatin1String(name);
}

void TestTraceTextFormats::perfScript()
{
    QFETCH(QString, file);
    const QByteArray text = readAll(file);
    QVERIFY(!text.isEmpty());
    const QString out = m_dir.filePath(QStringLiteral("perf.ftlens"));
    auto result = Engine::importTrace(file, out, Engine::TraceFormat::Auto);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(result->format, QStringLiteral("perf-script"));
    QCOMPARE(result->unparsedLines, 0);
    QCOMPARE(recordingMeta(out, "import_format"), QStringLiteral("perf-script"));
    const QMap<QString, qint64> expected = textCounts(text);
    QVERIFY(!expected.isEmpty());
    QCOMPARE(recordingCounts(out), expected);
    // Times kept to the microsecond as printed: the first line's.
    const QRegularExpressionMatch first = QRegularExpression(QStringLiteral(R"(\[(\d+)\]\s+(\d+)\.(\d{6}):)")).match(QString::fromUtf8(text));
    QVERIFY(first.hasMatch());
    QCOMPARE(recordingRows(out, QStringLiteral("SELECT cpu, ts FROM event ORDER BY id LIMIT 1")).value(0),
        QString::number(first.captured(1).toInt()) + QLatin1Char(' ') + first.captured(2) + first.captured(3) + QStringLiteral("000"));
}

void TestTraceTextFormats::perfScriptCallchains()
{
    const QString file = perfDir + QStringLiteral("/callchains.txt");
    const QByteArray text = readAll(file);
    qint64 frames = 0;
    for (const QByteArray& line : text.split('\n'))
        frames += line.startsWith('\t') ? 1 : 0;
    QVERIFY(frames > 0);
    const QString out = m_dir.filePath(QStringLiteral("callchains.ftlens"));
    auto result = Engine::importTrace(file, out, Engine::TraceFormat::Auto);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(count(out, QStringLiteral("SELECT count(*) FROM stack_frame")), frames);
    // The first event's frames, innermost first, with their addresses and names as perf printed them.
    const QStringList firstStack = recordingRows(out, QStringLiteral("SELECT user, depth, printf('%x', addr), name FROM stack_frames "
                                                                     "WHERE event_id = (SELECT min(event_id) FROM stack_frame) ORDER BY user, depth"));
    QVERIFY2(firstStack.size() >= 2, qPrintable(firstStack.join(QLatin1Char('\n'))));
    // "20b1d __GI___open64_nocancel+0x2d (ld-linux...)" then "0 [unknown] ([unknown])": both user frames.
    QCOMPARE(firstStack, (QStringList { QStringLiteral("1 0 20b1d __GI___open64_nocancel+0x2d"), QStringLiteral("1 1 0 -") }));
    // Kernel frames ([kernel.kallsyms]) are the kernel stack (user 0), innermost first.
    QVERIFY(count(out, QStringLiteral("SELECT count(*) FROM stack_frames WHERE user = 0 AND name LIKE '%schedule%'")) > 0);
    QCOMPARE(count(out, QStringLiteral("SELECT count(*) FROM stack_frame WHERE user = 0 AND addr >= 0 AND addr IS NOT NULL")), 0);
}

void TestTraceTextFormats::perfScriptProbeArguments()
{
    const QString out = m_dir.filePath(QStringLiteral("uprobe.ftlens"));
    auto result = Engine::importTrace(perfDir + QStringLiteral("/uprobe_open64.txt"), out, Engine::TraceFormat::Auto);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    const QString table = recordingRows(out, QStringLiteral("SELECT field_table FROM event_type WHERE name = 'ftlens_open'")).value(0);
    QVERIFY(!table.isEmpty());
    const QStringList fields = recordingRows(out, QStringLiteral("SELECT f.name FROM event_field f JOIN event_type t ON t.id = f.type_id "
                                                                 "WHERE t.name = 'ftlens_open' ORDER BY ord"));
    QVERIFY2(fields.contains(QStringLiteral("path")) && fields.contains(QStringLiteral("flags")), qPrintable(fields.join(QLatin1Char(','))));
    QCOMPARE(table, QStringLiteral("ev_probe_libc__ftlens_open"));
    // An entry and a return probe of one place: uprobe and uretprobe, paired by the place.
    QCOMPARE(recordingRows(out, QStringLiteral("SELECT name, kind FROM event_type ORDER BY name")),
        (QStringList { QStringLiteral("ftlens_open uprobe"), QStringLiteral("ftlens_open__return uretprobe") }));
    QCOMPARE(recordingRows(out, QStringLiteral("SELECT path, flags FROM view_probe_libc__ftlens_open ORDER BY id")),
        (QStringList { QStringLiteral("/dev/null 577"), QStringLiteral("/etc/hostname 0"), QStringLiteral("/nonexistent 0") }));
    QCOMPARE(recordingRows(out, QStringLiteral("SELECT ret FROM view_probe_libc__ftlens_open__return ORDER BY id")),
        (QStringList { QStringLiteral("3"), QStringLiteral("3"), QStringLiteral("-1") }));
}

void TestTraceTextFormats::reportLayouts_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("events"); // ts cpu pid event
    QTest::addColumn<qint64>("frames");
    QTest::newRow("latency format (-l)")
        << QByteArray("    sshd-4371    0d..1.  1401.282250: sched_waking:         comm=a pid=5 prio=120 target_cpu=000\n"
                      "    sshd-4371    1.N...  1401.282254: sched_waking:         comm=b pid=6 prio=120 target_cpu=001\n")
        << QStringList { QStringLiteral("1401282250000 0 4371 sched:sched_waking"), QStringLiteral("1401282254000 1 4371 sched:sched_waking") }
        << qint64(0);
    QTest::newRow("flag column")
        << QByteArray("cpus=2\n          <idle>-0     [001] dNh4. 162583.268747: sched_wakeup:         sleep:89142 [120] CPU:001\n")
        << QStringList { QStringLiteral("162583268747000 1 0 sched:sched_wakeup") } << qint64(0);
    QTest::newRow("kernel_stack frames")
        << QByteArray("cpus=4\n"
                      "       trace-cmd-86689 [003] 11370.816169: sched_waking:         comm=smbd pid=2965 prio=120 target_cpu=000\n"
                      "       trace-cmd-86689 [003] 11370.816179: kernel_stack:         <stack trace >\n"
                      "=> try_to_wake_up (ffffffffa8902e5f)\n"
                      "=> default_wake_function (ffffffffa890327a)\n"
                      "       trace-cmd-86674 [002] 11370.816193: sched_waking:         comm=kw pid=7 prio=120 target_cpu=003\n")
        << QStringList { QStringLiteral("11370816169000 3 86689 sched:sched_waking"), QStringLiteral("11370816179000 3 86689 ftrace:kernel_stack"),
               QStringLiteral("11370816193000 2 86674 sched:sched_waking") }
        << qint64(2);
    QTest::newRow("wakeup latency (-w)")
        << QByteArray("          <idle>-0     [001] d..2. 162583.268833: sched_switch:         swapper/1:0 [120] R ==> sleep:89142 [120] Latency: 85.751 usecs\n"
                      "\n"
                      "Average wakeup latency: 20082.580 usecs\n"
                      "Maximum Latency: 1032049.277 usecs at timestamp: 162574.787022\n"
                      "Minimum Latency: 29.023 usecs at timestamp: 162583.189731\n"
                      "\n"
                      "RT task timings:\n")
        << QStringList { QStringLiteral("162583268833000 1 0 sched:sched_switch") } << qint64(0);
    QTest::newRow("two files")
        << QByteArray("      trace.dat: cpus=28\ntrace-guest.dat: cpus=1\n"
                      "      trace.dat:           ping-3071450 [013] 1196830.834258: sched_process_exec:     filename=/bin/ping pid=3071450 old_pid=3071450\n"
                      "trace-guest.dat:           <idle>-0     [000] 1196830.835997: napi_gro_receive_exit:  ret=3\n")
        << QStringList { QStringLiteral("1196830834258000 13 3071450 sched:sched_process_exec"),
               QStringLiteral("1196830835997000 0 0 net:napi_gro_receive_exit") }
        << qint64(0);
}

void TestTraceTextFormats::reportLayouts()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, events);
    QFETCH(qint64, frames);
    const QString input = write(QStringLiteral("report.txt"), text);
    const QString out = m_dir.filePath(QStringLiteral("report.ftlens"));
    auto result = Engine::importTrace(input, out, Engine::TraceFormat::Auto);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(result->format, QStringLiteral("ftrace"));
    QCOMPARE(recordingRows(out, QStringLiteral("SELECT ts, cpu, pid, event FROM events ORDER BY ts")), events);
    QCOMPARE(result->unparsedLines, 0);
    QCOMPARE(count(out, QStringLiteral("SELECT count(*) FROM stack_frame")), frames);
}

void TestTraceTextFormats::reportCorpus_data()
{
    QTest::addColumn<QString>("file");
    if (!QDir(reportCorpusDir).exists())
        QSKIP(qPrintable(QStringLiteral("the shared corpus is not there (%1): corpus checks skipped").arg(reportCorpusDir)));
    for (const QString& name : QDir(reportCorpusDir).entryList(QDir::Files, QDir::Name))
        QTest::newRow(qPrintable(name)) << reportCorpusDir + QLatin1Char('/') + name;
}

void TestTraceTextFormats::reportCorpus()
{
    QFETCH(QString, file);
    const QByteArray text = readAll(file);
    const QString out = m_dir.filePath(QStringLiteral("corpus.ftlens"));
    auto result = Engine::importTrace(file, out, Engine::TraceFormat::FtraceText);
    qint64 printedEvents = 0;
    for (const QByteArray& line : text.split('\n')) {
        const QString s = QString::fromUtf8(line);
        printedEvents += eventLine.match(s).hasMatch() || latencyLine.match(s).hasMatch() ? 1 : 0;
    }
    if (printedEvents == 0) {
        // Nothing trace-cmd printed as an event: whatever the importer says, it says it about this file.
        if (!result)
            QVERIFY2(result.error().message.contains(file), qPrintable(result.error().message));
        return;
    }
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QVERIFY(result->events + result->calls > 0);
    // No line trace-cmd printed as an event or a stack frame is among the unparsed ones.
    const QStringList issues = result->unparsedLines ? recordingRows(out, QStringLiteral("SELECT line, text FROM import_issue")) : QStringList();
    QCOMPARE(issues.size(), int(std::min<qint64>(result->unparsedLines, 10000)));
    for (const QString& issue : issues) {
        const QString line = issue.section(QLatin1Char(' '), 1);
        QVERIFY2(!eventLine.match(line).hasMatch() && !latencyLine.match(line).hasMatch(), qPrintable(issue));
        QVERIFY2(!line.trimmed().startsWith(QStringLiteral("=>")), qPrintable(issue));
    }
}

QTEST_GUILESS_MAIN(TestTraceTextFormats)
#include "tst_tracetextformats.moc"
