// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "sqlitedb.h"
#include "timetally.h"

#include <array>
#include <cstdint>
#include <functional>
#include <queue>
#include <string>
#include <vector>

namespace Storage {

// Builds the call index (CallIndex tables, in the connection's main schema) from the `call`
// table in `src`: one pass over each lane's calls in time order (a lane is a task, or a CPU for
// calls of no known task; its calls nest).
//
// Sparse like the timeline index: a (lane, level, bucket) is stored only where
// CallIndex::denseCalls calls or more start in it, with a marker row (depth -1: the calls
// starting in it) and a row per depth that has a call starting or ending in it (time at that
// depth, calls starting, function with most time, and the call still running at its end:
// function and drawn end). A depth without such a row is held by one call throughout (the one
// its last row carries) or by none; sparse stretches are read as calls. Time is credited when
// a call ends or a bucket it has a row in closes, so a call costs the same whatever it spans.
// Calls without a recorded exit end where the next call at their depth or above starts, at
// most at their parent's end or the recording's end (table call_open_end). Owned by the
// building thread.
class CallIndexBuilder {
public:
    using Progress = std::function<bool(double fraction)>;
    CallIndexBuilder(Database& db, std::string src, Progress progress);
    ~CallIndexBuilder();

    // Writes the tables and meta call_index / call_index_calls.
    Status run();

private:
    static constexpr int levels = 10; // TimelineIndex::levelCount
    struct Frame {
        bool valid = false;
        bool open = false; // exit not recorded
        std::int64_t id = 0;
        std::int64_t ts = 0;
        std::int64_t end = 0; // recorded end; for an open call the latest it may end
        std::int64_t function = 0;
    };
    struct DepthBucket {
        std::int64_t bucket = INT64_MIN;
        std::int64_t busy = 0;
        std::int64_t calls = 0;
        TimeTally functions;
    };
    struct Depth {
        Frame frame;
        std::array<std::int64_t, levels> accounted {};
        std::array<DepthBucket, levels> buckets {};
    };
    struct Level {
        int shift = 0;
        std::int64_t bucket = INT64_MIN;
        std::int64_t start = 0;
        std::int64_t end = 0;
        std::int64_t starts = 0;
        std::vector<int> touched;
    };
    // A row whose carried call has no recorded exit: written once that call's drawn end is known.
    struct PendingRow {
        std::int64_t call = 0;
        std::array<std::int64_t, 9> values {};
        bool hasTop = false;
    };
    struct End {
        std::int64_t ts;
        int depth;
        std::int64_t id;
        bool operator>(const End& other) const { return ts > other.ts; }
    };
    struct Totals {
        std::int64_t calls = 0;
        int maxDepth = 0;
        int minDepth = INT32_MAX;
        std::int64_t firstTs = 0;
        std::int64_t lastEnd = 0;
        std::vector<std::int64_t> timeByDepth;
    };

    Status prepare();
    Status scan(const std::string& sql);
    void startLane(int lane, std::int64_t ts);
    Status finishLane();
    Status add(Frame call, int depth);
    Status endsUntil(std::int64_t ts, bool inclusive);
    Status closeFrom(int depth, std::int64_t ts);
    Status endFrame(int depth, std::int64_t end);
    Status advance(std::int64_t ts);
    Status closeBucket(int level);
    void touch(int depth, std::size_t level);
    Depth& depth(int d);
    std::int64_t parentEnd(int depth, std::int64_t ts) const;
    Status writeRow(const std::array<std::int64_t, 9>& values, bool hasTop, bool hasCarry);
    Status checked(int rc, const char* table);

    Database& m_db;
    const std::string m_src;
    Progress m_progress;
    BatchInsert m_summary;
    Statement m_task;
    Statement m_openEnd;
    std::int64_t m_recordingEnd = 0;
    std::int64_t m_total = 1;
    std::int64_t m_done = 0;

    bool m_laneStarted = false;
    int m_lane = 0;
    std::vector<Depth> m_depths;
    std::vector<int> m_valid; // depths with a running call, ascending
    std::array<Level, levels> m_levels;
    std::priority_queue<End, std::vector<End>, std::greater<End>> m_ends;
    std::vector<PendingRow> m_pending;
    Totals m_totals;
};

} // namespace Storage
