// SPDX-License-Identifier: GPL-3.0-or-later
// The function and function_graph tracers where this kernel refuses them: `ftlens-helper record
// -p ...` as parsed from its command line, run by the real RecordSession against a fake tracefs
// (fakekernel.h) that answers as the kernel does. Checked: the exact text written to each control
// file, the refusals and validation errors, that the top level and the journal of shared settings
// are left as they were (also after a crashed helper), and the recorded ftrace events with their
// fields and the kernel_symbol names of their addresses.
#include "fakekernel.h"
#include "recordingrows.h"

#include "recordcommandline.h"
#include "recordedcalls.h"
#include "recordsession.h"
#include "sqlitedb.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTest>

#include <sqlite3.h>

#include <cerrno>
#include <sys/stat.h>
#include <unistd.h>

using Recorder::HelperExit;
using TestSupport::EventRecord;
using TestSupport::FakeKernel;
using TestSupport::recordingMeta;
using TestSupport::recordingRows;

namespace {

// Text symbols with a data symbol, aliases at one address and a module function among them.
const QByteArray kallsyms = "ffffffff81000000 T _stext\n"
                            "ffffffff81000000 T _text\n"
                            "ffffffff81100000 T vfs_read\n"
                            "ffffffff81100200 t rw_verify_area\n"
                            "ffffffff81100300 d some_data\n"
                            "ffffffff81100400 T ksys_read\n"
                            "ffffffff81200000 T schedule\n"
                            "ffffffff81300000 T __sysvec_apic_timer_interrupt\n"
                            "ffffffff81300100 t hrtimer_interrupt\n"
                            "ffffffffc0a00000 t ext4_file_read_iter\t[ext4]\n";

const QByteArray filterFunctions = "ksys_read\nvfs_read\nrw_verify_area\nschedule\n__sysvec_apic_timer_interrupt\n"
                                   "hrtimer_interrupt\next4_file_read_iter [ext4]\next4_file_write_iter [ext4]\n";

constexpr std::int64_t vfsRead = std::int64_t(0xffffffff81100000ull);
constexpr std::int64_t rwVerifyArea = std::int64_t(0xffffffff81100200ull);
constexpr std::int64_t ksysRead = std::int64_t(0xffffffff81100400ull);
constexpr std::int64_t schedule = std::int64_t(0xffffffff81200000ull);
constexpr std::int64_t sysvecTimer = std::int64_t(0xffffffff81300000ull);
constexpr std::int64_t hrtimerInterrupt = std::int64_t(0xffffffff81300100ull);
constexpr std::int64_t ext4Read = std::int64_t(0xffffffffc0a00000ull);
constexpr std::uint8_t hardIrq = 0x08 | 0x01; // TRACE_FLAG_HARDIRQ | TRACE_FLAG_IRQS_OFF

// funcgraph_exit as kernels with CONFIG_FUNCTION_GRAPH_RETVAL lay it out (a retval after func).
const QByteArray exitFormatWithRetval = "name: funcgraph_exit\nID: 10\nformat:\n"
                                        "\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
                                        "\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
                                        "\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
                                        "\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n\n"
                                        "\tfield:unsigned long func;\toffset:8;\tsize:8;\tsigned:0;\n"
                                        "\tfield:unsigned long retval;\toffset:16;\tsize:8;\tsigned:0;\n"
                                        "\tfield:unsigned int depth;\toffset:24;\tsize:4;\tsigned:0;\n"
                                        "\tfield:unsigned int overrun;\toffset:28;\tsize:4;\tsigned:0;\n"
                                        "\tfield:unsigned long long calltime;\toffset:32;\tsize:8;\tsigned:0;\n"
                                        "\tfield:unsigned long long rettime;\toffset:40;\tsize:8;\tsigned:0;\n\n"
                                        "print fmt: \"<-- %ps (%u) (start: %llx  end: %llx) over: %u retval: %lx\", "
                                        "(void *)REC->func, REC->depth, REC->calltime, REC->rettime, REC->depth, REC->retval\n";

// The top-level files a recording must leave as it found them.
const char* const topLevelFiles[] = { "current_tracer", "set_ftrace_filter", "set_ftrace_notrace", "set_graph_function",
    "set_graph_notrace", "max_graph_depth", "set_ftrace_pid", "options/funcgraph-proc", "options/funcgraph-irqs",
    "options/funcgraph-tail", "options/funcgraph-retval", "options/function-fork" };

QString instanceName() { return QStringLiteral("ftlens-%1").arg(::getpid()); }

struct Run {
    Recorder::RecordOutcome outcome;
    QStringList notes;
};

// `ftlens-helper record ARGUMENTS` against the fake, for 0.3 s.
Run record(FakeKernel& fake, const QStringList& arguments, const QString& output, const QString& stateDir,
    const QString& kallsymsPath = {})
{
    auto options = Helper::parseRecordArguments(arguments);
    if (!options)
        return { { HelperExit::Usage, options.error().message, 0, 0, 0, false }, {} };
    options->tracefsDir = fake.root();
    // Rows of one test record to the same name; the helper refuses an existing file.
    QFile::remove(output);
    options->output = output;
    options->durationSeconds = 0.3;
    options->stateDir = stateDir;
    options->kallsymsPath = kallsymsPath.isEmpty() ? QStringLiteral("/nonexistent/kallsyms") : kallsymsPath;
    std::atomic<bool> stop { false };
    Run run;
    Recorder::RecordSession session(options.value(), stop, [&run](const QString& line) { run.notes << line; });
    run.outcome = session.run();
    return run;
}

QStringList args(std::initializer_list<const char*> list)
{
    QStringList out;
    for (const char* a : list)
        out << QString::fromUtf8(a);
    return out;
}

// The writes to tracer control files (the caps trial's scratch instance left out), with this
// process's instance written as "I/".
QStringList tracerWrites(const FakeKernel& fake)
{
    static const QStringList tracerFiles { QStringLiteral("current_tracer"), QStringLiteral("set_ftrace_filter"),
        QStringLiteral("set_ftrace_notrace"), QStringLiteral("set_graph_function"), QStringLiteral("set_graph_notrace"),
        QStringLiteral("max_graph_depth"), QStringLiteral("set_ftrace_pid") };
    QStringList writes;
    for (QString write : fake.controlWrites()) {
        if (write.startsWith(QLatin1String("instances/ftlens-caps-")))
            continue;
        const QString file = write.section(QLatin1Char('='), 0, 0);
        if (!tracerFiles.contains(file.section(QLatin1Char('/'), -1)) && !file.contains(QLatin1String("options/func")))
            continue;
        writes << write.replace(QLatin1String("instances/") + instanceName() + QLatin1Char('/'), QLatin1String("I/"));
    }
    return writes;
}

QMap<QString, QByteArray> topLevel(const FakeKernel& fake)
{
    QMap<QString, QByteArray> files;
    for (const char* name : topLevelFiles)
        files.insert(QLatin1String(name), fake.readRootFile(QLatin1String(name)));
    return files;
}

QStringList journals(const QString& stateDir)
{
    return QDir(stateDir).entryList({ QStringLiteral("settings-*.json") }, QDir::Files);
}

void writeJournal(const QString& stateDir, qint64 pid, const QString& tracefs, const QJsonArray& changes)
{
    QDir().mkpath(stateDir);
    QFile file(stateDir + QStringLiteral("/settings-%1.json").arg(pid));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(QJsonObject { { QStringLiteral("pid"), pid }, { QStringLiteral("tracefs"), tracefs },
                                 { QStringLiteral("changes"), changes } })
                   .toJson());
}

QJsonObject change(const char* file, const char* old, const char* set)
{
    return { { QStringLiteral("file"), QLatin1String(file) }, { QStringLiteral("old"), QLatin1String(old) },
        { QStringLiteral("set"), QLatin1String(set) } };
}

FakeKernel::Record graphEntry(int cpu, std::uint64_t ts, int pid, std::int64_t func, int depth, std::uint8_t flags = 0)
{
    return { cpu, ts, pid, [=](EventRecord& r) { r.set("func", func).set("depth", depth); }, flags };
}

FakeKernel::Record graphExit(int cpu, std::uint64_t ts, int pid, std::int64_t func, int depth, std::uint64_t calltime,
    std::int64_t retval, bool withRetval, std::uint8_t flags = 0, int overrun = 0)
{
    return { cpu, ts, pid,
        [=](EventRecord& r) {
            r.set("func", func).set("depth", depth).set("overrun", overrun).set("calltime", std::int64_t(calltime)).set("rettime", std::int64_t(ts));
            if (withRetval)
                r.set("retval", retval);
        },
        flags };
}

// CPU 0: pid 100 in ksys_read > vfs_read > rw_verify_area, a timer interrupt nesting two deep
// inside vfs_read, then schedule(), and a context switch to pid 200, which returns from its own
// schedule() and enters ext4_file_read_iter, whose exit is never recorded. CPU 1: pid 300 in
// vfs_read, failing, with an overrun.
void scriptFunctionGraph(FakeKernel& fake, bool withRetval)
{
    fake.script(QStringLiteral("funcgraph_entry"),
        { graphEntry(0, 1000, 100, ksysRead, 0), graphEntry(0, 1100, 100, vfsRead, 1), graphEntry(0, 1200, 100, rwVerifyArea, 2),
            graphEntry(0, 1400, 100, sysvecTimer, 2, hardIrq), graphEntry(0, 1450, 100, hrtimerInterrupt, 3, hardIrq),
            graphEntry(0, 1800, 100, schedule, 1), graphEntry(0, 2100, 200, ext4Read, 0), graphEntry(1, 1050, 300, vfsRead, 0) });
    fake.script(QStringLiteral("funcgraph_exit"),
        { graphExit(0, 1300, 100, rwVerifyArea, 2, 1200, 0, withRetval), graphExit(0, 1500, 100, hrtimerInterrupt, 3, 1450, 1, withRetval, hardIrq),
            graphExit(0, 1600, 100, sysvecTimer, 2, 1400, 0, withRetval, hardIrq), graphExit(0, 1700, 100, vfsRead, 1, 1100, 4096, withRetval),
            graphExit(0, 2000, 200, schedule, 0, 500, 0, withRetval), graphExit(1, 1250, 300, vfsRead, 0, 1050, -14, withRetval, 0, 2) });
}

} // namespace

class TestFunctionTracerFakeTracefs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_kallsyms = m_dir.filePath(QStringLiteral("kallsyms"));
        QFile file(m_kallsyms);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kallsyms);
        m_state = m_dir.filePath(QStringLiteral("state-%1").arg(QLatin1String(QTest::currentTestFunction())) + QString::fromUtf8(QTest::currentDataTag()));
    }

    void controlFiles_data();
    void controlFiles();
    void refusedBeforeRecording_data();
    void refusedBeforeRecording();
    void unreadableListWithoutNamesIsFine();
    void recordedFunctionGraph_data();
    void recordedFunctionGraph();
    void recordedFunction();
    void callTableNamesTheFunctions();
    void crashedHelperIsRestored();
    void sharedSettingOfARunningHelperIsRefused();
    void functionGraphInTheIdleTopLevelBuffer();
    void functionGraphRefusedWhileTopLevelBusy_data();
    void functionGraphRefusedWhileTopLevelBusy();

private:
    QTemporaryDir m_dir;
    QString m_kallsyms;
    QString m_state;
};

void TestFunctionTracerFakeTracefs::controlFiles_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("ownGraphFiles");
    QTest::addColumn<QStringList>("writes");
    QTest::addColumn<QString>("tracerOptions");

    QTest::addRow("function, whole kernel") << args({ "-p", "function" }) << false
                                            << args({ "I/current_tracer=function", "I/current_tracer=nop" }) << QString();
    QTest::addRow("function with filters and notrace")
        << args({ "-p", "function", "-l", "vfs_read", "-l", "ext4_*", "-n", "rw_verify_area" }) << false
        << args({ "I/set_ftrace_filter=vfs_read ext4_*", "I/set_ftrace_notrace=rw_verify_area", "I/current_tracer=function",
               "I/current_tracer=nop" })
        << QStringLiteral("set_ftrace_filter: vfs_read ext4_*; set_ftrace_notrace: rw_verify_area");
    QTest::addRow("function for two pids") << args({ "-p", "function", "-P", "4242", "-P", "4343" }) << false
                                           << args({ "I/set_ftrace_pid=4242 4343", "I/options/function-fork=1",
                                                  "I/current_tracer=function", "I/current_tracer=nop" })
                                           << QString();
    QTest::addRow("function_graph: top-level settings set and restored")
        << args({ "-p", "function_graph", "-g", "vfs_read", "-g", "ksys_*", "--graph-notrace", "schedule", "--max-graph-depth", "3",
               "-O", "funcgraph-proc", "-O", "nofuncgraph-irqs", "-O", "funcgraph-tail", "-O", "funcgraph-retval" })
        << false
        << args({ "set_graph_function=vfs_read ksys_*", "set_graph_notrace=schedule", "max_graph_depth=3",
               "I/options/funcgraph-proc=1", "I/options/funcgraph-irqs=0", "I/options/funcgraph-tail=1",
               "I/options/funcgraph-retval=1", "I/current_tracer=function_graph", "I/options/funcgraph-retval=0",
               "I/options/funcgraph-tail=0", "I/options/funcgraph-irqs=1", "I/options/funcgraph-proc=0", "max_graph_depth=0",
               "set_graph_notrace=", "set_graph_function=", "I/current_tracer=nop" })
        << QStringLiteral("set_graph_function: vfs_read ksys_*; set_graph_notrace: schedule; max_graph_depth: 3; "
                          "options: funcgraph-proc nofuncgraph-irqs funcgraph-tail funcgraph-retval");
    QTest::addRow("function_graph: a kernel with per-instance graph files")
        << args({ "-p", "function_graph", "-g", "vfs_read", "--max-graph-depth", "5", "-l", "vfs_*" }) << true
        << args({ "I/set_ftrace_filter=vfs_*", "I/set_graph_function=vfs_read", "I/max_graph_depth=5",
               "I/current_tracer=function_graph", "I/current_tracer=nop" })
        << QStringLiteral("set_ftrace_filter: vfs_*; set_graph_function: vfs_read; max_graph_depth: 5");
    // The depth was 0 already: nothing to write back (a setting that holds its old value is left alone).
    QTest::addRow("function_graph with pids and depth 0")
        << args({ "-p", "function_graph", "-P", "7", "--max-graph-depth", "0" }) << false
        << args({ "I/set_ftrace_pid=7", "I/options/function-fork=1", "max_graph_depth=0", "I/current_tracer=function_graph",
               "I/current_tracer=nop" })
        << QStringLiteral("max_graph_depth: 0");
}

void TestFunctionTracerFakeTracefs::controlFiles()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, ownGraphFiles);
    QFETCH(QStringList, writes);
    QFETCH(QString, tracerOptions);
    FakeKernel fake(QStringLiteral(FTLENS_TEST_DATA "/tracefs"), 2);
    fake.writeRootFile(QStringLiteral("available_filter_functions"), filterFunctions);
    fake.graphFilesInInstances(ownGraphFiles);
    const QMap<QString, QByteArray> before = topLevel(fake);
    const QString file = m_dir.filePath(QStringLiteral("c.ftlens"));
    const Run run = record(fake, arguments, file, m_state, m_kallsyms);
    QVERIFY2(run.outcome.code == HelperExit::Ok, qPrintable(run.outcome.message));

    QCOMPARE(tracerWrites(fake), writes);
    QCOMPARE(topLevel(fake), before);
    QVERIFY(!fake.instanceExists(instanceName()));
    QCOMPARE(journals(m_state), QStringList());
    QCOMPARE(recordingMeta(file, "tracer"), arguments.at(1));
    QCOMPARE(recordingMeta(file, "tracer_options"), tracerOptions);
    QCOMPARE(recordingMeta(file, "complete"), QStringLiteral("1"));
}

void TestFunctionTracerFakeTracefs::refusedBeforeRecording_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("setup");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");

    QTest::addRow("unknown function") << args({ "-p", "function", "-l", "vfs_read", "-l", "nosuch_fn" }) << QString()
                                      << int(HelperExit::UnknownFunction)
                                      << QStringLiteral("-l 'nosuch_fn': no such function in available_filter_functions (it may "
                                                        "be inlined, marked notrace or in a module that is not loaded)");
    QTest::addRow("glob matching nothing") << args({ "-p", "function_graph", "-g", "zzz_*" }) << QString()
                                           << int(HelperExit::UnknownFunction)
                                           << QStringLiteral("-g 'zzz_*': no function of this kernel matches (see available_filter_functions)");
    QTest::addRow("unknown notrace function") << args({ "-p", "function_graph", "--graph-notrace", "do_nothing_at_all" })
                                              << QString() << int(HelperExit::UnknownFunction)
                                              << QStringLiteral("--graph-notrace 'do_nothing_at_all': no such function");
    QTest::addRow("unreadable function list") << args({ "-p", "function", "-n", "vfs_read" }) << QStringLiteral("unreadable")
                                              << int(HelperExit::TracerRefused)
                                              << QStringLiteral("-n 'vfs_read': cannot check function names, the kernel's function list "
                                                                "is unreadable: %1/available_filter_functions: cannot read: Operation not permitted");
    QTest::addRow("function refused (lockdown)") << args({ "-p", "function" }) << QStringLiteral("eperm:function")
                                                 << int(HelperExit::TracerRefused)
                                                 << QStringLiteral("function tracer refused by the kernel: writing 'function' to "
                                                                   "current_tracer: Operation not permitted");
    QTest::addRow("function_graph refused") << args({ "-p", "function_graph", "-g", "vfs_read" })
                                            << QStringLiteral("eperm:function_graph") << int(HelperExit::TracerRefused)
                                            << QStringLiteral("function_graph tracer refused by the kernel: writing 'function_graph' "
                                                              "to current_tracer: Operation not permitted");
    QTest::addRow("function_graph not built in") << args({ "-p", "function_graph" }) << QStringLiteral("tracers:function nop")
                                                 << int(HelperExit::TracerRefused)
                                                 << QStringLiteral("function_graph tracer not available in this kernel: the "
                                                                   "'function_graph' tracer is not built into this kernel (not in "
                                                                   "available_tracers); record tracepoints (-e) or uprobes (--uprobe) instead");
    QTest::addRow("option the kernel lacks") << args({ "-p", "function_graph", "-O", "funcgraph-proc", "-O", "funcgraph-retaddr" })
                                             << QString() << int(HelperExit::KernelRefused)
                                             << QStringLiteral("-O funcgraph-retaddr: this kernel has no function_graph option "
                                                               "'funcgraph-retaddr' (%1/instances/%2/options/funcgraph-retaddr is "
                                                               "missing; it needs CONFIG_FUNCTION_GRAPH_RETADDR, Linux 6.13 or later)");
}

void TestFunctionTracerFakeTracefs::refusedBeforeRecording()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, setup);
    QFETCH(int, code);
    QFETCH(QString, message);
    FakeKernel fake(QStringLiteral(FTLENS_TEST_DATA "/tracefs"), 2);
    fake.writeRootFile(QStringLiteral("available_filter_functions"), filterFunctions);
    if (setup == QLatin1String("unreadable"))
        fake.makeUnreadable(QStringLiteral("available_filter_functions"));
    else if (setup.startsWith(QLatin1String("eperm:")))
        fake.refuseTracer(setup.mid(6), EPERM);
    else if (setup.startsWith(QLatin1String("tracers:")))
        fake.writeRootFile(QStringLiteral("available_tracers"), setup.mid(8).toUtf8() + '\n');
    const QMap<QString, QByteArray> before = topLevel(fake);
    const QString file = m_dir.filePath(QStringLiteral("r.ftlens"));
    const Run run = record(fake, arguments, file, m_state);

    QCOMPARE(int(run.outcome.code), code);
    message.replace(QLatin1String("%1"), fake.root()).replace(QLatin1String("%2"), instanceName());
    QVERIFY2(run.outcome.message.contains(message), qPrintable(run.outcome.message));
    QVERIFY2(!run.outcome.message.contains(QLatin1Char('\n')), "one line");
    QVERIFY(!QFile::exists(file));
    QVERIFY(!fake.instanceExists(instanceName()));
    QCOMPARE(topLevel(fake), before);
    QCOMPARE(journals(m_state), QStringList());
    // Refused from the capability report and the function list: the helper's instance never saw a tracer.
    if (code != int(HelperExit::KernelRefused))
        QVERIFY(!tracerWrites(fake).join(QLatin1Char(' ')).contains(QLatin1String("I/")));
}

void TestFunctionTracerFakeTracefs::unreadableListWithoutNamesIsFine()
{
    FakeKernel fake(QStringLiteral(FTLENS_TEST_DATA "/tracefs"), 1);
    fake.makeUnreadable(QStringLiteral("available_filter_functions"));
    const QString file = m_dir.filePath(QStringLiteral("u.ftlens"));
    const Run run = record(fake, args({ "-p", "function" }), file, m_state);
    QVERIFY2(run.outcome.code == HelperExit::Ok, qPrintable(run.outcome.message));
    QCOMPARE(recordingMeta(file, "tracer"), QStringLiteral("function"));
}

void TestFunctionTracerFakeTracefs::recordedFunctionGraph_data()
{
    QTest::addColumn<bool>("withRetval");
    QTest::addColumn<QStringList>("exits");

    // ts cpu pid flags func depth overrun calltime rettime [retval]
    QTest::addRow("6.18 formats") << false
                                  << args({ "1250 1 300 0 vfs_read 0 2 1050 1250", "1300 0 100 0 rw_verify_area 2 0 1200 1300",
                                         "1500 0 100 9 hrtimer_interrupt 3 0 1450 1500",
                                         "1600 0 100 9 __sysvec_apic_timer_interrupt 2 0 1400 1600",
                                         "1700 0 100 0 vfs_read 1 0 1100 1700", "2000 0 200 0 schedule 0 0 500 2000" });
    QTest::addRow("funcgraph_exit with retval") << true
                                                << args({ "1250 1 300 0 vfs_read 0 2 1050 1250 -14",
                                                       "1300 0 100 0 rw_verify_area 2 0 1200 1300 0",
                                                       "1500 0 100 9 hrtimer_interrupt 3 0 1450 1500 1",
                                                       "1600 0 100 9 __sysvec_apic_timer_interrupt 2 0 1400 1600 0",
                                                       "1700 0 100 0 vfs_read 1 0 1100 1700 4096", "2000 0 200 0 schedule 0 0 500 2000 0" });
}

void TestFunctionTracerFakeTracefs::recordedFunctionGraph()
{
    QFETCH(bool, withRetval);
    QFETCH(QStringList, exits);
    FakeKernel fake(QStringLiteral(FTLENS_TEST_DATA "/tracefs"), 2);
    if (withRetval)
        fake.writeRootFile(QStringLiteral("events/ftrace/funcgraph_exit/format"), exitFormatWithRetval);
    scriptFunctionGraph(fake, withRetval);
    const QString file = m_dir.filePath(QStringLiteral("g.ftlens"));
    const Run run = record(fake, args({ "-p", "function_graph" }), file, m_state, m_kallsyms);
    QVERIFY2(run.outcome.code == HelperExit::Ok, qPrintable(run.outcome.message));
    QCOMPARE(run.outcome.events, 14);

    QCOMPARE(recordingRows(file, QStringLiteral("SELECT system || ':' || name, kind FROM event_type ORDER BY id")),
        args({ "ftrace:funcgraph_entry tracer", "ftrace:funcgraph_exit tracer" }));
    QCOMPARE(recordingRows(file, QStringLiteral("SELECT t.name, group_concat(f.name, ',') FROM event_field f JOIN event_type t ON t.id = f.type_id "
                                       "GROUP BY t.id ORDER BY t.id")),
        args({ "funcgraph_entry func,depth,args",
            withRetval ? "funcgraph_exit func,retval,depth,overrun,calltime,rettime" : "funcgraph_exit func,depth,overrun,calltime,rettime" }));
    // The CPUs merged in time order.
    QCOMPARE(recordingRows(file, QStringLiteral("SELECT group_concat(e.ts || '/' || e.cpu, ' ') FROM event e")).value(0),
        QStringLiteral("1000/0 1050/1 1100/0 1200/0 1250/1 1300/0 1400/0 1450/0 1500/0 1600/0 1700/0 1800/0 2000/0 2100/0"));
    QCOMPARE(recordingRows(file, QStringLiteral("SELECT v.ts, v.cpu, v.pid, e.flags, coalesce(k.name, printf('%x', v.func)), v.depth "
                                       "FROM view_ftrace__funcgraph_entry v JOIN event e ON e.id = v.id "
                                       "LEFT JOIN kernel_symbol k ON k.addr = v.func ORDER BY v.id")),
        args({ "1000 0 100 0 ksys_read 0", "1050 1 300 0 vfs_read 0", "1100 0 100 0 vfs_read 1", "1200 0 100 0 rw_verify_area 2",
            "1400 0 100 9 __sysvec_apic_timer_interrupt 2", "1450 0 100 9 hrtimer_interrupt 3", "1800 0 100 0 schedule 1",
            "2100 0 200 0 ext4_file_read_iter 0" }));
    QCOMPARE(recordingRows(file, QStringLiteral("SELECT v.ts, v.cpu, v.pid, e.flags, coalesce(k.name, printf('%x', v.func)), v.depth, v.overrun, "
                                       "v.calltime, v.rettime%1 FROM view_ftrace__funcgraph_exit v JOIN event e ON e.id = v.id "
                                       "LEFT JOIN kernel_symbol k ON k.addr = v.func ORDER BY v.id")
                            .arg(withRetval ? QStringLiteral(", v.retval") : QString())),
        exits);
    // Every address named once, as %ps prints it: no offset, no [module].
    QCOMPARE(recordingRows(file, QStringLiteral("SELECT printf('%x', addr), name FROM kernel_symbol ORDER BY addr")),
        args({ "ffffffff81100000 vfs_read", "ffffffff81100200 rw_verify_area", "ffffffff81100400 ksys_read",
            "ffffffff81200000 schedule", "ffffffff81300000 __sysvec_apic_timer_interrupt", "ffffffff81300100 hrtimer_interrupt",
            "ffffffffc0a00000 ext4_file_read_iter" }));
}

void TestFunctionTracerFakeTracefs::recordedFunction()
{
    FakeKernel fake(QStringLiteral(FTLENS_TEST_DATA "/tracefs"), 2);
    auto call = [](int cpu, std::uint64_t ts, int pid, std::uint64_t ip, std::uint64_t parent) {
        return FakeKernel::Record { cpu, ts, pid, [=](EventRecord& r) { r.set("ip", std::int64_t(ip)).set("parent_ip", std::int64_t(parent)); } };
    };
    fake.script(QStringLiteral("function"),
        { call(0, 1000, 100, 0xffffffff81100000ull, 0xffffffff8110042aull), call(0, 1100, 100, 0xffffffff81100204ull, 0xffffffff8110005cull),
            call(1, 1050, 300, 0xffffffffc0a00000ull, 0xffffffff81000010ull), call(1, 1150, 300, 0x1000ull, 0xffffffff81100350ull) });
    // A funcgraph record in the script must not show up: the function tracer does not write them.
    fake.script(QStringLiteral("funcgraph_entry"), { graphEntry(0, 1020, 100, vfsRead, 0) });
    const QString file = m_dir.filePath(QStringLiteral("f.ftlens"));
    const Run run = record(fake, args({ "-p", "function" }), file, m_state, m_kallsyms);
    QVERIFY2(run.outcome.code == HelperExit::Ok, qPrintable(run.outcome.message));

    QCOMPARE(recordingRows(file, QStringLiteral("SELECT system || ':' || name FROM event_type ORDER BY id")), args({ "ftrace:function" }));
    QCOMPARE(recordingRows(file, QStringLiteral("SELECT v.ts, v.cpu, v.pid, printf('%x', v.ip), coalesce(a.name, '?'), coalesce(b.name, '?') "
                                       "FROM view_ftrace__function v LEFT JOIN kernel_symbol a ON a.addr = v.ip "
                                       "LEFT JOIN kernel_symbol b ON b.addr = v.parent_ip ORDER BY v.id")),
        args({ "1000 0 100 ffffffff81100000 vfs_read ksys_read", "1050 1 300 ffffffffc0a00000 ext4_file_read_iter _stext",
            "1100 0 100 ffffffff81100204 rw_verify_area vfs_read", "1150 1 300 1000 ? rw_verify_area" }));
    // Nearest text symbol before: a data symbol in between does not count, the first of aliases wins.
    QCOMPARE(recordingRows(file, QStringLiteral("SELECT printf('%x', addr), name FROM kernel_symbol ORDER BY addr")),
        args({ "ffffffff81000010 _stext", "ffffffff81100000 vfs_read", "ffffffff8110005c vfs_read", "ffffffff81100204 rw_verify_area",
            "ffffffff81100350 rw_verify_area", "ffffffff8110042a ksys_read", "ffffffffc0a00000 ext4_file_read_iter" }));
}

// What the helper does next with such a recording: the call builder reads kernel_symbol for names.
void TestFunctionTracerFakeTracefs::callTableNamesTheFunctions()
{
    FakeKernel fake(QStringLiteral(FTLENS_TEST_DATA "/tracefs"), 2);
    scriptFunctionGraph(fake, false);
    const QString file = m_dir.filePath(QStringLiteral("calls.ftlens"));
    const Run run = record(fake, args({ "-p", "function_graph" }), file, m_state, m_kallsyms);
    QVERIFY2(run.outcome.code == HelperExit::Ok, qPrintable(run.outcome.message));
    const auto calls = Engine::buildRecordedCalls(file);
    QVERIFY2(calls.ok(), qPrintable(calls.ok() ? QString() : calls.error().message));
    QVERIFY(calls.value() >= 8);
    QCOMPARE(recordingRows(file, QStringLiteral("SELECT DISTINCT s.str FROM call c JOIN string s ON s.id = c.function_id ORDER BY 1")),
        args({ "__sysvec_apic_timer_interrupt", "ext4_file_read_iter", "hrtimer_interrupt", "ksys_read", "rw_verify_area", "schedule",
            "vfs_read" }));
}

void TestFunctionTracerFakeTracefs::crashedHelperIsRestored()
{
    FakeKernel fake(QStringLiteral(FTLENS_TEST_DATA "/tracefs"), 1);
    const qint64 dead = 999999999; // above any pid_max: no such process
    const QString stale = QStringLiteral("ftlens-%1").arg(dead);
    QVERIFY(::mkdir(QFile::encodeName(fake.root() + QLatin1String("/instances/") + stale).constData(), 0755) == 0);
    fake.writeRootFile(QStringLiteral("instances/%1/options/funcgraph-proc").arg(stale), "1\n");
    fake.writeRootFile(QStringLiteral("max_graph_depth"), "7\n");
    fake.writeRootFile(QStringLiteral("set_graph_function"), "vfs_read\n");
    fake.writeRootFile(QStringLiteral("set_graph_notrace"), "ksys_read\n"); // someone else's since
    writeJournal(m_state, dead, fake.root(),
        { change("set_graph_function", "#### all functions enabled ####\n", "vfs_read"),
            change("set_graph_notrace", "#### no functions disabled ####\n", "schedule"), change("max_graph_depth", "0\n", "7"),
            change(qPrintable(QStringLiteral("instances/%1/options/funcgraph-proc").arg(stale)), "0\n", "1") });

    const Run run = record(fake, args({ "-e", "sched:sched_switch" }), m_dir.filePath(QStringLiteral("s.ftlens")), m_state);
    QVERIFY2(run.outcome.code == HelperExit::Ok, qPrintable(run.outcome.message));
    QCOMPARE(fake.readRootFile(QStringLiteral("max_graph_depth")), QByteArray("0\n"));
    QCOMPARE(fake.readRootFile(QStringLiteral("set_graph_function")), QByteArray("#### all functions enabled ####\n"));
    QCOMPARE(fake.readRootFile(QStringLiteral("set_graph_notrace")), QByteArray("ksys_read\n"));
    // The option went back through the dead helper's instance before that was removed.
    QVERIFY(fake.controlWrites().contains(QStringLiteral("instances/%1/options/funcgraph-proc=0").arg(stale)));
    QVERIFY(!fake.instanceExists(stale));
    QCOMPARE(journals(m_state), QStringList());
    QVERIFY2(run.notes.contains(QStringLiteral("restored max_graph_depth, left changed by ftlens-helper 999999999")),
        qPrintable(run.notes.join(QLatin1Char('\n'))));
    QVERIFY2(run.notes.contains(QStringLiteral("set_graph_notrace not restored to '': it was changed by someone else meanwhile")),
        qPrintable(run.notes.join(QLatin1Char('\n'))));
}

void TestFunctionTracerFakeTracefs::sharedSettingOfARunningHelperIsRefused()
{
    // A process whose name is ftlens-helper stands for another helper that is recording.
    const QString sleep = QStandardPaths::findExecutable(QStringLiteral("sleep"));
    if (sleep.isEmpty())
        QSKIP("no sleep executable");
    const QString other = m_dir.filePath(QStringLiteral("ftlens-helper"));
    QVERIFY(QFile::copy(sleep, other));
    QProcess helper;
    helper.start(other, { QStringLiteral("30") });
    QVERIFY(helper.waitForStarted());
    const auto stop = qScopeGuard([&helper] {
        helper.kill();
        helper.waitForFinished();
    });
    FakeKernel fake(QStringLiteral(FTLENS_TEST_DATA "/tracefs"), 1);
    fake.writeRootFile(QStringLiteral("max_graph_depth"), "4\n");
    writeJournal(m_state, helper.processId(), fake.root(), { change("max_graph_depth", "0\n", "4") });

    const QString file = m_dir.filePath(QStringLiteral("o.ftlens"));
    const Run run = record(fake, args({ "-p", "function_graph", "--max-graph-depth", "2" }), file, m_state);
    QCOMPARE(run.outcome.code, HelperExit::KernelRefused);
    QCOMPARE(run.outcome.message, QStringLiteral("ftlens-helper %1 is recording with max_graph_depth changed, a setting the kernel "
                                                 "keeps for all instances; wait until it ends")
                                      .arg(helper.processId()));
    QCOMPARE(fake.readRootFile(QStringLiteral("max_graph_depth")), QByteArray("4\n"));
    QCOMPARE(journals(m_state), QStringList { QStringLiteral("settings-%1.json").arg(helper.processId()) });
    QVERIFY(!QFile::exists(file));
}

namespace {
// Every top-level file a top-level recording writes, as the fake shows it.
QMap<QString, QByteArray> wholeTopLevel(const FakeKernel& fake)
{
    QMap<QString, QByteArray> files = topLevel(fake);
    for (const char* name : { "tracing_on", "buffer_size_kb", "trace_clock", "set_event_pid", "options/event-fork", "tracing_thresh",
             "events/sched/sched_switch/enable", "events/sched/sched_switch/filter" })
        files.insert(QLatin1String(name), fake.readRootFile(QLatin1String(name)));
    return files;
}

// Writes to the top-level buffer's own files (not the caps trial's scratch instance's), from the
// first-th write on.
QStringList topLevelWrites(const FakeKernel& fake, qsizetype first = 0)
{
    QStringList writes;
    for (const QString& write : fake.controlWrites().mid(first)) {
        if (!write.startsWith(QLatin1String("instances/")))
            writes << write;
    }
    return writes;
}
} // namespace

// function_graph where instances refuse it (Linux 6.1): recorded in the idle top-level buffer,
// every top-level file it changed put back, no instance made.
void TestFunctionTracerFakeTracefs::functionGraphInTheIdleTopLevelBuffer()
{
    FakeKernel fake(QStringLiteral(FTLENS_TEST_DATA "/tracefs"), 2);
    fake.writeRootFile(QStringLiteral("available_filter_functions"), filterFunctions);
    fake.onlyAtTopLevel(QStringLiteral("function_graph"));
    scriptFunctionGraph(fake, false);
    const QMap<QString, QByteArray> before = wholeTopLevel(fake);
    const QString file = m_dir.filePath(QStringLiteral("top.ftlens"));
    const Run run = record(fake, args({ "-p", "function_graph", "-g", "vfs_read", "-P", "100", "-e", "sched:sched_switch", "-f",
                                          "prev_pid != 0" }),
        file, m_state, m_kallsyms);
    QVERIFY2(run.outcome.code == HelperExit::Ok, qPrintable(run.outcome.message));
    QVERIFY2(run.notes.contains(QStringLiteral("function_graph runs only in the top-level buffer on this kernel: recording there "
                                               "while it is idle; every setting changed is put back afterwards")),
        qPrintable(run.notes.join(QLatin1Char('\n'))));
    QCOMPARE(run.outcome.events, 14); // the scripted records, read from the top-level buffer
    QCOMPARE(recordingMeta(file, "trace_buffer"), QStringLiteral("top-level"));
    const QStringList writes = topLevelWrites(fake);
    for (const char* expected : { "current_tracer=function_graph", "set_graph_function=vfs_read", "set_ftrace_pid=100",
             "set_event_pid=100", "trace_clock=mono", "events/sched/sched_switch/filter=prev_pid != 0",
             "events/sched/sched_switch/enable=1", "tracing_on=1" })
        QVERIFY2(writes.contains(QLatin1String(expected)), qPrintable(writes.join(QLatin1Char('\n'))));
    const QStringList instances = fake.controlWrites().filter(QStringLiteral("instances/") + instanceName());
    QCOMPARE(instances, QStringList());
    // Everything as it was, but the buffer is allocated now, with the size its first use gives it.
    QMap<QString, QByteArray> expected = before;
    expected[QStringLiteral("buffer_size_kb")] = "1410\n";
    QCOMPARE(wholeTopLevel(fake), expected);
    QCOMPARE(journals(m_state), QStringList());
}

void TestFunctionTracerFakeTracefs::functionGraphRefusedWhileTopLevelBusy_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("why");
    QTest::addRow("a tracer") << QStringLiteral("current_tracer") << QByteArray("function\n") << QStringLiteral("its current_tracer is 'function'");
    QTest::addRow("an event") << QStringLiteral("set_event") << QByteArray("sched:sched_switch\n")
                              << QStringLiteral("events are enabled in it (sched:sched_switch)");
    QTest::addRow("unread events") << QStringLiteral("per_cpu/cpu1/stats") << QByteArray("entries: 12\noverrun: 0\n")
                                   << QStringLiteral("it holds 12 events nobody has read");
}

void TestFunctionTracerFakeTracefs::functionGraphRefusedWhileTopLevelBusy()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, text);
    QFETCH(QString, why);
    FakeKernel fake(QStringLiteral(FTLENS_TEST_DATA "/tracefs"), 2);
    fake.onlyAtTopLevel(QStringLiteral("function_graph"));
    fake.writeRootFile(file, text);
    const QMap<QString, QByteArray> before = wholeTopLevel(fake);
    const qsizetype writesBefore = fake.controlWrites().size();
    const QString output = m_dir.filePath(QStringLiteral("busy.ftlens"));
    const Run run = record(fake, args({ "-p", "function_graph" }), output, m_state, m_kallsyms);
    QCOMPARE(run.outcome.code, HelperExit::TracerRefused);
    QVERIFY2(run.outcome.message.contains(QStringLiteral("function_graph runs only in the top-level buffer on this kernel (instances "
                                                         "refuse it), and that buffer is in use: ")
                                          + why),
        qPrintable(run.outcome.message));
    QVERIFY(!QFile::exists(output));
    QCOMPARE(topLevelWrites(fake, writesBefore).join(QLatin1Char(' ')), QString());
    QCOMPARE(wholeTopLevel(fake), before);
    QCOMPARE(fake.readRootFile(file), text);
}

QTEST_GUILESS_MAIN(TestFunctionTracerFakeTracefs)
#include "tst_functiontracerfaketracefs.moc"
