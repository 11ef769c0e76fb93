// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "helperexitcode.h"
#include "recordoptions.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace Recorder {

struct RecordOutcome {
    HelperExit code = HelperExit::Ok;
    QString message; // one line for the user; empty on success
    std::int64_t events = 0;
    std::int64_t lostEvents = 0;
    double seconds = 0;
    bool fileKept = false; // a (possibly partial) recording was left at file
    QString file;          // where the recording is: the -o path, unless replacing it failed
};

// What a recording has done so far, about once a second.
struct RecordProgress {
    std::int64_t events = 0; // written
    std::int64_t lost = 0;   // lost by the kernel (and pages dropped as corrupt), all CPUs
    std::vector<std::int64_t> lostPerCpu;
};

// Records what RecordOptions describe into one .ftlens file: sets up the helper's own tracefs
// instance, probes and tracer, reads the per-CPU buffers continuously, decodes and writes in
// timestamp order, and undoes every tracefs change on every exit path (shared settings through
// a journal that survives a crash). A function tracer recording gets its kernel addresses named
// (table kernel_symbol) once finished. Runs on the calling thread (plus one reader thread).
// stopRequested is polled, so a signal handler may set it.
class RecordSession {
public:
    using Notify = std::function<void(const QString& line)>;
    // Called about once a second while recording.
    using Progress = std::function<void(const RecordProgress& progress)>;
    using Started = std::function<void()>;

    RecordSession(RecordOptions options, const std::atomic<bool>& stopRequested, Notify notify, Progress progress = {});
    // Called once tracing is on and the COMMAND (if any) runs: from then on the file is kept.
    void onStarted(Started started);
    RecordOutcome run();

private:
    RecordOptions m_options;
    const std::atomic<bool>& m_stopRequested;
    Notify m_notify;
    Progress m_progress;
    Started m_started;
};

} // namespace Recorder
