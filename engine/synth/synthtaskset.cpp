// SPDX-License-Identifier: GPL-3.0-or-later
#include "synthtaskset.h"

#include "synthrandom.h"

#include <array>
#include <cstdio>

namespace Synth {

namespace {
struct Program {
    const char* comm;
    TaskProfile profile;
    int prio;
    int maxThreads; // threads share the leader's tgid and (like the kernel) its comm or their own
};

constexpr std::array programs {
    Program { "systemd", TaskProfile::Interactive, 120, 1 },
    Program { "Xorg", TaskProfile::Interactive, 120, 2 },
    Program { "gnome-shell", TaskProfile::Interactive, 120, 6 },
    Program { "chrome", TaskProfile::Batch, 120, 12 },
    Program { "bash", TaskProfile::Interactive, 120, 1 },
    Program { "sshd", TaskProfile::Interactive, 120, 1 },
    Program { "pipewire", TaskProfile::Interactive, 111, 3 },
    Program { "make", TaskProfile::Batch, 120, 1 },
    Program { "cc1plus", TaskProfile::Batch, 120, 1 },
    Program { "ld", TaskProfile::Batch, 120, 1 },
    Program { "python3", TaskProfile::Batch, 120, 4 },
    Program { "git", TaskProfile::Batch, 120, 1 },
    Program { "node", TaskProfile::Batch, 120, 8 },
    Program { "java", TaskProfile::Batch, 120, 10 },
    Program { "postgres", TaskProfile::Batch, 120, 1 },
    Program { "nginx", TaskProfile::Interactive, 120, 2 },
    Program { "firefox", TaskProfile::Batch, 120, 10 },
    Program { "dbus-daemon", TaskProfile::Interactive, 120, 1 },
    Program { "rsyslogd", TaskProfile::Interactive, 120, 3 },
    Program { "code", TaskProfile::Batch, 120, 8 },
};

constexpr std::array threadNames { "ThreadPoolForeg", "Chrome_IOThread", "GC Thread#0", "worker", "gmain", "gdbus",
    "pool-0", "Compositor" };

void addKernelThreads(std::vector<SynthTask>& tasks, int count, int cpus, int& nextPid)
{
    // kworker/N:M, ksoftirqd/N and migration/N exist once per CPU; a few unbound workers.
    const char* const perCpu[] = { "ksoftirqd/%d", "kworker/%d:1", "migration/%d", "kworker/%d:0H" };
    for (const char* pattern : perCpu) {
        for (int cpu = 0; cpu < cpus && static_cast<int>(tasks.size()) < count; ++cpu) {
            char comm[16];
            std::snprintf(comm, sizeof comm, pattern, cpu);
            const bool migration = pattern == perCpu[2];
            const int pid = nextPid++;
            tasks.push_back({ pid, pid, comm, migration ? 0 : (pattern == perCpu[3] ? 100 : 120),
                TaskProfile::KernelThread, cpu, 0 });
        }
    }
    for (const char* comm : { "rcu_preempt", "kworker/u16:2", "kworker/u16:5", "kcompactd0", "jbd2/sda1-8" }) {
        if (static_cast<int>(tasks.size()) >= count)
            break;
        const int pid = nextPid++;
        tasks.push_back({ pid, pid, comm, 120, TaskProfile::KernelThread, -1, 0 });
    }
}

void addProcess(std::vector<SynthTask>& tasks, int count, const Program& program, SynthRandom& random, int& nextPid)
{
    const int leader = nextPid;
    const int threads = 1 + random.below(program.maxThreads);
    const std::uint64_t pathBase = 0x55d000000000ULL + (static_cast<std::uint64_t>(random.below(1 << 20)) << 12);
    for (int t = 0; t < threads && static_cast<int>(tasks.size()) < count; ++t) {
        const std::string comm
            = t == 0 || random.chance(0.5) ? program.comm : threadNames[static_cast<std::size_t>(random.below(threadNames.size()))];
        tasks.push_back({ nextPid++, leader, comm, program.prio, program.profile, -1, pathBase });
    }
    nextPid += random.below(40); // pids of tasks that exited before the recording
}
} // namespace

std::vector<SynthTask> makeTaskSet(int count, int cpus, SynthRandom& random)
{
    std::vector<SynthTask> tasks;
    tasks.reserve(static_cast<std::size_t>(count));
    int nextPid = 2;
    addKernelThreads(tasks, count / 3, cpus, nextPid);
    nextPid = 700;
    while (static_cast<int>(tasks.size()) < count)
        addProcess(tasks, count, programs[static_cast<std::size_t>(random.below(programs.size()))], random, nextPid);
    return tasks;
}

} // namespace Synth
