// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "callquery.h"
#include "openedrecording.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <memory>

class QTimer;

namespace Gui {

class TimeSelection;

// The calls every function view of a window shows: the recording's `call` rows of one scope
// (whole recording, one task, one CPU, or the timeline's selected range, followed as it changes),
// loaded by a worker on its own connection. The call graph and function panels share one
// instance (constructor injection), so a scope chosen in one applies to both. A newer request
// or cancel() stops the running load and its result is dropped by generation id. GUI thread only.
class CallSource : public QObject {
    Q_OBJECT
public:
    enum class ScopeKind { WholeRecording, Task, Cpu, SelectedRange };
    struct TaskChoice {
        int pid = 0;
        QString comm;
    };

    explicit CallSource(QObject* parent = nullptr);
    ~CallSource() override;

    void setRecording(RecordingPtr recording);
    void setSelection(TimeSelection* selection);
    // value: the pid (Task) or the CPU (Cpu). A SelectedRange without a range shows everything.
    void setScope(ScopeKind kind, int value = -1);
    ScopeKind scopeKind() const { return m_kind; }
    int scopeValue() const { return m_value; }
    Storage::CallScope currentScope() const;
    // "whole recording", "task bash-12", ... for status lines.
    QString scopeText() const;

    RecordingPtr recording() const { return m_recording; }
    // The calls of the current scope; null until the first load finished.
    std::shared_ptr<const Storage::LoadedCalls> calls() const { return m_calls; }
    // Whether the recording has any call (known after its first load).
    bool hasCalls() const { return m_hasCalls; }
    bool isLoading() const { return m_loading; }
    // The tasks and CPUs of the recording's calls, for the scope pickers.
    const QList<TaskChoice>& tasks() const { return m_tasks; }
    const QList<int>& cpus() const { return m_cpus; }

public Q_SLOTS:
    void cancel();
    void reload();

Q_SIGNALS:
    // A new recording (or none): views drop what they showed.
    void recordingChanged();
    void loadStarted();
    // calls is never null; it may be empty (a scope without calls).
    void callsLoaded(const std::shared_ptr<const Storage::LoadedCalls>& calls);
    void loadFailed(const QString& message);
    void loadCancelled();
    // After a recording's first load: whether it has calls, and its tasks and CPUs.
    void availabilityChanged(bool hasCalls);
    void scopeChanged();

private:
    struct Reply;
    void startLoad(bool firstLoad);
    void onReply(const Reply& reply, bool firstLoad);

    RecordingPtr m_recording;
    QPointer<TimeSelection> m_selection;
    ScopeKind m_kind = ScopeKind::WholeRecording;
    int m_value = -1;
    std::shared_ptr<const Storage::LoadedCalls> m_calls;
    bool m_hasCalls = false;
    bool m_loading = false;
    QList<TaskChoice> m_tasks;
    QList<int> m_cpus;
    QTimer* m_debounce;
    quint64 m_generation = 0;
    // The newest generation; workers poll it and stop when theirs is superseded.
    std::shared_ptr<std::atomic<quint64>> m_latest;
};

} // namespace Gui
