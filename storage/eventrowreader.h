// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "forwardcursor.h"
#include "result.h"
#include "sqlitedb.h"

#include <cstdint>
#include <string>

namespace Storage {

// The common columns of one event, with the task's comm resolved.
struct EventRow {
    std::int64_t id = 0;
    std::int64_t ts = 0;
    int cpu = 0;
    int pid = 0;
    int typeId = 0;
    std::string comm;
};

// Reads events' common columns by id, by keyset (ids in increasing order scan the `event`
// table; scattered ids are one lookup each). Owned by the thread that owns the connection.
class EventRowReader {
public:
    static Result<EventRowReader> create(Database& db);

    // The event with this id; false when there is none.
    Result<bool> read(std::int64_t id, EventRow& row);
    // After read() returned false: the next id there is (INT64_MAX: none), so that a reader of a
    // damaged table with a gap in its ids steps over the gap rather than through it.
    std::int64_t nextStoredId() const { return m_cursor.current(); }

private:
    explicit EventRowReader(ForwardCursor cursor)
        : m_cursor(std::move(cursor))
    {
    }

    ForwardCursor m_cursor;
};

} // namespace Storage
