// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "helperexitcode.h"
#include "recordoptions.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>

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

// Records what RecordOptions describe into one .ftlens file: sets up the helper's own tracefs
// instance, probes and tracer, reads the per-CPU buffers continuously, decodes and writes in
// timestamp order, and undoes every tracefs change on every exit path (shared settings through
// a journal that survives a crash). A function tracer recording gets its kernel addresses named
// (table kernel_symbol) once finished. Runs on the calling thread (plus one reader thread).
// stopRequested is polled, so a signal handler may set it.
class RecordSession {
public:
    using Notify = std::function<void(const QString& line)>;
    // Called about once a second while recording: events written so far, events the kernel lost.
    using Progress = std::function<void(std::int64_t events, std::int64_t lost)>;

    RecordSession(RecordOptions options, const std::atomic<bool>& stopRequested, Notify notify, Progress progress = {});
    RecordOutcome run();

private:
    RecordOptions m_options;
    const std::atomic<bool>& m_stopRequested;
    Notify m_notify;
    Progress m_progress;
};

} // namespace Recorder
