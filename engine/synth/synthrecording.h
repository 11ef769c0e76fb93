// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QString>

#include <cstdint>
#include <functional>

namespace Synth {

struct SynthOptions {
    std::int64_t events = 1'000'000;
    int cpus = 8;
    int tasks = 200;
    std::uint64_t seed = 1;
    std::int64_t durationMs = 0; // 0: as long as the simulated machine takes for `events`
    bool buildIndex = true; // write the timeline index with the events, as the helper does
};

struct SynthResult {
    std::int64_t events = 0;
    std::int64_t durationNs = 0;
    bool indexBuilt = false;
};

// Called every few thousand events with the number written; returning false cancels (the file
// is then left incomplete).
using SynthProgress = std::function<bool(std::int64_t written)>;

// Writes a synthetic recording that looks like one made by ftlens-helper on a real kernel:
// sched_switch, sched_wakeup and openat syscall pairs with the kernel's formats, a task table,
// zero-loss cpu_stats, in time order. Deterministic for a given seed. Runs on the calling thread.
Storage::Result<SynthResult> writeSyntheticRecording(
    const QString& path, const SynthOptions& options, const SynthProgress& progress = {});

} // namespace Synth
