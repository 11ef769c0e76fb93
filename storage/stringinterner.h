// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sqlitedb.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace Storage {

// Maps strings to ids in the recording's `string` table, inserting each distinct string once.
// Owned by the writer's thread.
class StringInterner {
public:
    void attach(Statement insert) { m_insert = std::move(insert); }
    std::int64_t intern(std::string_view text);
    // Set when an insert failed (disk full, ...); the writer reports it at the next check.
    int lastError() const { return m_lastError; }

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view> {}(s); }
    };
    std::unordered_map<std::string, std::int64_t, Hash, std::equal_to<>> m_ids;
    Statement m_insert;
    std::int64_t m_nextId = 1;
    int m_lastError = 0;
};

} // namespace Storage
