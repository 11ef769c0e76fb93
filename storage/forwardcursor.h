// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "sqlitedb.h"

#include <cstdint>
#include <limits>

namespace Storage {

// Keyset reads of rows by increasing id over a statement of the form
// `SELECT id, ... WHERE id >= ?1 ORDER BY id`: a read of the next wanted id steps the open
// statement forward when it is close, and re-seeks (one B-tree lookup) when it is far or behind.
// So reading ids in order costs a scan, and reading scattered ids costs a lookup each; never OFFSET.
// Owned by the thread that owns the statement's connection.
class ForwardCursor {
public:
    ForwardCursor() = default;
    explicit ForwardCursor(Statement statement)
        : m_statement(std::move(statement))
    {
    }

    // Positions on the row with this id; false when there is none.
    Result<bool> seek(std::int64_t id);
    // The current row (valid after seek returned true); column 0 is the id.
    const Statement& row() const { return m_statement; }
    // After a seek: the id of the row it stopped on (the first at or after the one asked for),
    // INT64_MAX past the last row.
    std::int64_t current() const { return m_current; }

private:
    static constexpr int maxSteps = 16;
    static constexpr std::int64_t done = std::numeric_limits<std::int64_t>::max();

    Status step();

    Statement m_statement;
    std::int64_t m_current = -1; // id of the current row, done past the end, -1 before the start
    std::int64_t m_seekedFrom = done;
};

} // namespace Storage
