// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventtime.h"

#include <QCoreApplication>

#include <sqlite3.h>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};
} // namespace

Result<EventTimeSearch> EventTimeSearch::create(Database& db, const std::string& schema)
{
    EventTimeSearch search;
    search.m_db = &db;
    auto stmt = db.prepare("SELECT ts FROM " + schema + ".event WHERE id = ?1");
    if (!stmt)
        return stmt.error();
    search.m_tsById = std::move(*stmt);
    auto maxId = db.queryInt("SELECT COALESCE(MAX(id), 0) FROM " + schema + ".event");
    if (!maxId)
        return maxId.error();
    search.m_maxId = *maxId;
    return search;
}

Result<std::int64_t> EventTimeSearch::timestampOf(std::int64_t id)
{
    m_tsById.bindInt(1, id);
    const int rc = m_tsById.step();
    const std::int64_t ts = rc == SQLITE_ROW ? m_tsById.columnInt(0) : 0;
    m_tsById.reset();
    if (rc != SQLITE_ROW)
        return m_db->error(Tr::tr("cannot read the timestamp of event %1").arg(id));
    return ts;
}

Result<std::int64_t> EventTimeSearch::firstIdAtOrAfter(std::int64_t ts)
{
    std::int64_t lo = 1;
    std::int64_t hi = m_maxId + 1;
    while (lo < hi) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        auto midTs = timestampOf(mid);
        if (!midTs)
            return midTs.error();
        if (*midTs < ts)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

} // namespace Storage
