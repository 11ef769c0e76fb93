// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "openedrecording.h"

#include <QList>
#include <QObject>

class QCustomPlot;
class QWidget;

namespace Gui {

class TimeSelection;
class TimelineView;
class EventsPanel;
class StatisticsPanel;
class ProbeTablePanel;
class CallSource;
class CallGraphPanel;
class FunctionsPanel;

// The panels of one window (timeline, events, statistics, probe arguments, call graph, functions),
// created and connected to each other only through the window's TimeSelection, the events panel's
// filter and the call views' shared CallSource. The main window
// and the screenshot/bench modes talk to the panels through this one class. GUI thread only.
class PanelSet : public QObject {
    Q_OBJECT
public:
    PanelSet(TimeSelection* selection, QWidget* parent);

    QWidget* timelineWidget() const;
    QWidget* eventsWidget() const;
    QWidget* statisticsWidget() const;
    QWidget* probesWidget() const;
    QWidget* callGraphWidget() const;
    QWidget* functionsWidget() const;

    void setRecording(const RecordingPtr& recording);
    // File > Export CSV…: the events panel's export of its current filter and range.
    void exportCsv();
    // View > Task Lanes…: the tasks that get their own timeline lane.
    void setTaskLanes(const QList<int>& pids);
    QList<int> taskLanes() const { return m_taskLanes; }

    // For the screenshot and bench modes.
    QCustomPlot* timelinePlot() const;
    void setVisibleRange(qint64 start, qint64 end);
    // Whether the timeline already has the data for its visible range (then no dataReady follows).
    bool timelineHasData() const;
    // Whether the call graph or functions panel is still loading or building (screenshot mode).
    bool callViewsBusy() const;

Q_SIGNALS:
    // The timeline has drawn data for its current range.
    void timelineDataReady();
    // After a recording's first call load: whether it has function calls (issue 5 views).
    void callsAvailable(bool hasCalls);
    // The call graph and functions panels finished what they were doing (see callViewsBusy()).
    void callViewsSettled();

private:
    TimelineView* m_timeline;
    EventsPanel* m_events;
    StatisticsPanel* m_statistics;
    ProbeTablePanel* m_probes;
    CallSource* m_calls; // shared by the call graph and functions panels
    CallGraphPanel* m_callGraph;
    FunctionsPanel* m_functions;
    QList<int> m_taskLanes;
};

} // namespace Gui
