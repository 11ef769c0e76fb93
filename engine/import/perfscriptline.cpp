// SPDX-License-Identifier: GPL-3.0-or-later
// `perf script` lines of tracepoints and probes with perf's default fields:
//   "            perf  1234 [002] 12345.678901:        sched:sched_switch: prev_comm=perf ..."
//   "sh 16021/16021 [001]  9273.855409: syscalls:sys_exit_openat: 0x3"   (-F +pid)
//   "\tffffffff82249848 __schedule+0x628 ([kernel.kallsyms])"            (a callchain frame, -g)
// The comm is padded to the right, may hold spaces and is followed by the tid (or pid/tid); the
// CPU column is there when the samples have it; a blank line ends an event's callchain.
#include "ftracelineparser.h"
#include "textcolumns.h"

namespace Engine {

namespace {
using namespace TextColumns;

// "  ffffffff82249848 __schedule+0x628 ([kernel.kallsyms])": address, symbol, (binary).
bool parseFrame(std::string_view line, FtraceLine& out)
{
    if (line.empty() || !isSpace(line.front()))
        return false;
    const std::string_view s = trim(line);
    const std::size_t space = s.find(' ');
    if (space == std::string_view::npos || !parseHex(s.substr(0, space), out.address) || !s.ends_with(')'))
        return false;
    const std::string_view rest = trimLeft(s.substr(space + 1));
    const std::size_t open = rest.rfind(" (");
    if (open == std::string_view::npos)
        return false;
    const std::string_view binary = rest.substr(open + 2, rest.size() - open - 3);
    out.kind = FtraceLine::Kind::StackFrame;
    out.hasAddress = true;
    out.payload = rest.substr(0, open);
    if (out.payload == "[unknown]")
        out.payload = {};
    // A frame perf could not place in a binary is the kernel's only at a kernel address (the upper
    // half of the address space on 64-bit machines); else it is a user frame, as its neighbours.
    constexpr std::uint64_t kernelHalf = 0xffff800000000000ULL;
    out.userFrame = binary == "[unknown]" ? out.address < kernelHalf : !binary.starts_with("[kernel");
    return true;
}

// The timestamp column: " 9273.855409:" preceded by a space; returns where it starts or npos.
std::size_t findTimestamp(std::string_view s, std::int64_t& ns, std::size_t& after)
{
    for (std::size_t colon = s.find(": "); colon != std::string_view::npos; colon = s.find(": ", colon + 1)) {
        std::size_t start = colon;
        while (start > 0 && (isDigit(s[start - 1]) || s[start - 1] == '.'))
            --start;
        if (start == colon || start == 0 || !isSpace(s[start - 1]))
            continue;
        if (parseFtraceTimestamp(s.substr(start, colon - start), ns)) {
            after = colon + 1;
            return start;
        }
    }
    return std::string_view::npos;
}

// "COMM TID [CPU]" or "COMM PID/TID [CPU]" before the timestamp.
bool parseTaskColumns(std::string_view s, FtraceLine& line)
{
    s = trimRight(s);
    if (s.ends_with(']')) {
        const std::size_t open = s.rfind('[');
        if (open == std::string_view::npos || !parseSmallNumber(s.substr(open + 1, s.size() - open - 2), line.cpu))
            return false;
        s = trimRight(s.substr(0, open));
    }
    const std::size_t space = s.find_last_of(" \t");
    if (space == std::string_view::npos)
        return false;
    std::string_view ids = s.substr(space + 1);
    if (const std::size_t slash = ids.find('/'); slash != std::string_view::npos) {
        if (!parseSmallNumber(ids.substr(0, slash), line.tgid))
            return false;
        ids = ids.substr(slash + 1);
    }
    if (!parseSmallNumber(ids, line.pid))
        return false;
    line.comm = trim(s.substr(0, space));
    return !line.comm.empty();
}
} // namespace

FtraceLine parsePerfScriptLine(std::string_view text)
{
    FtraceLine line;
    if (parseFrame(text, line))
        return line;
    const std::string_view s = trim(text);
    if (s.starts_with('#')) {
        line.kind = FtraceLine::Kind::Comment;
        line.payload = s;
        return line;
    }
    if (s.empty()) {
        line.kind = FtraceLine::Kind::Prose;
        return line;
    }
    std::size_t after = 0;
    const std::size_t start = findTimestamp(s, line.ts, after);
    if (start == std::string_view::npos || !parseTaskColumns(s.substr(0, start), line)) {
        line.bad = FtraceLine::Bad::NoCpuColumn;
        return line;
    }
    // "sched:sched_switch: payload" (perf may print a sample period before it: skip digits).
    std::string_view rest = trimLeft(s.substr(after));
    while (!rest.empty() && isDigit(rest.front()))
        rest.remove_prefix(1);
    rest = trimLeft(rest);
    const std::size_t first = rest.find(':');
    const std::size_t second = first == std::string_view::npos ? first : rest.find(':', first + 1);
    const std::size_t space = rest.find(' ');
    if (second == std::string_view::npos || second > space || first == 0) {
        line.bad = FtraceLine::Bad::NoTimestamp;
        return line;
    }
    line.kind = FtraceLine::Kind::Event;
    line.system = rest.substr(0, first);
    line.name = rest.substr(first + 1, second - first - 1);
    line.payload = trimLeft(rest.substr(second + 1));
    return line;
}

FtraceLine parseTraceLine(std::string_view line, TextDialect dialect)
{
    return dialect == TextDialect::PerfScript ? parsePerfScriptLine(line) : parseFtraceLine(line);
}

} // namespace Engine
