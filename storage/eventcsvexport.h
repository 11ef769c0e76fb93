// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordingreader.h"
#include "result.h"

#include <cstdint>
#include <functional>
#include <optional>

namespace Storage {

struct EventExportRequest {
    QString eventType; // "system:event"
    std::optional<int> pid;
    QString outputPath; // "-" for stdout
};

// Called every few thousand rows with the rows written so far; returning false cancels.
using ExportProgress = std::function<bool(std::int64_t rowsWritten)>;

// Writes the events of one type as CSV: ts_ns,cpu,pid,comm,event, then one column per field,
// named as the kernel's format names it. Runs on the calling thread (a worker in the GUI).
Result<std::int64_t> exportEventsCsv(RecordingReader& reader, const EventExportRequest& request,
    const ExportProgress& progress = {});

} // namespace Storage
