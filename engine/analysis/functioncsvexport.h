// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "callquery.h"
#include "result.h"

#include <QString>

#include <cstdint>
#include <functional>

namespace Engine {

// Writes functionStatistics() over the calls of a scope as RFC 4180 CSV:
// function,calls,total_ns,self_ns,avg_ns,max_ns, largest total first (recursion counted once in
// total; avg over finished calls). A recording without a call table is an error naming the file.
// Loads the scope's calls (loadCalls) on the calling thread; returns the rows written.
Storage::Result<std::int64_t> exportFunctionsCsv(const QString& recordingPath, const Storage::CallScope& scope,
    const QString& outputPath, const std::function<bool()>& isCancelled = {});

} // namespace Engine
