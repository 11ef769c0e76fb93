// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string_view>

namespace Engine {

// The "(PLACE)" a dynamic event's text starts with, as the kernel prints it:
//   kprobe     "(do_sys_open+0x0/0x220)"             -> place do_sys_open
//   kretprobe  "(SyS_open+0x1e/0x20 <- do_sys_open)" -> place do_sys_open (the probed function)
//   uprobe     "(0x446420)", uretprobe "(0x446540 <- 0x446420)" -> place 0x446420
//   eprobe     "(raw_syscalls.sys_enter)"            -> place raw_syscalls.sys_enter
// Plain value; any thread.
struct ProbeHeader {
    enum class Kind { KProbe, KRetProbe, UProbe, URetProbe, EProbe };
    Kind kind = Kind::KProbe;
    std::string_view place; // "+0x0" and "/size" dropped, so entry and return name one place
    std::string_view rest;  // the arguments after ')'
};

// Null when the payload does not start like a probe's. eventName lets an fprobe entry
// ("vfs_open__entry: (vfs_open+0x4/0x40)") name its function, as its exit does.
// printFormat: printed through the event format's print fmt (perf script), not by the kernel.
std::optional<ProbeHeader> parseProbeHeader(std::string_view payload, std::string_view eventName, bool printFormat = false);

} // namespace Engine
