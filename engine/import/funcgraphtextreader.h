// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "callstackbuilder.h"
#include "funcgraphlineparser.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Engine {

// Reads function_graph text into calls: every line through parseFuncGraphLine, the calls
// through a CallStackBuilder keyed by the task each line belongs to (its proc column, or the
// task the last "prev => next" separator switched the CPU to, or else the CPU itself).
// Function names are indices into functionNames() + 1 until the caller maps them to string ids.
// Views point into the text, which must outlive the reader. Owned by the importer's thread.
class FuncGraphTextReader {
public:
    struct Issue {
        std::int64_t line = 0; // 1-based
        std::string_view text;
        bool cut = false; // the last line, without its newline: cut short
        FuncGraphLine::OutOfRange outOfRange = FuncGraphLine::OutOfRange::None;
    };
    struct Task {
        std::string_view comm;
    };

    // progress(bytesDone) every few thousand lines; returning false stops (read() returns false).
    using Progress = std::function<bool(std::uint64_t bytesDone)>;
    bool read(std::string_view text, const Progress& progress, std::size_t maxIssues);

    // The calls, their function fields holding 1-based indices into functionNames().
    std::vector<Storage::CallRow> takeCalls() { return m_builder.finish(); }
    const std::vector<std::string_view>& functionNames() const { return m_names; }
    const std::map<int, Task>& tasks() const { return m_tasks; }
    const std::vector<Issue>& issues() const { return m_issues; }
    std::int64_t unparsedLines() const { return m_unparsed; }
    std::int64_t lines() const { return m_lines; }
    // /* comment */ lines, and event lines with their stack traces printed between the calls.
    std::int64_t comments() const { return m_comments; }
    int cpus() const { return m_maxCpu + 1; }
    bool hasTimestamps() const { return m_timestamps; }
    std::int64_t firstTs() const { return m_firstTs; }
    std::int64_t lastTs() const { return m_lastTs; }

private:
    void readLine(std::string_view text, bool last);
    std::int64_t nameIndex(std::string_view name);
    CallStackBuilder::Place place(const FuncGraphLine& line);
    void noteTime(std::int64_t ts);

    CallStackBuilder m_builder;
    std::vector<std::string_view> m_names;
    std::unordered_map<std::string_view, std::int64_t> m_nameIndex;
    std::map<int, Task> m_tasks;
    std::unordered_map<int, int> m_currentPid; // by CPU: the task a separator switched to
    std::vector<Issue> m_issues;
    std::size_t m_maxIssues = 0;
    std::int64_t m_unparsed = 0;
    std::int64_t m_lines = 0;
    std::int64_t m_comments = 0;
    int m_maxCpu = -1;
    bool m_timestamps = false;
    std::int64_t m_firstTs = 0;
    std::int64_t m_lastTs = 0;
};

} // namespace Engine
