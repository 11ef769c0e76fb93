// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "openedrecording.h"
#include "result.h"

#include <QDialog>
#include <QList>

#include <cstdint>
#include <vector>

class QLabel;
class QLineEdit;
class QListWidget;

namespace Gui {

struct TaskEntry {
    int pid = 0;
    int tgid = 0;
    QString comm;
    std::int64_t calls = 0; // function calls of the task (call index), 0 when none
};

// The recording's tasks (the `task` table, a few thousand rows at most), read on the calling
// thread (a worker) with its own connection.
Storage::Result<std::vector<TaskEntry>> loadTasks(const QString& path);
// The same, with their call counts from the call index: tasks with calls first, busiest first
// (tasks only the calls name are included). A recording without call index gives loadTasks().
Storage::Result<std::vector<TaskEntry>> loadTasksWithCalls(const QString& path);

// View > Task Lanes…: pick the tasks that get their own timeline lane (tasks with function calls
// first, with their call counts: their lanes show the calls). The task list is read in a worker;
// the dialog is usable (filter, OK) while it loads. GUI thread only.
class TaskLanesDialog : public QDialog {
    Q_OBJECT
public:
    TaskLanesDialog(const RecordingPtr& recording, const QList<int>& selected, QWidget* parent = nullptr);

    QList<int> selectedPids() const;

Q_SIGNALS:
    void tasksChosen(const QList<int>& pids);

private:
    void showTasks(const std::vector<TaskEntry>& tasks);
    void applyFilter(const QString& text);

    RecordingPtr m_recording;
    QList<int> m_initial;
    QLineEdit* m_filter;
    QListWidget* m_list;
    QLabel* m_status;
};

} // namespace Gui
