// SPDX-License-Identifier: GPL-3.0-or-later
#include "panelset.h"

#include "callgraphpanel.h"
#include "callsource.h"
#include "eventspanel.h"
#include "functionspanel.h"
#include "probetablepanel.h"
#include "statisticspanel.h"
#include "timelineview.h"
#include "timeselection.h"

namespace Gui {

PanelSet::PanelSet(TimeSelection* selection, QWidget* parent)
    : QObject(parent)
    , m_timeline(new TimelineView(parent))
    , m_events(new EventsPanel(parent))
    , m_statistics(new StatisticsPanel(parent))
    , m_probes(new ProbeTablePanel(parent))
    , m_calls(new CallSource(this))
    , m_callGraph(new CallGraphPanel(m_calls, parent))
    , m_functions(new FunctionsPanel(m_calls, parent))
{
    m_callGraph->setObjectName(QStringLiteral("callGraphPanel"));
    m_functions->setObjectName(QStringLiteral("functionsPanel"));
    m_calls->setSelection(selection);
    connect(m_calls, &CallSource::availabilityChanged, this, &PanelSet::callsAvailable);
    const auto reportSettled = [this] {
        if (!callViewsBusy())
            Q_EMIT callViewsSettled();
    };
    connect(m_calls, &CallSource::availabilityChanged, this, reportSettled);
    connect(m_calls, &CallSource::loadFailed, this, reportSettled);
    connect(m_callGraph, &CallGraphPanel::treeShown, this, reportSettled);
    connect(m_functions, &FunctionsPanel::statisticsShown, this, reportSettled);
    m_probes->setObjectName(QStringLiteral("probesPanel"));
    m_probes->setSelection(selection);
    m_timeline->setObjectName(QStringLiteral("timelineView"));
    m_events->setObjectName(QStringLiteral("eventsPanel"));
    m_statistics->setObjectName(QStringLiteral("statisticsPanel"));
    m_timeline->setSelection(selection);
    m_events->setSelection(selection);
    m_statistics->setSelection(selection);
    // Filtering in the events panel dims the non-matching markers on the timeline.
    connect(m_events, &EventsPanel::filterChanged, m_timeline, &TimelineView::setHighlightFilter);
    connect(m_timeline, &TimelineView::dataReady, this, &PanelSet::timelineDataReady);
    // The lanes the timeline chose by itself (busiest tasks with calls) are what the task-lanes
    // dialog starts from.
    connect(m_timeline, &TimelineView::taskLanesDefaulted, this, [this](const QList<int>& pids) { m_taskLanes = pids; });
}

QWidget* PanelSet::timelineWidget() const
{
    return m_timeline;
}

QWidget* PanelSet::eventsWidget() const
{
    return m_events;
}

QWidget* PanelSet::statisticsWidget() const
{
    return m_statistics;
}

QWidget* PanelSet::probesWidget() const
{
    return m_probes;
}

QWidget* PanelSet::callGraphWidget() const
{
    return m_callGraph;
}

QWidget* PanelSet::functionsWidget() const
{
    return m_functions;
}

void PanelSet::setRecording(const RecordingPtr& recording)
{
    setTaskLanes({}); // pids belong to the previous recording
    m_timeline->setRecording(recording);
    m_events->setRecording(recording);
    m_statistics->setRecording(recording);
    m_probes->setRecording(recording);
    m_calls->setRecording(recording);
}

void PanelSet::exportCsv()
{
    m_events->exportCsv(); // asks for the file itself
}

void PanelSet::setTaskLanes(const QList<int>& pids)
{
    m_taskLanes = pids;
    m_timeline->setTaskLanes(pids);
}

QCustomPlot* PanelSet::timelinePlot() const
{
    return m_timeline->plot();
}

void PanelSet::setVisibleRange(qint64 start, qint64 end)
{
    m_timeline->setVisibleRange(start, end);
}

bool PanelSet::timelineHasData() const
{
    return m_timeline->hasDataForVisibleRange();
}

bool PanelSet::callViewsBusy() const
{
    return m_callGraph->isBusy() || m_functions->isBusy();
}

} // namespace Gui
