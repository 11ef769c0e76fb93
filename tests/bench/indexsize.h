// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark support: the bytes an index's tables take in a recording (SQLite's dbstat).
#pragma once

#include "sqlitedb.h"

#include <QString>

#include <cstdint>
#include <initializer_list>
#include <string>

namespace Bench {

inline std::int64_t tableBytes(const QString& path, std::initializer_list<const char*> tables)
{
    auto db = Storage::Database::open(path, Storage::Database::Mode::ReadOnly);
    if (!db)
        return -1;
    std::string names;
    for (const char* table : tables)
        names += std::string(names.empty() ? "'" : ",'") + table + "'";
    auto bytes = db->queryInt("SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name IN (" + names + ")");
    return bytes ? *bytes : -1;
}

inline std::int64_t timelineIndexBytes(const QString& path)
{
    return tableBytes(path, { "sched_slice", "sched_slice_pid_ts", "cpu_summary" });
}

inline std::int64_t callIndexBytes(const QString& path)
{
    return tableBytes(path, { "call_summary", "call_task", "call_open_end" });
}

} // namespace Bench
