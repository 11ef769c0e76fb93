// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the whole text importer (`ftlens-cli import`, File > Import) on the input as a
// text trace — event text, function tracer text or function_graph text, whichever it looks
// like — and then what opening the recording it made does (FuzzSupport::queryRecording).
#include "fuzzsupport.h"
#include "recordingqueries.h"

#include "ftracetextimporter.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString output = FuzzSupport::scratchPath(QStringLiteral("import.ftlens"));
    FuzzSupport::removeRecording(output);
    Engine::ImportOptions options;
    options.maxListedIssues = 100;
    Engine::FtraceTextImporter importer(options);
    auto imported = importer.importText(FuzzSupport::asText(data, size), QStringLiteral("fuzz.txt"), output);
    if (imported)
        FuzzSupport::queryRecording(output);
    FuzzSupport::removeRecording(output);
    return 0;
}
