// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "callquery.h"
#include "eventcsvexport.h"
#include "recordingreader.h"
#include "result.h"

#include <cstdint>

namespace Storage {

// Writes the calls of a scope in id order as RFC 4180 CSV with the columns
// id,parent_id,ts_ns,dur_ns,self_ns,cpu,pid,comm,depth,function (empty parent_id: none; empty
// ts_ns: the source gave durations only; empty dur_ns and self_ns: the exit was not recorded).
// Streams the rows (one SELECT, names from small caches), so a file of any size fits. A
// recording without a call table is an error naming the file. Runs on the calling thread.
Result<std::int64_t> exportCallsCsv(RecordingReader& reader, const CallScope& scope, const QString& outputPath,
    const ExportProgress& progress = {});

} // namespace Storage
