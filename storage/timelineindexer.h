// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "sqlitedb.h"
#include "timetally.h"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Storage {

// Where an index written along with the events can be taken up again: everything before `from`
// is in its tables, and `runs` are the tasks that were running on a CPU at `from` (with their
// time in earlier slices). Kept in meta `timeline_index_resume` while the events are written,
// so that a recording killed mid-way has its index completed from there, not from its start.
struct TimelineIndexResume {
    struct Run {
        int cpu = 0;
        int pid = 0;
        int prio = 0;
        std::int64_t start = 0;
        std::int64_t taskBusy = 0;
        bool operator==(const Run&) const = default;
    };
    std::int64_t from = 0;
    std::vector<Run> runs;
    bool operator==(const TimelineIndexResume&) const = default;

    std::string toText() const;
    static std::optional<TimelineIndexResume> fromText(std::string_view text);
};

// The fields of a sched_switch event the index needs.
struct SwitchFields {
    std::int64_t prevState = 0;
    std::int64_t nextPid = 0;
    std::int64_t nextPrio = 0;
};

// Writes the timeline index (Schema::createTimelineIndexTables) from events handed over one by
// one in time order, in the thread that writes them: a slice when a sched_switch ends it, and the
// rows of a summary bucket when time leaves it. Per event it does a constant amount of work per
// level, so building costs what the events cost, whatever span, gaps or slice lengths.
//
// Sparse levels of detail: buckets of 2^level ns (TimelineIndex levels) are kept only where they
// are dense (TimelineIndex::denseEvents events or more, all CPUs together); per CPU only when it
// has events there. Anything else is derived by a reader from what the bucket's neighbours say:
// a CPU without events in a bucket has no sched_switch in it either, so one task (or idle) held it
// throughout, the one running at the end of its last bucket; sparse stretches are read as events.
// Busy time is credited lazily (at a switch, or when a bucket the CPU has events in closes), so a
// long slice costs nothing per bucket it spans. Owned by the writing thread.
class TimelineIndexer {
public:
    // Inserts go to the connection's main schema, into tables that exist already.
    static Result<std::unique_ptr<TimelineIndexer>> create(Database& db);
    ~TimelineIndexer();

    void setSwitchType(int typeId) { m_switchType = typeId; }
    int switchType() const { return m_switchType; }
    // Takes up an index whose tables hold everything before resume.from (rescan the events from
    // there). Tasks' earlier time is then looked up in sched_slice when first needed.
    Status resumeFrom(const TimelineIndexResume& resume);

    // One event, in id (= time) order; sw for a sched_switch of the switch type.
    Status add(std::int64_t id, std::int64_t ts, int cpu, int typeId, const SwitchFields* sw = nullptr);
    // Inserts the rows batched so far (before the writer commits).
    Status flush();
    // The end of the recording: buckets still open are closed and running slices end at endTs.
    Status finish(std::int64_t endTs);
    // The resume point, when it moved since the last call (about every 17 s of trace time).
    std::optional<TimelineIndexResume> takeResumeChange();

private:
    static constexpr int levels = 10; // TimelineIndex::levelCount
    struct CpuBucket {
        std::int64_t bucket = INT64_MIN; // the level's bucket this belongs to; another: not touched yet
        std::int64_t events = 0;
        std::uint64_t mask = 0;
        std::int64_t busy = 0;
        TimeTally tasks;
    };
    struct CpuState {
        int cpu = 0;
        int pid = 0; // running task; 0: idle or not known yet
        int prio = 0;
        std::int64_t start = 0;
        std::array<std::int64_t, levels> accounted {}; // per level, busy time credited up to here
        std::array<CpuBucket, levels> buckets {};
    };
    struct Level {
        int shift = 0;
        std::int64_t bucket = INT64_MIN; // INT64_MIN: none open
        std::int64_t start = 0;
        std::int64_t end = 0;
        std::int64_t events = 0;
        std::uint64_t mask = 0;
        std::int64_t firstId = 0;
        std::vector<int> touched; // CPU slots with events in the open bucket
    };

    explicit TimelineIndexer(Database& db);
    Status prepare();
    CpuState& cpuState(int cpu);
    Status advance(std::int64_t ts, std::int64_t id);
    Status close(int level, std::int64_t until);
    void touch(CpuState& state, int slot, std::uint64_t bit);
    void credit(CpuState& state, std::int64_t until);
    void creditLevel(CpuState& state, std::size_t level, std::int64_t until);
    Status switchTask(CpuState& state, std::int64_t ts, const SwitchFields& sw);
    Status writeSlice(const CpuState& state, std::int64_t end, const std::int64_t* endState);
    Result<std::int64_t> taskBusy(int pid);
    void noteResumePoint(std::int64_t from);
    Status checked(int rc, const char* table);

    Database& m_db;
    BatchInsert m_slices;
    BatchInsert m_summary;
    Statement m_cpuInsert;
    std::vector<int> m_newCpus; // CPUs seen first since the last flush (timeline_cpu)
    Statement m_earlierTaskTime; // resumed builds: a task's time before the resume point
    std::int64_t m_resumedFrom = INT64_MIN;
    std::array<Level, levels> m_levels;
    std::vector<CpuState> m_cpus;
    std::unordered_map<int, int> m_slotOfCpu;
    int m_lastCpu = INT32_MIN;
    int m_lastSlot = 0;
    std::unordered_map<int, std::int64_t> m_taskBusy;
    int m_switchType = -1;
    std::int64_t m_lastTs = INT64_MIN;
    std::optional<TimelineIndexResume> m_resumeChange;
};

} // namespace Storage
