// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "sqlitedb.h"

#include <cstdint>
#include <string>

namespace Storage {

// Finds event ids by time: ids are dense (1..n) and their timestamps never decrease, so the first
// id at or after a time is a binary search over the rowids of `event`. Owned by the thread of
// the connection it was made for.
class EventTimeSearch {
public:
    // schema: where `event` is ("main", "src").
    static Result<EventTimeSearch> create(Database& db, const std::string& schema = "main");

    std::int64_t maxId() const { return m_maxId; }
    // The first id with ts >= time (maxId() + 1 when there is none).
    Result<std::int64_t> firstIdAtOrAfter(std::int64_t ts);
    // The timestamp of an event id.
    Result<std::int64_t> timestampOf(std::int64_t id);

private:
    Database* m_db = nullptr;
    Statement m_tsById;
    std::int64_t m_maxId = 0;
};

} // namespace Storage
