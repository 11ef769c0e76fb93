// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QStringList>

#include <optional>
#include <sys/types.h>

namespace Recorder {

// The COMMAND of `record -- COMMAND`: forked at once but held before exec until tracing is
// set up, so its pid can go into set_event_pid and its very first events are recorded.
// Owned by the helper's main thread.
class ChildProcess {
public:
    ~ChildProcess();
    static Storage::Result<std::unique_ptr<ChildProcess>> spawnHeld(const QStringList& command);

    pid_t pid() const { return m_pid; }
    // Lets the child exec; an exec failure comes back as an error naming the command.
    Storage::Status release();
    // The exit status once the child has ended (non-blocking).
    std::optional<int> poll();
    void terminate();

private:
    ChildProcess() = default;
    pid_t m_pid = -1;
    int m_goFd = -1;    // parent writes one byte: go
    int m_errorFd = -1; // child writes errno if exec fails; EOF means exec succeeded
    bool m_reaped = false;
    QStringList m_command;
};

} // namespace Recorder
