// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordcommandline.h"

#include "probepresets.h"

#include <QCoreApplication>

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
} // namespace

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
                  "  -P PID              record only these tasks and their children (repeatable)\n"
                  "  -d SECONDS          stop after this long\n"
                  "  -b KB               per-CPU ring buffer size (default: %1 KB on this machine)\n"
                  "  -o FILE             output recording (default: trace.ftlens)\n"
                  "  --clock CLOCK       trace clock (default: mono)\n"
                  "  --tracefs DIR       tracefs directory (default: from the mount table)\n");
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
        const bool takesValue = QStringList { QStringLiteral("-e"), QStringLiteral("-f"), QStringLiteral("--uprobe"),
            QStringLiteral("--uretprobe"), QStringLiteral("--kprobe"), QStringLiteral("--kretprobe"), QStringLiteral("--preset"), QStringLiteral("-P"), QStringLiteral("-d"), QStringLiteral("-b"),
            QStringLiteral("-o"), QStringLiteral("--clock"), QStringLiteral("--tracefs") }
                                    .contains(arg);
        if (!takesValue)
            return usageError(arg.startsWith(QLatin1Char('-')) ? Tr::tr("unknown option '%1'").arg(arg)
                                                               : Tr::tr("unexpected '%1' (a COMMAND goes after --)").arg(arg));
        const std::optional<QString> v = value(i);
        if (!v)
            return usageError(Tr::tr("%1 needs a value").arg(arg));
        if (arg == QLatin1String("-e")) {
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
    if (options.sources.empty())
        return usageError(Tr::tr("nothing to record: give at least one -e, --preset, --kprobe or --uprobe"));
    return options;
}

} // namespace Helper
