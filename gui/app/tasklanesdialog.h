// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "openedrecording.h"
#include "result.h"

#include <QDialog>
#include <QList>

#include <vector>

class QLabel;
class QLineEdit;
class QListWidget;

namespace Gui {

struct TaskEntry {
    int pid = 0;
    int tgid = 0;
    QString comm;
};

// The recording's tasks (the `task` table, a few thousand rows at most), read on the calling
// thread (a worker) with its own connection.
Storage::Result<std::vector<TaskEntry>> loadTasks(const QString& path);

// View > Task Lanes…: pick the tasks that get their own timeline lane. The task list is read in
// a worker; the dialog is usable (filter, OK) while it loads. GUI thread only.
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

    QList<int> m_initial;
    QLineEdit* m_filter;
    QListWidget* m_list;
    QLabel* m_status;
};

} // namespace Gui
