// SPDX-License-Identifier: GPL-3.0-or-later
#include "latencyhistogram.h"

#include <algorithm>
#include <cmath>

namespace Gui {

namespace {
    std::int64_t edgeAt(int exponent, int perDecade)
    {
        return std::llround(std::pow(10.0, double(exponent) / perDecade));
    }
} // namespace

LatencyHistogram LatencyHistogram::build(const std::vector<std::int64_t>& durations, int bucketsPerDecade)
{
    LatencyHistogram h;
    h.bucketsPerDecade = std::max(1, bucketsPerDecade);
    h.calls = std::int64_t(durations.size());
    if (durations.empty())
        return h;
    const auto [minIt, maxIt] = std::minmax_element(durations.begin(), durations.end());
    const double lo = double(std::max<std::int64_t>(1, *minIt));
    const double hi = double(std::max<std::int64_t>(1, *maxIt));
    // Whole decades: the axis is labelled at powers of ten.
    h.firstExponent = int(std::floor(std::log10(lo))) * h.bucketsPerDecade;
    const int lastExponent = (int(std::floor(std::log10(hi))) + 1) * h.bucketsPerDecade;
    for (int e = h.firstExponent; e <= lastExponent; ++e)
        h.edges.push_back(edgeAt(e, h.bucketsPerDecade));
    h.counts.assign(h.edges.size() - 1, 0);
    for (const std::int64_t d : durations) {
        const std::int64_t value = std::max<std::int64_t>(1, d);
        // The logarithm picks the bucket; the edges (rounded) have the last word.
        std::size_t i
            = std::size_t(std::clamp(int(std::floor(std::log10(double(value)) * h.bucketsPerDecade)) - h.firstExponent,
                0, int(h.counts.size()) - 1));
        while (i + 1 < h.counts.size() && value >= h.edges[i + 1])
            ++i;
        while (i > 0 && value < h.edges[i])
            --i;
        ++h.counts[i];
    }
    return h;
}

} // namespace Gui
