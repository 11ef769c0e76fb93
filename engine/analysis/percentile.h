// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace Engine {

// The one percentile definition of ftlens, used by every benchmark program, `ftlens --bench` and
// the probe table's p99: nearest rank. The percentile `fraction` (0..1) of n values is the value
// of rank ceil(fraction * n) in ascending order (1-based, at least 1): the smallest value that at
// least that fraction of the values are less than or equal to. It is always one of the values,
// never an interpolation: p50 of an even count is the lower of the two middle values, fraction 0
// gives the minimum and 1 the maximum. Pure functions; any thread.

// The 0-based index of that rank among count values (0 when count is 0). Fractions outside 0..1
// (and NaN) are clamped; fraction * n that floating point puts a hair above a whole number
// (0.07 * 100 = 7.000000000000001) is that whole number.
std::size_t percentileIndex(std::size_t count, double fraction);

// The percentile of values, reordering them (std::nth_element: linear time); none without values.
template <typename T>
std::optional<T> percentileOf(std::span<T> values, double fraction)
{
    if (values.empty())
        return std::nullopt;
    const auto nth = values.begin() + std::ptrdiff_t(percentileIndex(values.size(), fraction));
    std::nth_element(values.begin(), nth, values.end());
    return *nth;
}

// For figures (times in ms): the percentile of a copy of values; NaN without values, which a
// report must print as "no figure", never as a number.
double percentile(std::vector<double> values, double fraction);

} // namespace Engine
