// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "indextarget.h"
#include "result.h"

#include <QString>

#include <cstdint>
#include <functional>

namespace Storage {

class Database;

// The timeline's level-of-detail index: scheduler slices and sparse per-CPU summaries (see
// TimelineIndexer and README, "The recording file"). RecordingWriter writes it along with the
// events, so a finished recording opens without building anything. A recording without it (an
// older file, one whose writer was killed, one written without) gets it built, or completed from
// where its writer left off, into the index cache; into the file itself only when asked.

// Called with the fraction done (0..1); returning false cancels.
using IndexProgress = std::function<bool(double fraction)>;

namespace TimelineIndex {
// Stored as meta `timeline_index` once complete; an index of another version is rebuilt.
// While it is being written, meta `timeline_index_resume` says where it can be taken up again.
constexpr int version = 2;
// Stored summary levels: bucket widths 2^firstLevel .. 2^lastLevel ns, in steps of 4x
// (65.5 us .. 17.2 s). Views zoomed out further merge buckets of the last level.
constexpr int firstLevel = 16;
constexpr int levelStep = 2;
constexpr int levelCount = 10;
constexpr int lastLevel = firstLevel + levelStep * (levelCount - 1);
// A bucket is stored when it holds at least this many events (all CPUs): below that a reader
// reads the events themselves, which then costs at most this much per bucket shown.
constexpr std::int64_t denseEvents = 64;
// Event type ids at or above this share the last bit of cpu_summary.type_mask.
constexpr int maskBits = 64;
// Type ids come from the file: one below 1 (damaged) shares the last bit too, never a negative shift.
inline int maskBit(int typeId) { return typeId >= 1 && typeId < maskBits ? typeId - 1 : maskBits - 1; }
// The bucket width (log2 ns) a view of nsPerPixel draws from: the widest of firstLevel +
// k * levelStep no wider than a pixel (so a pixel holds 1..4 buckets), at least firstLevel and
// without upper bound (beyond lastLevel, buckets of lastLevel are merged).
int levelFor(double nsPerPixel);
// Where a bucket ends, saturated at the end of the time range.
std::int64_t bucketEnd(std::int64_t bucket, int level);
} // namespace TimelineIndex

// Whether the recording has a complete timeline index of this version, in the file or in the cache.
bool hasTimelineIndex(const QString& path);
// Whether its own file holds one (complete, this version).
bool fileHasTimelineIndex(const QString& path);

// Builds the index unless it is complete: into the cache (its first open) or into the file. A
// recording whose writer left a resume point gets only the rest built. Runs on the calling
// thread (a worker), in one transaction: a failed or cancelled build leaves everything as it was.
Status buildTimelineIndex(const QString& path, const IndexProgress& progress = {}, IndexPlace place = IndexPlace::Cache);

// Whether db (a connection to the recording) holds a complete index in `schema`.
bool timelineIndexIn(Database& db, const std::string& schema);
// Makes the index readable through db: returns the schema that holds it, "main" or the cache
// file attached as "tl", or an error when there is none.
Result<std::string> attachTimelineIndex(Database& db);

// The index cache file of a recording (IndexCache::pathFor).
QString timelineIndexCachePath(const QString& recordingPath);

} // namespace Storage
