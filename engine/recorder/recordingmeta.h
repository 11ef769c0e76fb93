// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordingwriter.h"
#include "recordoptions.h"

#include <optional>

namespace Recorder {

// The recording's meta rows: machine, kernel, clock anchors and configuration at the start...
Storage::Status writeStartMeta(Storage::RecordingWriter& writer, const RecordOptions& options, const QString& tracefsRoot,
    int cpus);
// What the decoder left out, counted.
struct DecodeCounts {
    std::int64_t unknownEvents = 0;
    std::int64_t malformedEvents = 0;
    std::int64_t ownEventsDropped = 0; // the helper's own, where the kernel could not leave them out
};

// ...and why and how it ended.
Storage::Status writeStopMeta(Storage::RecordingWriter& writer, const QString& stopReason,
    std::optional<int> commandStatus, const DecodeCounts& counts);

} // namespace Recorder
