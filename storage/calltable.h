// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "sqlitedb.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Storage {

// Function calls of a recording (table `call`): built from the function/function_graph tracer's
// events after a recording, or straight from function_graph text by the importer. One row per
// call; see README, "The recording file".
namespace CallFlag {
constexpr int NoExit = 1;  // the exit was not recorded (recording cut, lost events): dur unknown
constexpr int NoEntry = 2; // only the exit was recorded: start derived, parent unknown
constexpr int Leaf = 4;    // printed as "func();" in text, or entry and exit with nothing between
} // namespace CallFlag

// Absent values: no timestamp (text without abstime gives durations only), no duration (no exit).
constexpr std::int64_t noTime = INT64_MIN;

struct CallRow {
    std::int64_t id = 0;       // 1-based, the writer's order
    std::int64_t parentId = 0; // 0: none (top level, or the parent was not recorded)
    std::int64_t ts = noTime;  // start, ns
    std::int64_t dur = noTime; // ns
    std::int64_t self = noTime; // dur minus the children's durations
    int cpu = -1;
    int pid = -1;   // -1: the text did not say which task
    int depth = 0;  // the kernel's depth (0 = the outermost traced function)
    std::int64_t function = 0; // string id
    std::int64_t caller = 0;   // string id of the function tracer's parent (0: none)
    std::int64_t retval = 0;
    bool hasRetval = false;
    int flags = 0; // CallFlag bits
};

// Replaces the `call` table of a finished recording. Strings go to the recording's `string`
// table (existing ones are reused). Owned by one worker thread.
class CallTableWriter {
public:
    static Result<CallTableWriter> open(const QString& recordingPath);
    CallTableWriter(CallTableWriter&&) noexcept = default;
    CallTableWriter& operator=(CallTableWriter&&) noexcept = default;

    // The id of text in `string`, inserting it when new.
    Result<std::int64_t> intern(std::string_view text);
    // Writes rows (ids 1..n in order), their count into meta (`calls`, `calls_version`) and
    // commits, once. progress(done) may return false to cancel; then, as on any failure or
    // when write() is never called, nothing is kept (not even the interned names).
    Status write(const std::vector<CallRow>& rows, const std::function<bool(std::int64_t)>& progress = {});

    Database& database() { return m_db; }

private:
    explicit CallTableWriter(Database db);
    Status loadStrings();

    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view> {}(s); }
    };
    Database m_db;
    Statement m_stringInsert;
    std::unordered_map<std::string, std::int64_t, Hash, std::equal_to<>> m_strings;
    std::int64_t m_nextStringId = 1;
};

namespace CallTable {
// meta `calls_version`; a table of another version is rebuilt from the events.
constexpr int version = 1;
extern const char* const createSql;
// True when the recording has a `call` table (possibly empty).
bool exists(Database& db);
} // namespace CallTable

} // namespace Storage
