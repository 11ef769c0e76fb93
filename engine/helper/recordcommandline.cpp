// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordcommandline.h"

#include "functionlist.h"
#include "probepresets.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <optional>

namespace Helper {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Helper)
};

using Recorder::RecordOptions;

Storage::Error usageError(const QString& text) { return Storage::Error { text }; }

std::optional<RecordOptions::SourceKind> probeKind(const QString& option)
{
    using Kind = RecordOptions::SourceKind;
    static const std::pair<const char*, Kind> kinds[] = { { "--uprobe", Kind::Uprobe }, { "--uretprobe", Kind::Uretprobe },
        { "--kprobe", Kind::Kprobe }, { "--kretprobe", Kind::Kretprobe }, { "--preset", Kind::Preset } };
    for (const auto& [name, kind] : kinds) {
        if (option == QLatin1String(name))
            return kind;
    }
    return std::nullopt;
}

bool parsePositive(const QString& text, double& out)
{
    bool ok = false;
    out = text.toDouble(&ok);
    return ok && out > 0;
}

const QStringList& tracerValueOptions()
{
    static const QStringList options { QStringLiteral("-p"), QStringLiteral("-l"), QStringLiteral("-n"), QStringLiteral("-g"),
        QStringLiteral("--graph-notrace"), QStringLiteral("--max-graph-depth"), QStringLiteral("-O") };
    return options;
}

QStringList* patternList(const QString& option, RecordOptions& options)
{
    if (option == QLatin1String("-l"))
        return &options.functionFilters;
    if (option == QLatin1String("-n"))
        return &options.functionNotrace;
    if (option == QLatin1String("-g"))
        return &options.graphFunctions;
    if (option == QLatin1String("--graph-notrace"))
        return &options.graphNotrace;
    return nullptr;
}

std::optional<Storage::Error> addTracerOption(const QString& option, RecordOptions& options)
{
    static const QRegularExpression syntax(QStringLiteral("^(no)?(funcgraph-[a-z0-9-]+)$"));
    const auto match = syntax.match(option);
    if (!match.hasMatch())
        return usageError(Tr::tr("-O: '%1' is not a function_graph option (funcgraph-NAME or nofuncgraph-NAME, "
                                 "e.g. funcgraph-proc, nofuncgraph-irqs)")
                              .arg(option));
    for (const QString& given : std::as_const(options.tracerOptions)) {
        const QString givenName = given.startsWith(QLatin1String("no")) ? given.mid(2) : given;
        if (givenName == match.captured(2) && given != option)
            return usageError(Tr::tr("-O %1 contradicts -O %2").arg(option, given));
    }
    if (!options.tracerOptions.contains(option))
        options.tracerOptions << option;
    return std::nullopt;
}

// -p, -l, -n, -g, --graph-notrace, --max-graph-depth and -O.
std::optional<Storage::Error> addTracerSetting(const QString& arg, const QString& value, RecordOptions& options)
{
    if (arg == QLatin1String("-p")) {
        if (value != QLatin1String("function") && value != QLatin1String("function_graph") && value != QLatin1String("nop"))
            return usageError(Tr::tr("-p: '%1' is not a tracer ftlens records (function, function_graph or nop)").arg(value));
        options.tracer = value;
    } else if (QStringList* list = patternList(arg, options)) {
        if (const QString why = Recorder::functionPatternProblem(value); !why.isEmpty())
            return usageError(Tr::tr("%1 '%2': %3").arg(arg, value, why));
        *list << value;
    } else if (arg == QLatin1String("--max-graph-depth")) {
        bool ok = false;
        const int depth = value.toInt(&ok);
        if (!ok || depth < 0)
            return usageError(Tr::tr("--max-graph-depth: '%1' is not a depth (0 for no limit)").arg(value));
        options.maxGraphDepth = depth;
    } else {
        return addTracerOption(value, options);
    }
    return std::nullopt;
}

// Options that only mean something for one tracer are refused for the others, so a forgotten -p
// does not silently record without them.
std::optional<Storage::Error> checkTracerSettings(const RecordOptions& options)
{
    const bool graph = options.tracer == QLatin1String("function_graph");
    const std::pair<const char*, bool> graphOnly[] = { { "-g", !options.graphFunctions.isEmpty() },
        { "--graph-notrace", !options.graphNotrace.isEmpty() }, { "--max-graph-depth", options.maxGraphDepth.has_value() },
        { "-O", !options.tracerOptions.isEmpty() } };
    for (const auto& [option, given] : graphOnly) {
        if (given && !graph)
            return usageError(Tr::tr("%1 needs -p function_graph").arg(QLatin1String(option)));
    }
    if (!options.usesFunctionTracer() && (!options.functionFilters.isEmpty() || !options.functionNotrace.isEmpty()))
        return usageError(Tr::tr("%1 needs -p function or -p function_graph")
                              .arg(options.functionFilters.isEmpty() ? QStringLiteral("-n") : QStringLiteral("-l")));
    return std::nullopt;
}
const RecordOption* findOption(const QString& arg)
{
    for (const RecordOption& option : recordOptions()) {
        if (option.name == arg)
            return &option;
    }
    return nullptr;
}
} // namespace

const QList<RecordOption>& recordOptions()
{
    static const QList<RecordOption> options {
        { QStringLiteral("-e"), QStringLiteral("SYSTEM:EVENT") },
        { QStringLiteral("-f"), QStringLiteral("FILTER") },
        { QStringLiteral("--uprobe"), QStringLiteral("DEF") },
        { QStringLiteral("--uretprobe"), QStringLiteral("DEF") },
        { QStringLiteral("--kprobe"), QStringLiteral("DEF") },
        { QStringLiteral("--kretprobe"), QStringLiteral("DEF") },
        { QStringLiteral("--preset"), QStringLiteral("NAME") },
        { QStringLiteral("-p"), QStringLiteral("TRACER") },
        { QStringLiteral("-l"), QStringLiteral("FUNC") },
        { QStringLiteral("-n"), QStringLiteral("FUNC") },
        { QStringLiteral("-g"), QStringLiteral("FUNC") },
        { QStringLiteral("--graph-notrace"), QStringLiteral("FUNC") },
        { QStringLiteral("--max-graph-depth"), QStringLiteral("N") },
        { QStringLiteral("-O"), QStringLiteral("[no]funcgraph-OPT") },
        { QStringLiteral("-P"), QStringLiteral("PID") },
        { QStringLiteral("-d"), QStringLiteral("SECONDS") },
        { QStringLiteral("-b"), QStringLiteral("KB") },
        { QStringLiteral("-o"), QStringLiteral("FILE") },
        { QStringLiteral("--clock"), QStringLiteral("CLOCK") },
        { QStringLiteral("--tracefs"), QStringLiteral("DIR") },
        { QStringLiteral("--force"), QString() },
        { QStringLiteral("--run-as-root"), QString() },
    };
    return options;
}

QString recordUsage()
{
    return Tr::tr("usage: ftlens-helper record [options] [-- COMMAND [ARGS...]]\n"
                  "  -e SYSTEM:EVENT     record a tracepoint (repeatable; globs like sched:*)\n"
                  "  -f FILTER           kernel filter for the preceding -e/--uprobe/--uretprobe\n"
                  "  --uprobe DEF        [p[:EVENT]] PATH:SYMBOL|PATH:0xOFFSET [NAME=FETCHARG[:TYPE]...]\n"
                  "  --uretprobe DEF     the same with r[:EVENT] (return probe)\n"
                  "  --kprobe DEF        [p[:EVENT]] [MOD:]SYM[+OFFS]|MEMADDR [FETCHARGS...] (kernel function)\n"
                  "  --kretprobe DEF     r[MAXACTIVE][:EVENT] [MOD:]SYM [FETCHARGS...] (its return)\n"
                  "  --preset NAME       opens-kernel (kprobes on do_sys_open(at2)/do_filp_open) or\n"
                  "                      opens-libc (uprobes on libc open64/openat64), with their returns\n"
                  "  -p TRACER           function or function_graph: kernel function calls in the helper's\n"
                  "                      own instance (nop, the default: none)\n"
                  "  -l FUNC             trace only these functions (set_ftrace_filter; globs; repeatable)\n"
                  "  -n FUNC             never trace these functions (set_ftrace_notrace; globs; repeatable)\n"
                  "  -g FUNC             function_graph: graph only calls from these (set_graph_function)\n"
                  "  --graph-notrace FUNC\n"
                  "                      function_graph: leave out these and what they call (set_graph_notrace)\n"
                  "  --max-graph-depth N function_graph: calls this deep at most (max_graph_depth; 0: no limit)\n"
                  "  -O [no]funcgraph-OPT\n"
                  "                      function_graph option: funcgraph-proc, nofuncgraph-irqs, funcgraph-tail,\n"
                  "                      funcgraph-retval, ... (repeatable; the kernel must have it)\n"
                  "                      -g, --graph-notrace, --max-graph-depth and -O change settings the\n"
                  "                      kernel keeps for all instances: restored when the recording ends\n"
                  "                      (and by the next record or cleanup if the helper was killed)\n"
                  "  -P PID              record only these tasks and their children (repeatable;\n"
                  "                      with -p also set_ftrace_pid)\n"
                  "  -d SECONDS          stop after this long\n"
                  "  -b KB               per-CPU ring buffer size (default: %1 KB on this machine)\n"
                  "  -o FILE             output recording (default: trace.ftlens); an existing file is refused\n"
                  "  --force             let -o replace an existing file (when the new recording ends)\n"
                  "  --clock CLOCK       trace clock (default: mono)\n"
                  "  --tracefs DIR       tracefs directory (default: from the mount table); must be tracefs or debugfs\n"
                  "  --run-as-root       run the COMMAND as root (otherwise: as the user who invoked sudo or pkexec)\n");
}

Storage::Result<RecordOptions> parseRecordArguments(const QStringList& arguments)
{
    RecordOptions options;
    options.output = QStringLiteral("trace.ftlens");
    auto value = [&arguments](qsizetype& i) -> std::optional<QString> {
        if (i + 1 >= arguments.size())
            return std::nullopt;
        return arguments.at(++i);
    };
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString arg = arguments.at(i);
        if (arg == QLatin1String("--")) {
            options.command = arguments.mid(i + 1);
            if (options.command.isEmpty())
                return usageError(Tr::tr("'--' must be followed by a COMMAND"));
            break;
        }
        const RecordOption* option = findOption(arg);
        if (option && option->valueName.isEmpty()) {
            (arg == QLatin1String("--force") ? options.force : options.runAsRoot) = true;
            continue;
        }
        if (!option)
            return usageError(arg.startsWith(QLatin1Char('-')) ? Tr::tr("unknown option '%1'").arg(arg)
                                                               : Tr::tr("unexpected '%1' (a COMMAND goes after --)").arg(arg));
        const std::optional<QString> v = value(i);
        if (!v)
            return usageError(Tr::tr("%1 needs a value").arg(arg));
        if (tracerValueOptions().contains(arg)) {
            if (auto error = addTracerSetting(arg, *v, options))
                return *error;
        } else if (arg == QLatin1String("-e")) {
            options.sources.push_back({ RecordOptions::SourceKind::Event, *v, {} });
        } else if (const auto kind = probeKind(arg)) {
            if (*kind == RecordOptions::SourceKind::Preset && !Recorder::presetNames().contains(*v))
                return usageError(Tr::tr("unknown preset '%1' (known: %2)").arg(*v, Recorder::presetNames().join(QLatin1String(", "))));
            options.sources.push_back({ *kind, *v, {} });
        } else if (arg == QLatin1String("-f")) {
            if (options.sources.empty() || options.sources.back().kind == RecordOptions::SourceKind::Preset)
                return usageError(Tr::tr("-f must follow an -e, --kprobe, --kretprobe, --uprobe or --uretprobe"));
            if (!options.sources.back().filter.isEmpty())
                return usageError(Tr::tr("two -f for '%1'; combine them with && or ||").arg(options.sources.back().text));
            options.sources.back().filter = *v;
        } else if (arg == QLatin1String("-P")) {
            bool ok = false;
            const int pid = v->toInt(&ok);
            if (!ok || pid <= 0)
                return usageError(Tr::tr("-P: '%1' is not a process id").arg(*v));
            options.pids << pid;
        } else if (arg == QLatin1String("-d")) {
            if (!parsePositive(*v, options.durationSeconds))
                return usageError(Tr::tr("-d: '%1' is not a number of seconds").arg(*v));
        } else if (arg == QLatin1String("-b")) {
            bool ok = false;
            options.bufferKb = v->toInt(&ok);
            if (!ok || options.bufferKb < 4 || options.bufferKb > 4 * 1024 * 1024)
                return usageError(Tr::tr("-b: '%1' is not a buffer size in KB (4 to 4194304)").arg(*v));
        } else if (arg == QLatin1String("-o")) {
            options.output = *v;
        } else if (arg == QLatin1String("--clock")) {
            options.clock = *v;
        } else {
            options.tracefsDir = *v;
        }
    }
    if (auto error = checkTracerSettings(options))
        return *error;
    if (options.runAsRoot && options.command.isEmpty())
        return usageError(Tr::tr("--run-as-root needs a COMMAND after --"));
    if (options.sources.empty() && !options.usesFunctionTracer())
        return usageError(Tr::tr("nothing to record: give at least one -e, -p, --preset, --kprobe or --uprobe"));
    return options;
}

} // namespace Helper
