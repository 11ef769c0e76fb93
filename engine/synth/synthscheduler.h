// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "synthformats.h"
#include "synthrandom.h"
#include "synthtaskset.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <queue>
#include <vector>

namespace Synth {

// One generated event. Tasks are indexes into the task set; -1 is the CPU's idle task
// (pid 0, swapper/N). Only the members of `type` are meaningful.
struct SynthEvent {
    SynthType type = SynthType::SchedSwitch;
    std::int64_t ts = 0; // simulation time, ns from the start
    int cpu = 0;
    int pid = 0; // common_pid: the task running on `cpu`
    int flags = 0;
    int preemptCount = 0;
    int prevTask = -1; // sched_switch
    std::int64_t prevState = 0;
    int nextTask = -1;
    int task = -1; // sched_wakeup
    int targetCpu = 0;
    std::uint64_t filename = 0; // sys_enter_openat
    std::uint64_t openFlags = 0;
    std::uint64_t mode = 0;
    std::int64_t ret = 0; // sys_exit_openat
};

// A small discrete-event simulation of a scheduler: per-CPU run queues, heavy-tailed slices,
// sleeps ended by sched_wakeup, idle gaps, and openat syscall pairs inside running slices. It
// hands out events one at a time in global time order; the same seed gives the same events.
// Owned by one thread.
class SynthScheduler {
public:
    SynthScheduler(std::vector<SynthTask> tasks, int cpus, std::uint64_t seed);

    const std::vector<SynthTask>& tasks() const { return m_tasks; }
    int cpus() const { return static_cast<int>(m_cpus.size()); }
    // The next event; the simulation runs for ever.
    const SynthEvent& next();

private:
    static constexpr std::int64_t never = INT64_MAX;

    struct CpuState {
        int current = -1;
        std::int64_t sliceEnd = never;
        std::int64_t nextSyscall = never;
        std::int64_t pendingExit = never;
        std::int64_t idleSwitchAt = never;
        std::deque<int> queue;
    };
    using Wakeup = std::pair<std::int64_t, int>; // time, task

    void start();
    std::int64_t nextTime(const CpuState& cpu) const;
    // Each returns true when it produced m_event (a slice extension produces none).
    bool runCpu(int cpu, std::int64_t now);
    bool switchTask(int cpu, std::int64_t now);
    void wake(std::int64_t now, int task);
    void startSlice(int cpu, int task, std::int64_t now);
    int pickTargetCpu(int task);
    void emitSyscallEnter(int cpu, std::int64_t now);
    void emitSyscallExit(int cpu, std::int64_t now);
    int pidOf(int task) const { return task < 0 ? 0 : m_tasks[static_cast<std::size_t>(task)].pid; }
    std::int64_t sliceLength(int task);
    std::int64_t sleepLength(int task);
    std::int64_t syscallGap(int task);

    std::vector<SynthTask> m_tasks;
    std::vector<int> m_lastCpu;
    std::vector<CpuState> m_cpus;
    std::priority_queue<Wakeup, std::vector<Wakeup>, std::greater<>> m_sleeping;
    SynthRandom m_random;
    SynthEvent m_event;
};

} // namespace Synth
