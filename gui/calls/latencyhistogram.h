// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

namespace Gui {

// Call durations counted in logarithmic buckets: bucketsPerDecade per power of ten, from the
// decade of the shortest call to that of the longest. Bucket i holds [edges[i], edges[i + 1]).
// Zero-length calls count in the first bucket. A plain value; any thread.
struct LatencyHistogram {
    std::vector<std::int64_t> edges; // counts.size() + 1 entries, ns
    std::vector<std::int64_t> counts;
    int bucketsPerDecade = 4;
    int firstExponent = 0; // edges[i] = round(10^((firstExponent + i) / bucketsPerDecade))
    std::int64_t calls = 0;

    static LatencyHistogram build(const std::vector<std::int64_t>& durations, int bucketsPerDecade = 4);
    // Whether edges[i] is a power of ten (where the axis gets a label).
    bool isDecade(std::size_t edge) const { return (firstExponent + int(edge)) % bucketsPerDecade == 0; }
};

} // namespace Gui
