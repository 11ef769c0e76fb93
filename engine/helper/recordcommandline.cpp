// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordcommandline.h"

#include <QCoreApplication>

namespace Helper {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Helper)
};

using Recorder::RecordOptions;

Storage::Error usageError(const QString& text) { return Storage::Error { text }; }

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
            QStringLiteral("--uretprobe"), QStringLiteral("-P"), QStringLiteral("-d"), QStringLiteral("-b"),
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
        } else if (arg == QLatin1String("--uprobe") || arg == QLatin1String("--uretprobe")) {
            options.sources.push_back({ arg == QLatin1String("--uprobe") ? RecordOptions::SourceKind::Uprobe
                                                                         : RecordOptions::SourceKind::Uretprobe,
                *v, {} });
        } else if (arg == QLatin1String("-f")) {
            if (options.sources.empty())
                return usageError(Tr::tr("-f must follow an -e, --uprobe or --uretprobe"));
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
        return usageError(Tr::tr("nothing to record: give at least one -e, --uprobe or --uretprobe"));
    return options;
}

} // namespace Helper
