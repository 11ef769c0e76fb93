// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordingwriter.h"

#include <vector>

namespace Synth {

// The event types of a synthetic recording, in this order.
enum class SynthType { SchedSwitch, SchedWakeup, SysEnterOpenat, SysExitOpenat };
constexpr int synthTypeCount = 4;

// The kernel's own formats of the four event types, with the field specs the helper derives
// from them (name, C type, storage, size), so a synthetic file looks like a helper recording.
// Indexed by SynthType. Thread-agnostic.
std::vector<Storage::EventTypeSpec> synthEventTypes();

} // namespace Synth
