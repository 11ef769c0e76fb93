// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: a trace.dat whose bytes are the input, imported as `ftlens-cli import --format
// trace.dat` does (Engine::importTrace: TraceDatLayout checks every size and offset first, then
// libtracecmd reads the records and the recorder's decoder stores them), then the recording it
// made opened and queried as the app does. Seeds are small trace.dat files of versions 6 and 7
// (none, zstd, zlib) written by ftlens's own export; a run adds the corpus's smallest trace.dat.
#include "fuzzsupport.h"
#include "recordingqueries.h"

#include "traceimport.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString input = FuzzSupport::scratchPath(QStringLiteral("input.dat"));
    const QString output = FuzzSupport::scratchPath(QStringLiteral("tracedat.ftlens"));
    FuzzSupport::removeRecording(output);
    if (!FuzzSupport::writeFile(input, data, size))
        return 0;
    auto result = Engine::importTrace(input, output, Engine::TraceFormat::TraceDat);
    if (result) {
        FuzzSupport::require(result->events >= 0 && result->cpus >= 0, "an import reported negative counts");
        FuzzSupport::queryRecording(output);
    } else {
        FuzzSupport::require(result.error().message.contains(input) || result.error().message.contains(output),
            "an import error that names neither the input nor the output");
    }
    FuzzSupport::removeRecording(output);
    return 0;
}
