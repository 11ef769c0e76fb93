// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

namespace Storage {

// The ids of the events matching a filter, as one bit per event id of a range plus a rank
// directory: 10M events take 1.25 MB + 0.15 MB whatever matches, and both row -> id (select)
// and id -> row (rank) are a binary search plus a few popcounts. Event ids are dense and in
// time order, so row order is time order. Built by one thread, then read-only (shareable).
class EventIdSet {
public:
    EventIdSet() = default;
    // An empty set able to hold ids firstId..lastId.
    EventIdSet(std::int64_t firstId, std::int64_t lastId);

    void insert(std::int64_t id);
    // Builds the rank directory; call once after the last insert, before the queries below.
    void finish();

    std::int64_t count() const { return m_count; }
    std::int64_t firstId() const { return m_firstId; }
    bool contains(std::int64_t id) const;
    // The id at `row` (0-based, time order), or -1 when row is out of range.
    std::int64_t idAt(std::int64_t row) const;
    // The first member >= id, or -1 when there is none (walks the set in order).
    std::int64_t nextId(std::int64_t id) const;
    // The number of members below `id`: the row of id if it is a member, else of the next member.
    std::int64_t rowOf(std::int64_t id) const;

private:
    static constexpr int wordsPerBlock = 8; // 512 ids per directory entry

    std::int64_t m_firstId = 1;
    std::int64_t m_size = 0;
    std::int64_t m_count = 0;
    std::vector<std::uint64_t> m_bits;
    std::vector<std::int64_t> m_blockRank; // members before each block
};

} // namespace Storage
