// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "eventtime.h"
#include "lanebuckets.h"
#include "result.h"
#include "sqlitedb.h"

#include <cstdint>
#include <string>
#include <vector>

namespace Storage {

struct TimelineLane;

// The CPU lanes of a zoomed-out range, from the sparse index (TimelineIndexer): one pass in time
// over the stored buckets of the range's level, the events of the stretches between them (each
// holds fewer than TimelineIndex::denseEvents per bucket), and the task each CPU runs meanwhile,
// known from the slice at the range's start, the switches read and the stored buckets' end_pid.
// What it returns per bucket equals a scan of the events (busy time, task with most time,
// events, event types); merged buckets wider than the last stored level name the task with most
// time among their parts' tasks. Costs the buckets and sparse events of the range, never its
// span or its events. Owned by the thread of its connection.
class CpuSummaryReader {
public:
    // indexSchema: where the index is ("main", or the attached cache).
    static Result<CpuSummaryReader> create(Database& db, const std::string& indexSchema, int switchType, const std::string& switchTable);

    // [from, to) of width 2^level buckets (aligned by the caller) for `cpus`, into lanes[i] for cpus[i].
    Status read(std::int64_t from, std::int64_t to, int level, const std::vector<int>& cpus, EventTimeSearch& search,
        std::int64_t recordingEnd, std::vector<TimelineLane>& lanes);

private:
    struct Lane {
        LaneBuckets out;
        int pid = 0; // running task; 0: idle or unknown
        std::int64_t creditedTo = 0;
    };
    struct Run;

    CpuSummaryReader() = default;
    Status startState(std::int64_t from, const std::vector<int>& cpus, std::vector<Lane>& lanes);
    Status readEvents(std::int64_t firstId, std::int64_t endId, Run& run);
    void creditUntil(Lane& lane, std::int64_t ts, std::int64_t recordingEnd) const;

    Database* m_db = nullptr;
    Statement m_sliceAt;
    Statement m_summary;
    Statement m_events;
};

} // namespace Storage
