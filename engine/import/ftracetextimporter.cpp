// SPDX-License-Identifier: GPL-3.0-or-later
#include "ftracetextimporter.h"

#include "failure.h"
#include "ftracetextscanner.h"
#include "funcgraphtextreader.h"
#include "importedeventwriter.h"
#include "recordedcalls.h"
#include "recordingfiles.h"
#include "recordinglimits.h"
#include "recordingwriter.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>

namespace Engine {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Engine)
};

// The scan is roughly this share of the work (the rest is writing rows).
constexpr int scanPermille = 300;
// Lines are kept in import_issue up to this length.
constexpr std::size_t maxIssueText = 1000;

QString reasonText(ScanIssue::Reason reason)
{
    switch (reason) {
    case ScanIssue::Reason::NotAnEvent:
        return Tr::tr("not an ftrace event line (no COMM-PID [CPU] columns)");
    case ScanIssue::Reason::NoTimestamp:
        return Tr::tr("no timestamp after the CPU column");
    case ScanIssue::Reason::BadTimestamp:
        return Tr::tr("the timestamp is not a number of seconds");
    case ScanIssue::Reason::StackFrameAlone:
        return Tr::tr("a stack frame without its event");
    case ScanIssue::Reason::CutLastLine:
        return Tr::tr("the last line is cut short");
    case ScanIssue::Reason::CpuOutOfRange:
        return Tr::tr("the CPU number is beyond what a kernel has (CPUs 0 to %1)").arg(Storage::Limits::maxCpus - 1);
    case ScanIssue::Reason::TimestampOutOfRange:
        return Tr::tr("the timestamp is outside 0 to %1 s, what a recording holds")
            .arg(Storage::Limits::maxTimestampNs / 1000000000);
    case ScanIssue::Reason::CpuCountOutOfRange:
        return Tr::tr("the CPU count is beyond what a kernel has (at most %1); ignored").arg(Storage::Limits::maxCpus);
    case ScanIssue::Reason::TooManyEventTypes:
        return Tr::tr("an event type beyond the %1 a recording holds").arg(Storage::Limits::maxImportedEventTypes);
    case ScanIssue::Reason::TooManyFields:
        return Tr::tr("more fields than the %1 an event type holds").arg(Storage::Limits::maxFieldsPerEventType);
    }
    return {};
}

std::string_view cut(std::string_view text)
{
    if (!text.empty() && text.back() == '\r')
        text.remove_suffix(1);
    return text.substr(0, maxIssueText);
}

// Orders events by time; equal times keep the order of the text (the offset breaks ties).
bool sortByTime(std::vector<ImportedEventRef>& events)
{
    auto before = [](const ImportedEventRef& a, const ImportedEventRef& b) {
        return a.ts != b.ts ? a.ts < b.ts : a.offset < b.offset;
    };
    if (std::is_sorted(events.begin(), events.end(), before))
        return false;
    std::sort(events.begin(), events.end(), before);
    return true;
}

Storage::Status writeTasks(Storage::RecordingWriter& writer, const FtraceTextScanner& scan)
{
    std::vector<int> pids;
    for (const auto& [pid, task] : scan.tasks()) {
        if (!task.comm.empty()) // "<...>" is no name
            pids.push_back(pid);
    }
    std::sort(pids.begin(), pids.end());
    for (int pid : pids) {
        const FtraceTextScanner::Task& task = scan.tasks().at(pid);
        if (Storage::Status s = writer.setTask(pid, task.tgid, task.comm); !s)
            return s;
    }
    return {};
}

Storage::Status writeLostEvents(Storage::RecordingWriter& writer, const FtraceTextScanner& scan)
{
    for (const auto& [cpu, lost] : scan.lostEventsByCpu()) {
        Storage::CpuStats stats;
        stats.cpu = cpu;
        stats.missedEvents = lost;
        if (Storage::Status s = writer.setCpuStats(stats); !s)
            return s;
    }
    return {};
}

Storage::Status writeMeta(Storage::RecordingWriter& writer, const FtraceTextScanner& scan, const QString& inputName)
{
    const std::string input = QFileInfo(inputName).fileName().toStdString();
    const std::pair<std::string_view, std::string> entries[] = {
        { "source", "import" },
        { "import_format", scan.dialect() == TextDialect::PerfScript ? "perf-script" : "ftrace-text" },
        { "input", input },
        { "cpus", std::to_string(scan.cpus()) },
        { "trace_clock", "unknown" },
        { "unparsed_lines", std::to_string(scan.unparsedLines()) },
    };
    for (const auto& [key, value] : entries) {
        if (Storage::Status s = writer.setMeta(key, value); !s)
            return s;
    }
    return scan.tracer().empty() ? Storage::Status {} : writer.setMeta("tracer", scan.tracer());
}

Storage::Status writeIssues(Storage::RecordingWriter& writer, const FtraceTextScanner& scan, std::vector<ImportIssue>& out)
{
    for (const ScanIssue& issue : scan.issues()) {
        const QString reason = reasonText(issue.reason);
        const std::string_view text = cut(issue.text);
        if (Storage::Status s = writer.addImportIssue(issue.line, text, reason.toStdString()); !s)
            return s;
        out.push_back({ issue.line, QString::fromUtf8(text.data(), qsizetype(text.size())), reason });
    }
    return {};
}

QString graphIssueReason(const FuncGraphTextReader::Issue& issue)
{
    switch (issue.outOfRange) {
    case FuncGraphLine::OutOfRange::Cpu:
        return reasonText(ScanIssue::Reason::CpuOutOfRange);
    case FuncGraphLine::OutOfRange::Timestamp:
        return reasonText(ScanIssue::Reason::TimestampOutOfRange);
    case FuncGraphLine::OutOfRange::None:
        break;
    }
    return issue.cut ? reasonText(ScanIssue::Reason::CutLastLine) : Tr::tr("not a function_graph line");
}

// The function_graph reader's share of the work (the rest is writing the calls).
constexpr int graphReadPermille = 500;

Storage::Status writeGraphRecording(Storage::RecordingWriter& writer, const FuncGraphTextReader& reader,
    const std::vector<Storage::CallRow>& calls, const QString& inputName, std::vector<ImportIssue>& issues)
{
    for (const auto& [pid, task] : reader.tasks()) {
        if (Storage::Status s = writer.setTask(pid, 0, task.comm); !s)
            return s;
    }
    const std::string input = QFileInfo(inputName).fileName().toStdString();
    std::vector<std::pair<std::string_view, std::string>> entries = {
        { "source", "import" },
        { "import_format", "ftrace-function-graph" },
        { "input", input },
        { "tracer", "function_graph" },
        { "cpus", std::to_string(std::max(reader.cpus(), 1)) },
        { "trace_clock", "unknown" },
        { "unparsed_lines", std::to_string(reader.unparsedLines()) },
        { "comment_lines", std::to_string(reader.comments()) },
    };
    // Calls are not events: the time span of the text is kept for the views that place calls.
    // From the calls rather than the lines: a call whose entry came before the text starts
    // before the first line's time (its start is derived from its duration).
    std::int64_t first = reader.hasTimestamps() ? reader.firstTs() : 0;
    std::int64_t last = reader.hasTimestamps() ? reader.lastTs() : 0;
    for (const Storage::CallRow& call : calls) {
        if (call.ts == Storage::noTime)
            continue;
        first = std::min(first, call.ts);
        if (call.dur != Storage::noTime)
            last = std::max(last, call.ts + call.dur);
    }
    if (reader.hasTimestamps()) {
        entries.push_back({ "first_ts", std::to_string(first) });
        entries.push_back({ "last_ts", std::to_string(last) });
    }
    for (const auto& [key, value] : entries) {
        if (Storage::Status s = writer.setMeta(key, value); !s)
            return s;
    }
    for (const FuncGraphTextReader::Issue& issue : reader.issues()) {
        const QString reason = graphIssueReason(issue);
        const std::string_view text = cut(issue.text);
        if (Storage::Status s = writer.addImportIssue(issue.line, text, reason.toStdString()); !s)
            return s;
        issues.push_back({ issue.line, QString::fromUtf8(text.data(), qsizetype(text.size())), reason });
    }
    return writer.finish();
}

// Replaces the reader's name indices in calls by the recording's string ids.
Storage::Status nameCalls(Storage::CallTableWriter& writer, const FuncGraphTextReader& reader, std::vector<Storage::CallRow>& calls)
{
    std::vector<std::int64_t> ids;
    ids.reserve(reader.functionNames().size());
    for (std::string_view name : reader.functionNames()) {
        auto id = writer.intern(name);
        if (!id)
            return id.error();
        ids.push_back(id.value());
    }
    for (Storage::CallRow& call : calls)
        call.function = ids[std::size_t(call.function - 1)];
    return {};
}

Storage::Status noEventsError(const QString& inputName, const FtraceTextScanner& scan)
{
    if (scan.issues().empty())
        return {};
    const ScanIssue& first = scan.issues().front();
    return Storage::Error { Tr::tr("%1: no ftrace event lines found; line %2: %3")
                                .arg(inputName)
                                .arg(first.line)
                                .arg(reasonText(first.reason)) };
}
} // namespace

FtraceTextImporter::FtraceTextImporter(ImportOptions options, TextDialect dialect)
    : m_options(std::move(options))
    , m_dialect(dialect)
{
}

void FtraceTextImporter::report(int permille)
{
    if (permille != m_lastPermille && m_options.progress)
        m_options.progress(permille);
    m_lastPermille = permille;
}

Storage::Status FtraceTextImporter::write(Storage::RecordingWriter& writer, FtraceTextScanner& scan,
    const QString& inputName, std::string_view text, ImportResult& result)
{
    ImportedEventWriter rows(text, scan.types(), writer, m_dialect);
    if (Storage::Status s = rows.addTypes(); !s)
        return s;
    const double events = double(std::max<std::size_t>(scan.events().size(), 1));
    const Storage::Status added = rows.addEvents(scan.events(), [&](std::int64_t done) {
        report(scanPermille + int((1000 - scanPermille - 10) * double(done) / events));
        return !cancelled();
    });
    if (!added)
        return added;
    for (auto step : { writeTasks, writeLostEvents }) {
        if (Storage::Status s = step(writer, scan); !s)
            return s;
    }
    if (Storage::Status s = writeMeta(writer, scan, inputName); !s)
        return s;
    if (Storage::Status s = writeIssues(writer, scan, result.issues); !s)
        return s;
    if (Storage::Status s = writer.finish(); !s)
        return s;
    result.lines = scan.lines();
    result.events = std::int64_t(scan.events().size());
    result.unparsedLines = scan.unparsedLines();
    result.eventTypes = scan.types().typeCount();
    result.tasks = int(std::count_if(scan.tasks().begin(), scan.tasks().end(), [](const auto& t) { return !t.second.comm.empty(); }));
    result.cpus = scan.cpusWithEvents();
    return {};
}

// The public entries: an exception (an allocation a hostile input made too large) becomes the
// import's error, naming the input, and what was written of the output goes.
Storage::Result<ImportResult> FtraceTextImporter::importFile(const QString& inputPath, const QString& outputPath)
{
    return Storage::catchFailure(
        inputPath, [&] { return readFile(inputPath, outputPath); },
        [&](const QString& message) {
            Storage::removeRecordingFiles(outputPath);
            return Storage::Result<ImportResult>(Storage::Error { message });
        });
}

Storage::Result<ImportResult> FtraceTextImporter::importText(
    std::string_view text, const QString& inputName, const QString& outputPath)
{
    return Storage::catchFailure(
        inputName, [&] { return importAnyText(text, inputName, outputPath); },
        [&](const QString& message) {
            Storage::removeRecordingFiles(outputPath);
            return Storage::Result<ImportResult>(Storage::Error { message });
        });
}

Storage::Result<ImportResult> FtraceTextImporter::readFile(const QString& inputPath, const QString& outputPath)
{
    QFile file;
    const bool fromStdin = inputPath == QLatin1String("-");
    const bool opened = fromStdin ? file.open(stdin, QIODevice::ReadOnly) : (file.setFileName(inputPath), file.open(QIODevice::ReadOnly));
    if (!opened)
        return Storage::Error { Tr::tr("%1: cannot open: %2").arg(inputPath, file.errorString()) };
    if (!fromStdin && file.size() == 0)
        return Storage::Error { Tr::tr("%1: the file is empty").arg(inputPath) };
    // A regular file is mapped (no copy); a pipe is read whole.
    QByteArray whole;
    const uchar* mapped = fromStdin ? nullptr : file.map(0, file.size());
    if (!mapped)
        whole = file.readAll();
    const std::string_view text = mapped ? std::string_view(reinterpret_cast<const char*>(mapped), std::size_t(file.size()))
                                         : std::string_view(whole.constData(), std::size_t(whole.size()));
    if (text.empty())
        return Storage::Error { Tr::tr("%1: nothing to import (no text read)").arg(inputPath) };
    return importAnyText(text, fromStdin ? QStringLiteral("stdin") : inputPath, outputPath);
}

Storage::Result<ImportResult> FtraceTextImporter::importFunctionGraph(std::string_view text, const QString& inputName, const QString& outputPath)
{
    FuncGraphTextReader reader;
    const double bytes = double(std::max<std::size_t>(text.size(), 1));
    const bool read = reader.read(
        text, [&](std::uint64_t done) { report(int(graphReadPermille * double(done) / bytes)); return !cancelled(); },
        std::size_t(std::max(m_options.maxListedIssues, 0)));
    if (!read)
        return Storage::Error { Tr::tr("%1: import cancelled").arg(inputName) };
    std::vector<Storage::CallRow> calls = reader.takeCalls();
    if (calls.empty() && !reader.issues().empty())
        return Storage::Error { Tr::tr("%1: no function_graph calls found; line %2: %3")
                                    .arg(inputName)
                                    .arg(reader.issues().front().line)
                                    .arg(graphIssueReason(reader.issues().front())) };
    ImportResult result;
    auto status = [&]() -> Storage::Status {
        auto writer = Storage::RecordingWriter::create(outputPath, Storage::WriteMode::Bulk);
        if (!writer)
            return writer.error();
        if (Storage::Status s = writeGraphRecording(*writer.value(), reader, calls, inputName, result.issues); !s)
            return s;
        writer.value().reset();
        auto calltable = Storage::CallTableWriter::open(outputPath);
        if (!calltable)
            return calltable.error();
        if (Storage::Status s = nameCalls(calltable.value(), reader, calls); !s)
            return s;
        const double total = double(std::max<std::size_t>(calls.size(), 1));
        return calltable->write(calls, [&](std::int64_t done) {
            report(graphReadPermille + int((1000 - graphReadPermille - 10) * double(done) / total));
            return !cancelled();
        });
    }();
    if (!status) {
        Storage::removeRecordingFiles(outputPath);
        return cancelled() ? Storage::Error { Tr::tr("%1: import cancelled").arg(inputName) } : status.error();
    }
    result.lines = reader.lines();
    result.calls = std::int64_t(calls.size());
    result.unparsedLines = reader.unparsedLines();
    result.tasks = int(reader.tasks().size());
    result.cpus = std::max(reader.cpus(), 1);
    report(1000);
    return result;
}

Storage::Result<ImportResult> FtraceTextImporter::importAnyText(
    std::string_view text, const QString& inputName, const QString& outputPath)
{
    m_lastPermille = -1;
    report(0);
    if (m_dialect == TextDialect::Ftrace && isFunctionGraphText(text))
        return importFunctionGraph(text, inputName, outputPath);
    FtraceTextScanner scan(m_dialect);
    const double bytes = double(std::max<std::size_t>(text.size(), 1));
    const bool scanned = scan.scan(
        text, [&](std::uint64_t done) { report(int(scanPermille * double(done) / bytes)); return !cancelled(); },
        std::size_t(std::max(m_options.maxListedIssues, 0)));
    if (!scanned)
        return Storage::Error { Tr::tr("%1: import cancelled").arg(inputName) };
    if (scan.events().empty()) {
        if (Storage::Status s = noEventsError(inputName, scan); !s)
            return s.error();
    }
    ImportResult result;
    result.reordered = sortByTime(scan.events());
    // Bulk: no journal. A failed or cancelled import deletes the output below, so there is
    // nothing a journal would have to keep.
    auto writer = Storage::RecordingWriter::create(outputPath, Storage::WriteMode::Bulk);
    if (!writer)
        return writer.error();
    Storage::Status status = write(*writer.value(), scan, inputName, text, result);
    writer.value().reset();
    if (status) {
        // Function tracer lines ("func <-parent") are calls too (no durations).
        auto calls = buildRecordedCalls(outputPath, [this] { return cancelled(); });
        if (calls)
            result.calls = calls.value();
        else
            status = calls.error();
    }
    if (!status) {
        Storage::removeRecordingFiles(outputPath);
        return cancelled() ? Storage::Error { Tr::tr("%1: import cancelled").arg(inputName) } : status.error();
    }
    report(1000);
    return result;
}

} // namespace Engine
