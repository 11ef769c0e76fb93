// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "eventfilter.h"
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

// Writes the events a filter selects, in time order, as CSV. With exactly one event type in the
// filter the columns are those above (one per field); otherwise ts_ns,cpu,pid,comm,event,fields
// where fields is "name=value name=value" (EventFieldText). The events panel and
// `ftlens-cli export` both write through this, so the same selection gives the same bytes.
Result<std::int64_t> exportEventsCsv(RecordingReader& reader, const EventFilter& filter, const QString& outputPath,
    const ExportProgress& progress = {});

} // namespace Storage
