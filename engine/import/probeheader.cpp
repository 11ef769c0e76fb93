// SPDX-License-Identifier: GPL-3.0-or-later
#include "probeheader.h"

namespace Engine {

namespace {
// "0x7f12ab34" as the kernel prints addresses; perf script prints them without "0x" (at least 8 digits).
bool isHexAddress(std::string_view s)
{
    if (s.starts_with("0x"))
        s.remove_prefix(2);
    else if (s.size() < 8)
        return false;
    if (s.empty())
        return false;
    for (char c : s) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return true;
}

// Unresolved kernel addresses print as 16 hex digits in the upper half; user addresses do not.
bool isKernelAddress(std::string_view s)
{
    if (s.starts_with("0x"))
        s.remove_prefix(2);
    return s.size() == 16 && s.substr(0, 4) == "ffff";
}

bool isEventName(std::string_view s)
{
    const std::size_t dot = s.find('.');
    return dot != std::string_view::npos && dot > 0 && dot + 1 < s.size() && s.find_first_of(" +/") == std::string_view::npos;
}

// "sym+0x0/0x220" -> "sym"; "sym+0x79/0xd0" -> "sym+0x79".
std::string_view normalisePlace(std::string_view symbol)
{
    if (const std::size_t slash = symbol.find('/'); slash != std::string_view::npos)
        symbol = symbol.substr(0, slash);
    for (std::string_view zero : { "+0x0", "+0" }) {
        if (symbol.ends_with(zero))
            return symbol.substr(0, symbol.size() - zero.size());
    }
    return symbol;
}

// fprobe entries sit at the function's ftrace location ("vfs_open+0x4") and are named FUNC__entry.
std::string_view fprobeFunction(std::string_view place, std::string_view eventName)
{
    const std::size_t plus = place.find('+');
    if (plus == std::string_view::npos || !eventName.ends_with("__entry"))
        return place;
    const std::string_view function = place.substr(0, plus);
    return eventName.substr(0, eventName.size() - 7) == function ? function : place;
}
} // namespace

std::optional<ProbeHeader> parseProbeHeader(std::string_view payload, std::string_view eventName, bool printFormat)
{
    if (!payload.starts_with('('))
        return std::nullopt;
    const std::size_t close = payload.find(')');
    if (close == std::string_view::npos)
        return std::nullopt;
    const std::string_view inside = payload.substr(1, close - 1);
    ProbeHeader header;
    header.rest = payload.substr(close + 1);
    if (const std::size_t arrow = inside.find(" <- "); arrow != std::string_view::npos) {
        // The kernel prints "(return address <- function)", the format's print fmt (perf) the other way round.
        header.place = printFormat ? inside.substr(0, arrow) : inside.substr(arrow + 4);
        const bool user = isHexAddress(header.place) && !isKernelAddress(header.place);
        header.kind = user ? ProbeHeader::Kind::URetProbe : ProbeHeader::Kind::KRetProbe;
        return header.place.empty() ? std::nullopt : std::optional(header);
    }
    if (isHexAddress(inside)) {
        header.kind = isKernelAddress(inside) ? ProbeHeader::Kind::KProbe : ProbeHeader::Kind::UProbe;
        header.place = inside;
    } else if (inside.find('+') != std::string_view::npos && inside.find(' ') == std::string_view::npos) {
        header.kind = ProbeHeader::Kind::KProbe;
        header.place = fprobeFunction(normalisePlace(inside), eventName);
    } else if (isEventName(inside)) {
        header.kind = ProbeHeader::Kind::EProbe;
        header.place = inside;
    } else {
        return std::nullopt;
    }
    return header;
}

} // namespace Engine
