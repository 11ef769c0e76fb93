// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sqlitedb.h"

#include <cstdint>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Storage {

// Maps strings to ids in the recording's `string` table, inserting each distinct string once.
// New strings are inserted in batches: flush() before the transaction commits.
// Owned by the writer's thread.
class StringInterner {
public:
    void attach(BatchInsert insert) { m_insert = std::move(insert); }
    std::int64_t intern(std::string_view text)
    {
        const auto it = m_ids.find(text);
        return it != m_ids.end() ? it->second : add(text);
    }
    // Inserts the strings interned since the last flush. SQLITE_OK or an error code.
    int flush() { return note(m_insert.flush()); }
    // Set when an insert failed (disk full, ...); the writer reports it at the next check.
    int lastError() const { return m_lastError; }

private:
    std::int64_t add(std::string_view text);
    std::string_view store(std::string_view text);
    int note(int rc) { return rc ? (m_lastError = rc) : rc; }

    // Keys point into m_blocks, which never move: one allocation per block, not per string.
    std::unordered_map<std::string_view, std::int64_t> m_ids;
    std::vector<std::unique_ptr<char[]>> m_blocks;
    char* m_blockNext = nullptr; // free space in the block strings are added to
    std::size_t m_blockFree = 0;
    BatchInsert m_insert;
    std::int64_t m_nextId = 1;
    int m_lastError = 0;
};

} // namespace Storage
