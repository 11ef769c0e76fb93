// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calltable.h"
#include "result.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace Storage {

// Which calls a view asks for: all, one task, one CPU, and/or those starting inside [from, to).
// Calls without a timestamp (text with durations only) match only when no range is given.
struct CallScope {
    std::optional<int> pid;
    std::optional<int> cpu;
    std::int64_t from = noTime;
    std::int64_t to = noTime;
};

// The calls of one scope, column by column (a million calls is about 60 MB this way).
// `parent` is an index into these columns, -1 when the parent is not in the scope.
struct LoadedCalls {
    std::vector<std::int64_t> id;
    std::vector<std::int32_t> parent;
    std::vector<std::int64_t> ts;   // noTime: unknown
    std::vector<std::int64_t> dur;  // noTime: the exit was not recorded
    std::vector<std::int64_t> self; // noTime as dur
    std::vector<std::int32_t> cpu;
    std::vector<std::int32_t> pid;
    std::vector<std::int32_t> depth;
    std::vector<std::int32_t> function; // index into functionNames
    std::vector<std::uint8_t> flags;    // CallFlag bits
    std::vector<QString> functionNames;

    std::size_t size() const { return id.size(); }
};

// Reads the calls of a scope from the recording at path (read-only, its own connection; call
// it on a worker). isCancelled is polled every few thousand rows.
Result<LoadedCalls> loadCalls(const QString& path, const CallScope& scope, const std::function<bool()>& isCancelled = {});

// "no function calls in FILE: record with -p function_graph ...": what a reader of calls says
// about a recording without a call table.
Error noCallTableError(const QString& path);
// OK when db has a `call` table (possibly empty), else noCallTableError.
Status requireCallTable(Database& db);

namespace Internal {
// The scope as SQL (" WHERE ..." or empty) over columns prefixed by alias ("c." or ""); shared
// by loadCalls and the calls CSV export so that both select the same calls.
std::string callScopeCondition(const CallScope& scope, const std::string& alias);
} // namespace Internal

} // namespace Storage
