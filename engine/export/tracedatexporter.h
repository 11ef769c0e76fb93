// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "exportoptions.h"
#include "progressreporter.h"
#include "result.h"

#include <QString>

namespace Engine {

// Writes a recording as a trace.dat through libtracecmd's writer (what `trace-cmd record` uses),
// readable by `trace-cmd report` and KernelShark: the recording's event formats (see
// ExportFormats), its CPUs, every event in time order re-encoded as the kernel's ring-buffer
// records (RingBufferPages, one file per CPU in a scratch directory beside the output, so memory
// stays bounded), kernel stacks from stack_frame, task names as saved_cmdlines, the kernel
// symbols the recording holds as kallsyms, the trace clock, uname and per-CPU statistics as
// options. The file is written beside outputPath and put in its place only when complete.
// Runs on the caller's thread.
class TraceDatExporter {
public:
    explicit TraceDatExporter(ExportOptions options = {});
    Storage::Result<ExportResult> exportFile(const QString& recordingPath, const QString& outputPath);

private:
    void report(int permille) { m_reporter.report(permille); }
    bool cancelled() const { return m_reporter.cancelled(); }

    ExportOptions m_options;
    ProgressReporter m_reporter;
};

} // namespace Engine
