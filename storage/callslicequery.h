// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "callsummaryreader.h"
#include "calltable.h"
#include "result.h"
#include "sqlitedb.h"

#include <QHash>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace Storage {

// Which calls a lane shows: one task's (its pid), or, for calls whose task the trace did not
// name (pid -1: function_graph text without funcgraph-proc), one CPU's, as pseudo-task -2 - cpu.
// Calls of one lane nest, which the index and the queries rely on.
namespace CallLaneKey {
constexpr int unknownPid = -1;
constexpr int forCpu(int cpu) { return -2 - cpu; }
constexpr bool isCpu(int key) { return key <= -2; }
constexpr int cpuOf(int key) { return -2 - key; }
} // namespace CallLaneKey

// A task with calls (the call index's call_task row); pid is a CallLaneKey.
struct CallTaskInfo {
    int pid = 0;
    std::int64_t calls = 0;
    int maxDepth = 0;
    std::int64_t busyNs = 0; // time in its outermost calls
    std::int64_t firstTs = 0;
    std::int64_t lastEnd = 0;
};

// One call as a call lane draws it.
struct CallSlice {
    std::int64_t id = 0;
    std::int64_t ts = 0;
    std::int64_t dur = 0;       // as drawn: for a call without exit (CallFlag::NoExit), up to its next sibling or the lane end
    std::int64_t self = noTime; // noTime: unknown
    std::int64_t function = 0;  // string id
    std::int32_t depth = 0;
    std::int32_t flags = 0;     // CallFlag bits
    // Saturating: a damaged call table's times are any int64 (found under UBSan).
    std::int64_t end() const
    {
        std::int64_t sum = 0;
        return __builtin_add_overflow(ts, dur, &sum) ? (dur < 0 ? INT64_MIN : INT64_MAX) : sum;
    }
};

// A call_summary row: one depth of one task in one bucket of width 2^level.
struct CallBucket {
    std::int64_t start = 0; // bucket << level
    std::int64_t busyNs = 0;
    std::int64_t calls = 0; // calls starting in it
    std::int64_t topFunction = 0;
    std::int32_t depth = 0;
};

// What one task's call lane shows for a range: single calls (level < 0) or summaries. Both are
// sorted by (depth, time), so one depth row is a contiguous, time-ordered run.
struct CallLane {
    int pid = 0;
    int level = -1;
    std::vector<CallSlice> calls;
    std::vector<CallBucket> buckets;
    int maxDepth = -1; // the deepest depth in this data
    bool isSummary() const { return level >= 0; }
    std::int64_t bucketWidth() const { return level >= 0 ? std::int64_t(1) << level : 0; }
};

// Below this many calls per pixel of the requested range, a lane gets single calls.
constexpr double defaultRawCallsPerPixel = 16;
// Depths shown in a lane (0 .. maxShownDepth); deeper calls are left out.
constexpr int maxShownDepth = 31;

struct CallLanesRequest {
    std::int64_t from = 0;
    std::int64_t to = 0;
    double nsPerPixel = 1;
    std::vector<int> pids;
    double rawCallsPerPixel = defaultRawCallsPerPixel;
    int maxDepth = maxShownDepth;
};

struct CallLanesData {
    std::int64_t from = 0;
    std::int64_t to = 0;
    double nsPerPixel = 1;
    std::vector<CallLane> lanes; // in the order of CallLanesRequest::pids
    QHash<std::int64_t, QString> functionNames; // string id -> name, for every function in lanes
};

// Read-only queries of the call index for the call lanes: cost in proportion to the pixels
// of the range (the sparse summaries of one level and the few calls between them, or at most
// rawCallsPerPixel calls per pixel), never to the calls in it. One object per worker thread; it owns its own read-only
// connection (and ATTACHes the cache-file index of a recording that could not be written).
class CallSliceQuery {
public:
    static Result<std::unique_ptr<CallSliceQuery>> open(const QString& path);

    // Whether a range with this many calls over this many pixels is shown as single calls.
    static bool useCalls(std::int64_t callsInRange, double pixels, double perPixel = defaultRawCallsPerPixel);

    // Tasks with calls, busiest first.
    Result<std::vector<CallTaskInfo>> tasks();
    Result<CallLanesData> fetch(const CallLanesRequest& request);
    Result<CallLane> lane(int pid, const CallLanesRequest& request);

private:
    CallSliceQuery(Database db, QString schema);
    Status prepare();
    Status readSummary(CallLane& lane, int pid, const CallLanesRequest& request);
    // The calls of the range, unless more than `limit` start in it: then false.
    Result<bool> readCalls(CallLane& lane, int pid, const CallLanesRequest& request, std::int64_t limit);
    Status readRunningAt(std::vector<CallSlice>& out, int pid, std::int64_t from, int maxDepth);
    Result<CallSlice> callFrom(Statement& row, std::int64_t* parent = nullptr);
    Status resolveNames(const CallLane& lane, QHash<std::int64_t, QString>& names);
    Error failed(const char* what) const;

    Database m_db;
    QString m_schema; // where the index lives: main or the attached cache
    std::optional<CallSummaryReader> m_summary;
    // [0]: by task, [1]: by CPU for calls of unknown tasks (see CallLaneKey).
    Statement m_calls[2];
    Statement m_lastBefore[2];
    Statement m_callsAt[2];
    Statement m_callById;
    Statement m_openEnd;
    Statement m_name;
    QHash<std::int64_t, QString> m_names; // every name looked up so far (functions are few)
};

} // namespace Storage
