// SPDX-License-Identifier: GPL-3.0-or-later
// The arguments of "ftlens-helper record": order-sensitive -f, repeatable options, the COMMAND
// after "--" taken verbatim, and a message for every way the line can be wrong.
#include "recordcommandline.h"

#include <QTest>

using Recorder::RecordOptions;

namespace {

QString kindName(RecordOptions::SourceKind kind)
{
    switch (kind) {
    case RecordOptions::SourceKind::Event:
        return QStringLiteral("event");
    case RecordOptions::SourceKind::Uprobe:
        return QStringLiteral("uprobe");
    case RecordOptions::SourceKind::Uretprobe:
        return QStringLiteral("uretprobe");
    case RecordOptions::SourceKind::Kprobe:
        return QStringLiteral("kprobe");
    case RecordOptions::SourceKind::Kretprobe:
        return QStringLiteral("kretprobe");
    case RecordOptions::SourceKind::Preset:
        return QStringLiteral("preset");
    }
    return QStringLiteral("?");
}

// The parsed options as lines: one per source, then one per other setting.
QStringList describe(const RecordOptions& options)
{
    QStringList lines;
    for (const RecordOptions::Source& source : options.sources) {
        QString line = kindName(source.kind) + QLatin1String(": ") + source.text;
        if (!source.filter.isEmpty())
            line += QLatin1String(" [") + source.filter + QLatin1Char(']');
        lines << line;
    }
    QStringList pids;
    for (int pid : options.pids)
        pids << QString::number(pid);
    lines << QStringLiteral("pids: %1").arg(pids.join(QLatin1Char(',')))
          << QStringLiteral("duration: %1").arg(options.durationSeconds)
          << QStringLiteral("bufferKb: %1").arg(options.bufferKb) << QStringLiteral("output: %1").arg(options.output)
          << QStringLiteral("clock: %1").arg(options.clock) << QStringLiteral("tracefs: %1").arg(options.tracefsDir)
          << QStringLiteral("command: %1").arg(options.command.join(QLatin1Char('|')))
          << QStringLiteral("tracer: %1").arg(options.tracer)
          << QStringLiteral("filter: %1").arg(options.functionFilters.join(QLatin1Char(',')))
          << QStringLiteral("notrace: %1").arg(options.functionNotrace.join(QLatin1Char(',')))
          << QStringLiteral("graph: %1").arg(options.graphFunctions.join(QLatin1Char(',')))
          << QStringLiteral("graph-notrace: %1").arg(options.graphNotrace.join(QLatin1Char(',')))
          << QStringLiteral("depth: %1").arg(options.maxGraphDepth ? QString::number(*options.maxGraphDepth) : QStringLiteral("unset"))
          << QStringLiteral("options: %1").arg(options.tracerOptions.join(QLatin1Char(',')))
          << QStringLiteral("force: %1").arg(options.force ? QStringLiteral("yes") : QStringLiteral("no"))
          << QStringLiteral("run-as-root: %1").arg(options.runAsRoot ? QStringLiteral("yes") : QStringLiteral("no"));
    return lines;
}

// The lines of describe() for default settings, with the given sources and overrides.
QStringList expectLines(const QStringList& sources, const QStringList& overrides = {})
{
    QStringList lines = sources;
    const QStringList defaults { QStringLiteral("pids: "), QStringLiteral("duration: 0"), QStringLiteral("bufferKb: 0"),
        QStringLiteral("output: trace.ftlens"), QStringLiteral("clock: mono"), QStringLiteral("tracefs: "),
        QStringLiteral("command: "), QStringLiteral("tracer: nop"), QStringLiteral("filter: "), QStringLiteral("notrace: "),
        QStringLiteral("graph: "), QStringLiteral("graph-notrace: "), QStringLiteral("depth: unset"), QStringLiteral("options: "),
        QStringLiteral("force: no"), QStringLiteral("run-as-root: no") };
    for (const QString& line : defaults) {
        const QString key = line.section(QLatin1Char(':'), 0, 0) + QLatin1Char(':');
        auto it = std::find_if(overrides.begin(), overrides.end(), [&](const QString& o) { return o.startsWith(key); });
        lines << (it != overrides.end() ? *it : line);
    }
    return lines;
}

QStringList args(std::initializer_list<const char*> list)
{
    QStringList out;
    for (const char* a : list)
        out << QString::fromUtf8(a);
    return out;
}

} // namespace

class TestRecordCommandLine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
    void usageNamesEveryOption();
};

void TestRecordCommandLine::parses_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("one event") << args({ "-e", "sched:sched_switch" })
                               << expectLines({ QStringLiteral("event: sched:sched_switch") });
    QTest::addRow("-f attaches to the source just before it")
        << args({ "-e", "sched:sched_switch", "-e", "syscalls:sys_exit_openat", "-f", "ret < 0", "-e", "sched:sched_wakeup" })
        << expectLines({ QStringLiteral("event: sched:sched_switch"), QStringLiteral("event: syscalls:sys_exit_openat [ret < 0]"),
               QStringLiteral("event: sched:sched_wakeup") });
    QTest::addRow("-f after other options still attaches to the last source")
        << args({ "-e", "sched:*", "-P", "42", "-f", "prev_pid == 42" })
        << expectLines({ QStringLiteral("event: sched:* [prev_pid == 42]") }, { QStringLiteral("pids: 42") });
    QTest::addRow("uprobe and uretprobe kinds with filters")
        << args({ "--uprobe", "p:o /bin/true:main path=+0(%di):string", "-f", "path ~ \"/etc/*\"", "--uretprobe",
               "/bin/true:main ret=$retval", "-f", "ret != 0" })
        << expectLines({ QStringLiteral("uprobe: p:o /bin/true:main path=+0(%di):string [path ~ \"/etc/*\"]"),
               QStringLiteral("uretprobe: /bin/true:main ret=$retval [ret != 0]") });
    QTest::addRow("kprobe, kretprobe and preset kinds")
        << args({ "--kprobe", "p:o do_sys_open", "-f", "dfd == 3", "--kretprobe", "r8:or do_sys_open $retval", "--preset",
               "opens-libc" })
        << expectLines({ QStringLiteral("kprobe: p:o do_sys_open [dfd == 3]"), QStringLiteral("kretprobe: r8:or do_sys_open $retval"),
               QStringLiteral("preset: opens-libc") });
    QTest::addRow("-P repeatable")
        << args({ "-e", "sched", "-P", "1", "-P", "4194304", "-P", "77" })
        << expectLines({ QStringLiteral("event: sched") }, { QStringLiteral("pids: 1,4194304,77") });
    QTest::addRow("all settings")
        << args({ "-d", "2.5", "-b", "8192", "-o", "/var/lib/ftlens/r.ftlens", "--clock", "global", "--tracefs",
               "/mnt/tracing", "-e", "sched:sched_switch" })
        << expectLines({ QStringLiteral("event: sched:sched_switch") },
               { QStringLiteral("duration: 2.5"), QStringLiteral("bufferKb: 8192"),
                   QStringLiteral("output: /var/lib/ftlens/r.ftlens"), QStringLiteral("clock: global"),
                   QStringLiteral("tracefs: /mnt/tracing") });
    QTest::addRow("-b smallest and largest")
        << args({ "-e", "sched", "-b", "4", "-b", "4194304" })
        << expectLines({ QStringLiteral("event: sched") }, { QStringLiteral("bufferKb: 4194304") });
    QTest::addRow("later -o wins") << args({ "-o", "a.ftlens", "-e", "sched", "-o", "b.ftlens" })
                                   << expectLines({ QStringLiteral("event: sched") }, { QStringLiteral("output: b.ftlens") });
    QTest::addRow("COMMAND keeps its own options")
        << args({ "-e", "sched", "--", "ls", "-l", "-e", "--", "-f", "x" })
        << expectLines({ QStringLiteral("event: sched") }, { QStringLiteral("command: ls|-l|-e|--|-f|x") });
    QTest::addRow("COMMAND with an empty argument")
        << args({ "-e", "sched", "--", "sh", "-c", "" })
        << expectLines({ QStringLiteral("event: sched") }, { QStringLiteral("command: sh|-c|") });
    QTest::addRow("option values that look like options")
        << args({ "-e", "-f", "-f", "-e" }) << expectLines({ QStringLiteral("event: -f [-e]") });
    QTest::addRow("function tracer alone") << args({ "-p", "function" }) << expectLines({}, { QStringLiteral("tracer: function") });
    QTest::addRow("explicit nop with an event") << args({ "-p", "nop", "-e", "sched" })
                                                << expectLines({ QStringLiteral("event: sched") });
    QTest::addRow("function with filters, in order")
        << args({ "-p", "function", "-l", "vfs_*", "-n", "vfs_write", "-l", "do_sys_open", "-n", "*_rcu", "-P", "9" })
        << expectLines({}, { QStringLiteral("tracer: function"), QStringLiteral("filter: vfs_*,do_sys_open"),
                               QStringLiteral("notrace: vfs_write,*_rcu"), QStringLiteral("pids: 9") });
    QTest::addRow("function_graph with everything")
        << args({ "-p", "function_graph", "-g", "vfs_read", "-g", "ext4_[rw]*", "--graph-notrace", "schedule", "--max-graph-depth", "4",
               "-O", "funcgraph-proc", "-O", "nofuncgraph-irqs", "-O", "funcgraph-tail", "-O", "funcgraph-retval", "-l", "foo.isra.0" })
        << expectLines({}, { QStringLiteral("tracer: function_graph"), QStringLiteral("filter: foo.isra.0"),
                               QStringLiteral("graph: vfs_read,ext4_[rw]*"), QStringLiteral("graph-notrace: schedule"),
                               QStringLiteral("depth: 4"),
                               QStringLiteral("options: funcgraph-proc,nofuncgraph-irqs,funcgraph-tail,funcgraph-retval") });
    QTest::addRow("depth 0 means no limit") << args({ "-p", "function_graph", "--max-graph-depth", "0" })
                                            << expectLines({}, { QStringLiteral("tracer: function_graph"), QStringLiteral("depth: 0") });
    QTest::addRow("a repeated -O counts once") << args({ "-p", "function_graph", "-O", "funcgraph-proc", "-O", "funcgraph-proc" })
                                               << expectLines({}, { QStringLiteral("tracer: function_graph"), QStringLiteral("options: funcgraph-proc") });
    QTest::addRow("later -p wins") << args({ "-p", "function", "-p", "function_graph", "-e", "sched" })
                                   << expectLines({ QStringLiteral("event: sched") }, { QStringLiteral("tracer: function_graph") });
    QTest::addRow("tracer with a COMMAND") << args({ "-p", "function", "--", "ls" })
                                           << expectLines({}, { QStringLiteral("tracer: function"), QStringLiteral("command: ls") });
    QTest::addRow("--force") << args({ "-e", "sched", "-o", "old.ftlens", "--force" })
                             << expectLines({ QStringLiteral("event: sched") }, { QStringLiteral("output: old.ftlens"), QStringLiteral("force: yes") });
    QTest::addRow("--run-as-root before the COMMAND")
        << args({ "--run-as-root", "-e", "sched", "--", "sh", "-c", "id -u" })
        << expectLines({ QStringLiteral("event: sched") }, { QStringLiteral("command: sh|-c|id -u"), QStringLiteral("run-as-root: yes") });
    QTest::addRow("--run-as-root after -- belongs to the COMMAND")
        << args({ "-e", "sched", "--", "env", "--run-as-root", "--force" })
        << expectLines({ QStringLiteral("event: sched") }, { QStringLiteral("command: env|--run-as-root|--force") });
}

void TestRecordCommandLine::parses()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, expected);
    const auto options = Helper::parseRecordArguments(arguments);
    QVERIFY2(options.ok(), qPrintable(options.ok() ? QString() : options.error().message));
    QCOMPARE(describe(options.value()), expected);
}

void TestRecordCommandLine::rejects_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");

    QTest::addRow("-f first") << args({ "-f", "pid > 1", "-e", "sched" })
                              << QStringLiteral("-f must follow an -e, --kprobe, --kretprobe, --uprobe or --uretprobe");
    QTest::addRow("unknown preset") << args({ "--preset", "opens" })
                                    << QStringLiteral("unknown preset 'opens' (known: opens-kernel, opens-libc)");
    QTest::addRow("-f after a preset") << args({ "--preset", "opens-libc", "-f", "ret < 0" })
                                       << QStringLiteral("-f must follow an -e, --kprobe, --kretprobe, --uprobe or --uretprobe");
    QTest::addRow("two -f for one source")
        << args({ "-e", "sched:sched_switch", "-f", "prev_pid > 0", "-f", "next_pid > 0" })
        << QStringLiteral("two -f for 'sched:sched_switch'; combine them with && or ||");
    QTest::addRow("unknown option") << args({ "-e", "sched", "--verbose" }) << QStringLiteral("unknown option '--verbose'");
    QTest::addRow("joined option value") << args({ "-esched" }) << QStringLiteral("unknown option '-esched'");
    QTest::addRow("stray word") << args({ "-e", "sched", "ls" }) << QStringLiteral("unexpected 'ls' (a COMMAND goes after --)");
    QTest::addRow("missing value of -e") << args({ "-e" }) << QStringLiteral("-e needs a value");
    QTest::addRow("missing value of -o") << args({ "-e", "sched", "-o" }) << QStringLiteral("-o needs a value");
    QTest::addRow("missing value of --uprobe") << args({ "--uprobe" }) << QStringLiteral("--uprobe needs a value");
    QTest::addRow("-P abc") << args({ "-e", "sched", "-P", "abc" }) << QStringLiteral("-P: 'abc' is not a process id");
    QTest::addRow("-P 0") << args({ "-e", "sched", "-P", "0" }) << QStringLiteral("-P: '0' is not a process id");
    QTest::addRow("-P -5") << args({ "-e", "sched", "-P", "-5" }) << QStringLiteral("-P: '-5' is not a process id");
    QTest::addRow("-d 0") << args({ "-e", "sched", "-d", "0" }) << QStringLiteral("-d: '0' is not a number of seconds");
    QTest::addRow("-d abc") << args({ "-e", "sched", "-d", "abc" }) << QStringLiteral("-d: 'abc' is not a number of seconds");
    QTest::addRow("-b 1") << args({ "-e", "sched", "-b", "1" })
                          << QStringLiteral("-b: '1' is not a buffer size in KB (4 to 4194304)");
    QTest::addRow("-b too large") << args({ "-e", "sched", "-b", "4194305" })
                                  << QStringLiteral("-b: '4194305' is not a buffer size in KB (4 to 4194304)");
    QTest::addRow("-b 1M") << args({ "-e", "sched", "-b", "1M" })
                           << QStringLiteral("-b: '1M' is not a buffer size in KB (4 to 4194304)");
    QTest::addRow("-- with nothing after") << args({ "-e", "sched", "--" })
                                           << QStringLiteral("'--' must be followed by a COMMAND");
    QTest::addRow("nothing to record") << args({ "-o", "x.ftlens" })
                                       << QStringLiteral("nothing to record: give at least one -e, -p, --preset, --kprobe or --uprobe");
    QTest::addRow("no arguments") << QStringList()
                                  << QStringLiteral("nothing to record: give at least one -e, -p, --preset, --kprobe or --uprobe");
    QTest::addRow("only a COMMAND") << args({ "--", "ls" })
                                    << QStringLiteral("nothing to record: give at least one -e, -p, --preset, --kprobe or --uprobe");
    QTest::addRow("only -p nop") << args({ "-p", "nop" })
                                 << QStringLiteral("nothing to record: give at least one -e, -p, --preset, --kprobe or --uprobe");
    QTest::addRow("unknown tracer") << args({ "-p", "irqsoff" })
                                    << QStringLiteral("-p: 'irqsoff' is not a tracer ftlens records (function, function_graph or nop)");
    QTest::addRow("missing value of -p") << args({ "-e", "sched", "-p" }) << QStringLiteral("-p needs a value");
    QTest::addRow("-l without a tracer") << args({ "-e", "sched", "-l", "vfs_read" })
                                         << QStringLiteral("-l needs -p function or -p function_graph");
    QTest::addRow("-n with nop") << args({ "-p", "nop", "-e", "sched", "-n", "vfs_read" })
                                 << QStringLiteral("-n needs -p function or -p function_graph");
    QTest::addRow("-g with function") << args({ "-p", "function", "-g", "vfs_read" }) << QStringLiteral("-g needs -p function_graph");
    QTest::addRow("--graph-notrace with function") << args({ "-p", "function", "--graph-notrace", "schedule" })
                                                   << QStringLiteral("--graph-notrace needs -p function_graph");
    QTest::addRow("--max-graph-depth with function") << args({ "-p", "function", "--max-graph-depth", "3" })
                                                     << QStringLiteral("--max-graph-depth needs -p function_graph");
    QTest::addRow("-O with function") << args({ "-p", "function", "-O", "funcgraph-proc" }) << QStringLiteral("-O needs -p function_graph");
    QTest::addRow("--max-graph-depth -1") << args({ "-p", "function_graph", "--max-graph-depth", "-1" })
                                          << QStringLiteral("--max-graph-depth: '-1' is not a depth (0 for no limit)");
    QTest::addRow("--max-graph-depth abc") << args({ "-p", "function_graph", "--max-graph-depth", "abc" })
                                           << QStringLiteral("--max-graph-depth: 'abc' is not a depth (0 for no limit)");
    QTest::addRow("-O not a funcgraph option") << args({ "-p", "function_graph", "-O", "sym-offset" })
                                               << QStringLiteral("-O: 'sym-offset' is not a function_graph option (funcgraph-NAME or "
                                                                 "nofuncgraph-NAME, e.g. funcgraph-proc, nofuncgraph-irqs)");
    QTest::addRow("-O contradicting") << args({ "-p", "function_graph", "-O", "funcgraph-irqs", "-O", "nofuncgraph-irqs" })
                                      << QStringLiteral("-O nofuncgraph-irqs contradicts -O funcgraph-irqs");
    QTest::addRow("-l with a negation") << args({ "-p", "function", "-l", "!vfs_read" })
                                        << QStringLiteral("-l '!vfs_read': '!' removes functions from a filter; give the functions "
                                                          "to trace, or use -n");
    QTest::addRow("-l with a module command") << args({ "-p", "function", "-l", ":mod:ext4" })
                                              << QStringLiteral("-l ':mod:ext4': the kernel's ':mod:' and 'function:command' forms are "
                                                                "not taken; give a function name or glob");
    QTest::addRow("-g with a space") << args({ "-p", "function_graph", "-g", "vfs_read vfs_write" })
                                     << QStringLiteral("-g 'vfs_read vfs_write': not a function name or glob (letters, digits, _ . $ "
                                                       "and * ? [ ])");
    QTest::addRow("-n empty") << args({ "-p", "function", "-n", "" }) << QStringLiteral("-n '': an empty function name");
    QTest::addRow("--run-as-root without a COMMAND") << args({ "-e", "sched", "--run-as-root" })
                                                     << QStringLiteral("--run-as-root needs a COMMAND after --");
    QTest::addRow("--force takes no value") << args({ "-e", "sched", "--force", "yes" })
                                            << QStringLiteral("unexpected 'yes' (a COMMAND goes after --)");
}

void TestRecordCommandLine::rejects()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const auto options = Helper::parseRecordArguments(arguments);
    QVERIFY2(!options.ok(), qPrintable(options.ok() ? describe(options.value()).join(QLatin1String("; ")) : QString()));
    QCOMPARE(options.error().message, message);
}

void TestRecordCommandLine::usageNamesEveryOption()
{
    const QString usage = Helper::recordUsage();
    for (const char* option : { "-e ", "-f ", "--uprobe ", "--uretprobe ", "-P ", "-d ", "-b ", "-o ", "--clock ", "--tracefs ", "-- COMMAND", "--force", "--run-as-root",
             "-p ", "-l ", "-n ", "-g ", "--graph-notrace ", "--max-graph-depth ", "-O ", "funcgraph-proc", "nofuncgraph-irqs",
             "funcgraph-tail", "funcgraph-retval" })
        QVERIFY2(usage.contains(QLatin1String(option)), option);
}

QTEST_GUILESS_MAIN(TestRecordCommandLine)
#include "tst_recordcommandline.moc"
