// SPDX-License-Identifier: GPL-3.0-or-later
#include "calllanelayout.h"

namespace Gui::CallLaneLayout {

bool hasSchedSwitch(const OpenedRecording& recording)
{
    for (const auto& [type, count] : recording.summary.eventsByType) {
        if (type == QLatin1String("sched:sched_switch") && count > 0)
            return true;
    }
    return false;
}

QList<int> defaultTaskLanes(const OpenedRecording& recording, const std::vector<Storage::CallTaskInfo>& tasks)
{
    QList<int> pids;
    if (hasSchedSwitch(recording))
        return pids;
    // tasks come busiest first.
    for (const Storage::CallTaskInfo& task : tasks) {
        if (pids.size() == defaultLanes)
            break;
        pids.append(task.pid);
    }
    return pids;
}

} // namespace Gui::CallLaneLayout
