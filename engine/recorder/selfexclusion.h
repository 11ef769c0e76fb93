// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QString>

namespace Recorder {

class OwnThreads;
class TraceInstance;

// How a recording keeps the helper's own threads out: it must never record itself reading the
// ring buffers and writing the file.
enum class SelfExclusion {
    Kernel, // the instance's set_event_notrace_pid (and set_ftrace_notrace_pid for -p): Linux 5.8+
    Writer, // the kernel lacks them: the writer drops those threads' events before storing them
};

// Writes the helper's threads to the instance's notrace pid files, with event-fork (function-fork)
// on so that threads and processes the helper starts later stay out too, and says which way
// applies: Kernel when every file the recording needs exists. A refused write is an error (the
// caller falls back to Writer). Call when the helper's threads exist, before tracing is switched
// on. Main thread only.
Storage::Result<SelfExclusion> excludeOwnThreads(TraceInstance& instance, bool functionTracer, const OwnThreads& threads);

// Meta self_exclusion: "kernel" or "writer".
QString selfExclusionName(SelfExclusion mode);

} // namespace Recorder
