// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QString>

#include <functional>

namespace Storage {

// The timeline's level-of-detail index inside a recording: scheduler slices and per-CPU
// summaries at several zoom levels (see README, "The recording file"). Built once, when a
// recording is finished or on its first open; afterwards the timeline asks for what fits on
// screen and never scans all events.

// Called with the fraction done (0..1); returning false cancels.
using IndexProgress = std::function<bool(double fraction)>;

// Builds the index into the recording at path (opened read-write) unless it is already there
// in the current version. Runs on the calling thread (a worker).
// A recording that cannot be written (read-only file or directory) gets its index in a cache
// file instead (timelineIndexCachePath), which readers ATTACH; the recording stays untouched.
Status buildTimelineIndex(const QString& path, const IndexProgress& progress = {});
bool hasTimelineIndex(const QString& path);

namespace TimelineIndex {
// Stored as meta `timeline_index`; an index of another version is rebuilt.
constexpr int version = 1;
// Summary levels: bucket widths 2^firstLevel .. 2^lastLevel ns, in steps of 4x
// (65.5 us .. 17.2 s): ten levels, so that a pixel never spans more than 4 buckets.
constexpr int firstLevel = 16;
constexpr int levelStep = 2;
constexpr int levelCount = 10;
constexpr int lastLevel = firstLevel + levelStep * (levelCount - 1);
// Event type ids at or above this share the last bit of cpu_summary.type_mask.
constexpr int maskBits = 64;
// Type ids come from the file: one below 1 (damaged) shares the last bit too, never a negative shift.
inline int maskBit(int typeId) { return typeId >= 1 && typeId < maskBits ? typeId - 1 : maskBits - 1; }
} // namespace TimelineIndex

// Where the index of a recording that cannot be written goes (`ftlens/timeline/` under the
// user's generic cache directory; keyed by the file's canonical path, size and modification time).
QString timelineIndexCachePath(const QString& recordingPath);

} // namespace Storage
