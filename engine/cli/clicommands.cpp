// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"

#include <QCoreApplication>
#include <QTextStream>

namespace Cli {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

void printUsage(QTextStream& out)
{
    out << Tr::tr("usage: ftlens-cli COMMAND [OPTIONS]\n\n"
                  "commands:\n"
                  "  info FILE [--json]                                   summary of a recording\n"
                  "  export FILE --event SYSTEM:EVENT [--pid PID] -o OUT  events of one type as CSV (- for stdout)\n"
                  "  export FILE --table calls|functions [--pid PID] -o OUT\n"
                  "                                                       function calls, or per-function figures, as CSV\n"
                  "  synth --events N --cpus C [--tasks T] [--seed S] [--duration-ms D] -o FILE\n"
                  "                                                       a synthetic recording for scale work\n"
                  "  import INPUT -o OUT.ftlens [--json]                  ftrace text (cat trace, trace_pipe) into a recording\n"
                  "  index FILE [--cache]                                 write the timeline and call indexes into a recording\n"
                  "                                                       that lacks them (or into the index cache)\n");
}
} // namespace

int run(const QStringList& arguments)
{
    QTextStream err(stderr);
    if (arguments.size() < 2) {
        printUsage(err);
        return Usage;
    }
    const QString command = arguments.at(1);
    const QStringList rest = arguments.mid(1);
    if (command == QLatin1String("info"))
        return info(rest);
    if (command == QLatin1String("export"))
        return exportCsv(rest);
    if (command == QLatin1String("synth"))
        return synth(rest);
    if (command == QLatin1String("import"))
        return importTrace(rest);
    if (command == QLatin1String("index"))
        return buildIndex(rest);
    if (command == QLatin1String("--help") || command == QLatin1String("-h") || command == QLatin1String("help")) {
        QTextStream out(stdout);
        printUsage(out);
        return Success;
    }
    if (command == QLatin1String("--version")) {
        QTextStream(stdout) << "ftlens-cli " << QCoreApplication::applicationVersion() << '\n';
        return Success;
    }
    err << Tr::tr("ftlens-cli: unknown command '%1'").arg(command) << '\n';
    printUsage(err);
    return Usage;
}

} // namespace Cli
