// SPDX-License-Identifier: GPL-3.0-or-later
// Test support: small recordings of scheduler events written with RecordingWriter, and what the
// timeline should show of them computed by brute force (every slice, every bucket at every level).
#pragma once

#include "recordingwriter.h"

#include <QString>

#include <algorithm>
#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

namespace TimelineTest {

struct GenEvent {
    std::int64_t ts;
    int cpu;
    int type; // 1 switch, 2 wakeup, 3 tick
    int nextPid = 0;
    int nextPrio = 120;
    int prevState = 0;
};

struct Slice {
    int cpu;
    std::int64_t ts;
    std::int64_t dur;
    int pid;
    int prio;
    std::int64_t endState; // -1 = NULL
    bool operator==(const Slice&) const = default;
};

struct Bucket {
    std::int64_t busy = 0;
    std::int64_t events = 0;
    std::uint64_t mask = 0;
    std::map<int, std::int64_t> time;

    int topPid() const
    {
        int top = 0;
        std::int64_t best = -1;
        for (const auto& [pid, t] : time) {
            if (t > best) {
                best = t;
                top = pid;
            }
        }
        return top;
    }
};

// A task runs on one CPU at a time: a switch to a task running elsewhere switches to idle instead.
inline std::vector<GenEvent> oneCpuPerTask(std::vector<GenEvent> events)
{
    std::map<int, int> running; // cpu -> pid
    for (GenEvent& e : events) {
        if (e.type != 1)
            continue;
        for (const auto& [cpu, pid] : running) {
            if (cpu != e.cpu && pid == e.nextPid)
                e.nextPid = 0;
        }
        running[e.cpu] = e.nextPid;
    }
    return events;
}

// Slices by (cpu, ts): a task runs from the sched_switch naming it to the next switch on that
// CPU; the last one of a CPU ends at the last event. Idle (pid 0) and empty slices are not slices.
inline std::vector<Slice> expectedSlices(const std::vector<GenEvent>& events)
{
    std::vector<Slice> slices;
    std::map<int, Slice> running;
    for (const GenEvent& e : events) {
        if (e.type != 1)
            continue;
        if (auto it = running.find(e.cpu); it != running.end() && it->second.pid > 0 && e.ts > it->second.ts) {
            it->second.dur = e.ts - it->second.ts;
            it->second.endState = e.prevState;
            slices.push_back(it->second);
        }
        running[e.cpu] = Slice { e.cpu, e.ts, 0, e.nextPid, e.nextPrio, -1 };
    }
    for (auto& [cpu, slice] : running) {
        if (slice.pid > 0 && events.back().ts > slice.ts) {
            slice.dur = events.back().ts - slice.ts;
            slices.push_back(slice);
        }
    }
    std::sort(slices.begin(), slices.end(), [](const Slice& a, const Slice& b) { return std::tie(a.cpu, a.ts) < std::tie(b.cpu, b.ts); });
    return slices;
}

// (cpu, bucket) -> bucket at 2^level ns, by brute force over the slices and events.
inline std::map<std::pair<int, std::int64_t>, Bucket> expectedBuckets(const std::vector<GenEvent>& events,
    const std::vector<Slice>& slices, int level)
{
    std::map<std::pair<int, std::int64_t>, Bucket> buckets;
    const std::int64_t width = std::int64_t(1) << level;
    for (const Slice& s : slices) {
        for (std::int64_t b = s.ts >> level; (b << level) < s.ts + s.dur; ++b) {
            const std::int64_t overlap = std::min(s.ts + s.dur, (b + 1) * width) - std::max(s.ts, b * width);
            if (overlap > 0) {
                Bucket& bucket = buckets[{ s.cpu, b }];
                bucket.busy += overlap;
                bucket.time[s.pid] += overlap;
            }
        }
    }
    for (const GenEvent& e : events) {
        Bucket& bucket = buckets[{ e.cpu, e.ts >> level }];
        ++bucket.events;
        bucket.mask |= std::uint64_t(1) << (e.type - 1);
    }
    return buckets;
}

// bucket -> a task's time in it.
inline std::map<std::int64_t, std::int64_t> expectedTaskBusy(const std::vector<Slice>& slices, int pid, int level)
{
    std::map<std::int64_t, std::int64_t> busy;
    for (const Slice& s : slices) {
        if (s.pid != pid)
            continue;
        for (std::int64_t b = s.ts >> level; (b << level) < s.ts + s.dur; ++b)
            busy[b] += std::min(s.ts + s.dur, (b + 1) << level) - std::max(s.ts, b << level);
    }
    return busy;
}

inline Storage::EventTypeSpec makeType(const char* system, const char* name, std::vector<Storage::FieldSpec> fields)
{
    Storage::EventTypeSpec spec;
    spec.system = system;
    spec.name = name;
    spec.kind = "tracepoint";
    spec.fields = std::move(fields);
    return spec;
}

// Types 1 (sched_switch, or a look-alike the index must ignore), 2 (sched_wakeup), 3 (irq:tick).
inline QString addTypes(Storage::RecordingWriter& w, bool withSwitch)
{
    using S = Storage::Schema::FieldStorage;
    auto sw = w.addEventType(makeType(withSwitch ? "sched" : "other", "sched_switch",
        { { "prev_comm", "char[16]", S::Text, 16 }, { "prev_pid", "pid_t", S::Int, 4 }, { "prev_prio", "int", S::Int, 4 },
            { "prev_state", "long", S::Int, 8 }, { "next_comm", "char[16]", S::Text, 16 }, { "next_pid", "pid_t", S::Int, 4 },
            { "next_prio", "int", S::Int, 4 } }));
    auto wakeup = w.addEventType(makeType("sched", "sched_wakeup", { { "comm", "char[16]", S::Text, 16 }, { "pid", "pid_t", S::Int, 4 } }));
    auto tick = w.addEventType(makeType("irq", "tick", {}));
    return sw && wakeup && tick ? QString() : QStringLiteral("cannot add types");
}

inline QString addEvent(Storage::RecordingWriter& w, const GenEvent& e)
{
    w.beginEvent(e.type, e.ts, e.cpu, 1000 + e.cpu, 0, 0);
    if (e.type == 1) {
        w.setText(0, "prev");
        w.setInt(1, 1);
        w.setInt(2, 120);
        w.setInt(3, e.prevState);
        w.setText(4, "task" + std::to_string(e.nextPid));
        w.setInt(5, e.nextPid);
        w.setInt(6, e.nextPrio);
    } else if (e.type == 2) {
        w.setText(0, "woken");
        w.setInt(1, 77);
    }
    Storage::Status s = w.endEvent();
    return s ? QString() : s.error().message;
}

struct WriteOptions {
    bool withSwitch = true;
    bool timelineIndex = true;
    bool finish = true; // false: the writer is dropped as a killed helper leaves its file
    std::size_t commitEvery = 0;
};

inline QString writeRecording(const QString& path, const std::vector<GenEvent>& events, const WriteOptions& options = {})
{
    auto created = Storage::RecordingWriter::create(path, Storage::WriteMode::Durable, Storage::ExistingFile::Replace, options.timelineIndex);
    if (!created)
        return created.error().message;
    Storage::RecordingWriter& w = **created;
    if (QString problem = addTypes(w, options.withSwitch); !problem.isEmpty())
        return problem;
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (QString problem = addEvent(w, events[i]); !problem.isEmpty())
            return problem;
        if (options.commitEvery && (i + 1) % options.commitEvery == 0) {
            if (Storage::Status s = w.commit(); !s)
                return s.error().message;
        }
    }
    for (const int pid : { 100, 101, 102, 200 }) {
        if (Storage::Status s = w.setTask(pid, pid, "task" + std::to_string(pid)); !s)
            return s.error().message;
    }
    (void)w.setMeta("cpus", "3");
    if (!options.finish) {
        Storage::Status s = w.commit();
        return s ? QString() : s.error().message;
    }
    Storage::Status s = w.finish();
    return s ? QString() : s.error().message;
}

} // namespace TimelineTest
