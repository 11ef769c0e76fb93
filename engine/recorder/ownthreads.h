// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <vector>

namespace Recorder {

// The helper's own threads (main, reader, and whatever a library started), as /proc/self/task
// lists them: what set_event_notrace_pid and set_ftrace_notrace_pid get, and what the writer
// drops where the kernel has no such files. A thread once seen stays in the set, so its events
// still buffered after it ended are recognised. Owned by the helper's main thread.
class OwnThreads {
public:
    // Adds every thread this process has now.
    void refresh();
    bool contains(int tid) const;
    // Sorted thread ids.
    const std::vector<int>& ids() const { return m_ids; }
    // "TID TID ...": the text a tracefs pid file takes.
    QByteArray pidList() const;

private:
    std::vector<int> m_ids;
};

} // namespace Recorder
