// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordingcpus.h"

#include "recordinglimits.h"
#include "timelineindex.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <sqlite3.h>

#include <algorithm>
#include <set>

namespace Storage {

namespace {
    struct Tr {
        Q_DECLARE_TR_FUNCTIONS(Storage)
    };

    using Limits::maxCpus;

    // The index as meta announces it, and its table really there (a damaged file may lack it).
    bool hasIndex(Database& db)
    {
        auto q = db.prepare("SELECT value FROM meta WHERE key = 'timeline_index'");
        auto table = db.queryInt("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'cpu_summary'");
        return q && q->step() == SQLITE_ROW && q->columnInt(0) == TimelineIndex::version && table && *table > 0;
    }

    // Each step is one lookup in cpu_summary's (cpu, level, bucket) key: at most one per CPU.
    Status cpusOfSummary(Database& db, std::set<int>& cpus)
    {
        auto next = db.prepare("SELECT MIN(cpu) FROM cpu_summary WHERE cpu > ?1 AND cpu < ?2");
        if (!next)
            return next.error();
        for (std::int64_t after = -1;;) {
            next->reset();
            next->bindInt(1, after);
            next->bindInt(2, maxCpus);
            const int rc = next->step();
            if (rc != SQLITE_ROW)
                return db.error(Tr::tr("cannot read the CPUs of cpu_summary"));
            if (next->columnIsNull(0))
                return {};
            after = next->columnInt(0);
            cpus.insert(int(after));
        }
    }

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

    // The event CPUs from the index where there is one (the recording's or its cache file's).
    Status eventCpus(Database& db, std::set<int>& cpus)
    {
        if (hasIndex(db))
            return cpusOfSummary(db, cpus);
        const QString cache = timelineIndexCachePath(db.path());
        if (QFileInfo::exists(cache)) {
            auto index = Database::open(cache, Database::Mode::ReadOnly);
            if (index && hasIndex(*index))
                return cpusOfSummary(*index, cpus);
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
