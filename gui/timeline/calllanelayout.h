// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "callslicequery.h"
#include "openedrecording.h"

#include <QList>

#include <algorithm>
#include <vector>

namespace Gui {

// How call lanes take room on the timeline: a task lane with calls is followed by filler
// lanes, each the height of a CPU lane, holding rowsPerUnit depth rows; there are as many as the
// deepest depth in the data shown needs, up to maxRows rows. Plain functions; any thread.
namespace CallLaneLayout {
constexpr int rowsPerUnit = 3;
constexpr int maxRows = Storage::maxShownDepth + 1;
// The task lanes shown without being asked for (see defaultTaskLanes).
constexpr int defaultLanes = 3;

inline int rowsFor(int maxDepth) { return std::clamp(maxDepth + 1, 1, maxRows); }
inline int unitsFor(int rows) { return (rows + rowsPerUnit - 1) / rowsPerUnit; }

// Whether the recording has scheduler switches (else task lanes are all its timeline shows).
bool hasSchedSwitch(const OpenedRecording& recording);
// The few busiest tasks with calls, for a recording with calls and no scheduler switches (an
// imported function_graph text, say), whose CPU lanes alone would show nothing; else none.
QList<int> defaultTaskLanes(const OpenedRecording& recording, const std::vector<Storage::CallTaskInfo>& tasks);
} // namespace CallLaneLayout

} // namespace Gui
