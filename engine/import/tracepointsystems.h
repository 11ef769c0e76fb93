// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string_view>

namespace Engine {

// The tracepoint system ("sched", "irq", "fs", ...) of a common event that ftrace text names
// without its system, from a built-in table; "ftrace" when unknown. Pure; any thread.
std::string_view tracepointSystem(std::string_view eventName);

} // namespace Engine
