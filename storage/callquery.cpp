// SPDX-License-Identifier: GPL-3.0-or-later
#include "callquery.h"

#include "recordinglimits.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <sqlite3.h>

#include <algorithm>
#include <unordered_map>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

// Function string ids to dense indexes, in order of first appearance; names are read once per
// function at the end (a few hundred lookups, not one join per call).
class FunctionIndex {
public:
    std::int32_t indexOf(std::int64_t stringId)
    {
        // Calls of one function come in runs (loops, siblings): skip the hash most of the time.
        if (stringId == m_lastId)
            return m_lastIndex;
        const auto [it, inserted] = m_indexes.try_emplace(stringId, std::int32_t(m_ids.size()));
        if (inserted)
            m_ids.push_back(stringId);
        m_lastId = stringId;
        m_lastIndex = it->second;
        return it->second;
    }

    Result<std::vector<QString>> names(Database& db) const
    {
        auto select = db.prepare("SELECT str FROM string WHERE id = ?");
        if (!select)
            return select.error();
        std::vector<QString> names;
        names.reserve(m_ids.size());
        for (const std::int64_t id : m_ids) {
            select->reset();
            select->bindInt(1, id);
            const int rc = select->step();
            if (rc != SQLITE_ROW && rc != SQLITE_DONE)
                return db.error(Tr::tr("cannot read the name of function string %1").arg(id));
            // A dangling id (a damaged file) still gets a row, named by its id.
            names.push_back(rc == SQLITE_ROW ? select->columnString(0) : QStringLiteral("#%1").arg(id));
        }
        return names;
    }

private:
    std::unordered_map<std::int64_t, std::int32_t> m_indexes;
    std::vector<std::int64_t> m_ids;
    std::int64_t m_lastId = -1;
    std::int32_t m_lastIndex = -1;
};

// A time or duration as stored; a damaged one (outside what a recording holds) is unknown, like
// a NULL, so that no sum or end of the trees and statistics overflows.
std::int64_t optionalTime(const Statement& row, int column)
{
    return row.columnIsNull(column) || !Limits::isTimestamp(row.columnInt(column)) ? noTime : row.columnInt(column);
}

void appendRow(LoadedCalls& calls, std::vector<std::int64_t>& parentIds, const Statement& row, FunctionIndex& functions)
{
    calls.id.push_back(row.columnInt(0));
    parentIds.push_back(row.columnIsNull(1) ? 0 : row.columnInt(1));
    calls.ts.push_back(optionalTime(row, 2));
    calls.dur.push_back(optionalTime(row, 3));
    calls.self.push_back(optionalTime(row, 4));
    calls.cpu.push_back(std::int32_t(row.columnInt(5)));
    calls.pid.push_back(std::int32_t(row.columnInt(6)));
    calls.depth.push_back(std::int32_t(row.columnInt(7)));
    calls.function.push_back(functions.indexOf(row.columnInt(8)));
    calls.flags.push_back(std::uint8_t(row.columnInt(9)));
}

// Parent ids to indexes into the loaded (id-sorted) rows; -1 when the parent was not loaded.
void resolveParents(LoadedCalls& calls, const std::vector<std::int64_t>& parentIds)
{
    calls.parent.resize(calls.size());
    // Whole-file loads have dense ids: a direct offset. Scoped loads fall back to a search.
    // Ids come from the file: a damaged one is any int64, so the span is computed without overflow.
    std::int64_t span = 0;
    const bool dense = calls.size() == 0
        || (!__builtin_sub_overflow(calls.id.back(), calls.id.front(), &span) && span == std::int64_t(calls.size()) - 1);
    for (std::size_t i = 0; i < calls.size(); ++i) {
        const std::int64_t parentId = parentIds[i];
        std::int32_t index = -1;
        if (parentId > 0 && dense) {
            std::int64_t offset = -1;
            if (__builtin_sub_overflow(parentId, calls.id.front(), &offset))
                offset = -1;
            index = offset >= 0 && offset < std::int64_t(calls.size()) ? std::int32_t(offset) : -1;
        } else if (parentId > 0) {
            const auto it = std::lower_bound(calls.id.begin(), calls.id.end(), parentId);
            index = it != calls.id.end() && *it == parentId ? std::int32_t(it - calls.id.begin()) : -1;
        }
        calls.parent[i] = index;
    }
}

void reserve(LoadedCalls& calls, std::vector<std::int64_t>& parentIds, std::size_t n)
{
    calls.id.reserve(n);
    parentIds.reserve(n);
    calls.ts.reserve(n);
    calls.dur.reserve(n);
    calls.self.reserve(n);
    calls.cpu.reserve(n);
    calls.pid.reserve(n);
    calls.depth.reserve(n);
    calls.function.reserve(n);
    calls.flags.reserve(n);
}

bool hasRange(const CallScope& scope) { return scope.from != noTime || scope.to != noTime; }
} // namespace

namespace Internal {
std::string callScopeCondition(const CallScope& scope, const std::string& alias)
{
    // Only integers go in, so literals are safe; they also let SQLite pick the (pid, ts) index.
    std::string sql;
    auto add = [&sql, &alias](const std::string& condition) { sql += (sql.empty() ? " WHERE " : " AND ") + alias + condition; };
    if (scope.pid)
        add("pid = " + std::to_string(*scope.pid));
    if (scope.cpu)
        add("cpu = " + std::to_string(*scope.cpu));
    // A NULL ts fails both comparisons: calls known by duration only drop out of any range.
    if (scope.from != noTime)
        add("ts >= " + std::to_string(scope.from));
    if (scope.to != noTime)
        add("ts < " + std::to_string(scope.to));
    return sql;
}
} // namespace Internal

Error noCallTableError(const QString& path)
{
    return Error { Tr::tr("no function calls in %1: record with -p function_graph or import function_graph text").arg(path) };
}

Status requireCallTable(Database& db)
{
    auto n = db.queryInt("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'call'");
    if (!n)
        return n.error();
    return *n > 0 ? Status {} : Status { noCallTableError(db.path()) };
}

Result<LoadedCalls> loadCalls(const QString& path, const CallScope& scope, const std::function<bool()>& isCancelled)
{
    auto db = Database::open(path, Database::Mode::ReadOnly);
    if (!db)
        return db.error();
    if (Status s = requireCallTable(*db); !s)
        return s.error();
    auto select = db->prepare("SELECT id, parent_id, ts, dur, self, cpu, pid, depth, function_id, flags FROM call"
        + Internal::callScopeCondition(scope, {}) + " ORDER BY id");
    if (!select)
        return select.error();

    LoadedCalls calls;
    std::vector<std::int64_t> parentIds;
    if (!scope.pid && !scope.cpu && !hasRange(scope)) {
        // The rows there are, not MAX(id): ids are dense as ftlens writes them, but a damaged
        // or edited file's largest id is any number (2^31 reserved 160 GB).
        auto count = db->queryInt("SELECT COUNT(*) FROM call");
        if (count)
            reserve(calls, parentIds, std::size_t(*count));
    }
    FunctionIndex functions;
    int rc;
    std::int64_t rows = 0;
    while ((rc = select->step()) == SQLITE_ROW) {
        appendRow(calls, parentIds, *select, functions);
        if ((++rows & 4095) == 0 && isCancelled && isCancelled())
            return Error { Tr::tr("%1: loading the calls was cancelled").arg(path) };
    }
    if (rc != SQLITE_DONE)
        return db->error(Tr::tr("cannot read the call table"));
    resolveParents(calls, parentIds);
    auto names = functions.names(*db);
    if (!names)
        return names.error();
    calls.functionNames = std::move(names.value());
    return calls;
}

} // namespace Storage
