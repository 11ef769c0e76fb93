// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordingwriter.h"
#include "result.h"

#include <QByteArray>

#include <string>
#include <string_view>
#include <unordered_map>

namespace Recorder {

// Names of tasks (pid -> comm, tgid) from every source a recording has, best first:
// comm fields of the recorded events (newest wins), the kernel's saved_cmdlines at the end,
// and /proc at the start. Owned by the writer thread.
class TaskNames {
public:
    enum class Source { Proc = 0, SavedCmdlines = 1, Launch = 2, Event = 3 };

    void note(int pid, std::string_view comm, Source source, int tgid = 0);
    void scanProc();
    void parseSavedCmdlines(const QByteArray& text);
    void parseSavedTgids(const QByteArray& text);
    Storage::Status writeTo(Storage::RecordingWriter& writer) const;
    std::size_t size() const { return m_tasks.size(); }

private:
    struct Task {
        std::string comm;
        int tgid = 0;
        Source source = Source::Proc;
    };
    std::unordered_map<int, Task> m_tasks;
};

} // namespace Recorder
