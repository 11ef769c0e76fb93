// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "sqlitedb.h"

#include <cstdint>
#include <string>

namespace Storage {

struct TimelineLane;

// A task lane of a zoomed-out range: the task's time in buckets of width 2^level. When the task
// has few slices in the range they are read one by one; otherwise each bucket's time is the
// difference of the task's running total (sched_slice.task_busy, the time in its earlier
// slices) at its two ends, one look-up each. So it costs at most about twice the buckets,
// whatever the task's slices. Owned by the thread of its connection.
class TaskBusyReader {
public:
    static Result<TaskBusyReader> create(Database& db, const std::string& indexSchema);

    // [from, to) aligned to 2^level by the caller; buckets with time go to lane.
    Status read(int pid, std::int64_t from, std::int64_t to, int level, TimelineLane& lane);

private:
    TaskBusyReader() = default;
    Status readSlices(int pid, std::int64_t from, std::int64_t to, TimelineLane& lane);
    Status readTotals(int pid, std::int64_t from, std::int64_t to, TimelineLane& lane);
    Result<std::int64_t> totalAt(int pid, std::int64_t ts);
    Result<std::int64_t> slicesIn(int pid, std::int64_t from, std::int64_t to, std::int64_t limit);

    Database* m_db = nullptr;
    Statement m_before;
    Statement m_inRange;
    Statement m_count;
};

} // namespace Storage
