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
Status buildTimelineIndex(const QString& path, const IndexProgress& progress = {});
bool hasTimelineIndex(const QString& path);

} // namespace Storage
