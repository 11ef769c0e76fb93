// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"

#include "traceimport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace Cli {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

// Unparsed lines printed on stderr; the recording's import_issue table lists them all.
constexpr int printedIssues = 10;

void addOptions(QCommandLineParser& parser)
{
    parser.setApplicationDescription(Tr::tr("Imports a trace into a recording: a trace.dat (trace-cmd record), ftrace text "
                                            "(`cat trace`, `trace_pipe`, the perf-tools scripts' output, `trace-cmd report` in "
                                            "its layouts; function and function_graph output becomes calls) or `perf script` "
                                            "output. The format is told from the content unless --format names it. INPUT - "
                                            "reads standard input. The recording replaces OUT only once it is complete."));
    parser.addPositionalArgument(QStringLiteral("INPUT"), Tr::tr("The trace."));
    parser.addOptions(importOptions());
    parser.addHelpOption();
}

QJsonObject toJson(const QString& output, const Engine::ImportResult& result)
{
    QJsonArray issues;
    for (const Engine::ImportIssue& issue : result.issues)
        issues.append(QJsonObject { { QStringLiteral("line"), qint64(issue.line) }, { QStringLiteral("text"), issue.text },
            { QStringLiteral("reason"), issue.reason } });
    return QJsonObject {
        { QStringLiteral("output"), output },
        { QStringLiteral("lines"), qint64(result.lines) },
        { QStringLiteral("events"), qint64(result.events) },
        { QStringLiteral("calls"), qint64(result.calls) },
        { QStringLiteral("event_types"), result.eventTypes },
        { QStringLiteral("tasks"), result.tasks },
        { QStringLiteral("cpus"), result.cpus },
        { QStringLiteral("reordered"), result.reordered },
        { QStringLiteral("unparsed_lines"), qint64(result.unparsedLines) },
        { QStringLiteral("issues"), issues },
        { QStringLiteral("format"), result.format },
        { QStringLiteral("warnings"), QJsonArray::fromStringList(result.warnings) },
    };
}

void printText(const QString& input, const QString& output, const Engine::ImportResult& result, qint64 elapsedMs)
{
    QTextStream out(stdout);
    const QString from = result.format == QLatin1String("trace.dat") ? Tr::tr("a trace.dat") : Tr::tr("%1 lines of %2").arg(result.lines).arg(result.format);
    out << Tr::tr("%1: %2 events of %3 types, %4 tasks, %5 CPUs from %6 in %7 s%8")
               .arg(output)
               .arg(result.events)
               .arg(result.eventTypes)
               .arg(result.tasks)
               .arg(result.cpus)
               .arg(from)
               .arg(QString::number(elapsedMs / 1000.0, 'f', 2))
               .arg(result.reordered ? Tr::tr(" (put in time order)") : QString())
        << '\n';
    if (result.calls > 0)
        out << Tr::tr("%1: %2 function calls").arg(output).arg(result.calls) << '\n';
    QTextStream err(stderr);
    for (const QString& warning : result.warnings)
        err << Tr::tr("warning: %1").arg(warning) << '\n';
    if (!result.unparsedLines)
        return;
    err << Tr::tr("%1: %2 lines not imported (listed in the recording's import_issue table):")
               .arg(input)
               .arg(result.unparsedLines)
        << '\n';
    for (std::size_t i = 0; i < result.issues.size() && i < std::size_t(printedIssues); ++i) {
        const Engine::ImportIssue& issue = result.issues[i];
        err << Tr::tr("%1:%2: %3: %4").arg(input).arg(issue.line).arg(issue.reason, issue.text) << '\n';
    }
}
} // namespace

QList<QCommandLineOption> importOptions()
{
    return {
        { { QStringLiteral("o"), QStringLiteral("output") }, Tr::tr("The recording to write."), QStringLiteral("OUT.ftlens") },
        { QStringLiteral("format"),
            Tr::tr("The input's format, instead of telling it from the content: %1.").arg(Engine::traceFormatNames().join(QStringLiteral(", "))),
            QStringLiteral("FORMAT") },
        { QStringLiteral("json"), Tr::tr("Print the result as JSON.") },
    };
}

int importTrace(const QStringList& arguments)
{
    QCommandLineParser parser;
    addOptions(parser);
    QTextStream err(stderr);
    if (!parser.parse(arguments)) {
        err << Tr::tr("ftlens-cli import: %1").arg(parser.errorText()) << '\n';
        return Usage;
    }
    if (printHelpIfAsked(parser))
        return Success;
    if (parser.positionalArguments().size() != 1 || !parser.isSet(QStringLiteral("output"))) {
        err << Tr::tr("ftlens-cli import: expected INPUT -o OUT.ftlens") << '\n';
        return Usage;
    }
    const QString input = parser.positionalArguments().constFirst();
    const QString output = parser.value(QStringLiteral("output"));
    const auto format = Engine::traceFormatFromName(parser.value(QStringLiteral("format")).isEmpty() ? QStringLiteral("auto")
                                                                                                    : parser.value(QStringLiteral("format")));
    if (!format) {
        err << Tr::tr("ftlens-cli import: --format: '%1' is not a format (%2)")
                   .arg(parser.value(QStringLiteral("format")), Engine::traceFormatNames().join(QStringLiteral(", ")))
            << '\n';
        return Usage;
    }
    QElapsedTimer timer;
    timer.start();
    auto result = Engine::importTrace(input, output, *format);
    if (!result) {
        err << Tr::tr("ftlens-cli: %1").arg(result.error().message) << '\n';
        return Failure;
    }
    if (parser.isSet(QStringLiteral("json")))
        QTextStream(stdout) << QJsonDocument(toJson(output, result.value())).toJson(QJsonDocument::Compact) << '\n';
    else
        printText(input, output, result.value(), timer.elapsed());
    return Success;
}

} // namespace Cli
