// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: opening and querying a recording whose bytes are the input, as a damaged or
// hostile .ftlens file reaches ftlens-cli and the app (FuzzSupport::queryRecording). Seeds are
// small valid recordings (512-byte pages), so mutations land in SQLite pages and records.
#include "fuzzsupport.h"
#include "recordingqueries.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString path = FuzzSupport::scratchPath(QStringLiteral("raw.ftlens"));
    FuzzSupport::removeRecording(path);
    if (FuzzSupport::writeFile(path, data, size))
        FuzzSupport::queryRecording(path);
    FuzzSupport::removeRecording(path);
    return 0;
}
