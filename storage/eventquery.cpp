// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventquery.h"

#include "filterfields.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <limits>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

std::string inList(const QList<int>& values)
{
    std::string list;
    for (const int v : values)
        list += (list.empty() ? "" : ", ") + std::to_string(v);
    return "(" + list + ")";
}

constexpr std::int64_t minTime = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t maxTime = std::numeric_limits<std::int64_t>::max();
} // namespace

Result<EventQuery> EventQuery::create(const std::vector<EventTypeInfo>& recordingTypes, const EventFilter& filter)
{
    EventQuery query;
    query.m_filter = filter;
    query.m_filter.eventTypes.removeDuplicates();
    query.m_allTypes = query.m_filter.eventTypes.isEmpty();
    for (const QString& name : std::as_const(query.m_filter.eventTypes)) {
        const auto it = std::find_if(recordingTypes.begin(), recordingTypes.end(),
            [&name](const EventTypeInfo& type) { return type.qualifiedName() == name; });
        if (it == recordingTypes.end())
            return Error { Tr::tr("no events of type %1 in this recording").arg(name) };
        query.m_types.push_back(*it);
    }
    if (query.m_allTypes)
        query.m_types = recordingTypes;
    query.m_expression = FilterExpression::parse(filter.expression);
    // A field no selected type has would select nothing: an error listing the fields, not "0 events".
    if (Status s = checkFilterFields(query.m_expression, query.m_types, !query.m_allTypes); !s)
        return Error { Tr::tr("filter: %1").arg(s.error().message) };
    return query;
}

bool EventQuery::selectsIdRange() const
{
    return m_allTypes && m_filter.cpus.isEmpty() && m_filter.pids.isEmpty() && m_expression.isEmpty();
}

std::string EventQuery::commonConditions(const std::string& alias) const
{
    std::string sql;
    if (!m_filter.cpus.isEmpty())
        sql += " AND " + alias + ".cpu IN " + inList(m_filter.cpus);
    if (!m_filter.pids.isEmpty())
        sql += " AND " + alias + ".pid IN " + inList(m_filter.pids);
    return sql;
}

std::vector<EventQuery::Select> EventQuery::selects(const std::string& what) const
{
    std::vector<Select> out;
    if (m_allTypes && m_expression.isEmpty()) {
        // Only cpu/pid conditions: one scan of `event` over the id range.
        out.push_back({ "SELECT " + what + " FROM event e WHERE e.id BETWEEN ? AND ?" + commonConditions("e"), {} });
        return out;
    }
    for (const EventTypeInfo& type : m_types) {
        SqlFragment condition = m_expression.compile(type, "f", "e");
        if (condition.alwaysFalse)
            continue;
        // The type's own table alone is a rowid scan; joining `event` costs a lookup per row.
        const bool needsEvent = !m_filter.cpus.isEmpty() || !m_filter.pids.isEmpty() || condition.usesEvent;
        Select select;
        select.sql = "SELECT " + what + " FROM " + quoteIdentifier(type.fieldTable.toStdString()) + " f"
            + (needsEvent ? " JOIN event e ON e.id = f.event_id" : "") + " WHERE f.event_id BETWEEN ? AND ?"
            + commonConditions("e") + (m_expression.isEmpty() ? "" : " AND " + condition.sql);
        select.params = std::move(condition.params);
        out.push_back(std::move(select));
    }
    return out;
}

Result<IdRange> EventQuery::idRange(Database& db) const
{
    auto all = allEventIds(db);
    if (!all || all->size() == 0)
        return all;
    IdRange range = *all;
    if (m_filter.from != minTime) {
        auto first = firstIdAtOrAfter(db, *all, m_filter.from);
        if (!first)
            return first.error();
        range.first = *first;
    }
    if (m_filter.to != maxTime) {
        auto end = firstIdAtOrAfter(db, *all, m_filter.to);
        if (!end)
            return end.error();
        range.last = *end - 1;
    }
    return range;
}

Result<EventIdSet> EventQuery::matchingIds(Database& db, const IdRange& range,
    const std::function<bool()>& cancelled) const
{
    EventIdSet ids(range.first, range.last);
    const std::string what = m_allTypes && m_expression.isEmpty() ? "e.id" : "f.event_id";
    for (const Select& select : range.size() > 0 ? selects(what) : std::vector<Select> {}) {
        auto statement = db.prepare(select.sql);
        if (!statement)
            return statement.error();
        statement->bindInt(1, range.first);
        statement->bindInt(2, range.last);
        bindSqlValues(*statement, select.params, 3);
        int rc;
        std::int64_t rows = 0;
        while ((rc = statement->step()) == SQLITE_ROW) {
            ids.insert(statement->columnInt(0));
            if ((++rows & 0xffff) == 0 && cancelled && cancelled())
                return Error { Tr::tr("cancelled") };
        }
        if (rc != SQLITE_DONE)
            return db.error(Tr::tr("cannot read events"));
    }
    ids.finish();
    return ids;
}

Result<std::int64_t> EventQuery::count(Database& db, const IdRange& range) const
{
    if (selectsIdRange() || range.size() == 0)
        return range.size();
    std::int64_t total = 0;
    for (const Select& select : selects("COUNT(*)")) {
        auto statement = db.prepare(select.sql);
        if (!statement)
            return statement.error();
        statement->bindInt(1, range.first);
        statement->bindInt(2, range.last);
        bindSqlValues(*statement, select.params, 3);
        if (statement->step() != SQLITE_ROW)
            return db.error(Tr::tr("cannot count events"));
        total += statement->columnInt(0);
    }
    return total;
}

Result<IdRange> allEventIds(Database& db)
{
    // Two queries: SQLite answers a lone MIN or MAX of the rowid from the B-tree's ends, but
    // scans the table for both in one SELECT.
    auto last = db.queryInt("SELECT COALESCE(MAX(id), 0) FROM event");
    if (!last)
        return last.error();
    if (*last == 0)
        return IdRange {};
    auto first = db.queryInt("SELECT MIN(id) FROM event");
    if (!first)
        return first.error();
    return IdRange { *first, *last };
}

Result<std::int64_t> firstIdAtOrAfter(Database& db, const IdRange& ids, std::int64_t time)
{
    auto statement = db.prepare("SELECT ts FROM event WHERE id = ?");
    if (!statement)
        return statement.error();
    std::int64_t low = ids.first;
    std::int64_t high = ids.last + 1; // answer in [low, high]
    while (low < high) {
        const std::int64_t mid = low + (high - low) / 2;
        statement->reset();
        statement->bindInt(1, mid);
        if (statement->step() != SQLITE_ROW)
            return db.error(Tr::tr("cannot read event %1").arg(mid));
        if (statement->columnInt(0) < time)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

} // namespace Storage
