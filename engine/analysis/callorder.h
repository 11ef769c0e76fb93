// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "callquery.h"

#include <cstdint>
#include <vector>

namespace Engine::Internal {

// The parent links of loaded calls made safe to follow, and an order with every call after its
// parent. Loads in id order normally have parents first (a call's entry precedes its children's),
// so this is then a view of the loaded parents; a file with a parent written after its child, a
// cycle or an index out of range (damage) gets its own copy with the bad links cut. Plain value,
// used on the worker that builds a tree.
class CallOrder {
public:
    explicit CallOrder(const Storage::LoadedCalls& calls);

    std::int32_t parent(std::size_t call) const { return m_parents[call]; }
    template <typename F>
    void forEachParentFirst(F&& visit) const
    {
        if (m_order.empty()) {
            for (std::size_t i = 0; i < m_size; ++i)
                visit(i);
            return;
        }
        for (const std::int32_t i : m_order)
            visit(std::size_t(i));
    }

private:
    void repair();

    std::size_t m_size = 0;
    const std::int32_t* m_parents = nullptr;
    std::vector<std::int32_t> m_ownParents;
    std::vector<std::int32_t> m_order; // empty: the load order is already parent-first
};

// (parent node, function) -> node, open addressing: the tree builders look one up per call (or
// per call and ancestor), so a node-based std::unordered_map would dominate their time.
class NodeKeyMap {
public:
    explicit NodeKeyMap(std::size_t expected = 1024);
    // The node stored for (parent, function), or newNode after storing it for them.
    std::int32_t findOrInsert(std::int32_t parent, std::int32_t function, std::int32_t newNode);
    // Starts loading the slot findOrInsert(parent, function, ...) will look at first: callers
    // with several independent lookups overlap their cache misses this way.
    void prefetch(std::int32_t parent, std::int32_t function) const;

private:
    void grow();
    std::size_t home(std::uint64_t key) const;

    struct Slot {
        std::uint64_t key = emptyKey;
        std::int32_t node = -1;
    };
    static constexpr std::uint64_t emptyKey = ~std::uint64_t(0);
    std::vector<Slot> m_slots;
    std::size_t m_used = 0;
};

} // namespace Engine::Internal
