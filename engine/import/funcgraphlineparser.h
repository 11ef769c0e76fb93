// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string_view>

namespace Engine {

// One line of function_graph tracer text, as `cat trace` prints it with any of the optional
// columns (abstime or the latency format's relative time, CPU, proc, latency flags, overhead
// mark and duration) or as the perf-tools funcgraph/funcslower scripts print it:
//   "360.774522 |   1)  sh-4802  |  d..2 | + 15.986 us   |      do_sys_open() {"
// Views point into the caller's buffer. Plain value; any thread.
struct FuncGraphLine {
    enum class Kind {
        Entry,      // "func(args) {"
        Leaf,       // "func(args);" with its duration
        Exit,       // "}" or "} /* func */" (funcgraph-tail, retval) with its duration
        Comment,    // "/* event or trace_printk text */"
        IrqEntry,   // "==========>" (funcgraph-irqs)
        IrqExit,    // "<=========="
        TaskSwitch, // " 1)  prev-12 => next-34" between separator lines
        Separator,  // "------------------------------------------"
        Header,     // "# ..." lines
        Prose,      // blank lines, "[...]", "^C" and the like
        Bad,        // none of these
    };
    static constexpr std::int64_t none = INT64_MIN;
    // Why a line is Kind::Bad when its columns read but a value is beyond what a recording holds.
    enum class OutOfRange { None, Cpu, Timestamp };
    // Durations are at most 12 digits of microseconds; a line whose timestamp leaves no room
    // for one below INT64_MAX is Bad, so that a call's start plus its duration always fits.
    static constexpr std::int64_t maxDuration = 1'000'000'000'000'000;
    static constexpr std::int64_t maxTs = INT64_MAX - maxDuration;

    Kind kind = Kind::Bad;
    std::int64_t ts = none;  // ns: abstime, or the latency format's relative microseconds
    std::int64_t dur = none; // ns
    int cpu = -1;            // -1: no CPU column
    int pid = -1;            // -1: no proc column
    std::string_view comm;
    int depth = 0;                 // from the indentation
    std::string_view function;     // Entry, Leaf; Exit when the tail comment names it
    std::string_view text;         // Comment: inside the comment
    bool hasRetval = false;        // "/* = 0x0 */", "} /* func = -22 */", "ret=0x1"
    std::int64_t retval = 0;
    int nextPid = -1;              // TaskSwitch: the task switched to
    std::string_view nextComm;
    bool hasDurationColumn = false; // the line had a DURATION column (possibly blank)
    OutOfRange outOfRange = OutOfRange::None;
};

FuncGraphLine parseFuncGraphLine(std::string_view line);

// Whether text is function_graph output: its "# tracer: function_graph" header, or its first
// lines read as function_graph lines rather than as event lines.
bool isFunctionGraphText(std::string_view text);

} // namespace Engine
