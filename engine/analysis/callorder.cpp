// SPDX-License-Identifier: GPL-3.0-or-later
#include "callorder.h"

#include <algorithm>
#include <bit>

namespace Engine::Internal {

CallOrder::CallOrder(const Storage::LoadedCalls& calls)
    : m_size(calls.size())
    , m_parents(calls.parent.data())
{
    for (std::size_t i = 0; i < m_size; ++i) {
        if (m_parents[i] >= std::int32_t(i) || m_parents[i] < -1) {
            m_ownParents = calls.parent;
            m_parents = m_ownParents.data();
            repair();
            return;
        }
    }
}

void CallOrder::repair()
{
    // Depth-first up each chain: 1 = on the chain being walked (meeting it again is a cycle),
    // 2 = placed in the order.
    std::vector<std::uint8_t> state(m_size, 0);
    std::vector<std::int32_t> chain;
    m_order.reserve(m_size);
    for (std::size_t start = 0; start < m_size; ++start) {
        chain.clear();
        for (std::int32_t call = std::int32_t(start); state[std::size_t(call)] == 0;) {
            state[std::size_t(call)] = 1;
            chain.push_back(call);
            std::int32_t& parent = m_ownParents[std::size_t(call)];
            if (parent < 0 || parent >= std::int32_t(m_size) || state[std::size_t(parent)] == 1) {
                parent = -1;
                break;
            }
            call = parent;
        }
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
            state[std::size_t(*it)] = 2;
            m_order.push_back(*it);
        }
    }
}

NodeKeyMap::NodeKeyMap(std::size_t expected)
    : m_slots(std::bit_ceil(std::max<std::size_t>(expected * 2, 16)))
{
}

namespace {
std::uint64_t mix(std::uint64_t key)
{
    // splitmix64's finaliser: (node, function) pairs are small, dense integers.
    key = (key ^ (key >> 30)) * 0xbf58476d1ce4e5b9ULL;
    key = (key ^ (key >> 27)) * 0x94d049bb133111ebULL;
    return key ^ (key >> 31);
}


std::uint64_t keyOf(std::int32_t parent, std::int32_t function)
{
    return (std::uint64_t(std::uint32_t(parent)) << 32) | std::uint32_t(function);
}
} // namespace

std::size_t NodeKeyMap::home(std::uint64_t key) const { return mix(key) & (m_slots.size() - 1); }

void NodeKeyMap::prefetch(std::int32_t parent, std::int32_t function) const
{
    __builtin_prefetch(&m_slots[home(keyOf(parent, function))]);
}

std::int32_t NodeKeyMap::findOrInsert(std::int32_t parent, std::int32_t function, std::int32_t newNode)
{
    const std::uint64_t key = keyOf(parent, function);
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = home(key);; i = (i + 1) & mask) {
        Slot& slot = m_slots[i];
        if (slot.key == key)
            return slot.node;
        if (slot.key == emptyKey) {
            slot = { key, newNode };
            if (++m_used * 2 > m_slots.size())
                grow();
            return newNode;
        }
    }
}

void NodeKeyMap::grow()
{
    std::vector<Slot> old(m_slots.size() * 2);
    old.swap(m_slots);
    const std::size_t mask = m_slots.size() - 1;
    for (const Slot& slot : old) {
        if (slot.key == emptyKey)
            continue;
        std::size_t i = home(slot.key);
        while (m_slots[i].key != emptyKey)
            i = (i + 1) & mask;
        m_slots[i] = slot;
    }
}

} // namespace Engine::Internal
