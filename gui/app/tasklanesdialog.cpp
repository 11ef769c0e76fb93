// SPDX-License-Identifier: GPL-3.0-or-later
#include "tasklanesdialog.h"

#include "callindex.h"
#include "calllanelayout.h"
#include "callslicequery.h"
#include "failure.h"
#include "sqlitedb.h"

#include <QDialogButtonBox>
#include <QFutureWatcher>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <sqlite3.h>

#include <algorithm>
#include <climits>

namespace Gui {

namespace {
struct TaskListOutcome {
    std::vector<TaskEntry> tasks;
    QString problem;
};
} // namespace

Storage::Result<std::vector<TaskEntry>> loadTasks(const QString& path)
{
    auto db = Storage::Database::open(path, Storage::Database::Mode::ReadOnly);
    if (!db)
        return db.error();
    auto query = db->prepare("SELECT task.pid, task.tgid, COALESCE(string.str, '') FROM task "
                             "LEFT JOIN string ON string.id = task.comm_id ORDER BY task.pid");
    if (!query)
        return query.error();
    std::vector<TaskEntry> tasks;
    int rc;
    while ((rc = query->step()) == SQLITE_ROW)
        tasks.push_back(TaskEntry { int(query->columnInt(0)), int(query->columnInt(1)), query->columnString(2) });
    if (rc != SQLITE_DONE)
        return db->error(QStringLiteral("task list"));
    return tasks;
}

Storage::Result<std::vector<TaskEntry>> loadTasksWithCalls(const QString& path)
{
    auto tasks = loadTasks(path);
    if (!tasks || !Storage::hasCallIndex(path))
        return tasks;
    // Without call counts the list is still the tasks.
    auto query = Storage::CallSliceQuery::open(path);
    if (!query)
        return tasks;
    auto callTasks = query.value()->tasks();
    if (!callTasks)
        return tasks;
    // Call tasks come busiest first: they lead, in that order, then the others by pid.
    std::vector<TaskEntry> ordered;
    for (const Storage::CallTaskInfo& info : callTasks.value()) {
        const auto it = std::find_if(tasks->begin(), tasks->end(), [&](const TaskEntry& t) { return t.pid == info.pid; });
        TaskEntry entry = it != tasks->end() ? *it : TaskEntry { info.pid, info.pid, QString(), 0 };
        entry.calls = info.calls;
        if (it != tasks->end())
            tasks->erase(it);
        ordered.push_back(entry);
    }
    ordered.insert(ordered.end(), tasks->begin(), tasks->end());
    return ordered;
}

TaskLanesDialog::TaskLanesDialog(const RecordingPtr& recording, const QList<int>& selected, QWidget* parent)
    : QDialog(parent)
    , m_recording(recording)
    , m_initial(selected)
    , m_filter(new QLineEdit(this))
    , m_list(new QListWidget(this))
    , m_status(new QLabel(tr("Loading tasks…"), this))
{
    setWindowTitle(tr("Task Lanes"));
    m_filter->setPlaceholderText(tr("Filter by name or pid"));
    m_filter->setClearButtonEnabled(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Tasks shown in their own lane below the CPUs:"), this));
    layout->addWidget(m_filter);
    layout->addWidget(m_list);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(this, &QDialog::accepted, this, [this] { Q_EMIT tasksChosen(selectedPids()); });
    connect(m_filter, &QLineEdit::textChanged, this, &TaskLanesDialog::applyFilter);

    auto* watcher = new QFutureWatcher<TaskListOutcome>(this);
    connect(watcher, &QFutureWatcher<TaskListOutcome>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const TaskListOutcome outcome = watcher->result();
        if (!outcome.problem.isEmpty())
            m_status->setText(outcome.problem);
        else
            showTasks(outcome.tasks);
    });
    const QString path = recording ? recording->path : QString();
    watcher->setFuture(QtConcurrent::run(Storage::guarded(
        path,
        [path] {
            auto tasks = loadTasksWithCalls(path);
            return tasks ? TaskListOutcome { std::move(tasks.value()), {} }
                         : TaskListOutcome { {}, tasks.error().message };
        },
        [](const QString& message) {
            return TaskListOutcome { {}, message };
        })));
}

void TaskLanesDialog::showTasks(const std::vector<TaskEntry>& tasks)
{
    // Nothing chosen yet: the timeline shows the busiest call tasks of a recording without
    // scheduler switches on its own (CallLaneLayout::defaultTaskLanes); they start checked.
    if (m_initial.isEmpty() && m_recording) {
        std::vector<Storage::CallTaskInfo> callTasks;
        for (const TaskEntry& task : tasks) {
            if (task.calls > 0)
                callTasks.push_back(Storage::CallTaskInfo { task.pid, task.calls, 0, 0, 0, 0 });
        }
        m_initial = CallLaneLayout::defaultTaskLanes(*m_recording, callTasks);
    }
    for (const TaskEntry& task : tasks) {
        QString text = task.comm.isEmpty() ? QString::number(task.pid) : QStringLiteral("%1-%2").arg(task.comm).arg(task.pid);
        if (Storage::CallLaneKey::isCpu(task.pid))
            text = tr("CPU %1, task not recorded").arg(Storage::CallLaneKey::cpuOf(task.pid));
        if (task.calls > 0)
            text += QLatin1String("   ") + tr("%n call(s)", nullptr, int(std::min<std::int64_t>(task.calls, INT_MAX)));
        auto* item = new QListWidgetItem(text, m_list);
        item->setData(Qt::UserRole, task.pid);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(m_initial.contains(task.pid) ? Qt::Checked : Qt::Unchecked);
    }
    m_status->setText(tr("%n task(s)", nullptr, int(tasks.size())));
    applyFilter(m_filter->text());
}

void TaskLanesDialog::applyFilter(const QString& text)
{
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem* item = m_list->item(row);
        item->setHidden(!text.isEmpty() && !item->text().contains(text, Qt::CaseInsensitive));
    }
}

QList<int> TaskLanesDialog::selectedPids() const
{
    if (m_list->count() == 0)
        return m_initial; // still loading: keep what was chosen before
    QList<int> pids;
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->checkState() == Qt::Checked)
            pids.append(m_list->item(row)->data(Qt::UserRole).toInt());
    }
    return pids;
}

} // namespace Gui
