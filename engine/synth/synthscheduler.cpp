// SPDX-License-Identifier: GPL-3.0-or-later
#include "synthscheduler.h"

#include <algorithm>

namespace Synth {

namespace {
// prev_state values as the kernel reports them (TASK_REPORT bits).
constexpr std::int64_t stateRunning = 0;
constexpr std::int64_t stateSleeping = 1;
constexpr std::int64_t stateUninterruptible = 2;
constexpr std::int64_t stateIdle = 128; // kworkers waiting for work

constexpr int openatNr = 257;
constexpr std::uint64_t atFdcwd = 0xffffff9cULL; // AT_FDCWD as the 8-byte unsigned dfd field holds it
} // namespace

SynthScheduler::SynthScheduler(std::vector<SynthTask> tasks, int cpus, std::uint64_t seed)
    : m_tasks(std::move(tasks))
    , m_lastCpu(m_tasks.size(), 0)
    , m_cpus(static_cast<std::size_t>(std::max(cpus, 1)))
    , m_random(seed)
{
    start();
}

void SynthScheduler::start()
{
    // One task already running on each CPU (the first switch there names it as prev), the rest
    // asleep with wake-ups spread over the first moments of the recording.
    std::vector<bool> running(m_tasks.size(), false);
    for (std::size_t c = 0; c < m_cpus.size(); ++c) {
        const int task = m_random.below(static_cast<int>(m_tasks.size()));
        const SynthTask& t = m_tasks[static_cast<std::size_t>(task)];
        if (running[static_cast<std::size_t>(task)] || (t.pinnedCpu >= 0 && t.pinnedCpu != static_cast<int>(c)))
            continue; // stays idle
        running[static_cast<std::size_t>(task)] = true;
        startSlice(static_cast<int>(c), task, 0);
    }
    for (std::size_t task = 0; task < m_tasks.size(); ++task) {
        m_lastCpu[task] = m_tasks[task].pinnedCpu >= 0 ? m_tasks[task].pinnedCpu : m_random.below(cpus());
        if (!running[task])
            m_sleeping.emplace(1 + m_random.below(2'000'000) + sleepLength(static_cast<int>(task)) / 4,
                static_cast<int>(task));
    }
}

std::int64_t SynthScheduler::sliceLength(int task)
{
    switch (m_tasks[static_cast<std::size_t>(task)].profile) {
    case TaskProfile::KernelThread:
        return m_random.pareto(2'000, 1.5, 500'000);
    case TaskProfile::Interactive:
        return m_random.pareto(6'000, 1.3, 4'000'000);
    case TaskProfile::Batch:
        return m_random.pareto(25'000, 1.1, 10'000'000);
    }
    return 10'000;
}

std::int64_t SynthScheduler::sleepLength(int task)
{
    switch (m_tasks[static_cast<std::size_t>(task)].profile) {
    case TaskProfile::KernelThread:
        return m_random.pareto(300'000, 1.0, 500'000'000);
    case TaskProfile::Interactive:
        return m_random.pareto(400'000, 0.9, 1'000'000'000);
    case TaskProfile::Batch:
        return m_random.pareto(2'000'000, 1.0, 1'000'000'000);
    }
    return 1'000'000;
}

std::int64_t SynthScheduler::syscallGap(int task)
{
    switch (m_tasks[static_cast<std::size_t>(task)].profile) {
    case TaskProfile::KernelThread:
        return never; // kernel threads make no system calls
    case TaskProfile::Interactive:
        return m_random.exponential(150'000);
    case TaskProfile::Batch:
        return m_random.exponential(120'000);
    }
    return never;
}

void SynthScheduler::startSlice(int cpu, int task, std::int64_t now)
{
    CpuState& state = m_cpus[static_cast<std::size_t>(cpu)];
    state.current = task;
    state.idleSwitchAt = never;
    state.pendingExit = never;
    if (task < 0) {
        state.sliceEnd = state.nextSyscall = never;
        return;
    }
    m_lastCpu[static_cast<std::size_t>(task)] = cpu;
    state.sliceEnd = now + sliceLength(task);
    const std::int64_t gap = syscallGap(task);
    state.nextSyscall = gap == never ? never : now + gap;
}

std::int64_t SynthScheduler::nextTime(const CpuState& cpu) const
{
    if (cpu.current < 0)
        return cpu.queue.empty() ? never : cpu.idleSwitchAt;
    if (cpu.pendingExit != never)
        return cpu.pendingExit;
    return std::min(cpu.nextSyscall, cpu.sliceEnd);
}

const SynthEvent& SynthScheduler::next()
{
    for (;;) {
        int cpu = 0;
        std::int64_t cpuTime = never;
        for (std::size_t c = 0; c < m_cpus.size(); ++c) {
            const std::int64_t t = nextTime(m_cpus[c]);
            if (t < cpuTime) {
                cpuTime = t;
                cpu = static_cast<int>(c);
            }
        }
        if (!m_sleeping.empty() && m_sleeping.top().first <= cpuTime) {
            const auto [time, task] = m_sleeping.top();
            m_sleeping.pop();
            wake(time, task);
            return m_event;
        }
        if (runCpu(cpu, cpuTime))
            return m_event;
    }
}

bool SynthScheduler::runCpu(int cpu, std::int64_t now)
{
    CpuState& state = m_cpus[static_cast<std::size_t>(cpu)];
    if (state.current >= 0 && state.pendingExit == now) {
        emitSyscallExit(cpu, now);
        return true;
    }
    if (state.current >= 0 && state.nextSyscall == now && now < state.sliceEnd) {
        emitSyscallEnter(cpu, now);
        return true;
    }
    return switchTask(cpu, now);
}

bool SynthScheduler::switchTask(int cpu, std::int64_t now)
{
    CpuState& state = m_cpus[static_cast<std::size_t>(cpu)];
    const int prev = state.current;
    std::int64_t prevState = stateRunning;
    if (prev >= 0) {
        const SynthTask& task = m_tasks[static_cast<std::size_t>(prev)];
        const double sleepChance = task.profile == TaskProfile::Batch ? 0.5 : 0.9;
        const bool sleeps = task.profile == TaskProfile::KernelThread || m_random.chance(sleepChance);
        if (!sleeps && state.queue.empty()) {
            // Nothing else wants this CPU: the task simply keeps running (no event).
            startSlice(cpu, prev, now);
            return false;
        }
        if (sleeps) {
            if (task.profile == TaskProfile::KernelThread)
                prevState = task.comm.starts_with("kworker") ? stateIdle : stateSleeping;
            else
                prevState = m_random.chance(0.08) ? stateUninterruptible : stateSleeping;
            m_sleeping.emplace(now + sleepLength(prev), prev);
        } else {
            state.queue.push_back(prev);
        }
    }
    int next = -1;
    if (!state.queue.empty()) {
        next = state.queue.front();
        state.queue.pop_front();
    }
    m_event = SynthEvent { SynthType::SchedSwitch, now, cpu, pidOf(prev), 1, 2 };
    m_event.prevTask = prev;
    m_event.prevState = prevState;
    m_event.nextTask = next;
    startSlice(cpu, next, now);
    return true;
}

int SynthScheduler::pickTargetCpu(int task)
{
    const SynthTask& t = m_tasks[static_cast<std::size_t>(task)];
    if (t.pinnedCpu >= 0)
        return t.pinnedCpu;
    const int last = m_lastCpu[static_cast<std::size_t>(task)];
    if (m_cpus[static_cast<std::size_t>(last)].current < 0 || m_random.chance(0.4))
        return last;
    // Like select_idle_sibling: an idle CPU if there is one, else stay.
    const int n = cpus();
    const int first = m_random.below(n);
    for (int i = 0; i < n; ++i) {
        const int c = (first + i) % n;
        if (m_cpus[static_cast<std::size_t>(c)].current < 0)
            return c;
    }
    return last;
}

void SynthScheduler::wake(std::int64_t now, int task)
{
    const int target = pickTargetCpu(task);
    // The waker: whatever runs on some CPU (an interrupt on an idle CPU wakes as pid 0).
    const int waker = m_random.below(cpus());
    m_event = SynthEvent { SynthType::SchedWakeup, now, waker, pidOf(m_cpus[static_cast<std::size_t>(waker)].current),
        1, 3 };
    m_event.task = task;
    m_event.targetCpu = target;
    CpuState& state = m_cpus[static_cast<std::size_t>(target)];
    state.queue.push_back(task);
    if (state.current < 0 && state.idleSwitchAt == never)
        state.idleSwitchAt = now + m_random.pareto(2'000, 1.5, 200'000); // wake-up latency from idle
}

void SynthScheduler::emitSyscallEnter(int cpu, std::int64_t now)
{
    CpuState& state = m_cpus[static_cast<std::size_t>(cpu)];
    const SynthTask& task = m_tasks[static_cast<std::size_t>(state.current)];
    m_event = SynthEvent { SynthType::SysEnterOpenat, now, cpu, task.pid, 0, 0 };
    m_event.filename = task.pathBase + static_cast<std::uint64_t>(m_random.below(4096)) * 32;
    const double kind = m_random.uniform();
    m_event.openFlags = kind < 0.6 ? 0x80000 : (kind < 0.9 ? 0 : 0x241); // O_CLOEXEC, O_RDONLY, O_WRONLY|O_CREAT|O_TRUNC
    m_event.mode = kind < 0.9 ? 0 : 0666;
    // The syscall finishes inside this slice: the task is not switched out in the middle.
    state.pendingExit = now + m_random.pareto(800, 1.4, 200'000);
    state.nextSyscall = never;
    state.sliceEnd = std::max(state.sliceEnd, state.pendingExit + 1);
}

void SynthScheduler::emitSyscallExit(int cpu, std::int64_t now)
{
    CpuState& state = m_cpus[static_cast<std::size_t>(cpu)];
    const int taskIndex = state.current;
    m_event = SynthEvent { SynthType::SysExitOpenat, now, cpu, pidOf(taskIndex), 0, 0 };
    const double outcome = m_random.uniform();
    // Most opens succeed with a small fd; many probe for files that are not there (ENOENT).
    m_event.ret = outcome < 0.3 ? -2 : (outcome < 0.32 ? -13 : (outcome < 0.34 ? -20 : 3 + m_random.below(60)));
    state.pendingExit = never;
    const std::int64_t gap = syscallGap(taskIndex);
    state.nextSyscall = gap == never ? never : now + gap;
}

} // namespace Synth
