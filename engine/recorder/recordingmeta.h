// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordingwriter.h"
#include "recordoptions.h"

#include <optional>

namespace Recorder {

// The recording's meta rows: machine, kernel, clock anchors and configuration at the start...
Storage::Status writeStartMeta(Storage::RecordingWriter& writer, const RecordOptions& options, const QString& tracefsRoot,
    int cpus);
// ...and why and how it ended.
Storage::Status writeStopMeta(Storage::RecordingWriter& writer, const QString& stopReason,
    std::optional<int> commandStatus, std::int64_t unknownEvents, std::int64_t malformedEvents);

} // namespace Recorder
