// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "indextarget.h"
#include "result.h"
#include "timelineindex.h"

#include <QString>

#include <cstdint>
#include <string>

namespace Storage {

class Database;

// The call lanes' level-of-detail index for a recording with a `call` table (see
// CallIndexBuilder and README, "The recording file"): sparse per-task summaries by zoom level,
// time bucket and call depth, per task its totals, and the drawn end of every call whose exit
// was not recorded. CallTableWriter writes it along with the calls; a recording without it (an
// older file) gets it built into the index cache on first open, into the file only when asked.

// Whether the recording has calls but no call index of the current version for them (also
// true when the call table was rewritten since the index was built).
bool needsCallIndex(const QString& path);
bool hasCallIndex(const QString& path);
// Whether the file needs nothing for its calls: it has none, or holds a current call index itself.
bool fileHasCallIndex(const QString& path);

// Builds the index unless it is current (or the recording has no calls), into the cache or the
// file. Runs on the calling thread (a worker); one transaction, so a failed or cancelled build
// leaves everything as it was.
Status buildCallIndex(const QString& path, const IndexProgress& progress = {}, IndexPlace place = IndexPlace::Cache);

// Builds it in db's main schema from the call table of `src`, inside the caller's transaction.
Status buildCallIndexIn(Database& db, const std::string& src, const IndexProgress& progress = {});

// Makes the index readable through db (a connection to the recording): returns the schema
// that holds it, "main" or the cache file attached as "callidx", or an error when there is none.
Result<QString> attachCallIndex(Database& db);

namespace CallIndex {
// Stored as meta `call_index`; an index of another version is rebuilt. Meta `call_index_calls`
// holds the `calls` meta value it was built from.
constexpr int version = 2;
// A (task, bucket) is stored when at least this many calls start in it; below that a reader
// reads the calls themselves.
constexpr std::int64_t denseCalls = 64;
} // namespace CallIndex

} // namespace Storage
