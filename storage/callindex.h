// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "timelineindex.h"

#include <QString>

namespace Storage {

class Database;

// The call lanes' level-of-detail index inside a recording with a `call` table (see README,
// "The recording file"): per task, zoom level, time bucket and call depth the time spent in
// calls, how many calls start there and the function with most time; per task its totals; and
// the drawn end of every call whose exit was not recorded. Built on first open like the
// timeline index (same levels, same cache file for recordings that cannot be written), so the
// call lanes ask for what fits on screen and never scan all calls.

// Whether the recording has calls but no call index of the current version for them (also
// true when the call table was rewritten since the index was built).
bool needsCallIndex(const QString& path);
bool hasCallIndex(const QString& path);

// Builds the index unless it is current (or the recording has no calls). Runs on the calling
// thread (a worker); one transaction, so a failed or cancelled build leaves the file as it was.
// A recording that cannot be written gets it in timelineIndexCachePath() instead.
Status buildCallIndex(const QString& path, const IndexProgress& progress = {});

// Makes the index readable through db (a connection to the recording): returns the schema
// that holds it, "main" or the cache file attached as "callidx", or an error when there is none.
Result<QString> attachCallIndex(Database& db);

namespace CallIndex {
// Stored as meta `call_index`; an index of another version is rebuilt. Meta `call_index_calls`
// holds the `calls` meta value it was built from.
constexpr int version = 1;
} // namespace CallIndex

} // namespace Storage
