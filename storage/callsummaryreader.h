// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lanebuckets.h"
#include "result.h"
#include "sqlitedb.h"

#include <cstdint>
#include <string>
#include <vector>

namespace Storage {

struct CallLane;
struct CallSlice;

// One call lane of a zoomed-out range from the sparse call index (CallIndexBuilder): one pass in
// time over the stored buckets of the range's level and the calls of the stretches between
// them (fewer than CallIndex::denseCalls start per bucket there), with the call each depth runs
// meanwhile known from the calls running at the range's start, the calls read and the stored
// rows' carried call. Per (depth, bucket) it returns what a scan of the calls gives: time,
// calls starting, function with most time (merged buckets wider than the last stored level:
// with most time among their parts' functions). Owned by the thread of its connection.
class CallSummaryReader {
public:
    static Result<CallSummaryReader> create(Database& db, const std::string& indexSchema);

    // [from, to) aligned to 2^level by the caller; running: the calls running at `from`.
    Status read(int lane, std::int64_t from, std::int64_t to, int level, int maxDepth, const std::vector<CallSlice>& running,
        CallLane& out);

private:
    struct Depth {
        std::int64_t function = 0;
        std::int64_t end = INT64_MIN; // the running call's end; INT64_MIN: none
        std::int64_t creditedTo = 0;
    };
    struct Walk;

    CallSummaryReader() = default;
    Status readCalls(int lane, std::int64_t from, std::int64_t to, Walk& walk);
    Result<std::int64_t> drawnEnd(std::int64_t id, std::int64_t ts);

    Database* m_db = nullptr;
    Statement m_summary;
    Statement m_calls[2]; // by task, by CPU (CallLaneKey)
    Statement m_openEnd;
};

} // namespace Storage
