// SPDX-License-Identifier: GPL-3.0-or-later
#include "tracedatimporter.h"

#include "kernelsymbols.h"
#include "recordedcalls.h"
#include "recordingfiles.h"
#include "recordingwriter.h"
#include "tracecmdapi.h"
#include "tracedatinput.h"
#include "tracedatrecords.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <map>

namespace Engine {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Engine)
};

// Reading the records is most of an import; then the call table.
constexpr int recordsPermille = 850;

// The file's CPUSTAT option ("CPU: 0\nentries: 10\noverrun: 0\ncommit overrun: 0\n...") per CPU;
// the pages' missed-event counts on top.
std::map<int, Storage::CpuStats> cpuStats(const char* text, const std::map<int, std::int64_t>& missed)
{
    std::map<int, Storage::CpuStats> stats;
    Storage::CpuStats* current = nullptr;
    const QList<QByteArray> lines = QByteArray(text ? text : "").split('\n');
    for (const QByteArray& line : lines) {
        const int colon = line.indexOf(':');
        if (colon < 0)
            continue;
        const QByteArray key = line.left(colon).trimmed();
        bool ok = false;
        const qint64 value = line.mid(colon + 1).trimmed().toLongLong(&ok);
        if (key == "CPU" && ok) {
            current = &stats[int(value)];
            current->cpu = int(value);
        } else if (current && ok) {
            if (key == "entries")
                current->entries = value;
            else if (key == "overrun")
                current->overrun = value;
            else if (key == "commit overrun")
                current->commitOverrun = value;
            else if (key == "dropped events")
                current->droppedEvents = value;
            else if (key == "read events")
                current->readEvents = value;
            else if (key == "bytes")
                current->bytes = value;
        }
    }
    for (const auto& [cpu, count] : missed) {
        stats[cpu].cpu = cpu;
        stats[cpu].missedEvents += count;
    }
    return stats;
}

Storage::Status writeTasks(TraceDatRecords& records, tep_handle* formats, Storage::RecordingWriter& writer)
{
    Recorder::TaskNames& tasks = records.taskNames();
    for (int pid : records.pids()) {
        const char* comm = tep_data_comm_from_pid(formats, pid);
        if (comm && std::string_view(comm) != "<...>")
            tasks.note(pid, comm, Recorder::TaskNames::Source::SavedCmdlines);
    }
    return tasks.writeTo(writer);
}

QByteArray buffersJson(const TraceDatLayout& layout)
{
    QJsonArray buffers;
    for (const TraceDatBuffer& buffer : layout.buffers)
        buffers.append(QJsonObject { { QStringLiteral("name"), QString::fromStdString(buffer.name) }, { QStringLiteral("cpus"), int(buffer.cpus.size()) },
            { QStringLiteral("latency"), buffer.latency } });
    return QJsonDocument(buffers).toJson(QJsonDocument::Compact);
}

std::string tracerOf(const TraceDatRecords& records)
{
    if (records.hasType("ftrace", "funcgraph_entry") || records.hasType("ftrace", "funcgraph_exit"))
        return "function_graph";
    return records.hasType("ftrace", "function") ? "function" : "";
}

Storage::Status writeMeta(Storage::RecordingWriter& writer, const TraceDatInput& input, const TraceDatRecords& records,
    const QString& inputPath)
{
    const TraceDatLayout& layout = input.layout();
    // "Linux host 5.15.0-50-generic x86_64" (uname -a's first fields), when the file has it.
    const QStringList uname = QString::fromUtf8(tracecmd_get_uname(input.top()) ? tracecmd_get_uname(input.top()) : "")
                                  .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const char* clock = tracecmd_get_trace_clock(input.top());
    std::vector<std::pair<std::string_view, std::string>> entries = {
        { "source", "import" },
        { "import_format", "trace.dat" },
        { "input", QFileInfo(inputPath).fileName().toStdString() },
        { "trace_dat_version", std::to_string(layout.version) },
        { "trace_dat_compression", layout.compression.empty() ? "none" : layout.compression },
        { "trace_dat_buffers", buffersJson(layout).toStdString() },
        { "cpus", std::to_string(layout.cpus) },
        { "trace_clock", clock ? clock : "unknown" },
        { "unknown_events", std::to_string(records.unknownEvents()) },
        { "malformed_events", std::to_string(records.malformedEvents()) },
        { "unparsed_lines", "0" },
    };
    if (uname.size() >= 4) {
        entries.push_back({ "host", uname.at(1).toStdString() });
        entries.push_back({ "kernel_release", uname.at(2).toStdString() });
        entries.push_back({ "arch", uname.constLast().toStdString() });
    }
    if (const std::string tracer = tracerOf(records); !tracer.empty())
        entries.push_back({ "tracer", tracer });
    if (!layout.cut.isEmpty())
        entries.push_back({ "input_cut", layout.cut.toStdString() });
    for (const auto& [key, value] : entries) {
        if (Storage::Status s = writer.setMeta(key, value); !s)
            return s;
    }
    for (const auto& [cpu, stats] : cpuStats(tracecmd_get_cpustats(input.top()), records.missedEventsByCpu())) {
        if (Storage::Status s = writer.setCpuStats(stats); !s)
            return s;
    }
    return {};
}

// Names the function tracers' addresses as the file's kallsyms does (%ps: the function, no offset).
Storage::Status writeSymbols(const QString& outputPath, const TraceDatRecords& records, tep_handle* formats)
{
    std::vector<Storage::KernelSymbol> symbols;
    for (std::uint64_t address : records.kernelAddresses()) {
        if (const char* name = tep_find_function(formats, address))
            symbols.push_back({ address, name });
    }
    if (symbols.empty())
        return {};
    std::sort(symbols.begin(), symbols.end(), [](const auto& a, const auto& b) { return a.address < b.address; });
    return Storage::writeKernelSymbols(outputPath, symbols);
}
} // namespace

TraceDatImporter::TraceDatImporter(ImportOptions options)
    : m_options(std::move(options))
    , m_reporter(m_options.progress, m_options.isCancelled)
{
}

Storage::Result<ImportResult> TraceDatImporter::importFile(const QString& inputPath, const QString& outputPath)
{
    m_reporter.restart();
    report(0);
    auto input = TraceDatInput::open(inputPath, QFileInfo(outputPath).absolutePath());
    if (!input)
        return input.error();
    ImportResult result;
    const auto run = [&]() -> Storage::Status {
        auto writer = Storage::RecordingWriter::create(outputPath, Storage::WriteMode::Bulk);
        if (!writer)
            return writer.error();
        TraceDatRecords records(*input.value(), *writer.value());
        auto read = records.readAll([this](double fraction) {
            report(int(recordsPermille * fraction));
            return !cancelled();
        });
        if (!read)
            return Storage::Error { Tr::tr("%1: %2").arg(inputPath, read.error().message) };
        if (!read.value())
            return Storage::Error { Tr::tr("%1: import cancelled").arg(inputPath) };
        if (Storage::Status s = writeTasks(records, input.value()->formats(), *writer.value()); !s)
            return s;
        if (Storage::Status s = writeMeta(*writer.value(), *input.value(), records, inputPath); !s)
            return s;
        if (Storage::Status s = writer.value()->finish(); !s)
            return s;
        // Before the writer goes: the records' counts are the writer's.
        result.events = records.events();
        result.eventTypes = records.eventTypes();
        result.tasks = int(records.pids().size());
        writer.value().reset();
        if (Storage::Status s = writeSymbols(outputPath, records, input.value()->formats()); !s)
            return s;
        auto calls = buildRecordedCalls(outputPath, [this] { return cancelled(); });
        if (!calls)
            return calls.error();
        result.calls = calls.value();
        return {};
    }();
    if (!run || cancelled()) {
        Storage::removeRecordingFiles(outputPath);
        return cancelled() ? Storage::Error { Tr::tr("%1: import cancelled").arg(inputPath) } : run.error();
    }
    const TraceDatLayout& layout = input.value()->layout();
    result.cpus = layout.cpus;
    if (!layout.cut.isEmpty())
        result.warnings << Tr::tr("%1: %2; the events before the cut are imported").arg(inputPath, layout.cut);
    if (const int failures = input.value()->formatFailures(); failures > 0)
        result.warnings << Tr::tr("%1: %2 event formats could not be parsed; their events are counted as unknown").arg(inputPath).arg(failures);
    report(1000);
    return result;
}

} // namespace Engine
