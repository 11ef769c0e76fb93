// SPDX-License-Identifier: GPL-3.0-or-later
// function_graph and function tracer text into calls: every line form the kernel and the
// perf-tools scripts print (columns, marks, tails, retvals, separators, irq arrows, comments),
// then every capture of the shared function and function_graph corpus against figures computed
// here independently of the parser (call lines, printed durations), plus the call invariants.
#include "ftracetextimporter.h"
#include "funcgraphlineparser.h"

#include "calltable.h"
#include "recordingreader.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

namespace {
const QString corpusRoot = QStringLiteral(FTLENS_SOURCE_DIR "/../shared/corpus/");
using Kind = Engine::FuncGraphLine::Kind;

QString kindName(Kind kind)
{
    static const char* const names[] = { "entry", "leaf", "exit", "comment", "irq-entry", "irq-exit", "switch", "separator", "header", "prose", "bad" };
    return QLatin1String(names[int(kind)]);
}

// A parsed line as "kind cpu pid ts dur depth function [ret=R]".
QString describe(const Engine::FuncGraphLine& l)
{
    auto v = [](std::int64_t x) { return x == Engine::FuncGraphLine::none ? QStringLiteral("-") : QString::number(x); };
    QString out = QStringLiteral("%1 %2 %3 %4 %5 %6").arg(kindName(l.kind)).arg(l.cpu).arg(l.pid).arg(v(l.ts), v(l.dur)).arg(l.depth);
    if (!l.function.empty())
        out += QLatin1Char(' ') + QString::fromUtf8(l.function.data(), qsizetype(l.function.size()));
    if (l.hasRetval)
        out += QStringLiteral(" ret=%1").arg(l.retval);
    if (l.kind == Kind::TaskSwitch)
        out += QStringLiteral(" next=%1").arg(l.nextPid);
    return out;
}

struct Calls {
    qint64 count = 0, withDur = 0, noEntry = 0, sumDur = 0;
    QStringList violations;
};

// The call table's figures and every violated invariant (self <= dur, children inside their
// parent, one level deeper). Children end inside their parent only where durations are wall time:
// with funcgraph sleep-time off the kernel leaves the time asleep out of every duration.
Calls readCalls(Storage::Database& db, bool wallTime)
{
    Calls out;
    auto n = [&](const char* sql) { return db.queryInt(sql).value(); };
    out.count = n("SELECT COUNT(*) FROM call");
    out.withDur = n("SELECT COUNT(*) FROM call WHERE dur IS NOT NULL");
    out.noEntry = n("SELECT COUNT(*) FROM call WHERE flags & 2");
    out.sumDur = n("SELECT IFNULL(SUM(dur), 0) FROM call");
    // Text rounds each duration to 1 ns..1 us on its own and abstime has 1 us steps.
    const std::string ends = wallTime ? " OR (c.ts IS NOT NULL AND p.ts IS NOT NULL AND p.dur IS NOT NULL AND c.ts > p.ts + p.dur + 1000)" : "";
    auto stmt = db.prepare(
        "SELECT c.id FROM call c JOIN call p ON p.id = c.parent_id WHERE c.depth <= p.depth"
        " OR (c.dur IS NOT NULL AND p.dur IS NOT NULL AND c.dur > p.dur + 1000)"
        " OR (c.ts IS NOT NULL AND p.ts IS NOT NULL AND c.ts < p.ts - 1000)" + ends +
        " UNION ALL SELECT id FROM call WHERE self > dur OR self < 0");
    while (stmt && stmt->step() == SQLITE_ROW)
        out.violations << QString::number(stmt->columnInt(0));
    return out;
}
} // namespace

class TestFuncGraphImport : public QObject {
    Q_OBJECT
private slots:
    void lines_data();
    void lines();
    void recognisesFunctionGraph_data();
    void recognisesFunctionGraph();
    void importsCallsWithTasksAndTimes();
    void spanCoversCallsStartedBeforeTheText();
    void cutLastLineIsReported();
    void valuesBeyondLimitsAreReported_data();
    void valuesBeyondLimitsAreReported();
    void corpus_data();
    void corpus();
};

void TestFuncGraphImport::lines_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("expected");
    QTest::newRow("entry") << " 0)               |  vfs_read() {" << "entry 0 -1 - - 0 vfs_read";
    QTest::newRow("nested entry") << " 0)               |      security_file_permission() {" << "entry 0 -1 - - 2 security_file_permission";
    QTest::newRow("leaf") << " 0)   0.238 us    |          common_file_perm();" << "leaf 0 -1 - 238 4 common_file_perm";
    QTest::newRow("exit") << " 0)   2.122 us    |      }" << "exit 0 -1 - 2122 2";
    QTest::newRow("overhead +") << "1) + 61.770 us   |            }" << "exit 1 -1 - 61770 5";
    QTest::newRow("overhead ! with tail") << "3) ! 140.417 us  |      } /* __schedule */" << "exit 3 -1 - 140417 2 __schedule";
    QTest::newRow("overhead # two decimals") << " 0) # 1837.709 us |          } /* __switch_to */" << "exit 0 -1 - 1837709 4 __switch_to";
    QTest::newRow("overhead @ one decimal") << "1) @ 119760.2 us |  }" << "exit 1 -1 - 119760200 0";
    QTest::newRow("overhead * no decimals") << " 1)   1000131 us |      }" << "exit 1 -1 - 1000131000 2";
    QTest::newRow("tail with parens") << "0)   1.757 us    |        } /* kmem_cache_free() */" << "exit 0 -1 - 1757 3 kmem_cache_free";
    QTest::newRow("proc column") << "0)    sh-4802     |   0.616 us    |                        rcu_process_gp_end();"
                                 << "leaf 0 4802 - 616 11 rcu_process_gp_end";
    QTest::newRow("abstime") << "360.774530 |   1)   0.594 us    |                                          __phys_addr();"
                             << "leaf 1 -1 360774530000 594 20 __phys_addr";
    QTest::newRow("abstime proc flags") << "  384.905617 |   1)   ping-1556    |  .... |               |  ext4_bread_batch() {"
                                        << "entry 1 1556 384905617000 - 0 ext4_bread_batch";
    QTest::newRow("latency relative time") << "         1 us |   0)   bash-1507    |  d..2 |               |    set_track() {"
                                           << "entry 0 1507 1000 - 1 set_track";
    QTest::newRow("no duration column") << " 1)   getname() {" << "entry 1 -1 - - 1 getname";
    QTest::newRow("no duration leaf") << " 1)     getname_flags();" << "leaf 1 -1 - - 2 getname_flags";
    QTest::newRow("retval leaf") << "1)   0.380 us    |          sched_rt_can_attach(); /* = 0x0 */" << "leaf 1 -1 - 380 4 sched_rt_can_attach ret=0";
    QTest::newRow("retval exit") << "1)   2.335 us    |        } /* cpu_cgroup_can_attach = -22 */" << "exit 1 -1 - 2335 3 cpu_cgroup_can_attach ret=-22";
    QTest::newRow("retval hex") << "1)   2.335 us    |          } /* cpu_cgroup_can_attach = 0xffffffea */"
                                << "exit 1 -1 - 2335 4 cpu_cgroup_can_attach ret=4294967274";
    QTest::newRow("args and ret=") << " 3)   0.081 us    |                pick_task_fair(rq=0xffff88807ddad800); /* <-pick_next_task_fair+0x48/0x3b0 ret=0x0 */"
                                   << "leaf 3 -1 - 81 7 pick_task_fair ret=0";
    QTest::newRow("ret=true") << " 3)   0.377 us    |                      } /* rcu_lockdep_current_cpu_online ret=true */"
                              << "exit 3 -1 - 377 10 rcu_lockdep_current_cpu_online ret=1";
    QTest::newRow("module function") << " 0)               |        ahci_qc_prep [libahci]() {" << "entry 0 -1 - - 3 ahci_qc_prep [libahci]";
    QTest::newRow("pasted note") << " 1)   0.120 us    |                  finish_task_switch();     # a note" << "leaf 1 -1 - 120 8 finish_task_switch";
    QTest::newRow("comment") << "1)               |                /* I'm a comment! */" << "comment 1 -1 - - 7";
    QTest::newRow("irq entry") << " 0)   ==========> |" << "irq-entry 0 -1 - - 1";
    QTest::newRow("irq exit") << " 0)   <========== |" << "irq-exit 0 -1 - - 1";
    QTest::newRow("task switch") << " 0) registe-27414  =>  vmstat-27419 " << "switch 0 27414 - - 0 next=27419";
    QTest::newRow("idle switch") << " 1)  kworker-6901  =>    <idle>-0   " << "switch 1 6901 - - 0 next=0";
    QTest::newRow("separator") << " ------------------------------------------" << "separator -1 -1 - - 0";
    QTest::newRow("header") << "# CPU  DURATION                  FUNCTION CALLS" << "header -1 -1 - - 0";
    QTest::newRow("elision") << "[ ... <truncated> ... ]" << "prose -1 -1 - - 0";
    QTest::newRow("event line is not a graph line") << "bash-1994  [002] ....  3082.063030: mutex_unlock <-rb_simple_write"
                                                    << "bad -1 -1 - - 0";
    QTest::newRow("exit without its duration") << " 0)               |  }" << "bad 0 -1 - - 0";
    QTest::newRow("garbage") << " 0)   0.2 us    |  hello world" << "bad 0 -1 - 200 0";
    // An abstime that leaves no room for a duration below INT64_MAX (found by fuzz_funcgraph).
    QTest::newRow("abstime too close to the end of int64") << " 9223372036.854775 |   1)   1.000 us    |  f();"
                                                           << "bad -1 -1 - - 0";
    QTest::newRow("latest abstime") << " 4611686018.427386 |   1)   1.000 us    |  f();" << "leaf 1 -1 4611686018427386000 1000 0 f";
}

void TestFuncGraphImport::lines()
{
    QFETCH(QString, line);
    QFETCH(QString, expected);
    const QByteArray utf8 = line.toUtf8();
    QCOMPARE(describe(Engine::parseFuncGraphLine(std::string_view(utf8.constData(), std::size_t(utf8.size())))), expected);
}

void TestFuncGraphImport::recognisesFunctionGraph_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("graph");
    QTest::newRow("header") << "# tracer: function_graph\n" << true;
    QTest::newRow("lines") << " 0)               |  vfs_read() {\n 0)   0.238 us    |    common_file_perm();\n" << true;
    QTest::newRow("function tracer") << "# tracer: function\n bash-1994  [002] ....  3082.063030: mutex_unlock <-rb_simple_write\n" << false;
    QTest::newRow("events") << " bash-1994  [002] ....  3082.063030: sched_wakeup: comm=a pid=1\n" << false;
}

void TestFuncGraphImport::recognisesFunctionGraph()
{
    QFETCH(QString, text);
    QFETCH(bool, graph);
    const QByteArray utf8 = text.toUtf8();
    QCOMPARE(Engine::isFunctionGraphText(std::string_view(utf8.constData(), std::size_t(utf8.size()))), graph);
}

void TestFuncGraphImport::importsCallsWithTasksAndTimes()
{
    const QByteArray text = "# tracer: function_graph\n"
                            "#     TIME        CPU  TASK/PID         DURATION                  FUNCTION CALLS\n"
                            " 100.000010 |   1)   cat-42    |               |  do_sys_open() {\n"
                            " 100.000011 |   1)   cat-42    |   0.500 us    |    getname();\n"
                            " 100.000013 |   1)   cat-42    |               |    schedule() {\n"
                            " ------------------------------------------\n"
                            " 1)   cat-42    =>   sh-7   \n"
                            " ------------------------------------------\n"
                            " 100.000020 |   1)    sh-7     |   1.000 us    |  } /* pipe_read */\n"
                            " 100.000030 |   1)   cat-42    |   + 17.000 us |    }\n"
                            " 100.000031 |   1)   cat-42    |   21.000 us   |  }\n";
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("fg.ftlens"));
    auto result = Engine::FtraceTextImporter().importText(std::string_view(text.constData(), std::size_t(text.size())), QStringLiteral("fg.txt"), out);
    QVERIFY2(result, result ? "" : qPrintable(result.error().message));
    QCOMPARE(result->calls, 4);
    QCOMPARE(result->unparsedLines, 0);
    auto reader = Storage::RecordingReader::open(out);
    QVERIFY(reader);
    auto& db = reader.value()->database();
    auto stmt = db.prepare("SELECT id, IFNULL(parent_id, 0), ts, dur, self, pid, comm, depth, function, flags FROM calls ORDER BY id");
    QVERIFY(stmt);
    QStringList got;
    while (stmt->step() == SQLITE_ROW) {
        QStringList c;
        for (int i = 0; i < 10; ++i)
            c << stmt->columnString(i);
        got << c.join(QLatin1Char(' '));
    }
    // pipe_read's entry came before the text: start from its duration, no parent, flag NoEntry.
    QCOMPARE(got, QStringList({ QStringLiteral("1 0 100000010000 21000 3500 42 cat 0 do_sys_open 0"),
                      QStringLiteral("2 1 100000011000 500 500 42 cat 1 getname 4"),
                      QStringLiteral("3 1 100000013000 17000 17000 42 cat 1 schedule 4"),
                      QStringLiteral("4 0 100000019000 1000 1000 7 sh 0 pipe_read 2") }));
    QCOMPARE(reader.value()->meta().value(QStringLiteral("tracer")), QStringLiteral("function_graph"));
    QCOMPARE(reader.value()->meta().value(QStringLiteral("calls")), QStringLiteral("4"));
    QCOMPARE(reader.value()->meta().value(QStringLiteral("first_ts")), QStringLiteral("100000010000"));
    QCOMPARE(reader.value()->meta().value(QStringLiteral("last_ts")), QStringLiteral("100000031000"));
}

void TestFuncGraphImport::spanCoversCallsStartedBeforeTheText()
{
    // The first line closes a call that began 2 us before it.
    const QByteArray text = " 100.000020 |   1)   2.000 us    |  }\n 100.000021 |   1)   0.500 us    |  getname();\n";
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("span.ftlens"));
    auto result = Engine::FtraceTextImporter().importText(std::string_view(text.constData(), std::size_t(text.size())), QStringLiteral("span.txt"), out);
    QVERIFY2(result, result ? "" : qPrintable(result.error().message));
    auto reader = Storage::RecordingReader::open(out);
    QVERIFY(reader);
    QCOMPARE(reader.value()->meta().value(QStringLiteral("first_ts")), QStringLiteral("100000018000"));
    QCOMPARE(reader.value()->meta().value(QStringLiteral("last_ts")), QStringLiteral("100000021500"));
}

void TestFuncGraphImport::cutLastLineIsReported()
{
    const QByteArray text = " 0)               |  vfs_read() {\n 0)   0.238 us    |    common_file_perm();\n 0)   2.1";
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("cut.ftlens"));
    auto result = Engine::FtraceTextImporter().importText(std::string_view(text.constData(), std::size_t(text.size())), QStringLiteral("cut.txt"), out);
    QVERIFY2(result, result ? "" : qPrintable(result.error().message));
    QCOMPARE(result->calls, 2);
    QCOMPARE(result->unparsedLines, 1);
    QCOMPARE(result->issues.size(), std::size_t(1));
    QCOMPARE(result->issues.front().line, 3);
    QVERIFY2(result->issues.front().reason.contains(QStringLiteral("cut")), qPrintable(result->issues.front().reason));
}

void TestFuncGraphImport::valuesBeyondLimitsAreReported_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("reason");
    const QString cpu = QStringLiteral("the CPU number is beyond what a kernel has (CPUs 0 to 8191)");
    const QString time = QStringLiteral("the timestamp is outside 0 to 4611686018 s, what a recording holds");
    QTest::newRow("CPU 8192") << QByteArrayLiteral(" 100.000012 | 8192)   cat-42    |   0.500 us    |    getname();")
                              << cpu;
    QTest::newRow("CPU 9999") << QByteArrayLiteral(" 9999)   0.500 us    |    getname();") << cpu;
    QTest::newRow("time beyond 2^62 ns") << QByteArrayLiteral(
        " 9999999999.000012 |   1)   cat-42    |   0.500 us    |    getname();")
                                         << time;
    QTest::newRow("negative time") << QByteArrayLiteral(
        " -100.000012 |   1)   cat-42    |   0.500 us    |    getname();")
                                   << time;
}

void TestFuncGraphImport::valuesBeyondLimitsAreReported()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, reason);
    const QByteArray text
        = "# tracer: function_graph\n 100.000010 |   1)   cat-42    |   0.500 us    |  do_sys_open();\n" + line + '\n';
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("limits.ftlens"));
    auto result = Engine::FtraceTextImporter().importText(
        std::string_view(text.constData(), std::size_t(text.size())), QStringLiteral("limits.txt"), out);
    QVERIFY2(result, result ? "" : qPrintable(result.error().message));
    QCOMPARE(result->calls, 1);
    QCOMPARE(result->unparsedLines, 1);
    QCOMPARE(result->issues.size(), std::size_t(1));
    QCOMPARE(result->issues.front().line, 3);
    QCOMPARE(result->issues.front().reason, reason);
    auto reader = Storage::RecordingReader::open(out);
    QVERIFY(reader);
    QCOMPARE(reader.value()->meta().value(QStringLiteral("cpus")), QStringLiteral("2"));
    QCOMPARE(reader.value()->meta().value(QStringLiteral("last_ts")), QStringLiteral("100000010500"));
}

void TestFuncGraphImport::corpus_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("graph");
    for (const char* sub : { "function_graph", "function" }) {
        const QDir dir(corpusRoot + QLatin1String(sub));
        if (!dir.exists())
            QSKIP(qPrintable(QStringLiteral("the shared corpus is not there (%1): corpus checks skipped").arg(dir.path())));
        for (const QString& name : dir.entryList({ QStringLiteral("*.txt") }, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(name)) << dir.filePath(name) << (QLatin1String(sub) == QLatin1String("function_graph"));
    }
}

void TestFuncGraphImport::corpus()
{
    QFETCH(QString, path);
    QFETCH(bool, graph);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));

    // Independently of the parser: call lines, and the durations printed after the CPU column.
    static const QRegularExpression entry(QStringLiteral("^[^#]*\\S\\(.*\\)\\s*\\{\\s*(/\\*.*\\*/)?\\s*$"));
    static const QRegularExpression leaf(QStringLiteral("^[^#]*\\S\\(.*\\);\\s*(/\\*.*\\*/)?\\s*(#.*)?$"));
    static const QRegularExpression duration(QStringLiteral("[+!#*@$]?\\s*(\\d+(?:\\.\\d+)?) us\\s*\\|"));
    static const QRegularExpression cpuColumn(QStringLiteral("^\\s*(?:[\\d.]+ (?:us )?\\|\\s*)?\\d+\\)"));
    static const QRegularExpression functionLine(QStringLiteral("\\[\\d+\\].*: \\S+ <-\\S+\\s*$|^\\s*\\S+-\\d+\\s+\\d+\\S{4,5}\\s+\\d+us.?\\s?: \\S+ <-\\S+\\s*$"));
    qint64 callLines = 0, durations = 0, durationNs = 0;
    for (const QString& line : lines) {
        if (!graph) {
            callLines += functionLine.match(line).hasMatch();
            continue;
        }
        const QRegularExpressionMatch cpu = cpuColumn.match(line);
        if (!cpu.hasMatch() && !line.contains(QLatin1Char('|')) && !line.contains(QLatin1Char(')')))
            continue;
        callLines += entry.match(line).hasMatch() || leaf.match(line).hasMatch();
        const QRegularExpressionMatch d = duration.match(line, cpu.hasMatch() ? cpu.capturedEnd() : 0);
        if (d.hasMatch()) {
            ++durations;
            durationNs += qRound64(d.captured(1).toDouble() * 1000);
        }
    }

    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("corpus.ftlens"));
    auto result = Engine::FtraceTextImporter().importFile(path, out);
    if (!result) {
        // Only a capture with no trace lines at all may fail, and it must say so.
        QCOMPARE(callLines, 0);
        QVERIFY2(result.error().message.contains(QStringLiteral("no ")), qPrintable(result.error().message));
        return;
    }
    QCOMPARE(result->unparsedLines, 0);
    auto reader = Storage::RecordingReader::open(out);
    QVERIFY(reader);
    if (callLines == 0 && durations == 0) {
        QCOMPARE(result->calls, 0);
        return;
    }
    const Calls calls = readCalls(reader.value()->database(), !path.contains(QLatin1String("nosleeptime")));
    QVERIFY2(calls.violations.isEmpty(), qPrintable(QStringLiteral("calls breaking an invariant: ") + calls.violations.join(QLatin1Char(','))));
    QCOMPARE(calls.count, result->calls);
    QCOMPARE(calls.count - calls.noEntry, callLines);
    if (graph) {
        QCOMPARE(calls.withDur, durations);
        QCOMPARE(calls.sumDur, durationNs);
    }
}

QTEST_GUILESS_MAIN(TestFuncGraphImport)
#include "tst_funcgraphimport.moc"
