// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timetally.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace Storage {

// One lane's output buckets of width 2^level while a summary is read: appended in time order,
// so the reader credits time and counts items in time order per lane. Owned by the reading thread.
class LaneBuckets {
public:
    struct Bucket {
        std::int64_t index = 0; // start >> level
        std::int64_t busy = 0;
        std::int64_t count = 0; // events, or calls starting
        std::uint64_t mask = 0;
        TimeTally time; // per task or function
    };

    explicit LaneBuckets(int level)
        : m_level(level)
    {
    }

    int level() const { return m_level; }
    Bucket& at(std::int64_t ts)
    {
        const std::int64_t index = ts >> m_level;
        if (m_buckets.empty() || m_buckets.back().index != index) {
            m_buckets.emplace_back();
            m_buckets.back().index = index;
        }
        return m_buckets.back();
    }
    // Spreads [from, to) of `key`'s time over the buckets it covers.
    void credit(std::int64_t from, std::int64_t to, std::int64_t key)
    {
        while (from < to) {
            Bucket& bucket = at(from);
            const std::int64_t end = std::min(to, bucketEnd(bucket.index));
            bucket.busy += end - from;
            bucket.time.add(key, end - from);
            from = end;
        }
    }
    std::int64_t bucketEnd(std::int64_t index) const
    {
        return index >= (INT64_MAX >> m_level) ? INT64_MAX : (index + 1) << m_level;
    }
    const std::vector<Bucket>& buckets() const { return m_buckets; }

private:
    int m_level;
    std::vector<Bucket> m_buckets;
};

} // namespace Storage
