// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>
#include <unordered_map>
#include <utility>

namespace Storage {

// Time per key (a task, a function) in one level-of-detail bucket, and the key with most of it
// (ties go to the smaller key). Most buckets hold a handful of keys: those stay in a flat array
// searched linearly; past that a hash map takes them. Owned by one thread.
class TimeTally {
public:
    void add(std::int64_t key, std::int64_t ns)
    {
        if (m_map.empty()) {
            for (std::size_t i = 0; i < m_flatSize; ++i) {
                if (m_flat[i].first == key) {
                    m_flat[i].second += ns;
                    return;
                }
            }
            if (m_flatSize < m_flat.size()) {
                m_flat[m_flatSize++] = { key, ns };
                return;
            }
            for (std::size_t i = 0; i < m_flatSize; ++i)
                m_map.emplace(m_flat[i]);
            m_flatSize = 0;
        }
        m_map[key] += ns;
    }

    bool empty() const { return m_flatSize == 0 && m_map.empty(); }

    // The key with most time; 0 when empty.
    std::int64_t top() const
    {
        std::int64_t best = 0;
        std::int64_t bestTime = -1;
        auto consider = [&](std::int64_t key, std::int64_t time) {
            if (time > bestTime || (time == bestTime && key < best)) {
                best = key;
                bestTime = time;
            }
        };
        for (std::size_t i = 0; i < m_flatSize; ++i)
            consider(m_flat[i].first, m_flat[i].second);
        for (const auto& [key, time] : m_map)
            consider(key, time);
        return best;
    }

    void clear()
    {
        m_flatSize = 0;
        m_map.clear(); // keeps its buckets for the next bucket that needs them
    }

private:
    std::array<std::pair<std::int64_t, std::int64_t>, 8> m_flat {};
    std::size_t m_flatSize = 0;
    std::unordered_map<std::int64_t, std::int64_t> m_map;
};

} // namespace Storage
