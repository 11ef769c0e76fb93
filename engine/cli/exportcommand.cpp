// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"

#include "callcsvexport.h"
#include "chromejsonexporter.h"
#include "eventcsvexport.h"
#include "functioncsvexport.h"
#include "probecsvexport.h"
#include "filterexpression.h"
#include "recordingreader.h"
#include "tracedatexporter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <limits>

namespace Cli {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Cli)
};


// Repeatable integer option values; false (with a message) when one is not a number.
bool intValues(const QCommandLineParser& parser, const QString& name, QList<int>& out, QString& error)
{
    for (const QString& text : parser.values(name)) {
        bool ok = false;
        out << text.toInt(&ok);
        if (!ok) {
            error = Tr::tr("--%1: '%2' is not a number").arg(name, text);
            return false;
        }
    }
    return true;
}

bool timeValue(const QCommandLineParser& parser, const QString& name, std::int64_t& out, QString& error)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    out = parser.value(name).toLongLong(&ok);
    if (!ok)
        error = Tr::tr("--%1: '%2' is not a time in ns").arg(name, parser.value(name));
    return ok;
}

// The selection from the options, as the events panel would build it; false with a message.
bool filterFromOptions(const QCommandLineParser& parser, Storage::EventFilter& filter, QString& error)
{
    filter.eventTypes = parser.values(QStringLiteral("event"));
    filter.expression = parser.value(QStringLiteral("filter"));
    return intValues(parser, QStringLiteral("cpu"), filter.cpus, error)
        && intValues(parser, QStringLiteral("pid"), filter.pids, error)
        && timeValue(parser, QStringLiteral("from-ns"), filter.from, error)
        && timeValue(parser, QStringLiteral("to-ns"), filter.to, error);
}

// The scope of --table: one task and one CPU at most (a call view shows one of each), and the
// range by start time.
bool scopeFromOptions(const Storage::EventFilter& filter, Storage::CallScope& scope, QString& error)
{
    if (filter.pids.size() > 1 || filter.cpus.size() > 1) {
        error = Tr::tr("--table takes at most one --pid and one --cpu");
        return false;
    }
    if (!filter.pids.isEmpty())
        scope.pid = filter.pids.constFirst();
    if (!filter.cpus.isEmpty())
        scope.cpu = filter.cpus.constFirst();
    // EventFilter's open ends are the int64 limits; CallScope's are noTime.
    scope.from = filter.from == std::numeric_limits<std::int64_t>::min() ? Storage::noTime : filter.from;
    scope.to = filter.to == std::numeric_limits<std::int64_t>::max() ? Storage::noTime : filter.to;
    return true;
}

// --table calls|functions: the function calls of a function/function_graph recording.
int exportTable(const QCommandLineParser& parser, const Storage::EventFilter& filter, QTextStream& err)
{
    const QString table = parser.value(QStringLiteral("table"));
    auto usageError = [&err](const QString& text) {
        err << Tr::tr("ftlens-cli export: %1").arg(text) << '\n';
        return Usage;
    };
    if (table != QLatin1String("calls") && table != QLatin1String("functions"))
        return usageError(Tr::tr("--table: '%1' is not a table (calls or functions)").arg(table));
    for (const char* other : { "event", "filter", "probe" }) {
        if (parser.isSet(QString::fromLatin1(other)))
            return usageError(Tr::tr("--table cannot be combined with --%1").arg(QString::fromLatin1(other)));
    }
    Storage::CallScope scope;
    QString error;
    if (!scopeFromOptions(filter, scope, error))
        return usageError(error);
    const QString path = parser.positionalArguments().constFirst();
    auto reader = Storage::RecordingReader::open(path);
    if (!reader) {
        err << Tr::tr("ftlens-cli: %1").arg(reader.error().message) << '\n';
        return Failure;
    }
    const QString output = parser.value(QStringLiteral("o"));
    auto rows = table == QLatin1String("calls") ? Storage::exportCallsCsv(*reader.value(), scope, output)
                                                : Engine::exportFunctionsCsv(path, scope, output);
    if (!rows) {
        err << Tr::tr("ftlens-cli: %1").arg(rows.error().message) << '\n';
        return Failure;
    }
    return Success;
}

// --format trace.dat|chrome-json: the whole recording for another tool.
int exportForTool(const QCommandLineParser& parser, const QString& format, QTextStream& err)
{
    auto usageError = [&err](const QString& text) {
        err << Tr::tr("ftlens-cli export: %1").arg(text) << '\n';
        return Usage;
    };
    for (const char* other : { "event", "filter", "cpu", "pid", "from-ns", "to-ns", "probe", "table" }) {
        if (parser.isSet(QString::fromLatin1(other)))
            return usageError(Tr::tr("--format %1 writes the whole recording: --%2 does not apply").arg(format, QString::fromLatin1(other)));
    }
    const QString output = parser.value(QStringLiteral("o"));
    if (output == QLatin1String("-"))
        return usageError(Tr::tr("--format %1 writes a file: -o - is not possible").arg(format));
    Engine::ExportOptions options;
    bool ok = true;
    options.traceDatVersion = parser.isSet(QStringLiteral("trace-dat-version")) ? parser.value(QStringLiteral("trace-dat-version")).toInt(&ok) : 7;
    if (!ok || (options.traceDatVersion != 6 && options.traceDatVersion != 7))
        return usageError(Tr::tr("--trace-dat-version: '%1' is not 6 or 7").arg(parser.value(QStringLiteral("trace-dat-version"))));
    options.compression = parser.isSet(QStringLiteral("compression")) ? parser.value(QStringLiteral("compression")) : QStringLiteral("none");
    // Debian's libtracecmd compresses with zstd only (`trace-cmd list -c`); it reads zlib too.
    if (!QStringList { QStringLiteral("none"), QStringLiteral("zstd") }.contains(options.compression))
        return usageError(Tr::tr("--compression: '%1' is not none or zstd").arg(options.compression));
    if (options.compression != QLatin1String("none") && options.traceDatVersion == 6)
        return usageError(Tr::tr("--compression needs --trace-dat-version 7"));
    const QString input = parser.positionalArguments().constFirst();
    auto result = format == QLatin1String("trace.dat") ? Engine::TraceDatExporter(options).exportFile(input, output)
                                                       : Engine::ChromeJsonExporter(options).exportFile(input, output);
    if (!result) {
        err << Tr::tr("ftlens-cli: %1").arg(result.error().message) << '\n';
        return Failure;
    }
    QTextStream(stdout) << Tr::tr("%1: %2 events, %3 CPUs%4").arg(output).arg(result->events).arg(result->cpus).arg(result->note.isEmpty() ? QString() : QStringLiteral("; ") + result->note) << '\n';
    return Success;
}

void addOptions(QCommandLineParser& parser)
{
    parser.setApplicationDescription(Tr::tr("Exports the events a selection holds as CSV, in time order; or, with --format, the "
                                            "whole recording as a trace.dat (trace-cmd report, KernelShark) or as Chrome/Perfetto "
                                            "JSON trace events (Perfetto UI, chrome://tracing)."));
    parser.addPositionalArgument(QStringLiteral("FILE"), Tr::tr("The .ftlens recording."));
    parser.addOptions(exportOptions());
    parser.addHelpOption();
}
} // namespace

QList<QCommandLineOption> exportOptions()
{
    return {
        { QStringLiteral("event"),
            Tr::tr("Only this event type; repeatable; none means all. With exactly one, one column per field."),
            QStringLiteral("SYSTEM:EVENT") },
        { QStringLiteral("cpu"), Tr::tr("Only events on this CPU; repeatable."), QStringLiteral("N") },
        { QStringLiteral("pid"), Tr::tr("Only events of this task; repeatable."), QStringLiteral("PID") },
        { QStringLiteral("from-ns"), Tr::tr("Only events with ts >= T (trace clock ns)."), QStringLiteral("T") },
        { QStringLiteral("to-ns"), Tr::tr("Only events with ts < T (trace clock ns)."), QStringLiteral("T") },
        { QStringLiteral("filter"),
            Tr::tr("Field expression, e.g. 'prev_state == 1'. A field none of the selected event types has is an error "
                   "that lists the fields they have."),
            QStringLiteral("EXPR") },
        { QStringLiteral("probe"),
            Tr::tr("The paired calls of a probe (entry with its return), named as the recording or the imported text "
                   "names it: ts_ns,cpu,pid,comm, the arguments, ret, ret_text, latency_ns, decoded columns, status."),
            QStringLiteral("NAME") },
        { QStringLiteral("table"),
            Tr::tr("A table of the function calls instead of events: 'calls' (id,parent_id,ts_ns,dur_ns,self_ns,cpu,pid,"
                   "comm,depth,function, one row per call) or 'functions' (function,calls,total_ns,self_ns,avg_ns,max_ns). "
                   "Scoped by one --pid, one --cpu, --from-ns and --to-ns (a call's start)."),
            QStringLiteral("TABLE") },
        { QStringLiteral("format"),
            Tr::tr("csv (the default), trace.dat (trace-cmd's file, for trace-cmd report and KernelShark) or chrome-json "
                   "(trace events for Perfetto UI and chrome://tracing); the last two write the whole recording."),
            QStringLiteral("FORMAT") },
        { QStringLiteral("trace-dat-version"), Tr::tr("With --format trace.dat: the file version, 6 or 7 (the default)."), QStringLiteral("N") },
        { QStringLiteral("compression"), Tr::tr("With --format trace.dat version 7: none (the default) or zstd."), QStringLiteral("NAME") },
        { { QStringLiteral("o"), QStringLiteral("output") }, Tr::tr("Output file, - for stdout (CSV only)."), QStringLiteral("OUT") },
    };
}

int exportCsv(const QStringList& arguments)
{
    QCommandLineParser parser;
    addOptions(parser);
    QTextStream err(stderr);
    auto usageError = [&err](const QString& text) {
        err << Tr::tr("ftlens-cli export: %1").arg(text) << '\n';
        return Usage;
    };
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (printHelpIfAsked(parser))
        return Success;
    if (parser.positionalArguments().size() != 1)
        return usageError(Tr::tr("expected one FILE"));
    if (!parser.isSet(QStringLiteral("o")))
        return usageError(Tr::tr("-o OUT.csv is required (- for stdout)"));
    const QString format = parser.isSet(QStringLiteral("format")) ? parser.value(QStringLiteral("format")) : QStringLiteral("csv");
    if (format == QLatin1String("trace.dat") || format == QLatin1String("chrome-json"))
        return exportForTool(parser, format, err);
    if (format != QLatin1String("csv"))
        return usageError(Tr::tr("--format: '%1' is not csv, trace.dat or chrome-json").arg(format));
    for (const char* other : { "trace-dat-version", "compression" }) {
        if (parser.isSet(QString::fromLatin1(other)))
            return usageError(Tr::tr("--%1 applies to --format trace.dat only").arg(QString::fromLatin1(other)));
    }
    Storage::EventFilter filter;
    QString error;
    if (!filterFromOptions(parser, filter, error))
        return usageError(error);
    if (const auto expression = Storage::FilterExpression::parse(filter.expression); !expression.isValid())
        return usageError(Tr::tr("--filter: %1").arg(expression.errorText()));
    if (parser.isSet(QStringLiteral("table")))
        return exportTable(parser, filter, err);
    if (parser.isSet(QStringLiteral("probe"))) {
        // The probe table has its own selection (the app's Probe Arguments panel filters): an
        // event selection given with it would be ignored, so it is refused.
        for (const char* other : { "event", "filter", "cpu", "pid", "from-ns", "to-ns" }) {
            if (parser.isSet(QString::fromLatin1(other)))
                return usageError(Tr::tr("--probe cannot be combined with --%1").arg(QString::fromLatin1(other)));
        }
    }

    auto reader = Storage::RecordingReader::open(parser.positionalArguments().constFirst());
    if (!reader) {
        err << Tr::tr("ftlens-cli: %1").arg(reader.error().message) << '\n';
        return Failure;
    }
    if (parser.isSet(QStringLiteral("probe"))) {
        auto calls = Engine::exportProbeCsv(*reader.value(), parser.value(QStringLiteral("probe")), parser.value(QStringLiteral("o")));
        if (!calls) {
            err << Tr::tr("ftlens-cli: %1").arg(calls.error().message) << '\n';
            return Failure;
        }
        return Success;
    }
    auto rows = Storage::exportEventsCsv(*reader.value(), filter, parser.value(QStringLiteral("o")));
    if (!rows) {
        err << Tr::tr("ftlens-cli: %1").arg(rows.error().message) << '\n';
        return Failure;
    }
    return Success;
}

} // namespace Cli
