// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace Synth {

class SynthRandom;

// How a synthetic task behaves: kernel threads run briefly and never call openat, interactive
// tasks run briefly and sleep long, batch tasks run long and open files often.
enum class TaskProfile { KernelThread, Interactive, Batch };

struct SynthTask {
    int pid = 0;
    int tgid = 0;
    std::string comm; // at most 15 bytes, like the kernel's TASK_COMM_LEN
    int prio = 120;
    TaskProfile profile = TaskProfile::Batch;
    int pinnedCpu = -1; // per-CPU kernel threads
    std::uint64_t pathBase = 0; // user-space address openat's filename points into
};

// `count` tasks with realistic comms, pids, thread groups and priorities for a machine with
// `cpus` CPUs: per-CPU kernel threads first, then desktop and build processes with threads.
std::vector<SynthTask> makeTaskSet(int count, int cpus, SynthRandom& random);

} // namespace Synth
