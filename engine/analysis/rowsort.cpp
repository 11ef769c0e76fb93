// SPDX-License-Identifier: GPL-3.0-or-later
#include "rowsort.h"

#include <algorithm>
#include <bit>
#include <memory>
#include <utility>

namespace Engine {

namespace {
// 2048 buckets: a pass's counters stay in L1, and 32-bit keys take three passes.
constexpr int maxDigitBits = 11;
// Keys spanning up to this many bits (CPUs, statuses, ranks of texts) take one counting pass
// straight into the output: no packing, no scratch array.
constexpr int maxCountingBits = 16;
// Where the key starts in the composite number (key, row) the passes sort: rows are the low part.
constexpr int keyShift = 32;

struct Digit {
    int shift = 0; // in the composite number
    int bits = 0;
};

std::uint64_t digitMask(const Digit& digit) { return (std::uint64_t(1) << digit.bits) - 1; }

// The passes that cover `bits` bits from `from`, evenly split, each at most maxDigitBits wide.
void addDigits(std::vector<Digit>& digits, int from, int bits)
{
    if (bits <= 0)
        return;
    const int passes = (bits + maxDigitBits - 1) / maxDigitBits;
    const int width = (bits + passes - 1) / passes;
    for (int at = 0; at < bits; at += width)
        digits.push_back({ from + at, std::min(width, bits - at) });
}

// Least significant digit first; each pass is stable, so the result is ordered by the whole
// composite number. Histograms for all digits come from one read; a digit on which every item
// agrees would move nothing and is skipped.
template <typename Item, typename DigitOf>
void radixSort(std::vector<Item>& items, const std::vector<Digit>& digits, DigitOf digitOf)
{
    const std::size_t n = items.size();
    std::vector<std::vector<std::size_t>> counts(digits.size());
    for (std::size_t d = 0; d < digits.size(); ++d)
        counts[d].assign(std::size_t(1) << digits[d].bits, 0);
    for (const Item& item : items) {
        for (std::size_t d = 0; d < digits.size(); ++d)
            ++counts[d][digitOf(item, digits[d])];
    }
    // Not value-initialised: every slot is written before it is read (and zeroing 40 MB costs).
    std::unique_ptr<Item[]> scratch(new Item[n]);
    Item* from = items.data();
    Item* to = scratch.get();
    for (std::size_t d = 0; d < digits.size(); ++d) {
        std::vector<std::size_t>& offsets = counts[d];
        if (std::find(offsets.begin(), offsets.end(), n) != offsets.end())
            continue;
        std::size_t sum = 0;
        for (std::size_t& offset : offsets)
            sum += std::exchange(offset, sum);
        for (std::size_t i = 0; i < n; ++i)
            to[offsets[digitOf(from[i], digits[d])]++] = from[i];
        std::swap(from, to);
    }
    if (from != items.data())
        std::copy(from, from + n, items.data());
}

// Keys wider than 32 bits after subtracting the smallest (timestamps, addresses).
struct WideItem {
    std::uint64_t key;
    std::uint32_t row;
};

// Sets bit i of `runs` where sameAsPrevious(i) is false (and bit 0).
template <typename SameAsPrevious>
void markRuns(std::vector<std::uint64_t>* runs, std::size_t count, SameAsPrevious sameAsPrevious)
{
    if (!runs)
        return;
    runs->assign((count + 63) / 64, 0);
    for (std::size_t i = 0; i < count; ++i) {
        if (i == 0 || !sameAsPrevious(i))
            (*runs)[i / 64] |= std::uint64_t(1) << (i % 64);
    }
}

void sortWide(std::vector<std::uint32_t>& rows, const std::vector<std::uint64_t>& keys, std::uint64_t low, const std::vector<Digit>& digits,
    std::vector<std::uint64_t>* runStarts)
{
    std::vector<WideItem> items(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        items[i] = { keys[i] - low, rows[i] };
    radixSort(items, digits, [](const WideItem& item, const Digit& digit) {
        return std::size_t(digit.shift >= keyShift ? (item.key >> (digit.shift - keyShift)) & digitMask(digit)
                                                   : (item.row >> digit.shift) & digitMask(digit));
    });
    for (std::size_t i = 0; i < rows.size(); ++i)
        rows[i] = items[i].row;
    markRuns(runStarts, items.size(), [&](std::size_t i) { return items[i].key == items[i - 1].key; });
}

// Keys of 32 bits or fewer: key and row packed into one integer, the cheapest item to move,
// in place of the keys.
void sortPacked(std::vector<std::uint32_t>& rows, std::vector<std::uint64_t>& keys, std::uint64_t low, const std::vector<Digit>& digits,
    std::vector<std::uint64_t>* runStarts)
{
    std::vector<std::uint64_t>& packed = keys;
    for (std::size_t i = 0; i < rows.size(); ++i)
        packed[i] = (keys[i] - low) << keyShift | rows[i];
    radixSort(packed, digits, [](std::uint64_t item, const Digit& digit) { return std::size_t((item >> digit.shift) & digitMask(digit)); });
    for (std::size_t i = 0; i < rows.size(); ++i)
        rows[i] = std::uint32_t(packed[i]);
    markRuns(runStarts, packed.size(), [&](std::size_t i) { return packed[i] >> keyShift == packed[i - 1] >> keyShift; });
}

// Rows ascending, keys within 2^maxCountingBits of each other: one counting pass.
void sortCounting(std::vector<std::uint32_t>& rows, const std::vector<std::uint64_t>& keys, std::uint64_t low, int keyBits,
    std::vector<std::uint64_t>* runStarts)
{
    std::vector<std::size_t> offsets((std::size_t(1) << keyBits) + 1, 0);
    for (std::uint64_t key : keys)
        ++offsets[std::size_t(key - low) + 1];
    for (std::size_t k = 1; k < offsets.size(); ++k)
        offsets[k] += offsets[k - 1];
    if (runStarts) { // every key's bucket starts a run
        runStarts->assign((rows.size() + 63) / 64, 0);
        for (std::size_t k = 0; k + 1 < offsets.size(); ++k) {
            if (offsets[k] != offsets[k + 1])
                (*runStarts)[offsets[k] / 64] |= std::uint64_t(1) << (offsets[k] % 64);
        }
    }
    std::vector<std::uint32_t> sorted(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        sorted[offsets[std::size_t(keys[i] - low)]++] = rows[i];
    rows.swap(sorted);
}

// Keys already non-increasing, rows ascending: the order is the reverse, except that rows with
// equal keys stay ascending (stability).
void reverseKeepingTies(std::vector<std::uint32_t>& rows, std::vector<std::uint64_t>& keys)
{
    std::reverse(rows.begin(), rows.end());
    std::reverse(keys.begin(), keys.end());
    for (std::size_t begin = 0; begin < rows.size();) {
        std::size_t end = begin + 1;
        while (end < rows.size() && keys[end] == keys[begin])
            ++end;
        std::reverse(rows.begin() + std::ptrdiff_t(begin), rows.begin() + std::ptrdiff_t(end));
        begin = end;
    }
}
} // namespace

void sortRowsByKey(std::vector<std::uint32_t>& rows, std::vector<std::uint64_t>& keys, bool descending, std::vector<std::uint64_t>* runStarts)
{
    const auto sortedKeyRuns = [&] { markRuns(runStarts, keys.size(), [&](std::size_t i) { return keys[i] == keys[i - 1]; }); };
    if (rows.size() < 2) {
        sortedKeyRuns();
        return;
    }
    if (descending) {
        for (std::uint64_t& key : keys)
            key = ~key;
    }
    const bool rowsAscending = std::is_sorted(rows.begin(), rows.end());
    // A table's rows are in time order, so sorting by time mostly finds it done (or reversed).
    if (rowsAscending && std::is_sorted(keys.begin(), keys.end())) {
        sortedKeyRuns();
        return;
    }
    if (rowsAscending && std::is_sorted(keys.rbegin(), keys.rend())) {
        reverseKeepingTies(rows, keys);
        sortedKeyRuns();
        return;
    }
    const auto [lowest, highest] = std::minmax_element(keys.begin(), keys.end());
    const std::uint64_t low = *lowest;
    const int keyBits = int(std::bit_width(*highest - low));
    if (rowsAscending && keyBits <= maxCountingBits) {
        sortCounting(rows, keys, low, keyBits, runStarts);
        keys.clear();
        return;
    }
    std::vector<Digit> digits;
    if (!rowsAscending) // the row digits first: ties then come out in row order
        addDigits(digits, 0, int(std::bit_width(*std::max_element(rows.begin(), rows.end()))));
    addDigits(digits, keyShift, keyBits);
    if (keyBits <= 64 - keyShift)
        sortPacked(rows, keys, low, digits, runStarts);
    else
        sortWide(rows, keys, low, digits, runStarts);
    keys.clear();
}

void sortRows(std::vector<std::uint32_t>& rows)
{
    if (std::is_sorted(rows.begin(), rows.end()))
        return;
    // Rows are distinct: a bitmap over their range gives them back in order in two linear passes.
    const std::uint32_t highest = *std::max_element(rows.begin(), rows.end());
    std::vector<std::uint64_t> bits(std::size_t(highest) / 64 + 1, 0);
    for (std::uint32_t row : rows)
        bits[row / 64] |= std::uint64_t(1) << (row % 64);
    std::size_t out = 0;
    for (std::size_t word = 0; word < bits.size(); ++word) {
        for (std::uint64_t w = bits[word]; w; w &= w - 1)
            rows[out++] = std::uint32_t(word * 64 + std::size_t(std::countr_zero(w)));
    }
}

} // namespace Engine
