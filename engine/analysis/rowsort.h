// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

namespace Engine {

// Orders row numbers by unsigned 64-bit keys (keys[i] belongs to rows[i]), ascending or
// descending, and stably by row number: rows with equal keys come out in ascending row order
// whatever order they came in. An LSD radix sort over only the bits the keys use (after
// subtracting the smallest; one counting pass for spans up to 2^16), so millions of rows take a
// few passes over flat arrays rather than n log n comparisons that chase row numbers through
// columns. Rows are distinct; keys is used up. runStarts, when given, gets a bitmap over the
// sorted positions: bit i is set where a run of equal keys starts. Any thread.
void sortRowsByKey(std::vector<std::uint32_t>& rows, std::vector<std::uint64_t>& keys, bool descending,
    std::vector<std::uint64_t>* runStarts = nullptr);

// Puts distinct row numbers in ascending order (a bitmap over their range).
void sortRows(std::vector<std::uint32_t>& rows);

} // namespace Engine
