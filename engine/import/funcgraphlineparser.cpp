// SPDX-License-Identifier: GPL-3.0-or-later
#include "funcgraphlineparser.h"

#include "ftracelineparser.h"
#include "recordinglimits.h"
#include "textcolumns.h"

namespace Engine {

namespace {
using namespace TextColumns;
using Kind = FuncGraphLine::Kind;

// "sh-4802", "<idle>-0": the pid follows the last '-'.
bool parseTask(std::string_view s, std::string_view& comm, int& pid)
{
    s = trim(s);
    const std::size_t dash = s.rfind('-');
    if (dash == std::string_view::npos || dash == 0 || !parseSmallNumber(s.substr(dash + 1), pid))
        return false;
    comm = s.substr(0, dash);
    return true;
}

// "12202.93" (microseconds, up to three decimals) -> ns.
bool parseMicroseconds(std::string_view s, std::int64_t& ns)
{
    const std::size_t dot = s.find('.');
    const std::string_view whole = s.substr(0, dot);
    const std::string_view fraction = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
    if (whole.empty() || whole.size() > 12 || fraction.size() > 3)
        return false;
    std::int64_t value = 0;
    for (char c : whole) {
        if (!isDigit(c))
            return false;
        value = value * 10 + (c - '0');
    }
    std::int64_t sub = 0;
    for (char c : fraction) {
        if (!isDigit(c))
            return false;
        sub = sub * 10 + (c - '0');
    }
    for (std::size_t i = fraction.size(); i < 3; ++i)
        sub *= 10;
    ns = value * 1000 + sub;
    return true;
}

// The DURATION column: blank (an entry), or an overhead mark (+ ! # * @ $) and "N.NNN us".
bool parseDuration(std::string_view column, std::int64_t& dur)
{
    std::string_view s = trim(column);
    if (s.empty())
        return true;
    if (std::string_view("+!#*@$").find(s.front()) != std::string_view::npos)
        s = trimLeft(s.substr(1));
    if (!s.ends_with("us"))
        return false;
    return parseMicroseconds(trimRight(s.substr(0, s.size() - 2)), dur);
}

// The latency flags column ("d..2", "...1", "dNs3.").
bool isFlagsColumn(std::string_view column)
{
    const std::string_view s = trim(column);
    return s.size() >= 4 && s.size() <= 5 && s.find_first_not_of(".dDbXnNBpzZhHs0123456789abcdef") == std::string_view::npos;
}

// "-22", "0xffffffea", "true".
bool parseRetval(std::string_view s, std::int64_t& value)
{
    s = trim(s);
    if (s == "true" || s == "false") {
        value = s == "true";
        return true;
    }
    const bool negative = s.starts_with('-');
    if (negative)
        s.remove_prefix(1);
    const bool hex = s.starts_with("0x");
    if (hex)
        s.remove_prefix(2);
    if (s.empty() || s.size() > 16)
        return false;
    std::uint64_t v = 0;
    for (char c : s) {
        const int d = isDigit(c) ? c - '0' : (hex && c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
        if (d < 0)
            return false;
        v = v * (hex ? 16 : 10) + std::uint64_t(d);
    }
    value = negative ? -std::int64_t(v) : std::int64_t(v);
    return true;
}

// The return value inside a trailing comment: "= 0x0", "func = -22", "<-caller+0x12/0x30 ret=0x1".
void parseCommentRetval(std::string_view inside, FuncGraphLine& line)
{
    std::size_t at = inside.find("ret=");
    std::size_t skip = 4;
    if (at == std::string_view::npos) {
        at = inside.find("= ");
        skip = 2;
    }
    if (at == std::string_view::npos)
        return;
    std::string_view value = inside.substr(at + skip);
    value = value.substr(0, value.find(' '));
    line.hasRetval = parseRetval(value, line.retval);
}

// Splits "code /* comment */" into its parts; comment is empty when there is none.
void splitComment(std::string_view content, std::string_view& code, std::string_view& comment)
{
    const std::size_t open = content.find("/*");
    if (open == std::string_view::npos || !content.ends_with("*/")) {
        code = content;
        comment = {};
        return;
    }
    code = trimRight(content.substr(0, open));
    comment = trim(content.substr(open + 2, content.size() - open - 4));
}

bool isFunctionNameChar(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.' || c == '$' || c == ':';
}

void parseFunctionPart(std::string_view content, FuncGraphLine& line)
{
    if (content.starts_with("==========>")) {
        line.kind = Kind::IrqEntry;
        return;
    }
    if (content.starts_with("<==========")) {
        line.kind = Kind::IrqExit;
        return;
    }
    std::string_view code;
    std::string_view comment;
    splitComment(content, code, comment);
    if (content.starts_with("/*")) {
        line.kind = Kind::Comment;
        line.text = comment.empty() ? trim(content.substr(2)) : comment;
        return;
    }
    if (code.starts_with('}')) {
        if (trim(code.substr(1)).empty()) {
            line.kind = Kind::Exit;
            // funcgraph-tail: "/* func */", "/* func() */", "/* func = -22 */", "/* func ret=1 */".
            std::size_t end = 0;
            while (end < comment.size() && isFunctionNameChar(comment[end]))
                ++end;
            line.function = comment.substr(0, end);
            parseCommentRetval(comment.substr(end), line);
        }
        return;
    }
    // A note someone appended to a line they pasted ("func();    # here it switches").
    if (const std::size_t note = code.find("  #"); note != std::string_view::npos) {
        const std::string_view before = trimRight(code.substr(0, note));
        if (before.ends_with(';') || before.ends_with('{'))
            code = before;
    }
    std::size_t end = 0;
    while (end < code.size() && isFunctionNameChar(code[end]))
        ++end;
    // A module's function, as %ps prints it: "e1000_clean [e1000]()".
    if (end > 0 && code.substr(end).starts_with(" [")) {
        const std::size_t close = code.find(']', end);
        if (close != std::string_view::npos)
            end = close + 1;
    }
    if (end == 0 || (end < code.size() && code[end] != '('))
        return;
    line.function = code.substr(0, end);
    if (code.ends_with('{'))
        line.kind = Kind::Entry;
    else if (code.ends_with(';'))
        line.kind = Kind::Leaf;
    else
        return;
    if (!comment.empty())
        parseCommentRetval(comment, line);
}

// "360.774522 |" (abstime) or "      0 us |" (the latency format's relative time).
std::string_view parseTime(std::string_view s, FuncGraphLine& line)
{
    const std::size_t bar = s.find('|');
    if (bar == std::string_view::npos || bar > 32)
        return s;
    const std::string_view column = trim(s.substr(0, bar));
    std::int64_t ns = 0;
    if (column.ends_with(" us")) {
        if (!parseMicroseconds(trimRight(column.substr(0, column.size() - 3)), ns))
            return s;
    } else if (column.find('.') == std::string_view::npos || !parseFtraceTimestamp(column, ns)) {
        if (column.find('.') != std::string_view::npos && isTimestampOutOfRange(column))
            line.outOfRange = FuncGraphLine::OutOfRange::Timestamp;
        return s;
    }
    line.ts = ns;
    return s.substr(bar + 1);
}

// " 1)" -> the CPU; the rest follows.
std::string_view parseCpu(std::string_view s, FuncGraphLine& line, int& indentBase)
{
    const std::string_view t = trimLeft(s);
    const std::size_t paren = t.find(')');
    if (paren == std::string_view::npos || paren == 0 || paren > 5 || !parseSmallNumber(t.substr(0, paren), line.cpu))
        return s;
    if (!Storage::Limits::isCpu(line.cpu)) {
        line.outOfRange = FuncGraphLine::OutOfRange::Cpu;
        line.cpu = -1;
        return s;
    }
    indentBase = 1; // " %d) " then the indentation
    return t.substr(paren + 1);
}

bool parseTaskSwitch(std::string_view rest, FuncGraphLine& line)
{
    const std::size_t arrow = rest.find("=>");
    if (arrow == std::string_view::npos || rest.find('|') != std::string_view::npos)
        return false;
    if (!parseTask(rest.substr(0, arrow), line.comm, line.pid) || !parseTask(rest.substr(arrow + 2), line.nextComm, line.nextPid))
        return false;
    line.kind = Kind::TaskSwitch;
    return true;
}
} // namespace

FuncGraphLine parseFuncGraphLine(std::string_view text)
{
    FuncGraphLine line;
    const std::string_view s = trimRight(text);
    const std::string_view t = trimLeft(s);
    // "[...]" and "[ ... <truncated> ... ]": where someone cut the text they pasted.
    const bool elision = t.starts_with('[') && t.ends_with(']') && t.find("...") != std::string_view::npos;
    if (t.empty() || elision || t.find_first_not_of('.') == std::string_view::npos || t.starts_with("^C") || t.starts_with("Tracing ") || t.starts_with("Ending tracing")) {
        line.kind = Kind::Prose;
        return line;
    }
    if (t.starts_with('#')) {
        line.kind = Kind::Header;
        return line;
    }
    if (t.starts_with("---") && t.find_first_not_of('-') == std::string_view::npos) {
        line.kind = Kind::Separator;
        return line;
    }
    int indentBase = 0;
    std::string_view rest = parseTime(s, line);
    rest = parseCpu(rest, line, indentBase);
    if (line.outOfRange != FuncGraphLine::OutOfRange::None) {
        line.kind = Kind::Bad;
        return line;
    }
    if (parseTaskSwitch(rest, line))
        return line;
    // Columns up to the function part: proc, latency flags, then the duration (always last).
    for (std::size_t bar; (bar = rest.find('|')) != std::string_view::npos;) {
        const std::string_view column = rest.substr(0, bar);
        std::int64_t dur = FuncGraphLine::none;
        if (parseDuration(column, dur)) {
            line.dur = dur;
            line.hasDurationColumn = true;
            rest = rest.substr(bar + 1);
            indentBase = 2; // "|  " then the indentation
            break;
        }
        if (line.pid < 0 && parseTask(column, line.comm, line.pid)) {
            rest = rest.substr(bar + 1);
            indentBase = 1;
            continue;
        }
        if (isFlagsColumn(column)) {
            rest = rest.substr(bar + 1);
            indentBase = 1;
            continue;
        }
        break;
    }
    std::size_t spaces = 0;
    while (spaces < rest.size() && isSpace(rest[spaces]))
        ++spaces;
    line.depth = spaces > std::size_t(indentBase) ? int(spaces - std::size_t(indentBase)) / 2 : 0;
    parseFunctionPart(trimRight(rest.substr(spaces)), line);
    // A closing brace or a leaf without a duration only counts where no duration column exists.
    if ((line.kind == Kind::Leaf || line.kind == Kind::Exit) && line.hasDurationColumn && line.dur == FuncGraphLine::none)
        line.kind = Kind::Bad;
    // ts + dur overflowed int64 for abstimes near its end (found by fuzz_funcgraph under UBSan).
    if (line.ts != FuncGraphLine::none && line.ts > FuncGraphLine::maxTs)
        line.kind = Kind::Bad;
    return line;
}

bool isFunctionGraphText(std::string_view text)
{
    int graph = 0;
    int events = 0;
    std::size_t pos = 0;
    for (int lines = 0; pos < text.size() && lines < 400; ++lines) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        const std::string_view t = trim(line);
        if (t.starts_with("# tracer: function_graph"))
            return true;
        if (t.empty() || t.starts_with('#'))
            continue;
        switch (parseFuncGraphLine(line).kind) {
        case Kind::Entry:
        case Kind::Leaf:
        case Kind::Exit:
        case Kind::TaskSwitch:
        case Kind::IrqEntry:
        case Kind::IrqExit:
            ++graph;
            break;
        default:
            events += parseFtraceLine(line).kind == FtraceLine::Kind::Event;
            break;
        }
    }
    return graph > events;
}

} // namespace Engine
