// SPDX-License-Identifier: GPL-3.0-or-later
#include "synthrecording.h"

#include "recordingwriter.h"
#include "synthformats.h"
#include "synthscheduler.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSysInfo>

#include <array>
#include <cmath>
#include <string>

namespace Synth {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Synth)
};

// Where the simulated clock starts: 1000 s after boot, as CLOCK_MONOTONIC would read.
constexpr std::int64_t monoAnchorNs = 1'000'000'000'000;
constexpr std::int64_t firstEventNs = monoAnchorNs + 1'000'000;
constexpr std::int64_t commitEvery = 250'000;
constexpr std::int64_t progressEvery = 65'536;
// Bytes each event takes in the kernel's ring buffer (8-byte header + the format's payload).
constexpr std::array<std::int64_t, synthTypeCount> ringBytes { 8 + 64, 8 + 36, 8 + 48, 8 + 24 };

std::string isoTime(const QDateTime& time) { return time.toString(Qt::ISODateWithMs).toStdString(); }

// How much the simulated time is stretched so that `events` span `durationMs`: a dry run of the
// same simulation (it is deterministic and costs a fraction of the writing).
double timeScale(const SynthOptions& options, const std::vector<SynthTask>& tasks)
{
    if (options.durationMs <= 0 || options.events <= 1)
        return 1.0;
    SynthScheduler dryRun(tasks, options.cpus, options.seed);
    std::int64_t last = 0;
    for (std::int64_t i = 0; i < options.events; ++i)
        last = dryRun.next().ts;
    return last > 0 ? static_cast<double>(options.durationMs) * 1e6 / static_cast<double>(last) : 1.0;
}

// Writes the events of one simulation into a RecordingWriter. Owned by the calling thread.
class SynthWriter {
public:
    SynthWriter(Storage::RecordingWriter& writer, const SynthOptions& options)
        : m_writer(writer)
        , m_options(options)
        , m_entries(static_cast<std::size_t>(options.cpus), 0)
        , m_bytes(static_cast<std::size_t>(options.cpus), 0)
    {
    }

    Storage::Status writeHeader(const std::vector<SynthTask>& tasks);
    Storage::Status writeEvents(SynthScheduler& scheduler, double scale, const SynthProgress& progress);
    Storage::Status writeTrailer();
    std::int64_t lastTs() const { return m_lastTs; }

private:
    Storage::Status writeEvent(const SynthEvent& event, std::int64_t ts);
    std::int64_t commOf(int task, int cpu) const
    {
        return task < 0 ? m_swapperIds[static_cast<std::size_t>(cpu)] : m_commIds[static_cast<std::size_t>(task)];
    }
    int prioOf(int task) const { return task < 0 ? 120 : (*m_tasks)[static_cast<std::size_t>(task)].prio; }

    Storage::RecordingWriter& m_writer;
    const SynthOptions& m_options;
    const std::vector<SynthTask>* m_tasks = nullptr;
    std::array<int, synthTypeCount> m_typeIds {};
    std::vector<std::int64_t> m_commIds;
    std::vector<std::int64_t> m_swapperIds;
    std::vector<std::int64_t> m_entries;
    std::vector<std::int64_t> m_bytes;
    std::int64_t m_lastTs = firstEventNs;
};

Storage::Status SynthWriter::writeHeader(const std::vector<SynthTask>& tasks)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const std::string sources = R"([{"filter":"","kind":"event","text":"sched:sched_switch"},)"
                                R"({"filter":"","kind":"event","text":"sched:sched_wakeup"},)"
                                R"({"filter":"","kind":"event","text":"syscalls:sys_enter_openat"},)"
                                R"({"filter":"","kind":"event","text":"syscalls:sys_exit_openat"}])";
    const std::pair<const char*, std::string> meta[] = {
        { "source", "synth" },
        { "tool", "ftlens-cli synth " FTLENS_VERSION },
        { "host", QSysInfo::machineHostName().toStdString() },
        { "kernel_release", "synthetic" },
        { "kernel_version", "synthetic" },
        { "arch", "x86_64" }, // the formats and syscall numbers are x86_64's
        { "cpus", std::to_string(m_options.cpus) },
        { "trace_clock", "mono" },
        { "clock_mono_anchor_ns", std::to_string(monoAnchorNs) },
        { "clock_realtime_anchor_ns", std::to_string(now.toMSecsSinceEpoch() * 1'000'000) },
        { "start_time", isoTime(now) },
        { "tracer", "nop" },
        { "sources", sources },
        { "pids", "" },
        { "command", "" },
        { "unknown_events", "0" },
        { "malformed_events", "0" },
        { "synth_events", std::to_string(m_options.events) },
        { "synth_tasks", std::to_string(tasks.size()) },
        { "synth_seed", std::to_string(m_options.seed) },
    };
    for (const auto& [key, value] : meta) {
        if (Storage::Status s = m_writer.setMeta(key, value); !s)
            return s;
    }
    const std::vector<Storage::EventTypeSpec> types = synthEventTypes();
    for (std::size_t i = 0; i < types.size(); ++i) {
        auto id = m_writer.addEventType(types[i]);
        if (!id)
            return id.error();
        m_typeIds[i] = id.value();
    }
    m_tasks = &tasks;
    for (const SynthTask& task : tasks) {
        if (Storage::Status s = m_writer.setTask(task.pid, task.tgid, task.comm); !s)
            return s;
        m_commIds.push_back(m_writer.intern(task.comm));
    }
    for (int cpu = 0; cpu < m_options.cpus; ++cpu)
        m_swapperIds.push_back(m_writer.intern("swapper/" + std::to_string(cpu)));
    return m_writer.commit();
}

Storage::Status SynthWriter::writeEvent(const SynthEvent& e, std::int64_t ts)
{
    const auto type = static_cast<std::size_t>(e.type);
    m_writer.beginEvent(m_typeIds[type], ts, e.cpu, e.pid, e.flags, e.preemptCount);
    switch (e.type) {
    case SynthType::SchedSwitch:
        m_writer.setInt(0, commOf(e.prevTask, e.cpu)); // text fields hold string ids
        m_writer.setInt(1, e.pid);
        m_writer.setInt(2, prioOf(e.prevTask));
        m_writer.setInt(3, e.prevState);
        m_writer.setInt(4, commOf(e.nextTask, e.cpu));
        m_writer.setInt(5, e.nextTask < 0 ? 0 : (*m_tasks)[static_cast<std::size_t>(e.nextTask)].pid);
        m_writer.setInt(6, prioOf(e.nextTask));
        break;
    case SynthType::SchedWakeup:
        m_writer.setInt(0, commOf(e.task, e.cpu));
        m_writer.setInt(1, (*m_tasks)[static_cast<std::size_t>(e.task)].pid);
        m_writer.setInt(2, prioOf(e.task));
        m_writer.setInt(3, e.targetCpu);
        break;
    case SynthType::SysEnterOpenat:
        m_writer.setInt(0, 257);
        m_writer.setInt(1, 0xffffff9cLL); // AT_FDCWD in the 8-byte unsigned dfd field
        m_writer.setInt(2, static_cast<std::int64_t>(e.filename));
        m_writer.setInt(3, static_cast<std::int64_t>(e.openFlags));
        m_writer.setInt(4, static_cast<std::int64_t>(e.mode));
        break;
    case SynthType::SysExitOpenat:
        m_writer.setInt(0, 257);
        m_writer.setInt(1, e.ret);
        break;
    }
    ++m_entries[static_cast<std::size_t>(e.cpu)];
    m_bytes[static_cast<std::size_t>(e.cpu)] += ringBytes[type];
    m_lastTs = ts;
    return m_writer.endEvent();
}

Storage::Status SynthWriter::writeEvents(SynthScheduler& scheduler, double scale, const SynthProgress& progress)
{
    for (std::int64_t i = 1; i <= m_options.events; ++i) {
        const SynthEvent& event = scheduler.next();
        const std::int64_t ts = firstEventNs + (scale == 1.0 ? event.ts : std::llround(static_cast<double>(event.ts) * scale));
        if (Storage::Status s = writeEvent(event, ts); !s)
            return s;
        if (i % commitEvery == 0) {
            if (Storage::Status s = m_writer.commit(); !s)
                return s;
        }
        if (progress && i % progressEvery == 0 && !progress(i))
            return Storage::Error { Tr::tr("%1: cancelled after %2 events").arg(m_writer.path()).arg(i) };
    }
    return {};
}

Storage::Status SynthWriter::writeTrailer()
{
    for (int cpu = 0; cpu < m_options.cpus; ++cpu) {
        const auto c = static_cast<std::size_t>(cpu);
        // Nothing lost: the kernel's counters as a reader that kept up would find them.
        if (Storage::Status s = m_writer.setCpuStats({ cpu, m_entries[c], 0, 0, 0, m_entries[c], m_bytes[c], 0 }); !s)
            return s;
    }
    const std::int64_t durationMs = (m_lastTs - firstEventNs) / 1'000'000;
    const QDateTime stop = QDateTime::currentDateTimeUtc();
    for (const auto& [key, value] : { std::pair<const char*, std::string> { "stop_time", isoTime(stop) },
             { "stop_reason", "synthetic" }, { "synth_duration_ms", std::to_string(durationMs) } }) {
        if (Storage::Status s = m_writer.setMeta(key, value); !s)
            return s;
    }
    return m_writer.finish();
}

Storage::Status checkOptions(const QString& path, const SynthOptions& options)
{
    if (options.events < 0)
        return Storage::Error { Tr::tr("%1: the number of events must not be negative").arg(path) };
    if (options.cpus < 1 || options.cpus > 4096)
        return Storage::Error { Tr::tr("%1: the number of CPUs must be between 1 and 4096").arg(path) };
    if (options.tasks < 1 || options.tasks > 1'000'000)
        return Storage::Error { Tr::tr("%1: the number of tasks must be between 1 and 1000000").arg(path) };
    return {};
}
} // namespace

Storage::Result<SynthResult> writeSyntheticRecording(const QString& path, const SynthOptions& options,
    const SynthProgress& progress)
{
    if (Storage::Status s = checkOptions(path, options); !s)
        return s.error();
    SynthRandom taskRandom(options.seed ^ 0x7461736b73ULL); // the task set does not depend on the event count
    std::vector<SynthTask> tasks = makeTaskSet(options.tasks, options.cpus, taskRandom);
    const double scale = timeScale(options, tasks);

    // The writer builds the timeline index along with the events, as the helper's does.
    auto writer = Storage::RecordingWriter::create(path, Storage::WriteMode::Durable, Storage::ExistingFile::Replace, options.buildIndex);
    if (!writer)
        return writer.error();
    SynthWriter synth(*writer.value(), options);
    if (Storage::Status s = synth.writeHeader(tasks); !s)
        return s.error();
    SynthScheduler scheduler(tasks, options.cpus, options.seed);
    if (Storage::Status s = synth.writeEvents(scheduler, scale, progress); !s)
        return s.error();
    if (Storage::Status s = synth.writeTrailer(); !s)
        return s.error();
    writer.value().reset();

    SynthResult result;
    result.events = options.events;
    result.durationNs = options.events > 0 ? synth.lastTs() - firstEventNs : 0;
    result.indexBuilt = options.buildIndex;
    return result;
}

} // namespace Synth
