// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "sqlitedb.h"

#include <vector>

namespace Storage {

// The CPUs a recording holds data for, in increasing order: those with a `cpu_stats` row (the
// recorder writes one per CPU it read) and those with events (from the timeline index's
// `cpu_summary` when the recording has one, in the file or in its cache file; else one scan of
// `event`), and for a recording of calls only, those of its calls. Only ids 0..Limits::maxCpus-1 count, so a damaged
// row or a count in `meta` never makes a view loop over CPUs the data does not have. Any thread; db is the caller's
// connection.
Result<std::vector<int>> recordingCpus(Database& db);

} // namespace Storage
