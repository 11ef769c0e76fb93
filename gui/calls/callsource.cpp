// SPDX-License-Identifier: GPL-3.0-or-later
#include "callsource.h"

#include "failure.h"
#include "recordinglimits.h"
#include "sqlitedb.h"
#include "tasklanesdialog.h"
#include "timeselection.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <set>

namespace Gui {

struct CallSource::Reply {
    quint64 generation = 0;
    bool cancelled = false;
    QString error;
    std::shared_ptr<const Storage::LoadedCalls> calls;
    QList<TaskChoice> tasks;
    QList<int> cpus;
};

namespace {
    // Range drags emit many changes; only the last one within this delay is loaded.
    constexpr int debounceMs = 80;

    // The tasks and CPUs that have calls, named from the task table.
    void collectChoices(
        const QString& path, const Storage::LoadedCalls& calls, QList<CallSource::TaskChoice>& tasks, QList<int>& cpus)
    {
        const std::set<int> pids(calls.pid.begin(), calls.pid.end());
        const std::set<int> cpuSet(calls.cpu.begin(), calls.cpu.end());
        QHash<int, QString> comms;
        if (auto known = loadTasks(path)) {
            for (const TaskEntry& task : known.value())
                comms.insert(task.pid, task.comm);
        }
        for (const int pid : pids) {
            if (pid >= 0)
                tasks.append(CallSource::TaskChoice { pid, comms.value(pid) });
        }
        for (const int cpu : cpuSet) {
            if (Storage::Limits::isCpu(cpu)) // a damaged row's CPU is no choice
                cpus.append(cpu);
        }
    }

    // A recording made before function calls existed has no `call` table: that is "no calls", not
    // an error.
    Storage::Result<bool> hasCallTable(const QString& path)
    {
        auto db = Storage::Database::open(path, Storage::Database::Mode::ReadOnly);
        if (!db)
            return db.error();
        return Storage::CallTable::exists(db.value());
    }
} // namespace

CallSource::CallSource(QObject* parent)
    : QObject(parent)
    , m_debounce(new QTimer(this))
    , m_latest(std::make_shared<std::atomic<quint64>>(0))
{
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(debounceMs);
    connect(m_debounce, &QTimer::timeout, this, [this] { startLoad(false); });
}

CallSource::~CallSource()
{
    m_latest->store(0); // running workers stop at their next poll
}

void CallSource::setRecording(RecordingPtr recording)
{
    m_recording = std::move(recording);
    m_kind = ScopeKind::WholeRecording;
    m_value = -1;
    m_calls.reset();
    m_hasCalls = false;
    m_tasks.clear();
    m_cpus.clear();
    m_debounce->stop();
    Q_EMIT recordingChanged();
    Q_EMIT scopeChanged();
    if (m_recording) {
        startLoad(true);
        return;
    }
    cancel();
    Q_EMIT availabilityChanged(false);
}

void CallSource::setSelection(TimeSelection* selection)
{
    if (m_selection)
        disconnect(m_selection, nullptr, this, nullptr);
    m_selection = selection;
    if (!m_selection)
        return;
    connect(m_selection, &TimeSelection::rangeChanged, this, [this] {
        if (m_kind == ScopeKind::SelectedRange && m_hasCalls)
            m_debounce->start();
    });
}

void CallSource::setScope(ScopeKind kind, int value)
{
    if (kind == m_kind && value == m_value)
        return;
    m_kind = kind;
    m_value = value;
    Q_EMIT scopeChanged();
    if (m_hasCalls) {
        m_debounce->stop();
        startLoad(false);
    }
}

Storage::CallScope CallSource::currentScope() const
{
    Storage::CallScope scope;
    if (m_kind == ScopeKind::Task)
        scope.pid = m_value;
    else if (m_kind == ScopeKind::Cpu)
        scope.cpu = m_value;
    else if (m_kind == ScopeKind::SelectedRange && m_selection && m_selection->hasRange()) {
        scope.from = m_selection->rangeStart();
        scope.to = m_selection->rangeEnd();
    }
    return scope;
}

QString CallSource::scopeText() const
{
    switch (m_kind) {
    case ScopeKind::Task: {
        for (const TaskChoice& task : m_tasks) {
            if (task.pid == m_value && !task.comm.isEmpty())
                return tr("task %1-%2").arg(task.comm).arg(task.pid);
        }
        return tr("task %1").arg(m_value);
    }
    case ScopeKind::Cpu:
        return tr("CPU %1").arg(m_value);
    case ScopeKind::SelectedRange:
        return m_selection && m_selection->hasRange() ? tr("selected range")
                                                      : tr("whole recording (no range selected)");
    case ScopeKind::WholeRecording:
        break;
    }
    return tr("whole recording");
}

void CallSource::cancel()
{
    m_debounce->stop();
    m_latest->store(++m_generation);
    if (m_loading) {
        m_loading = false;
        Q_EMIT loadCancelled();
    }
}

void CallSource::reload()
{
    if (m_recording)
        startLoad(!m_hasCalls);
}

void CallSource::startLoad(bool firstLoad)
{
    const quint64 generation = ++m_generation;
    m_latest->store(generation);
    m_loading = true;
    Q_EMIT loadStarted();
    auto* watcher = new QFutureWatcher<Reply>(this);
    connect(watcher, &QFutureWatcher<Reply>::finished, this, [this, watcher, firstLoad] {
        watcher->deleteLater();
        onReply(watcher->result(), firstLoad);
    });
    // The first load of a recording is always the whole recording: it says whether there are
    // calls at all and which tasks and CPUs the pickers offer.
    const Storage::CallScope scope = firstLoad ? Storage::CallScope {} : currentScope();
    const auto failed = [generation](const QString& message) {
        Reply reply;
        reply.generation = generation;
        reply.error = message;
        return reply;
    };
    watcher->setFuture(QtConcurrent::run(Storage::guarded(
        m_recording->path,
        [path = m_recording->path, scope, firstLoad, generation, latest = m_latest] {
            Reply reply;
            reply.generation = generation;
            const auto cancelled = [&] { return latest->load() != generation; };
            const auto table = hasCallTable(path);
            if (!table) {
                reply.error = table.error().message;
                return reply;
            }
            if (!table.value()) {
                reply.calls = std::make_shared<const Storage::LoadedCalls>();
                return reply;
            }
            auto loaded = Storage::loadCalls(path, scope, cancelled);
            reply.cancelled = cancelled();
            if (reply.cancelled)
                return reply;
            if (!loaded) {
                reply.error = loaded.error().message;
                return reply;
            }
            auto calls = std::make_shared<const Storage::LoadedCalls>(std::move(loaded.value()));
            if (firstLoad)
                collectChoices(path, *calls, reply.tasks, reply.cpus);
            reply.calls = std::move(calls);
            return reply;
        },
        failed)));
}

void CallSource::onReply(const Reply& reply, bool firstLoad)
{
    if (reply.generation != m_generation || reply.cancelled)
        return; // superseded or cancelled; cancel() already reported it
    m_loading = false;
    if (!reply.error.isEmpty()) {
        Q_EMIT loadFailed(tr("Cannot read the function calls of %1: %2").arg(m_recording->path, reply.error));
        return;
    }
    m_calls = reply.calls;
    if (firstLoad) {
        m_hasCalls = m_calls->size() > 0;
        m_tasks = reply.tasks;
        m_cpus = reply.cpus;
        Q_EMIT availabilityChanged(m_hasCalls);
    }
    Q_EMIT callsLoaded(m_calls);
}

} // namespace Gui
