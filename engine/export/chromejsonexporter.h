// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "exportoptions.h"
#include "progressreporter.h"
#include "result.h"

#include <QString>

namespace Engine {

// Writes a recording as Chrome/Perfetto JSON trace events (the "Trace Event Format" that Perfetto
// UI and chrome://tracing open): process and thread names from the tasks (threads under their
// thread group), the scheduler's slices per CPU as complete events ("X") of a process "CPUs" with
// one thread per CPU (built from sched:sched_switch as the timeline index builds them), function
// calls per task as complete events with their self time and depth, and every other event as an
// instant event ("i", thread scope) named SYSTEM:EVENT with its fields as args. Times are in
// microseconds with nanosecond digits. Streamed: memory stays bounded. The file is written beside
// outputPath and put in its place only when complete. Runs on the caller's thread.
class ChromeJsonExporter {
public:
    explicit ChromeJsonExporter(ExportOptions options = {});
    Storage::Result<ExportResult> exportFile(const QString& recordingPath, const QString& outputPath);

    // The pid of the pseudo-process holding the CPU lanes, and of the one holding calls of no known task.
    static constexpr int cpuProcess = 1 << 30;
    static constexpr int unknownTaskProcess = cpuProcess + 1;

private:
    void report(int permille) { m_reporter.report(permille); }
    bool cancelled() const { return m_reporter.cancelled(); }

    ExportOptions m_options;
    ProgressReporter m_reporter;
};

} // namespace Engine
