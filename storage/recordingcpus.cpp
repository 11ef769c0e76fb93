// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordingcpus.h"

#include "recordinglimits.h"
#include "timelineindex.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <algorithm>
#include <set>

namespace Storage {

namespace {
    struct Tr {
        Q_DECLARE_TR_FUNCTIONS(Storage)
    };

    using Limits::maxCpus;

    Status cpusOfRows(Database& db, const char* sql, std::set<int>& cpus)
    {
        auto select = db.prepare(sql);
        if (!select)
            return select.error();
        select->bindInt(1, maxCpus);
        int rc;
        while ((rc = select->step()) == SQLITE_ROW)
            cpus.insert(int(select->columnInt(0)));
        return rc == SQLITE_DONE ? Status() : Status(db.error(Tr::tr("cannot read the CPUs")));
    }

    // The event CPUs from the index's timeline_cpu where there is one (the recording's or its
    // cache file's): no scan of the events. A damaged index without that table is passed over.
    Status eventCpus(Database& db, std::set<int>& cpus)
    {
        if (auto schema = attachTimelineIndex(db)) {
            const std::string sql = "SELECT cpu FROM " + *schema + ".timeline_cpu WHERE cpu >= 0 AND cpu < ?1";
            if (db.prepare(sql))
                return cpusOfRows(db, sql.c_str(), cpus);
        }
        // At most maxCpus distinct values are kept, whatever the table holds.
        return cpusOfRows(db, "SELECT DISTINCT cpu FROM event WHERE cpu >= 0 AND cpu < ?1", cpus);
    }

    // A recording of calls only (function_graph text): its calls say which CPUs it has.
    Status callCpus(Database& db, std::set<int>& cpus)
    {
        auto events = db.queryInt("SELECT COUNT(*) FROM (SELECT 1 FROM event LIMIT 1)");
        auto calls = db.queryInt("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'call'");
        if (!events || !calls)
            return !events ? events.error() : calls.error();
        if (*events > 0 || *calls == 0)
            return {};
        return cpusOfRows(db, "SELECT DISTINCT cpu FROM call WHERE cpu >= 0 AND cpu < ?1", cpus);
    }
} // namespace

Result<std::vector<int>> recordingCpus(Database& db)
{
    std::set<int> cpus;
    if (Status s = cpusOfRows(db, "SELECT cpu FROM cpu_stats WHERE cpu >= 0 AND cpu < ?1", cpus); !s)
        return s.error();
    if (Status s = eventCpus(db, cpus); !s)
        return s.error();
    if (Status s = callCpus(db, cpus); !s)
        return s.error();
    return std::vector<int>(cpus.begin(), cpus.end());
}

} // namespace Storage
