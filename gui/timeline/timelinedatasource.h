// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calllanesplottable.h"
#include "callslicequery.h"
#include "openedrecording.h"
#include "timelinequery.h"

#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QObject>
#include <QThreadPool>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

namespace Gui {

using TimelineDataPtr = std::shared_ptr<const Storage::TimelineData>;

// Feeds the timeline: builds the recording's timeline index (and call index, when it has
// calls) on first open, then runs lane queries (and event look-ups) on one worker thread that
// owns a read-only TimelineQuery and CallSliceQuery; task lanes of tasks with calls get their
// call lanes in the same query. Requests carry generation ids so results of an older recording
// or lane set are dropped; at most one lane query runs at a time (the newest waiting request
// replaces older ones); results are cached per (range, pixel width, lanes). Lives on the GUI
// thread; its methods and signals are GUI-thread only.
class TimelineDataSource : public QObject {
    Q_OBJECT
public:
    explicit TimelineDataSource(QObject* parent = nullptr);
    ~TimelineDataSource() override;

    void setRecording(RecordingPtr recording);
    bool isReady() const { return m_ready; }
    void setLanes(const QList<int>& cpus, const QList<int>& pids);
    // The events panel's filter: raw data then says which marks its field expression matches.
    void setHighlightFilter(const Storage::EventFilter& filter);

    // Asks for what the view shows: [from, to) over `width` pixels. Uses a cached result when
    // one serves, otherwise queries a wider range (one screen either side) in the worker.
    void request(qint64 from, qint64 to, double width);
    TimelineDataPtr data() const { return m_data.timeline; }
    // The call lanes of the task lanes with calls, in their order; null when there are none.
    CallLanesPtr callData() const { return m_data.calls; }
    // Whether data serves [from, to) at this zoom without a new query.
    static bool serves(const Storage::TimelineData& data, qint64 from, qint64 to, double width);
    static bool servesCalls(const Storage::CallLanesData& data, qint64 from, qint64 to, double width);
    // Whether what data() and callData() hold serves [from, to) at this zoom.
    bool servesView(qint64 from, qint64 to, double width) const { return serves(m_data, from, to, width); }
    const QHash<int, QString>& taskNames() const { return m_taskNames; }
    // Tasks with calls, busiest first (known once ready()).
    const std::vector<Storage::CallTaskInfo>& callTasks() const { return m_callTasks; }
    bool hasCalls(int pid) const;
    // The recording's time span, widened to its calls (known once ready()).
    qint64 firstTs() const { return m_firstTs; }
    qint64 endTs() const { return m_endTs; }
    // Why there are no call lanes although the recording has calls; empty otherwise.
    const QString& callProblem() const { return m_callProblem; }
    const std::vector<Storage::EventTypeInfo>& eventTypes() const;

    // One-off look-ups; the answer comes as eventFound / eventCounted with the same ticket.
    quint64 lookUpEvent(qint64 eventId);
    quint64 lookUpEventNear(int cpu, qint64 ts, qint64 maxDistance);
    quint64 countEvents(qint64 from, qint64 to);

Q_SIGNALS:
    void indexProgress(int percent);
    void ready();
    void failed(const QString& message);
    void dataArrived();
    void eventFound(quint64 ticket, const Storage::TimelineEvent& event);
    void eventCounted(quint64 ticket, qint64 count);

private:
    struct Worker;
    struct OpenResult;
    struct View {
        qint64 from;
        qint64 to;
        double width;
    };
    struct Entry {
        TimelineDataPtr timeline;
        CallLanesPtr calls;
        bool operator==(const Entry&) const = default;
    };

    void startOpening();
    void openFinished();
    void startQuery(const Storage::TimelineRequest& request);
    void accept(const Entry& entry);
    bool serves(const Entry& entry, qint64 from, qint64 to, double width) const;
    std::optional<Entry> cached(qint64 from, qint64 to, double width) const;
    std::vector<int> callLanePids() const;
    template <typename T>
    void runInWorker(std::function<T(Worker&)> job, std::function<void(const T&)> done);

    RecordingPtr m_recording;
    Storage::EventFilter m_highlight;
    std::shared_ptr<Worker> m_worker;
    QThreadPool m_pool;
    QFutureWatcher<OpenResult>* m_openWatcher = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancelOpen;
    bool m_ready = false;
    quint64 m_generation = 0; // another recording or lane set
    quint64 m_recordingGeneration = 0;
    quint64 m_nextTicket = 0;
    bool m_queryRunning = false;
    std::optional<View> m_pending; // the newest view asked for while busy
    QList<int> m_cpus;
    QList<int> m_pids;
    QHash<int, QString> m_taskNames;
    std::vector<Storage::CallTaskInfo> m_callTasks;
    QString m_callProblem;
    qint64 m_firstTs = 0;
    qint64 m_endTs = 1;
    Entry m_data;
    std::deque<Entry> m_cache;
};

} // namespace Gui
