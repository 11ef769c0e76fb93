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

// The panels of one window (timeline, events, statistics, probe arguments), created and connected to each
// other only through the window's TimeSelection and the events panel's filter. The main window
// and the screenshot/bench modes talk to the panels through this one class. GUI thread only.
class PanelSet : public QObject {
    Q_OBJECT
public:
    PanelSet(TimeSelection* selection, QWidget* parent);

    QWidget* timelineWidget() const;
    QWidget* eventsWidget() const;
    QWidget* statisticsWidget() const;
    QWidget* probesWidget() const;

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

Q_SIGNALS:
    // The timeline has drawn data for its current range.
    void timelineDataReady();

private:
    TimelineView* m_timeline;
    EventsPanel* m_events;
    StatisticsPanel* m_statistics;
    ProbeTablePanel* m_probes;
    QList<int> m_taskLanes;
};

} // namespace Gui
