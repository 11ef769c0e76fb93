// SPDX-License-Identifier: GPL-3.0-or-later
#include "percentile.h"

#include <cmath>
#include <limits>

namespace Engine {

std::size_t percentileIndex(std::size_t count, double fraction)
{
    if (count == 0 || !(fraction > 0)) // NaN and fractions <= 0: the minimum
        return 0;
    const double exact = std::min(fraction, 1.0) * double(count);
    const double whole = std::round(exact);
    const double rank = std::abs(exact - whole) <= 1e-9 * whole ? whole : std::ceil(exact);
    return std::size_t(std::clamp(rank, 1.0, double(count))) - 1;
}

double percentile(std::vector<double> values, double fraction)
{
    return percentileOf(std::span<double>(values), fraction).value_or(std::numeric_limits<double>::quiet_NaN());
}

} // namespace Engine
