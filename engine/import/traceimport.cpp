// SPDX-License-Identifier: GPL-3.0-or-later
#include "traceimport.h"

#include "ftracelineparser.h"
#include "ftracetextimporter.h"
#include "funcgraphlineparser.h"
#include "recordingfiles.h"
#include "tracedatimporter.h"
#include "tracedatlayout.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <cstdio>

namespace Engine {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Engine)
};

constexpr std::size_t sniffBytes = 64 << 10;

// Lines of the head each dialect reads as events; the last line may be cut by the sample.
std::pair<int, int> eventLines(std::string_view head)
{
    int ftrace = 0;
    int perf = 0;
    std::size_t start = 0;
    while (start < head.size()) {
        const std::size_t end = head.find('\n', start);
        if (end == std::string_view::npos)
            break;
        const std::string_view line = head.substr(start, end - start);
        ftrace += parseFtraceLine(line).kind == FtraceLine::Kind::Event;
        perf += parsePerfScriptLine(line).kind == FtraceLine::Kind::Event;
        start = end + 1;
    }
    return { ftrace, perf };
}

// Copies standard input to a file beside the output, so the import reads a file whatever the
// size of the input (memory stays bounded) and its format can be told from its start.
Storage::Result<QString> spoolStandardInput(const QString& outputPath)
{
    QTemporaryFile spool(QFileInfo(outputPath).absoluteDir().filePath(QStringLiteral("ftlens-stdin-XXXXXX")));
    spool.setAutoRemove(false);
    QFile in;
    if (!spool.open() || !in.open(stdin, QIODevice::ReadOnly))
        return Storage::Error { Tr::tr("cannot keep standard input beside %1: %2").arg(outputPath, spool.errorString()) };
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    qint64 got = 0;
    while ((got = in.read(buffer.data(), buffer.size())) > 0) {
        if (spool.write(buffer.constData(), got) != got) {
            spool.remove();
            return Storage::Error { Tr::tr("cannot keep standard input beside %1: %2").arg(outputPath, spool.errorString()) };
        }
    }
    spool.close();
    return spool.fileName();
}

} // namespace

Storage::Result<TraceFormat> detectTraceFileFormat(const QString& path, bool requireTraceLines)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Storage::Error { Tr::tr("%1: cannot open: %2").arg(path, file.errorString()) };
    const QByteArray head = file.read(qint64(sniffBytes));
    if (head.isEmpty())
        return Storage::Error { Tr::tr("%1: the file is empty").arg(path) };
    auto format = detectTraceFormat(std::string_view(head.constData(), std::size_t(head.size())), requireTraceLines);
    if (!format)
        return Storage::Error { Tr::tr("%1: %2").arg(path, format.error().message) };
    return format;
}

namespace {
Storage::Result<ImportResult> runImporter(const QString& input, const QString& output, TraceFormat format, ImportOptions options)
{
    if (format == TraceFormat::TraceDat) {
        auto result = TraceDatImporter(std::move(options)).importFile(input, output);
        if (result)
            result->format = traceFormatName(format);
        return result;
    }
    const auto dialect = format == TraceFormat::PerfScript ? TextDialect::PerfScript : TextDialect::Ftrace;
    auto result = FtraceTextImporter(std::move(options), dialect).importFile(input, output);
    if (result)
        result->format = traceFormatName(format);
    return result;
}
} // namespace

std::optional<TraceFormat> traceFormatFromName(const QString& name)
{
    if (name == QLatin1String("auto"))
        return TraceFormat::Auto;
    if (name == QLatin1String("ftrace") || name == QLatin1String("trace-cmd-report") || name == QLatin1String("text"))
        return TraceFormat::FtraceText;
    if (name == QLatin1String("perf-script"))
        return TraceFormat::PerfScript;
    if (name == QLatin1String("trace.dat") || name == QLatin1String("trace-dat"))
        return TraceFormat::TraceDat;
    return std::nullopt;
}

QString traceFormatName(TraceFormat format)
{
    switch (format) {
    case TraceFormat::Auto:
        return QStringLiteral("auto");
    case TraceFormat::FtraceText:
        return QStringLiteral("ftrace");
    case TraceFormat::PerfScript:
        return QStringLiteral("perf-script");
    case TraceFormat::TraceDat:
        return QStringLiteral("trace.dat");
    }
    return {};
}

QStringList traceFormatNames()
{
    return { QStringLiteral("auto"), QStringLiteral("trace.dat"), QStringLiteral("ftrace"), QStringLiteral("trace-cmd-report"),
        QStringLiteral("perf-script") };
}

Storage::Result<TraceFormat> detectTraceFormat(std::string_view head, bool requireTraceLines)
{
    if (hasTraceDatMagic(head))
        return TraceFormat::TraceDat;
    if (head.starts_with("PERFILE2") || head.starts_with("PERFFILE"))
        return Storage::Error { Tr::tr("a perf.data file: import the text of `perf script -i FILE` instead") };
    if (head.starts_with(std::string_view("SQLite format 3\0", 16)))
        return Storage::Error { Tr::tr("an SQLite database (an ftlens recording opens with File > Open or as it is)") };
    if (head.substr(0, 4096).find('\0') != std::string_view::npos)
        return Storage::Error { Tr::tr("binary data, neither a trace.dat nor a text trace") };
    if (isFunctionGraphText(head))
        return TraceFormat::FtraceText;
    const auto [ftrace, perf] = eventLines(head);
    if (ftrace == 0 && perf == 0 && requireTraceLines)
        return Storage::Error { Tr::tr("text without a trace line in its first 64 KiB (neither ftrace, trace-cmd report nor perf script)") };
    return perf > ftrace ? TraceFormat::PerfScript : TraceFormat::FtraceText;
}

QString traceFormatDescription(TraceFormat format)
{
    switch (format) {
    case TraceFormat::TraceDat:
        return Tr::tr("a trace.dat (trace-cmd record's file)");
    case TraceFormat::PerfScript:
        return Tr::tr("perf script output");
    case TraceFormat::FtraceText:
        return Tr::tr("ftrace text (cat trace, trace_pipe or trace-cmd report)");
    case TraceFormat::Auto:
        break;
    }
    return Tr::tr("a trace");
}

Storage::Result<ImportResult> importTraceFile(const QString& inputPath, const QString& outputPath, TraceFormat format, ImportOptions options)
{
    if (format == TraceFormat::Auto) {
        auto detected = detectTraceFileFormat(inputPath);
        if (!detected)
            return detected.error();
        format = detected.value();
    }
    auto result = runImporter(inputPath, outputPath, format, std::move(options));
    if (!result)
        Storage::removeRecordingFiles(outputPath);
    return result;
}

Storage::Result<ImportResult> importTrace(const QString& inputPath, const QString& outputPath, TraceFormat format, ImportOptions options)
{
    QString input = inputPath;
    QString spooled;
    if (inputPath == QLatin1String("-")) {
        auto spool = spoolStandardInput(outputPath);
        if (!spool)
            return spool.error();
        input = spooled = spool.value();
    }
    if (format == TraceFormat::Auto) {
        auto detected = detectTraceFileFormat(input);
        if (!detected) {
            if (!spooled.isEmpty())
                QFile::remove(spooled);
            return detected.error();
        }
        format = detected.value();
    }
    const QString partial = Storage::partialPath(outputPath);
    auto result = runImporter(input, partial, format, std::move(options));
    if (!spooled.isEmpty())
        QFile::remove(spooled);
    if (!result) {
        Storage::removeRecordingFiles(partial);
        // The user named the output and the input; the partial file and the spool are ours.
        QString message = result.error().message;
        message.replace(partial, outputPath);
        if (!spooled.isEmpty())
            message.replace(spooled, QStringLiteral("stdin"));
        return Storage::Error { message };
    }
    if (Storage::Status s = Storage::replaceWithPartial(partial, outputPath); !s) {
        Storage::removeRecordingFiles(partial);
        return s.error();
    }
    return result;
}

} // namespace Engine
