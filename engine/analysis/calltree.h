// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "callquery.h"

#include <cstdint>
#include <vector>

namespace Engine {

// Calls aggregated by call path, as hotspot and KernelShark show them. Node 0 is the root
// (no function, the sum of its children). Children are sorted by total time, largest first.
// Built on a worker in O(calls) (bottom-up: O(calls x depth)), then an immutable value.
struct CallTreeNode {
    std::int32_t function = -1; // index into LoadedCalls::functionNames; -1 for the root
    std::int32_t parent = -1;
    std::int64_t calls = 0;
    std::int64_t total = 0; // ns, calls with a known duration only
    std::int64_t self = 0;
    std::int64_t max = 0;
    std::int64_t unfinished = 0; // calls whose exit was not recorded
    std::vector<std::int32_t> children;

    std::int64_t average() const { return calls > unfinished ? total / (calls - unfinished) : 0; }
};

class CallTree {
public:
    // Top-down: a call's path is its function under its parent's path. Calls whose parent is
    // not in the scope start at the root.
    static CallTree topDown(const Storage::LoadedCalls& calls);
    // Bottom-up (callers): the root's children are the functions (self time, all their calls);
    // a node's children are the functions that called it, with the share of time spent under them.
    // As in hotspot, the figure carried along a caller path is the self time of the first
    // level's function, so here total == self for every node, and max is the largest self time
    // of one call; unfinished counts calls without a known self time.
    static CallTree bottomUp(const Storage::LoadedCalls& calls);

    const std::vector<CallTreeNode>& nodes() const { return m_nodes; }
    const CallTreeNode& node(std::int32_t index) const { return m_nodes[std::size_t(index)]; }
    // From node down along the child with the largest total each time: what "expand hot path" opens.
    std::vector<std::int32_t> hotPath(std::int32_t node) const;

private:
    std::vector<CallTreeNode> m_nodes;
};

// Per-function figures (the function statistics table and `ftlens-cli export --table functions`),
// largest total first. average, min and max are over the finished calls' own durations (so a
// recursive function's inner calls count there, but not twice in total).
struct FunctionStatistics {
    std::int32_t function = -1;
    std::int64_t calls = 0;
    std::int64_t total = 0; // ns: recursion counted once (the outermost call)
    std::int64_t self = 0;
    std::int64_t average = 0;
    std::int64_t min = 0;
    std::int64_t max = 0;
    std::int64_t unfinished = 0;
};
std::vector<FunctionStatistics> functionStatistics(const Storage::LoadedCalls& calls);

// The durations (ns) of one function's finished calls, for its latency histogram.
std::vector<std::int64_t> callDurations(const Storage::LoadedCalls& calls, std::int32_t function);

} // namespace Engine
