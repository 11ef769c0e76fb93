// SPDX-License-Identifier: GPL-3.0-or-later
#include "ftracelineparser.h"

#include "recordinglimits.h"
#include "textcolumns.h"

#include <algorithm>

namespace Engine {

namespace {
// The kernel's TRACE_FLAG_* bits (kernel/trace/trace.h), as stored in common_flags.
enum : int {
    IrqsOff = 0x01,
    IrqsNoSupport = 0x02,
    NeedResched = 0x04,
    HardIrq = 0x08,
    SoftIrq = 0x10,
    PreemptResched = 0x20,
    Nmi = 0x40,
    BhOff = 0x80,
};

// The CPU column is searched for this far into the line; comms are at most 16 characters, but
// trace_pipe pads them and systrace adds a TGID column.
constexpr std::size_t cpuColumnSearch = 160;

using namespace TextColumns;
using Storage::Limits::isCpu;

enum class TimestampForm { NotATimestamp, Valid, OutOfRange };

bool allDigits(std::string_view s) { return std::all_of(s.begin(), s.end(), isDigit); }

// SECONDS[.FRACTION] (up to nine fraction digits), or a bare counter value; checked against the
// recording's limits (a minus sign is a timestamp's form, and out of range) without overflowing.
TimestampForm readTimestamp(std::string_view text, std::int64_t& ns)
{
    if (text.starts_with('-')) {
        std::int64_t magnitude = 0;
        return readTimestamp(text.substr(1), magnitude) == TimestampForm::NotATimestamp ? TimestampForm::NotATimestamp
                                                                                        : TimestampForm::OutOfRange;
    }
    const std::size_t dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    if (whole.empty() || fraction.size() > 9 || (dot != std::string_view::npos && fraction.empty()) || !allDigits(whole)
        || !allDigits(fraction))
        return TimestampForm::NotATimestamp;
    constexpr std::uint64_t limit = std::uint64_t(Storage::Limits::maxTimestampNs);
    if (whole.size() > 19) // no such value fits; the form is still a timestamp's
        return TimestampForm::OutOfRange;
    std::uint64_t seconds = 0;
    for (char c : whole)
        seconds = seconds * 10 + std::uint64_t(c - '0');
    std::uint64_t sub = 0;
    for (char c : fraction)
        sub = sub * 10 + std::uint64_t(c - '0');
    for (std::size_t i = fraction.size(); i < 9; ++i)
        sub *= 10;
    // Without a fraction the clock is a counter (x86-tsc, counter): keep its raw value.
    if (dot == std::string_view::npos) {
        if (seconds > limit)
            return TimestampForm::OutOfRange;
        ns = std::int64_t(seconds);
        return TimestampForm::Valid;
    }
    if (seconds > limit / 1000000000 || seconds * 1000000000 + sub > limit)
        return TimestampForm::OutOfRange;
    ns = std::int64_t(seconds * 1000000000 + sub);
    return TimestampForm::Valid;
}

// trace-cmd report -w: the wakeup latency summary after the events.
bool isLatencySummary(std::string_view s)
{
    return s.starts_with("Average wakeup latency:") || s.starts_with("Maximum Latency:") || s.starts_with("Minimum Latency:")
        || s == "RT task timings:";
}

bool isProse(std::string_view s)
{
    return s.empty() || s == "[...]" || s.find_first_not_of('.') == std::string_view::npos || s.starts_with("^C") || s.starts_with("Tracing ")
        || s.starts_with("Ending tracing") || s.find("Ctrl-C to end") != std::string_view::npos
        || s.starts_with("version = ") || (s.starts_with("CPU ") && s.ends_with(" is empty")) || isLatencySummary(s)
        || s.starts_with("------"); // a separator (function_graph's task switches, annotations)
}

// trace-cmd report -i a.dat -i b.dat prefixes every line with its file: "    trace.dat: ".
std::string_view stripFilePrefix(std::string_view s)
{
    const std::size_t colon = s.find(".dat: ");
    if (colon == std::string_view::npos || s.substr(0, colon).find_first_of(" \t[") != std::string_view::npos)
        return s;
    return trimLeft(s.substr(colon + 6));
}

// "CPU:3 [LOST 1234 EVENTS]"
bool parseLostEvents(std::string_view s, FtraceLine& line)
{
    if (!s.starts_with("CPU:"))
        return false;
    const std::size_t bracket = s.find(" [LOST ");
    const std::size_t end = s.find(" EVENTS]");
    if (bracket == std::string_view::npos || end == std::string_view::npos || end < bracket + 7)
        return false;
    int cpu = 0;
    int lost = 0;
    if (!parseSmallNumber(s.substr(4, bracket - 4), cpu) || !parseSmallNumber(s.substr(bracket + 7, end - bracket - 7), lost))
        return false;
    if (!isCpu(cpu)) {
        line.bad = FtraceLine::Bad::CpuOutOfRange;
        return true;
    }
    line.kind = FtraceLine::Kind::LostEvents;
    line.cpu = cpu;
    line.count = lost;
    return true;
}

// "(  1234)" or "(-----)" before the CPU column.
std::string_view stripTgid(std::string_view before, int& tgid)
{
    if (before.empty() || before.back() != ')')
        return before;
    const std::size_t open = before.rfind('(');
    if (open == std::string_view::npos)
        return before;
    const std::string_view inside = trimLeft(before.substr(open + 1, before.size() - open - 2));
    if (!parseSmallNumber(inside, tgid) && inside.find_first_not_of('-') != std::string_view::npos)
        return before;
    return trimRight(before.substr(0, open));
}

// COMM-PID[ (TGID)] in front of the CPU column at `bracket`; the pid follows the last '-'.
bool parseTask(std::string_view before, FtraceLine& line)
{
    before = stripTgid(trimRight(before), line.tgid);
    const std::size_t dash = before.rfind('-');
    if (dash == std::string_view::npos || dash == 0 || !parseSmallNumber(before.substr(dash + 1), line.pid))
        return false;
    line.comm = before.substr(0, dash);
    return true;
}

// Finds "[CPU]" after a COMM-PID column; returns the position after ']' or npos.
std::size_t parseTaskAndCpu(std::string_view s, FtraceLine& line)
{
    std::size_t from = 0;
    while (true) {
        const std::size_t open = s.find('[', from);
        if (open == std::string_view::npos || open > cpuColumnSearch)
            return std::string_view::npos;
        const std::size_t close = s.find(']', open);
        from = open + 1;
        if (close == std::string_view::npos)
            return std::string_view::npos;
        line.tgid = 0;
        if (parseSmallNumber(s.substr(open + 1, close - open - 1), line.cpu) && parseTask(s.substr(0, open), line))
            return close + 1;
    }
}

std::string_view nextToken(std::string_view s, std::size_t& pos)
{
    while (pos < s.size() && isSpace(s[pos]))
        ++pos;
    const std::size_t start = pos;
    while (pos < s.size() && !isSpace(s[pos]))
        ++pos;
    return s.substr(start, pos - start);
}

// After the timestamp: "EVENT: PAYLOAD", "<stack trace>", or text without an event name.
void splitEvent(std::string_view rest, FtraceLine& line)
{
    rest = trimLeft(rest);
    const std::size_t colon = rest.find(':');
    const std::size_t space = rest.find(' ');
    if (colon != std::string_view::npos && colon > 0 && colon < space && (colon + 1 == rest.size() || isSpace(rest[colon + 1]))) {
        line.name = rest.substr(0, colon);
        line.payload = trimLeft(rest.substr(colon + 1));
        return;
    }
    if (rest.starts_with('<') && rest.ends_with('>')) { // "<stack trace>", "<user stack trace>"
        line.name = rest;
        return;
    }
    line.payload = rest;
}

// The latency format (irqsoff, preemptoff, wakeup tracers, or the latency-format option):
// "ps-6143    2d..1  259us+: trace_hardirqs_on <-_raw_spin_unlock_irqrestore" — CPU and flags
// in one column, then microseconds since the trace started, a delay mark and ':'.
bool parseLatencyEvent(std::string_view s, FtraceLine& line)
{
    std::size_t pos = 0;
    if (!parseTask(nextToken(s, pos), line))
        return false;
    const std::string_view cpuFlags = nextToken(s, pos);
    std::size_t digits = 0;
    while (digits < cpuFlags.size() && isDigit(cpuFlags[digits]))
        ++digits;
    const std::string_view flags = cpuFlags.substr(digits);
    constexpr std::string_view flagChars = ".dDbXnNBpzZhHs0123456789abcdef";
    if (digits == 0 || !parseSmallNumber(cpuFlags.substr(0, digits), line.cpu) || flags.size() < 4 || flags.size() > 6
        || flags.find_first_not_of(flagChars) != std::string_view::npos)
        return false;
    if (!isCpu(line.cpu)) {
        line.bad = FtraceLine::Bad::CpuOutOfRange;
        return true;
    }
    std::string_view time = nextToken(s, pos);
    // trace-cmd report -l: the timestamp in seconds after the CPU and flags ("1401.282250:").
    if (time.ends_with(':') && parseFtraceTimestamp(time.substr(0, time.size() - 1), line.ts)) {
        decodeFtraceFlags(flags, line.flags, line.preemptCount);
        line.kind = FtraceLine::Kind::Event;
        splitEvent(s.substr(pos), line);
        return true;
    }
    std::size_t us = 0;
    while (us < time.size() && isDigit(time[us]))
        ++us;
    if (us == 0 || us > 15 || time.substr(us, 2) != "us")
        return false;
    std::string_view after = time.substr(us + 2); // delay mark and/or ':'
    if (!after.empty() && after.front() != ':')
        after.remove_prefix(1);
    if (after.empty()) { // "17us :": the ':' is a token of its own
        after = nextToken(s, pos);
        if (after != ":")
            return false;
    } else if (after != ":") {
        return false;
    }
    std::int64_t value = 0;
    for (char c : time.substr(0, us))
        value = value * 10 + (c - '0');
    decodeFtraceFlags(flags, line.flags, line.preemptCount);
    line.ts = value * 1000;
    line.kind = FtraceLine::Kind::Event;
    splitEvent(s.substr(pos), line);
    return true;
}

// " => __schedule" (the kernel), "=> try_to_wake_up (ffffffffa8902e5f)" (trace-cmd report).
void parseStackFrame(std::string_view frame, FtraceLine& line)
{
    line.kind = FtraceLine::Kind::StackFrame;
    line.payload = frame;
    const std::size_t open = frame.rfind(" (");
    if (open != std::string_view::npos && frame.ends_with(')')
        && parseHex(frame.substr(open + 2, frame.size() - open - 3), line.address)) {
        line.hasAddress = true;
        line.payload = trimRight(frame.substr(0, open));
    }
}

void parseEvent(std::string_view s, FtraceLine& line)
{
    std::size_t pos = parseTaskAndCpu(s, line);
    if (pos == std::string_view::npos) {
        if (!parseLatencyEvent(s, line))
            line.bad = FtraceLine::Bad::NoCpuColumn;
        return;
    }
    if (!isCpu(line.cpu)) {
        line.bad = FtraceLine::Bad::CpuOutOfRange;
        return;
    }
    std::string_view token = nextToken(s, pos);
    if (!token.ends_with(':')) { // a flag column: old kernels have none
        decodeFtraceFlags(token, line.flags, line.preemptCount);
        token = nextToken(s, pos);
    }
    if (!token.ends_with(':')) {
        line.bad = FtraceLine::Bad::NoTimestamp;
        return;
    }
    const std::string_view time = token.substr(0, token.size() - 1);
    if (!parseFtraceTimestamp(time, line.ts)) {
        // "EVENT:" right after the flags: no timestamp at all, rather than a malformed one.
        line.bad = isTimestampOutOfRange(time) ? FtraceLine::Bad::TimestampOutOfRange
            : isDigit(token.front())           ? FtraceLine::Bad::BadTimestamp
                                               : FtraceLine::Bad::NoTimestamp;
        return;
    }
    line.kind = FtraceLine::Kind::Event;
    splitEvent(s.substr(pos), line);
}
} // namespace

bool parseFtraceTimestamp(std::string_view text, std::int64_t& ns)
{
    return readTimestamp(text, ns) == TimestampForm::Valid;
}

bool isTimestampOutOfRange(std::string_view text)
{
    std::int64_t ns = 0;
    return readTimestamp(text, ns) == TimestampForm::OutOfRange;
}

void decodeFtraceFlags(std::string_view column, int& flags, int& preemptCount)
{
    // Columns as kernel/trace/trace_output.c's trace_print_lat_fmt() writes them.
    flags = 0;
    preemptCount = 0;
    auto hexDigit = [](char c) { return isDigit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1; };
    for (std::size_t i = 0; i < column.size(); ++i) {
        const char c = column[i];
        switch (i) {
        case 0:
            flags |= c == 'D' ? IrqsOff | BhOff : c == 'd' ? IrqsOff : c == 'b' ? BhOff : c == 'X' ? IrqsNoSupport : 0;
            break;
        case 1:
            flags |= c == 'N' || c == 'B' ? NeedResched | PreemptResched : c == 'n' ? NeedResched : c == 'p' ? PreemptResched : 0;
            break;
        case 2:
            flags |= c == 'Z' ? Nmi | HardIrq : c == 'z' ? Nmi : c == 'H' ? HardIrq | SoftIrq : c == 'h' ? HardIrq : c == 's' ? SoftIrq : 0;
            break;
        case 3:
            preemptCount |= std::max(hexDigit(c), 0);
            break;
        case 4:
            preemptCount |= std::max(hexDigit(c), 0) << 4;
            break;
        default:
            break;
        }
    }
}

FtraceLine parseFtraceLine(std::string_view text)
{
    FtraceLine line;
    const std::string_view s = stripFilePrefix(trimRight(trimLeft(text)));
    if (s.starts_with('#')) {
        line.kind = FtraceLine::Kind::Comment;
        line.payload = s;
    } else if (s.starts_with("=>")) {
        parseStackFrame(trimLeft(s.substr(2)), line);
    } else if (isProse(s)) {
        line.kind = FtraceLine::Kind::Prose;
    } else if (s.starts_with("cpus=")) {
        int cpus = 0;
        line.kind = parseSmallNumber(s.substr(5), cpus) ? FtraceLine::Kind::CpuCount : FtraceLine::Kind::Bad;
        line.count = cpus;
        if (cpus > Storage::Limits::maxCpus) {
            line.kind = FtraceLine::Kind::Bad;
            line.bad = FtraceLine::Bad::CpuCountOutOfRange;
        }
    } else if (!parseLostEvents(s, line)) {
        parseEvent(s, line);
    }
    return line;
}

} // namespace Engine
