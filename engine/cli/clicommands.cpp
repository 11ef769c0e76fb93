// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"

#include <QCoreApplication>
#include <QTextStream>

namespace Cli {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

constexpr qsizetype usageWidth = 100;
constexpr QLatin1String continuation("        ");

// "-o|--output OUT.csv": every name the parser accepts, then the value it takes.
QString optionSynopsis(const QCommandLineOption& option)
{
    QStringList names;
    for (const QString& name : option.names())
        names << (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
    const QString value = option.valueName();
    return names.join(QLatin1Char('|')) + (value.isEmpty() ? QString() : QLatin1Char(' ') + value);
}

// `first` then the items, separated by spaces, wrapped at usageWidth onto continuation lines.
QString wrapped(const QString& first, const QStringList& items)
{
    QString text = first;
    qsizetype lineStart = 0;
    for (const QString& item : items) {
        if (text.size() - lineStart + 1 + item.size() > usageWidth) {
            text += QLatin1Char('\n');
            lineStart = text.size();
            text += continuation + item;
        } else {
            text += (text.endsWith(QLatin1Char(' ')) ? QString() : QStringLiteral(" ")) + item;
        }
    }
    return text + QLatin1Char('\n');
}

// "  export FILE [--event SYSTEM:EVENT] [--cpu N] ...", then what it does, wrapped.
QString commandUsage(const Command& command)
{
    QStringList items;
    if (!command.arguments.isEmpty())
        items << command.arguments;
    for (const QCommandLineOption& option : command.options)
        items << QLatin1Char('[') + optionSynopsis(option) + QLatin1Char(']');
    return wrapped(QStringLiteral("  ") + command.name, items) + wrapped(continuation, command.summary.split(QLatin1Char(' ')));
}
} // namespace

QList<Command> commands()
{
    return {
        { QStringLiteral("info"), QStringLiteral("FILE"),
            Tr::tr("summary of a recording: CPUs, duration, events by type, tasks, lost events, calls, unparsed lines"),
            infoOptions(), info },
        { QStringLiteral("export"), QStringLiteral("FILE"),
            Tr::tr("events (or a probe's paired calls with --probe, or function calls with --table) as CSV; or the whole "
                   "recording as a trace.dat or Chrome/Perfetto JSON (--format); -o is required (- for stdout: CSV)"),
            exportOptions(), exportCsv },
        { QStringLiteral("import"), QStringLiteral("INPUT"),
            Tr::tr("a trace.dat, ftrace or trace-cmd report text, or perf script output into a recording; -o is required"),
            importOptions(), importTrace },
        { QStringLiteral("synth"), QString(),
            Tr::tr("a synthetic recording for scale work; --events, --cpus and -o are required"), synthOptions(), synth },
        { QStringLiteral("remote"), QStringLiteral("TARGET ACTION [ARGS...]"),
            Tr::tr("ftlens-helper's service (TARGET unix:PATH or pkexec): caps, record ARGS, status, list, fetch ID -o FILE, delete ID"),
            remoteOptions(), remote },
        { QStringLiteral("index"), QStringLiteral("FILE"),
            Tr::tr("writes the timeline and call indexes into a recording that lacks them (or, with --cache, into the "
                   "index cache)"),
            indexOptions(), buildIndex },
    };
}

QString usageText()
{
    QString text = Tr::tr("usage: ftlens-cli COMMAND [OPTIONS]\n"
                          "       ftlens-cli COMMAND --help    explains COMMAND and each of its options\n"
                          "       ftlens-cli --help | --version\n\n"
                          "commands:\n");
    for (const Command& command : commands())
        text += commandUsage(command);
    return text;
}

bool printHelpIfAsked(const QCommandLineParser& parser)
{
    if (!parser.isSet(QStringLiteral("help")) && !parser.isSet(QStringLiteral("help-all")))
        return false;
    QTextStream(stdout) << parser.helpText();
    return true;
}

int run(const QStringList& arguments)
{
    QTextStream err(stderr);
    if (arguments.size() < 2) {
        err << usageText();
        return Usage;
    }
    const QString name = arguments.at(1);
    for (const Command& command : commands()) {
        if (command.name == name)
            return command.run(arguments.mid(1));
    }
    if (name == QLatin1String("--help") || name == QLatin1String("-h") || name == QLatin1String("help")) {
        QTextStream(stdout) << usageText();
        return Success;
    }
    if (name == QLatin1String("--version")) {
        QTextStream(stdout) << "ftlens-cli " << QCoreApplication::applicationVersion() << '\n';
        return Success;
    }
    err << Tr::tr("ftlens-cli: unknown command '%1'").arg(name) << '\n';
    err << usageText();
    return Usage;
}

} // namespace Cli
