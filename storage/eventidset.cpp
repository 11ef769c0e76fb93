// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventidset.h"

#include <algorithm>
#include <bit>

namespace Storage {

EventIdSet::EventIdSet(std::int64_t firstId, std::int64_t lastId)
    : m_firstId(firstId)
    , m_size(std::max<std::int64_t>(0, lastId - firstId + 1))
    , m_bits(static_cast<std::size_t>((m_size + 63) / 64), 0)
{
}

void EventIdSet::insert(std::int64_t id)
{
    const std::int64_t bit = id - m_firstId;
    if (bit < 0 || bit >= m_size)
        return;
    m_bits[static_cast<std::size_t>(bit >> 6)] |= std::uint64_t(1) << (bit & 63);
}

void EventIdSet::finish()
{
    m_blockRank.clear();
    m_blockRank.reserve(m_bits.size() / wordsPerBlock + 1);
    std::int64_t total = 0;
    for (std::size_t word = 0; word < m_bits.size(); ++word) {
        if (word % wordsPerBlock == 0)
            m_blockRank.push_back(total);
        total += std::popcount(m_bits[word]);
    }
    m_count = total;
}

bool EventIdSet::contains(std::int64_t id) const
{
    const std::int64_t bit = id - m_firstId;
    return bit >= 0 && bit < m_size && (m_bits[static_cast<std::size_t>(bit >> 6)] >> (bit & 63)) & 1;
}

std::int64_t EventIdSet::idAt(std::int64_t row) const
{
    if (row < 0 || row >= m_count)
        return -1;
    // The last block whose rank is <= row holds the member.
    const auto block = std::upper_bound(m_blockRank.begin(), m_blockRank.end(), row) - m_blockRank.begin() - 1;
    std::int64_t remaining = row - m_blockRank[static_cast<std::size_t>(block)];
    for (std::size_t word = static_cast<std::size_t>(block) * wordsPerBlock; word < m_bits.size(); ++word) {
        std::uint64_t bits = m_bits[word];
        const int ones = std::popcount(bits);
        if (remaining >= ones) {
            remaining -= ones;
            continue;
        }
        for (; remaining > 0; --remaining)
            bits &= bits - 1; // drop the lowest set bit
        return m_firstId + static_cast<std::int64_t>(word) * 64 + std::countr_zero(bits);
    }
    return -1;
}

std::int64_t EventIdSet::nextId(std::int64_t id) const
{
    const std::int64_t bit = std::max<std::int64_t>(id - m_firstId, 0);
    if (bit >= m_size)
        return -1;
    std::size_t word = static_cast<std::size_t>(bit >> 6);
    std::uint64_t bits = m_bits[word] & (~std::uint64_t(0) << (bit & 63));
    while (bits == 0) {
        if (++word >= m_bits.size())
            return -1;
        bits = m_bits[word];
    }
    return m_firstId + static_cast<std::int64_t>(word) * 64 + std::countr_zero(bits);
}

std::int64_t EventIdSet::rowOf(std::int64_t id) const
{
    const std::int64_t bit = std::clamp<std::int64_t>(id - m_firstId, 0, m_size);
    const std::size_t word = static_cast<std::size_t>(bit >> 6);
    if (word >= m_bits.size())
        return m_count;
    std::int64_t rank = m_blockRank[word / wordsPerBlock];
    for (std::size_t w = word / wordsPerBlock * wordsPerBlock; w < word; ++w)
        rank += std::popcount(m_bits[w]);
    const std::uint64_t below = (std::uint64_t(1) << (bit & 63)) - 1;
    return rank + std::popcount(m_bits[word] & below);
}

} // namespace Storage
