// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QString>

#include <functional>

namespace Engine {

// Builds the `call` table of a finished recording from its function tracer events:
// ftrace:funcgraph_entry/funcgraph_exit (function_graph) and ftrace:function (function), as
// the helper records them (addresses, named through the recording's `kernel_symbol` table) or as
// the text importer stores them (names). A recording without such events is left alone.
// Runs on the calling thread; isCancelled is polled now and then (a cancelled build keeps none).
// Returns the number of calls written.
Storage::Result<std::int64_t> buildRecordedCalls(const QString& recordingPath, const std::function<bool()>& isCancelled = {});

// True when the recording holds function tracer events but no call table of the current version
// (a helper killed before it built one, or a file from an older ftlens).
bool needsRecordedCalls(const QString& recordingPath);

} // namespace Engine
