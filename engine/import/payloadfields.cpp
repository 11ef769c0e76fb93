// SPDX-License-Identifier: GPL-3.0-or-later
#include "payloadfields.h"

namespace Engine {

namespace {
constexpr std::size_t npos = std::string_view::npos;

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isNameChar(char c) { return isAlpha(c) || isDigit(c) || c == '_' || c == '$' || c == '.' || c == '[' || c == ']'; }

int digitValue(char c)
{
    if (isDigit(c))
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return 99;
}

// All digits of `base`, at least one, no overflow.
bool parseUnsigned(std::string_view s, unsigned base, std::uint64_t& out)
{
    if (s.empty())
        return false;
    std::uint64_t value = 0;
    for (char c : s) {
        const unsigned digit = unsigned(digitValue(c));
        if (digit >= base || value > (UINT64_MAX - digit) / base)
            return false;
        value = value * base + digit;
    }
    out = value;
    return true;
}

std::string_view trimRight(std::string_view s)
{
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    return s;
}

std::size_t skipSpaces(std::string_view s, std::size_t pos)
{
    while (pos < s.size() && s[pos] == ' ')
        ++pos;
    return pos;
}

// Length of NAME when s has "NAME=" at pos, else 0.
std::size_t nameLength(std::string_view s, std::size_t pos)
{
    std::size_t i = pos;
    while (i < s.size() && isNameChar(s[i]))
        ++i;
    return i > pos && i < s.size() && s[i] == '=' ? i - pos : 0;
}

// Where the next " NAME=" after pos starts (at its NAME), or npos.
std::size_t nextFieldStart(std::string_view s, std::size_t pos)
{
    while (true) {
        const std::size_t space = s.find(' ', pos);
        if (space == npos)
            return npos;
        const std::size_t start = skipSpaces(s, space);
        if (start >= s.size())
            return npos;
        if (nameLength(s, start))
            return start;
        pos = start;
    }
}

// A quoted value at pos ('"'): it closes at a quote followed by the end or by " NAME=", so
// quotes inside ("echo "hello world"") stay in the value. Unterminated: the rest of the line.
std::size_t quotedValue(std::string_view s, std::size_t pos, std::string_view& value)
{
    for (std::size_t q = s.find('"', pos + 1); q != npos; q = s.find('"', q + 1)) {
        const std::size_t after = skipSpaces(s, q + 1);
        if (after >= s.size() || (after > q + 1 && nameLength(s, after))) {
            value = s.substr(pos + 1, q - pos - 1);
            return after >= s.size() ? npos : after;
        }
    }
    value = s.substr(pos + 1);
    return npos;
}

std::string_view unquotedValue(std::string_view s, std::size_t pos, std::size_t next)
{
    std::string_view value = trimRight(s.substr(pos, next == npos ? npos : next - pos));
    if (value.ends_with("==>")) // sched_switch: "prev_state=S ==> next_comm=..."
        value = trimRight(value.substr(0, value.size() - 3));
    return value;
}
} // namespace

bool hasHexPrefix(std::string_view value) { return value.size() > 2 && value[0] == '0' && (value[1] == 'x' || value[1] == 'X'); }

ValueClass classifyValue(std::string_view value, bool quoted)
{
    std::uint64_t number = 0;
    if (quoted || value.empty())
        return ValueClass::Text;
    if (hasHexPrefix(value))
        return parseUnsigned(value.substr(2), 16, number) ? ValueClass::UInt : ValueClass::Text;
    if (value[0] == '-') {
        if (!parseUnsigned(value.substr(1), 10, number) || number > std::uint64_t(INT64_MAX) + 1)
            return ValueClass::Text;
        return number ? ValueClass::NegativeInt : ValueClass::Int;
    }
    if (!parseUnsigned(value, 10, number))
        return parseUnsigned(value, 16, number) ? ValueClass::BareHex : ValueClass::Text;
    return number > std::uint64_t(INT64_MAX) ? ValueClass::UInt : ValueClass::Int;
}

std::int64_t numericValue(std::string_view value, ValueFormat format)
{
    std::uint64_t number = 0;
    const bool hexPrefix = hasHexPrefix(value);
    if (format == ValueFormat::Octal)
        parseUnsigned(value, 8, number);
    else if (format == ValueFormat::Hex || hexPrefix)
        parseUnsigned(hexPrefix ? value.substr(2) : value, 16, number);
    else if (value.starts_with('-') && parseUnsigned(value.substr(1), 10, number))
        return std::int64_t(0 - number);
    else
        parseUnsigned(value, 10, number);
    return std::int64_t(number);
}

bool splitPayloadFields(std::string_view payload, std::vector<PayloadField>& out)
{
    out.clear();
    std::size_t pos = skipSpaces(payload, 0);
    while (pos < payload.size()) {
        const std::size_t length = nameLength(payload, pos);
        if (!length)
            return false;
        PayloadField field;
        field.name = payload.substr(pos, length);
        const std::size_t valueStart = pos + length + 1;
        const bool quoted = valueStart < payload.size() && payload[valueStart] == '"';
        if (quoted) {
            pos = quotedValue(payload, valueStart, field.value);
            field.unterminated = field.value.data() + field.value.size() == payload.data() + payload.size();
        } else {
            pos = nextFieldStart(payload, valueStart);
            field.value = unquotedValue(payload, valueStart, pos);
        }
        field.valueClass = classifyValue(field.value, quoted);
        out.push_back(field);
    }
    return true;
}

bool splitColonFields(std::string_view payload, std::vector<PayloadField>& out)
{
    out.clear();
    payload = trimRight(payload);
    std::size_t pos = skipSpaces(payload, 0);
    while (pos < payload.size()) {
        std::size_t end = payload.find(", ", pos);
        if (end == npos)
            end = payload.size();
        const std::string_view part = payload.substr(pos, end - pos);
        const std::size_t colon = part.find(": ");
        std::size_t nameEnd = 0;
        while (nameEnd < part.size() && isNameChar(part[nameEnd]))
            ++nameEnd;
        if (colon == npos || colon == 0 || nameEnd != colon) {
            out.clear();
            return false;
        }
        PayloadField field;
        field.name = part.substr(0, colon);
        field.value = trimRight(part.substr(colon + 2));
        field.valueClass = classifyValue(field.value, false);
        out.push_back(field);
        pos = skipSpaces(payload, end + 1);
    }
    // One "NAME: text" alone is more likely free text (a trace_printk message) than a field.
    return out.size() >= 2;
}

namespace {
// "COMM:PID [PRIO]" (the comm may hold ':' and spaces: the pid follows the last ':').
bool splitTask(std::string_view text, std::string_view prefix, std::vector<PayloadField>& out)
{
    static constexpr std::string_view names[][3] = { { "comm", "pid", "prio" }, { "prev_comm", "prev_pid", "prev_prio" },
        { "next_comm", "next_pid", "next_prio" } };
    const int which = prefix.empty() ? 0 : prefix == "prev_" ? 1 : 2;
    text = trimRight(text);
    const std::size_t open = text.rfind(" [");
    if (open == npos || !text.ends_with(']'))
        return false;
    const std::string_view prio = text.substr(open + 2, text.size() - open - 3);
    const std::string_view task = text.substr(0, open);
    const std::size_t colon = task.rfind(':');
    if (colon == npos || colon == 0)
        return false;
    const std::string_view pid = task.substr(colon + 1);
    if (classifyValue(pid, false) != ValueClass::Int || classifyValue(prio, false) == ValueClass::Text)
        return false;
    out.push_back({ names[which][0], task.substr(0, colon), ValueClass::Text, ValueFormat::Auto });
    out.push_back({ names[which][1], pid, ValueClass::Int, ValueFormat::Auto });
    out.push_back({ names[which][2], prio, classifyValue(prio, false), ValueFormat::Auto });
    return true;
}

bool splitSwitch(std::string_view payload, std::vector<PayloadField>& out)
{
    const std::size_t arrow = payload.find(" ==> ");
    if (arrow == npos)
        return false;
    std::string_view next = payload.substr(arrow + 5);
    std::string_view latency;
    if (const std::size_t at = next.find(" Latency: "); at != npos) {
        latency = next.substr(at + 10);
        if (latency.ends_with(" usecs"))
            latency.remove_suffix(6);
        next = next.substr(0, at);
    }
    const std::string_view prev = trimRight(payload.substr(0, arrow));
    const std::size_t stateAt = prev.rfind(' ');
    if (stateAt == npos || !splitTask(prev.substr(0, stateAt), "prev_", out))
        return false;
    out.push_back({ "prev_state", prev.substr(stateAt + 1), ValueClass::Text, ValueFormat::Auto });
    if (!splitTask(next, "next_", out))
        return false;
    if (!latency.empty())
        out.push_back({ "latency_us", latency, ValueClass::Text, ValueFormat::Auto });
    return true;
}

bool splitWakeup(std::string_view payload, std::vector<PayloadField>& out)
{
    const std::size_t cpu = payload.find(" CPU:");
    if (cpu == npos || !splitTask(payload.substr(0, cpu), {}, out))
        return false;
    std::string_view rest = payload.substr(cpu + 5);
    const std::size_t space = rest.find(' ');
    const std::string_view target = rest.substr(0, space);
    if (classifyValue(target, false) != ValueClass::Int)
        return false;
    // "002": decimal with leading zeros, as the plugin prints it.
    out.push_back({ "target_cpu", target, ValueClass::Int, ValueFormat::Auto });
    rest = space == npos ? std::string_view() : rest.substr(space + 1);
    if (rest.starts_with("success="))
        out.push_back({ "success", rest.substr(8), classifyValue(rest.substr(8), false), ValueFormat::Auto });
    return true;
}
} // namespace

bool splitTraceCmdSchedPayload(std::string_view event, std::string_view payload, std::vector<PayloadField>& out)
{
    out.clear();
    payload = trimRight(payload);
    bool ok = false;
    if (event == "sched_switch")
        ok = splitSwitch(payload, out);
    else if (event == "sched_wakeup" || event == "sched_waking" || event == "sched_wakeup_new")
        ok = splitWakeup(payload, out);
    if (!ok)
        out.clear();
    return ok;
}

bool splitOpenPayload(std::string_view payload, std::vector<PayloadField>& out)
{
    out.clear();
    payload = trimRight(payload);
    const std::size_t modeSpace = payload.rfind(' ');
    if (modeSpace == npos || modeSpace == 0)
        return false;
    const std::size_t flagsSpace = payload.rfind(' ', modeSpace - 1);
    if (flagsSpace == npos)
        return false;
    const std::string_view name = trimRight(payload.substr(0, flagsSpace));
    const std::string_view flags = payload.substr(flagsSpace + 1, modeSpace - flagsSpace - 1);
    const std::string_view mode = payload.substr(modeSpace + 1);
    std::uint64_t number = 0;
    if (name.size() < 2 || name.front() != '"' || name.back() != '"' || !parseUnsigned(flags, 16, number)
        || !parseUnsigned(mode, 8, number))
        return false;
    out.push_back({ "filename", name.substr(1, name.size() - 2), ValueClass::Text, ValueFormat::Auto });
    out.push_back({ "flags", flags, ValueClass::UInt, ValueFormat::Hex });
    out.push_back({ "mode", mode, ValueClass::UInt, ValueFormat::Octal });
    return true;
}

} // namespace Engine
