// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"

#include "calltable.h"
#include "recordingreader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace Cli {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

// Rows in the call table (0 without one). The writer stores the count in meta with the table,
// in one transaction; counting is for tables written without it.
Storage::Result<std::int64_t> callCount(Storage::RecordingReader& reader)
{
    if (!Storage::CallTable::exists(reader.database()))
        return std::int64_t(0);
    bool ok = false;
    const std::int64_t stored = reader.meta().value(QStringLiteral("calls")).toLongLong(&ok);
    return ok ? Storage::Result<std::int64_t>(stored) : reader.database().queryInt("SELECT COUNT(*) FROM call");
}

qint64 unparsedLines(const QMap<QString, QString>& meta)
{
    return meta.value(QStringLiteral("unparsed_lines"), QStringLiteral("0")).toLongLong();
}

QJsonObject toJson(const Storage::RecordingSummary& summary, const QMap<QString, QString>& meta, std::int64_t calls)
{
    QJsonObject byType;
    for (const auto& [name, count] : summary.eventsByType)
        byType.insert(name, static_cast<qint64>(count));
    QJsonObject metaObject;
    for (auto it = meta.begin(); it != meta.end(); ++it)
        metaObject.insert(it.key(), it.value());
    return QJsonObject {
        { QStringLiteral("cpus"), summary.cpus },
        { QStringLiteral("duration_ns"), static_cast<qint64>(summary.durationNs()) },
        { QStringLiteral("complete"), summary.complete },
        { QStringLiteral("events"), static_cast<qint64>(summary.events) },
        { QStringLiteral("lost_events"), static_cast<qint64>(summary.lostEvents) },
        { QStringLiteral("dropped_pages"), static_cast<qint64>(summary.droppedPages) },
        { QStringLiteral("events_by_type"), byType },
        { QStringLiteral("tasks"), static_cast<qint64>(summary.tasks) },
        { QStringLiteral("first_ts_ns"), static_cast<qint64>(summary.firstTs) },
        { QStringLiteral("meta"), metaObject },
        { QStringLiteral("unparsed_lines"), unparsedLines(meta) },
        { QStringLiteral("calls"), static_cast<qint64>(calls) },
    };
}

void printText(QTextStream& out, const QString& path, const Storage::RecordingSummary& summary,
    const QMap<QString, QString>& meta, std::int64_t calls)
{
    out << Tr::tr("file:        %1").arg(path) << '\n';
    if (meta.contains(QStringLiteral("kernel_release")))
        out << Tr::tr("kernel:      %1 (%2), host %3")
                   .arg(meta.value(QStringLiteral("kernel_release")), meta.value(QStringLiteral("arch")),
                       meta.value(QStringLiteral("host")))
            << '\n';
    out << Tr::tr("complete:    %1").arg(summary.complete ? Tr::tr("yes") : Tr::tr("no (recording was interrupted)"))
        << '\n';
    out << Tr::tr("cpus:        %1").arg(summary.cpus) << '\n';
    out << Tr::tr("duration:    %1 s").arg(QString::number(summary.durationNs() / 1e9, 'f', 6)) << '\n';
    out << Tr::tr("events:      %1").arg(summary.events) << '\n';
    out << Tr::tr("lost events: %1").arg(summary.lostEvents) << (summary.lostEvents > 0 ? Tr::tr("  (WARNING)") : QString()) << '\n';
    if (summary.droppedPages > 0)
        out << Tr::tr("             of them %1 for ring-buffer pages the recorder found corrupt and dropped (at least one event each)")
                   .arg(summary.droppedPages)
            << '\n';
    out << Tr::tr("tasks:       %1").arg(summary.tasks) << '\n';
    out << Tr::tr("calls:       %1").arg(calls) << '\n';
    const qint64 unparsed = unparsedLines(meta);
    out << Tr::tr("unparsed:    %1 lines%2").arg(unparsed).arg(unparsed > 0 ? Tr::tr(" (listed in table import_issue)") : QString())
        << '\n';
    out << Tr::tr("events by type:") << '\n';
    for (const auto& [name, count] : summary.eventsByType)
        out << QStringLiteral("  %1 %2").arg(count, 12).arg(name) << '\n';
}
} // namespace

QList<QCommandLineOption> infoOptions()
{
    return { { QStringLiteral("json"), Tr::tr("Print JSON.") } };
}

int info(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("Prints a summary of a recording."));
    parser.addPositionalArgument(QStringLiteral("FILE"), Tr::tr("The .ftlens recording."));
    parser.addOptions(infoOptions());
    parser.addHelpOption();
    QTextStream err(stderr);
    const bool parsed = parser.parse(arguments);
    if (parsed && printHelpIfAsked(parser))
        return Success;
    if (!parsed || parser.positionalArguments().size() != 1) {
        err << Tr::tr("ftlens-cli info: %1").arg(parsed ? Tr::tr("expected one FILE") : parser.errorText()) << '\n';
        return Usage;
    }
    const QString path = parser.positionalArguments().constFirst();
    auto reader = Storage::RecordingReader::open(path);
    if (!reader) {
        err << Tr::tr("ftlens-cli: %1").arg(reader.error().message) << '\n';
        return Failure;
    }
    auto summary = reader.value()->summary();
    if (!summary) {
        err << Tr::tr("ftlens-cli: %1").arg(summary.error().message) << '\n';
        return Failure;
    }
    auto calls = callCount(*reader.value());
    if (!calls) {
        err << Tr::tr("ftlens-cli: %1").arg(calls.error().message) << '\n';
        return Failure;
    }
    QTextStream out(stdout);
    if (parser.isSet(QStringLiteral("json")))
        out << QJsonDocument(toJson(summary.value(), reader.value()->meta(), *calls)).toJson(QJsonDocument::Compact) << '\n';
    else
        printText(out, path, summary.value(), reader.value()->meta(), *calls);
    return Success;
}

} // namespace Cli
