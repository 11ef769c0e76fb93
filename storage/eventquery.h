// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "eventfilter.h"
#include "eventidset.h"
#include "filterexpression.h"
#include "recordingreader.h"
#include "result.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace Storage {

// Inclusive range of event ids; empty when last < first.
struct IdRange {
    std::int64_t first = 1;
    std::int64_t last = 0;
    std::int64_t size() const { return last >= first ? last - first + 1 : 0; }
    bool operator==(const IdRange&) const = default;
};

// The queries behind an EventFilter: its time range as an id range (event ids are dense and in
// ts order, so this is a binary search), the matching ids in time order (read from the per-type
// `ev_` tables, whose rowids are event ids, or from `event` by id range), and their count.
// A plain value: compiled once, then used with any thread's own connection.
class EventQuery {
public:
    // Resolves the filter's types against the recording's and parses its expression. Errors name
    // the unknown type, the expression's column ("filter: column 5: ...") or a field none of the
    // types has, with the fields they have (checkFilterFields).
    static Result<EventQuery> create(const std::vector<EventTypeInfo>& recordingTypes, const EventFilter& filter);

    const EventFilter& filter() const { return m_filter; }
    // The types the filter selects (all the recording's types when it names none).
    const std::vector<EventTypeInfo>& types() const { return m_types; }
    // True when the filter names exactly one type (exports then write one column per field).
    bool singleType() const { return m_filter.eventTypes.size() == 1; }
    // True when the matching ids are exactly the time range's ids (no per-event condition).
    bool selectsIdRange() const;

    // Ids of the events with from <= ts < to.
    Result<IdRange> idRange(Database& db) const;
    // The matching ids within range. `cancelled` is polled every few thousand rows; a cancelled
    // call returns an Error "cancelled".
    Result<EventIdSet> matchingIds(Database& db, const IdRange& range,
        const std::function<bool()>& cancelled = {}) const;
    // COUNT of the matching events within range.
    Result<std::int64_t> count(Database& db, const IdRange& range) const;

private:
    struct Select {
        std::string sql;
        std::vector<SqlValue> params;
    };
    // One SELECT per table to read, each `SELECT <what> ... WHERE id in range AND ...`.
    std::vector<Select> selects(const std::string& what) const;
    std::string commonConditions(const std::string& alias) const;

    EventFilter m_filter;
    std::vector<EventTypeInfo> m_types;
    bool m_allTypes = true;
    FilterExpression m_expression;
};

// The first id with ts >= time in [first, last] (last + 1 when none), by binary search.
Result<std::int64_t> firstIdAtOrAfter(Database& db, const IdRange& ids, std::int64_t time);
// All ids of the recording (MIN(id)..MAX(id)).
Result<IdRange> allEventIds(Database& db);

} // namespace Storage
