// SPDX-License-Identifier: GPL-3.0-or-later
// functionStatistics() and callDurations() of calltree.h: per-function figures over loaded calls.
#include "calltree.h"

#include "callorder.h"

#include <algorithm>
#include <limits>

namespace Engine {

namespace {
using Storage::noTime;

// True when a call of the same function above this one has a known duration, which then already
// holds this call's time (recursion counted once). An unfinished outer call does not hide the
// finished inner ones: they are the only time known.
bool insideKnownSelf(const Storage::LoadedCalls& calls, const Internal::CallOrder& order, std::size_t call)
{
    const std::int32_t function = calls.function[call];
    for (std::int32_t up = order.parent(call); up >= 0; up = order.parent(std::size_t(up))) {
        if (calls.function[std::size_t(up)] == function && calls.dur[std::size_t(up)] != noTime)
            return true;
    }
    return false;
}

struct Sums {
    std::int64_t durations = 0; // all finished calls, for the average
    std::int64_t finished = 0;
    std::int64_t min = std::numeric_limits<std::int64_t>::max();
};
} // namespace

std::vector<FunctionStatistics> functionStatistics(const Storage::LoadedCalls& calls)
{
    std::size_t functions = calls.functionNames.size();
    for (const std::int32_t f : calls.function)
        functions = std::max(functions, std::size_t(f) + 1);
    std::vector<FunctionStatistics> stats(functions);
    std::vector<Sums> sums(functions);
    const Internal::CallOrder order(calls);
    for (std::size_t i = 0; i < calls.size(); ++i) {
        const std::size_t f = std::size_t(calls.function[i]);
        FunctionStatistics& s = stats[f];
        ++s.calls;
        const std::int64_t dur = calls.dur[i];
        if (dur == noTime) {
            ++s.unfinished;
            continue;
        }
        if (calls.self[i] != noTime)
            s.self += calls.self[i];
        if (!insideKnownSelf(calls, order, i))
            s.total += dur;
        s.max = std::max(s.max, dur);
        sums[f].min = std::min(sums[f].min, dur);
        sums[f].durations += dur;
        ++sums[f].finished;
    }
    for (std::size_t f = 0; f < functions; ++f) {
        stats[f].function = std::int32_t(f);
        stats[f].min = sums[f].finished ? sums[f].min : 0;
        stats[f].average = sums[f].finished ? sums[f].durations / sums[f].finished : 0;
    }
    std::erase_if(stats, [](const FunctionStatistics& s) { return s.calls == 0; });
    std::sort(stats.begin(), stats.end(), [](const FunctionStatistics& a, const FunctionStatistics& b) {
        if (a.total != b.total)
            return a.total > b.total;
        if (a.calls != b.calls)
            return a.calls > b.calls;
        return a.function < b.function;
    });
    return stats;
}

std::vector<std::int64_t> callDurations(const Storage::LoadedCalls& calls, std::int32_t function)
{
    std::vector<std::int64_t> durations;
    for (std::size_t i = 0; i < calls.size(); ++i) {
        if (calls.function[i] == function && calls.dur[i] != noTime)
            durations.push_back(calls.dur[i]);
    }
    return durations;
}

} // namespace Engine
