// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"

#include "eventcsvexport.h"
#include "recordingreader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace Cli {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Cli)
};
} // namespace

int exportCsv(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("Exports the events of one type as CSV."));
    parser.addPositionalArgument(QStringLiteral("FILE"), Tr::tr("The .ftlens recording."));
    parser.addOption({ QStringLiteral("event"), Tr::tr("The event type."), QStringLiteral("SYSTEM:EVENT") });
    parser.addOption({ QStringLiteral("pid"), Tr::tr("Only events of this task."), QStringLiteral("PID") });
    parser.addOption({ { QStringLiteral("o"), QStringLiteral("output") }, Tr::tr("Output file, - for stdout."),
        QStringLiteral("OUT.csv") });
    parser.addHelpOption();
    QTextStream err(stderr);
    auto usageError = [&err](const QString& text) {
        err << Tr::tr("ftlens-cli export: %1").arg(text) << '\n';
        return Usage;
    };
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return Success;
    }
    if (parser.positionalArguments().size() != 1)
        return usageError(Tr::tr("expected one FILE"));
    if (!parser.isSet(QStringLiteral("event")))
        return usageError(Tr::tr("--event SYSTEM:EVENT is required"));
    if (!parser.isSet(QStringLiteral("o")))
        return usageError(Tr::tr("-o OUT.csv is required (- for stdout)"));

    Storage::EventExportRequest request;
    request.eventType = parser.value(QStringLiteral("event"));
    request.outputPath = parser.value(QStringLiteral("o"));
    if (parser.isSet(QStringLiteral("pid"))) {
        bool ok = false;
        request.pid = parser.value(QStringLiteral("pid")).toInt(&ok);
        if (!ok)
            return usageError(Tr::tr("--pid: '%1' is not a process id").arg(parser.value(QStringLiteral("pid"))));
    }
    auto reader = Storage::RecordingReader::open(parser.positionalArguments().constFirst());
    if (!reader) {
        err << Tr::tr("ftlens-cli: %1").arg(reader.error().message) << '\n';
        return Failure;
    }
    auto rows = Storage::exportEventsCsv(*reader.value(), request);
    if (!rows) {
        err << Tr::tr("ftlens-cli: %1").arg(rows.error().message) << '\n';
        return Failure;
    }
    return Success;
}

} // namespace Cli
