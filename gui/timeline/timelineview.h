// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "eventfilter.h"
#include "openedrecording.h"
#include "timemapper.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QWidget>

#include <array>
#include <optional>

class QCustomPlot;
class QCPItemRect;
class QCPItemStraightLine;
class QLabel;
class QMouseEvent;
class QWheelEvent;

namespace Storage {
struct TimelineEvent;
}

namespace Gui {

class CallLanesPlottable;
class CpuLanesPlottable;
class TimelineDataSource;
class TimeSelection;

// The per-CPU timeline: one lane per CPU (plus optional per-task lanes) over a time axis
// relative to the recording start. Wheel zooms around the cursor, drag pans, W/S zoom and A/D
// pan, double-click zooms to a slice, shift- or right-drag selects a range (written to the
// TimeSelection), [ and ] (or the context menu) set the A/B markers. A task lane of a task with
// calls is followed by its calls stacked by depth (clicking one selects it). Builds the
// timeline and call indexes on first open in a worker. GUI thread only.
class TimelineView : public QWidget {
    Q_OBJECT
public:
    explicit TimelineView(QWidget* parent = nullptr);
    ~TimelineView() override;

    void setRecording(Gui::RecordingPtr recording);
    void setSelection(Gui::TimeSelection* selection);
    void setHighlightFilter(const Storage::EventFilter& filter);
    void setVisibleRange(qint64 from, qint64 to);
    QPair<qint64, qint64> visibleRange() const { return { m_view.from(), m_view.to() }; }
    void setTaskLanes(const QList<int>& pids);
    QCustomPlot* plot() const { return m_plot; }
    CpuLanesPlottable* lanes() const { return m_lanes; }
    CallLanesPlottable* callLanes() const { return m_callLanes; }
    QList<int> taskLanes() const { return m_taskPids; }
    // Whether the lane data shown covers the visible range at its zoom.
    bool hasDataForVisibleRange() const;
    std::optional<qint64> marker(int index) const { return m_markers[std::size_t(index)]; }
    void setMarker(int index, std::optional<qint64> ts);

Q_SIGNALS:
    void dataReady();
    void indexProgress(int percent);
    void failed(const QString& message);
    // A call was clicked in a call lane (its id in the `call` table).
    void callSelected(qint64 callId);
    // Task lanes shown without being asked for: the busiest tasks with calls of a recording
    // without scheduler switches.
    void taskLanesDefaulted(const QList<int>& pids);

protected:
    void resizeEvent(QResizeEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    enum class Drag { None, Pan, Select };

    void setupPlot();
    void setupLanes();
    void applyView(const TimeMapper& view);
    TimeMapper currentMapper() const;
    double plotX(double widgetX) const;
    void onDataArrived();
    void onReady();
    void applyTimeBounds();
    bool updateCallRows();
    void selectCallAt(const QPoint& pos);
    bool zoomToCallAt(const QPoint& pos);
    bool showCallTooltip(const QPoint& pos);
    bool handleKey(int key);
    void onMousePress(QMouseEvent* event);
    void onMouseMove(QMouseEvent* event);
    void onMouseRelease(QMouseEvent* event);
    void onWheel(QWheelEvent* event);
    void onDoubleClick(QMouseEvent* event);
    void showContextMenu(const QPoint& pos);
    void updateHover(const QPoint& pos);
    void showEventTooltip(quint64 ticket, const Storage::TimelineEvent& event);
    void updateOverlay();
    void updateInfo();
    void onRangeChanged(qint64 start, qint64 end);
    void onCurrentEvent(qint64 eventId, qint64 ts);
    void zoomToSelection();

    QCustomPlot* m_plot = nullptr;
    CpuLanesPlottable* m_lanes = nullptr;
    CallLanesPlottable* m_callLanes = nullptr;
    TimelineDataSource* m_source = nullptr;
    QLabel* m_info = nullptr;
    QCPItemRect* m_selectionRect = nullptr;
    std::array<QCPItemStraightLine*, 2> m_markerLines {};
    QCPItemStraightLine* m_currentLine = nullptr;
    QPointer<TimeSelection> m_selection;
    RecordingPtr m_recording;
    QList<int> m_taskPids;
    bool m_taskLanesChosen = false; // by setTaskLanes() since the recording was set
    QHash<int, int> m_callRows;     // pid -> depth rows its call lane has room for
    TimeMapper m_view;
    qint64 m_origin = 0;
    qint64 m_end = 1;

    Drag m_drag = Drag::None;
    bool m_dragMoved = false;
    QPoint m_dragStart;
    TimeMapper m_dragView;
    qint64 m_selectFrom = 0;
    qint64 m_selectTo = 0;
    QPoint m_hoverPos;
    qint64 m_hoverEventId = -1;
    quint64 m_hoverTicket = 0;
    quint64 m_countTicket = 0;
    qint64 m_selectionEvents = -1;
    std::array<std::optional<qint64>, 2> m_markers;
    std::optional<qint64> m_currentEventTs;
    QString m_progressText;
};

} // namespace Gui
