// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ftracelineparser.h"
#include "importoptions.h"
#include "result.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace Storage {
class RecordingWriter;
}

namespace Engine {

class FtraceTextScanner;

// Imports ftrace text, as `cat trace`, `trace_pipe` and the perf-tools scripts print it, into a
// recording: event types (tracepoints, kprobes/kretprobes, uprobes/uretprobes with a synthesized
// definition so entries and returns pair by place), events in time order, tasks and meta
// (source=import). Lines it cannot read are listed in import_issue and counted in meta
// unparsed_lines. Two passes over the mapped text (types and storage first, then the rows in
// time order), no per-line allocation. function_graph text (recognised by its header or its lines)
// becomes calls instead (table `call`), and function tracer lines become calls besides their
// events. Runs on the caller's thread: call it from a worker.
class FtraceTextImporter {
public:
    explicit FtraceTextImporter(ImportOptions options = {}, TextDialect dialect = TextDialect::Ftrace);

    // inputPath "-" reads standard input.
    Storage::Result<ImportResult> importFile(const QString& inputPath, const QString& outputPath);
    // Text already in memory; inputName is what meta 'input' and messages call it.
    Storage::Result<ImportResult> importText(std::string_view text, const QString& inputName, const QString& outputPath);

private:
    Storage::Result<ImportResult> readFile(const QString& inputPath, const QString& outputPath);
    Storage::Result<ImportResult> importAnyText(
        std::string_view text, const QString& inputName, const QString& outputPath);
    Storage::Result<ImportResult> importFunctionGraph(std::string_view text, const QString& inputName, const QString& outputPath);
    Storage::Status write(Storage::RecordingWriter& writer, FtraceTextScanner& scan, const QString& inputName,
        std::string_view text, ImportResult& result);
    void report(int permille);
    bool cancelled() const { return m_options.isCancelled && m_options.isCancelled(); }

    ImportOptions m_options;
    TextDialect m_dialect = TextDialect::Ftrace;
    int m_lastPermille = -1;
};

} // namespace Engine
