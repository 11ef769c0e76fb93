// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string_view>

// Character and column helpers shared by the ftrace text line parsers.
namespace Engine::TextColumns {

inline bool isDigit(char c) { return c >= '0' && c <= '9'; }
inline bool isSpace(char c) { return c == ' ' || c == '\t'; }

inline std::string_view trimLeft(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size() && isSpace(s[i]))
        ++i;
    return s.substr(i);
}

inline std::string_view trimRight(std::string_view s)
{
    std::size_t n = s.size();
    while (n > 0 && (isSpace(s[n - 1]) || s[n - 1] == '\r'))
        --n;
    return s.substr(0, n);
}

inline std::string_view trim(std::string_view s) { return trimRight(trimLeft(s)); }

// All digits, at least one, at most 9 (pids, CPUs, counts): no overflow possible.
inline bool parseSmallNumber(std::string_view s, int& out)
{
    if (s.empty() || s.size() > 9)
        return false;
    int value = 0;
    for (char c : s) {
        if (!isDigit(c))
            return false;
        value = value * 10 + (c - '0');
    }
    out = value;
    return true;
}

inline bool isHexDigit(char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// 1 to 16 hex digits without "0x" (addresses as trace-cmd and perf print them).
inline bool parseHex(std::string_view s, std::uint64_t& out)
{
    if (s.empty() || s.size() > 16)
        return false;
    std::uint64_t value = 0;
    for (char c : s) {
        if (!isHexDigit(c))
            return false;
        value = value * 16 + std::uint64_t(isDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    out = value;
    return true;
}

} // namespace Engine::TextColumns
