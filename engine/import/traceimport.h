// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "importoptions.h"
#include "result.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <string_view>

namespace Engine {

// What an input to import is.
enum class TraceFormat {
    Auto,       // detected from the content
    FtraceText, // `cat trace`, trace_pipe, perf-tools output, `trace-cmd report` in all its layouts
    PerfScript, // `perf script` output of tracepoints and probes, with or without callchains
    TraceDat,   // trace-cmd's binary file
};

// "auto", "ftrace" (also "trace-cmd-report", "text"), "perf-script", "trace.dat"; nullopt otherwise.
std::optional<TraceFormat> traceFormatFromName(const QString& name);
QString traceFormatName(TraceFormat format);
// The names --format accepts, for messages.
QStringList traceFormatNames();

// The format of the bytes a file starts with (its first 64 KiB are enough): an Error, worded for the
// user, when they are none of the above (a perf.data, an ftlens recording, other binary data).
// Text is ftrace text unless more of its lines read as perf script's; with requireTraceLines,
// text without any trace line is an Error too (else the importer says which line it could not read).
Storage::Result<TraceFormat> detectTraceFormat(std::string_view head, bool requireTraceLines = false);
// The same from a file's first bytes; the Error names the file.
Storage::Result<TraceFormat> detectTraceFileFormat(const QString& path, bool requireTraceLines = false);

// Imports inputPath (a file) into outputPath directly with the importer of format (Auto:
// detected); a failed or cancelled import removes what it wrote. For callers that write to a
// partial file of their own (the app's ImportJob). Runs on the caller's thread.
Storage::Result<ImportResult> importTraceFile(const QString& inputPath, const QString& outputPath, TraceFormat format,
    ImportOptions options = {});

// A sentence naming what the format is ("a trace.dat (trace-cmd record)"), for the app's offer to import.
QString traceFormatDescription(TraceFormat format);

// Imports inputPath ("-": standard input, spooled to a file beside the output first) into a
// recording at outputPath with the importer of format (Auto: detected). The recording is written
// beside outputPath and put in its place only once complete, so a failed or cancelled import
// leaves no partial file and an existing file as it was. Runs on the caller's thread.
Storage::Result<ImportResult> importTrace(const QString& inputPath, const QString& outputPath, TraceFormat format,
    ImportOptions options = {});

} // namespace Engine
