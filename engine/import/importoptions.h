// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <vector>

namespace Engine {

// How an import reports and stops; plain value, any thread (the callbacks are called on the
// importing thread).
struct ImportOptions {
    // 0..1000 as the import advances; called only when the value changes.
    std::function<void(int permille)> progress;
    // Polled every few thousand lines and events; true stops the import and removes the output.
    std::function<bool()> isCancelled;
    // Unparsed lines listed in import_issue and in the result (all of them are counted).
    int maxListedIssues = 10000;
};

// A line an import could not read.
struct ImportIssue {
    std::int64_t line = 0; // 1-based
    QString text;
    QString reason;
};

// What an import made, for the command line and the app to report.
struct ImportResult {
    QString format; // the input's format, by its --format name ("trace.dat", "ftrace", "perf-script")
    std::int64_t lines = 0;
    std::int64_t events = 0;
    std::int64_t unparsedLines = 0;
    std::int64_t calls = 0; // function calls (function_graph text, or function tracer lines)
    int eventTypes = 0;
    int tasks = 0;
    int cpus = 0;
    bool reordered = false; // the text was not in time order (several CPUs' streams): sorted
    std::vector<ImportIssue> issues; // the first maxListedIssues unparsed lines
    // What the recording lacks of the input and why (a cut trace.dat: what was cut), in words.
    QStringList warnings;
};

} // namespace Engine
