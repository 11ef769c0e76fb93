// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string_view>

namespace Engine {

// Which tool printed a text trace: its event lines have different columns, the rest is shared.
enum class TextDialect {
    Ftrace,     // `cat trace`, trace_pipe, perf-tools, `trace-cmd report`: COMM-PID [CPU] FLAGS TS: EVENT:
    PerfScript, // `perf script`: COMM TID [CPU] TS: SYSTEM:EVENT:, callchain frames below
};

// One line of ftrace text (`cat trace`, `trace_pipe`, the perf-tools scripts), split into its
// columns. Views point into the caller's buffer. Plain value; any thread.
struct FtraceLine {
    enum class Kind {
        Event,      // COMM-PID [CPU] FLAGS TIMESTAMP: EVENT: PAYLOAD (or the latency format:
                    // COMM-PID CPUFLAGS USECSus: EVENT: PAYLOAD, ts then in us since the start)
        Comment,    // "# ..." (headers, "# tracer:", "#P:N", shell lines quoted by the scripts)
        Prose,      // blank lines, "[...]", "^C", "Tracing ... Ctrl-C to end.": nothing to import
        StackFrame, // " => function" under a <stack trace> event; perf script's callchain lines
        LostEvents, // "CPU:N [LOST M EVENTS]" (trace_pipe)
        CpuCount,   // "cpus=N" (trace-cmd report header)
        Bad,        // none of these: `bad` says why
    };
    enum class Bad {
        None,
        NoCpuColumn,
        NoTimestamp,
        BadTimestamp,
        CpuOutOfRange, // a CPU no kernel has (Storage::Limits::maxCpus)
        TimestampOutOfRange, // beyond Storage::Limits::maxTimestampNs
        CpuCountOutOfRange, // "cpus=N" with more CPUs than a kernel has
    };

    Kind kind = Kind::Bad;
    Bad bad = Bad::None;
    std::string_view comm; // "<...>" when the kernel no longer knew it
    int pid = 0;
    int tgid = 0; // 0: not shown
    int cpu = 0;
    int flags = 0;        // the kernel's common_flags, rebuilt from the flag column
    int preemptCount = 0; // preempt depth | migrate-disable depth << 4
    std::int64_t ts = 0;  // ns
    // After the timestamp: "EVENT: PAYLOAD" split at the first ": ". name is empty when there
    // is no event name (the function tracer's "func <-parent", trace_printk text).
    std::string_view name;
    std::string_view payload;
    std::int64_t count = 0; // LostEvents: events lost; CpuCount: CPUs
    std::string_view system; // perf script names it ("sched" of "sched:sched_switch"); empty in ftrace text
    // StackFrame: the frame's address when the line gives one ("=> name (ffffffff8a1c0b71)",
    // perf's "ffffffff8a1c0b71 name+0x2c1 ([kernel.kallsyms])"); payload is then the name.
    std::uint64_t address = 0;
    bool hasAddress = false;
    bool userFrame = false; // perf script: a frame in a user-space binary
};

// Splits one line (without its '\n'; a trailing '\r' is ignored). Never allocates.
FtraceLine parseFtraceLine(std::string_view line);
// The same for perf script's lines (perfscriptline.cpp); by dialect.
FtraceLine parsePerfScriptLine(std::string_view line);
FtraceLine parseTraceLine(std::string_view line, TextDialect dialect);

// The kernel's common_flags and preempt count from the flag column ("d..1.", "dNs2", "X.h.").
void decodeFtraceFlags(std::string_view column, int& flags, int& preemptCount);

// "1038282.286875" -> 1038282286875000 ns; false when it is not a timestamp or when it is negative
// or beyond Storage::Limits::maxTimestampNs (then isTimestampOutOfRange(text) is true).
bool parseFtraceTimestamp(std::string_view text, std::int64_t& ns);
bool isTimestampOutOfRange(std::string_view text);

} // namespace Engine
