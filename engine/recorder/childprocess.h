// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "invokinguser.h"
#include "result.h"

#include <QStringList>

#include <memory>
#include <optional>
#include <sys/types.h>

namespace Recorder {

// The COMMAND of `record -- COMMAND`: forked at once but held before exec until tracing is
// set up, so its pid can go into set_event_pid and its very first events are recorded.
// It runs as runAs — uid, primary group and supplementary groups (as initgroups sets them) —
// dropped in the child right after the fork, with a clean environment (runAs's HOME, USER,
// LOGNAME and SHELL, PATH = safePath(), and only the terminal, locale and display variables of
// the helper's own), and is looked up in safePath() when it names no directory, never in the
// caller's PATH. Owned by the helper's main thread.
class ChildProcess {
public:
    ~ChildProcess();
    static Storage::Result<std::unique_ptr<ChildProcess>> spawnHeld(const QStringList& command, const UserAccount& runAs);

    // The PATH a COMMAND is looked up in and runs with (sudo's secure_path on Debian).
    static QString safePath();
    // The environment a COMMAND gets, "NAME=value" each.
    static QStringList environmentFor(const UserAccount& runAs);

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
    int m_errorFd = -1; // child writes what failed and errno; EOF means exec succeeded
    bool m_reaped = false;
    QStringList m_command;
    QString m_user;
};

} // namespace Recorder
