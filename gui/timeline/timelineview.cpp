// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelineview.h"

#include "calllanelayout.h"
#include "calllanesplottable.h"
#include "cpulanesplottable.h"
#include "timeaxisticker.h"
#include "timelinedatasource.h"
#include "timeselection.h"

#include <QLabel>
#include <QMenu>
#include <QToolTip>
#include <QVBoxLayout>

#include "customplot.h"

#include <cmath>
#include <limits>

namespace Gui {

namespace {
constexpr double keyZoomIn = 0.7;
constexpr double keyPanShare = 0.2;
constexpr double hoverPixels = 4;
constexpr double clickPixels = 2;
constexpr int dragThreshold = 3;
// The room of a call lane is made of lanes CpuLanesPlottable has no data for (a CPU number no
// recording has): it draws them as empty bands, and the call lanes paint over them.
constexpr int callRoomCpu = std::numeric_limits<int>::max();
constexpr int laneMinPixels = 22;
constexpr int callRoomMinPixels = 12;

QString callText(const Storage::CallSlice& call, const QString& function)
{
    const bool open = call.flags & Storage::CallFlag::NoExit;
    const QString duration = open ? TimelineView::tr("%1 or more (exit not recorded: drawn up to the next call)")
                                        .arg(TimeAxisTicker::formatDuration(double(call.dur)))
                                  : TimeAxisTicker::formatDuration(double(call.dur));
    const QString self = call.self == Storage::noTime ? TimelineView::tr("unknown") : TimeAxisTicker::formatDuration(double(call.self));
    return TimelineView::tr("%1\nduration %2\nself %3\ndepth %4").arg(function, duration, self).arg(call.depth);
}

QString callBucketText(const Storage::CallBucket& bucket, const QString& function, std::int64_t width)
{
    const double busy = 100.0 * double(bucket.busyNs) / double(width);
    return TimelineView::tr("depth %1: %2 in calls, mostly %3\n%4 calls start in %5")
        .arg(bucket.depth)
        .arg(QString::number(busy, 'f', 1) + QLatin1Char('%'), function)
        .arg(bucket.calls)
        .arg(TimeAxisTicker::formatDuration(double(width)));
}

QString sliceText(const Storage::TimelineSlice& slice, const QString& label)
{
    return TimelineView::tr("%1\nCPU %2, prio %3\nran %4")
        .arg(label)
        .arg(slice.cpu)
        .arg(slice.prio)
        .arg(TimeAxisTicker::formatDuration(double(slice.dur)));
}
} // namespace

TimelineView::TimelineView(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
    , m_source(new TimelineDataSource(this))
    , m_info(new QLabel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_info);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setupPlot();
    connect(m_source, &TimelineDataSource::dataArrived, this, &TimelineView::onDataArrived);
    connect(m_source, &TimelineDataSource::ready, this, &TimelineView::onReady);
    connect(m_source, &TimelineDataSource::failed, this, &TimelineView::failed);
    connect(m_source, &TimelineDataSource::eventFound, this, &TimelineView::showEventTooltip);
    connect(m_source, &TimelineDataSource::eventCounted, this, [this](quint64 ticket, qint64 count) {
        if (ticket == m_countTicket) {
            m_selectionEvents = count;
            updateInfo();
        }
    });
    connect(m_source, &TimelineDataSource::indexProgress, this, [this](int percent) {
        m_progressText = tr("Building the timeline index: %1%").arg(percent);
        updateInfo();
        Q_EMIT indexProgress(percent);
    });
}

TimelineView::~TimelineView() = default;

void TimelineView::setupPlot()
{
    m_plot->setNotAntialiasedElements(QCP::aeAll);
    m_plot->setPlottingHints(QCP::phCacheLabels | QCP::phFastPolylines);
    m_plot->setInteractions({});
    m_plot->setFocusPolicy(Qt::StrongFocus);
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
    m_plot->setMinimumHeight(80);
    m_plot->xAxis->setTicker(QSharedPointer<TimeAxisTicker>::create());
    m_plot->yAxis->setRangeReversed(true);
    m_plot->yAxis->grid()->setVisible(false);
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerText>::create());
    m_plot->yAxis->setSubTicks(false);
    m_plot->yAxis->setTickLength(0, 0);
    m_lanes = new CpuLanesPlottable(m_plot->xAxis, m_plot->yAxis);
    m_callLanes = new CallLanesPlottable(m_plot->xAxis, m_plot->yAxis); // drawn after, over its room

    m_plot->addLayer(QStringLiteral("marks"), m_plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    m_selectionRect = new QCPItemRect(m_plot);
    m_selectionRect->setLayer(QStringLiteral("marks"));
    m_selectionRect->setPen(QPen(QColor(40, 90, 200, 200)));
    m_selectionRect->setBrush(QColor(40, 90, 200, 40));
    m_selectionRect->setVisible(false);
    const QColor markerColors[] = { QColor(0, 150, 0), QColor(200, 0, 0) };
    for (std::size_t i = 0; i < m_markerLines.size(); ++i) {
        m_markerLines[i] = new QCPItemStraightLine(m_plot);
        m_markerLines[i]->setLayer(QStringLiteral("marks"));
        m_markerLines[i]->setPen(QPen(markerColors[i], 1.5, Qt::DashLine));
        m_markerLines[i]->setVisible(false);
    }
    m_currentLine = new QCPItemStraightLine(m_plot);
    m_currentLine->setLayer(QStringLiteral("marks"));
    m_currentLine->setPen(QPen(QColor(0, 0, 0, 160), 1));
    m_currentLine->setVisible(false);
    connect(m_plot, &QCustomPlot::mousePress, this, &TimelineView::onMousePress);
    connect(m_plot, &QCustomPlot::mouseMove, this, &TimelineView::onMouseMove);
    connect(m_plot, &QCustomPlot::mouseRelease, this, &TimelineView::onMouseRelease);
    connect(m_plot, &QCustomPlot::mouseWheel, this, &TimelineView::onWheel);
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, &TimelineView::onDoubleClick);
}

void TimelineView::setRecording(RecordingPtr recording)
{
    m_recording = std::move(recording);
    m_markers = {};
    m_currentEventTs.reset();
    m_selectionEvents = -1;
    m_progressText.clear();
    m_lanes->setData({});
    m_callLanes->setData({});
    m_callLanes->setSelectedCall(0);
    m_callRows.clear();
    m_taskLanesChosen = false;
    if (m_recording) {
        m_origin = m_recording->summary.firstTs;
        m_end = std::max<qint64>(m_origin + 1, m_recording->summary.lastTs + 1);
        m_lanes->setOrigin(m_origin);
        m_callLanes->setOrigin(m_origin);
        m_lanes->setEventTypes(m_recording->eventTypes);
        m_lanes->setTaskNames({});
    }
    setupLanes();
    m_source->setRecording(m_recording);
    m_view = TimeMapper(m_origin, m_end, std::max(1, m_plot->axisRect()->width()));
    applyView(m_view);
}

void TimelineView::setupLanes()
{
    QList<CpuLanesPlottable::Lane> lanes;
    QList<CallLanesPlottable::Lane> callLanes;
    QList<int> cpus;
    // One lane per CPU with data (never a count the file claims), at least one for an empty recording.
    std::vector<int> cpuIds = m_recording ? m_recording->summary.cpuIds : std::vector<int> {};
    if (m_recording && cpuIds.empty())
        cpuIds.push_back(0);
    for (const int cpu : cpuIds) {
        lanes.append({ tr("CPU %1").arg(cpu), cpu, -1 });
        cpus.append(cpu);
    }
    int callRoom = 0;
    for (const int pid : std::as_const(m_taskPids)) {
        using namespace Storage::CallLaneKey;
        lanes.append({ isCpu(pid) ? tr("CPU %1, task unknown").arg(cpuOf(pid)) : m_lanes->taskLabel(pid), -1, pid });
        if (!m_source->hasCalls(pid))
            continue;
        const int rows = m_callRows.value(pid, 1);
        const int units = CallLaneLayout::unitsFor(rows);
        const double top = double(lanes.size());
        for (int i = 0; i < units; ++i)
            lanes.append({ QString(), callRoomCpu, -1 });
        callLanes.append({ pid, top, top + units, 1.0 / CallLaneLayout::rowsPerUnit, rows });
        callRoom += units;
    }
    m_lanes->setLanes(lanes);
    m_callLanes->setLanes(callLanes);
    m_source->setLanes(cpus, m_recording ? m_taskPids : QList<int>());
    auto ticker = qSharedPointerCast<QCPAxisTickerText>(m_plot->yAxis->ticker());
    ticker->clear();
    for (int i = 0; i < lanes.size(); ++i) {
        if (lanes[i].cpu != callRoomCpu)
            ticker->addTick(i + 0.5, lanes[i].title);
    }
    for (const CallLanesPlottable::Lane& lane : std::as_const(callLanes))
        ticker->addTick(lane.top + 0.5, tr("calls"));
    m_plot->yAxis->setRange(0, std::max<qsizetype>(1, lanes.size()));
    m_plot->setMinimumHeight(int(40 + laneMinPixels * (lanes.size() - callRoom) + callRoomMinPixels * callRoom));
}

// Call lanes grow to the deepest depth the data shown has (up to a cap); true if one changed.
bool TimelineView::updateCallRows()
{
    if (const CallLanesPtr data = m_source->callData()) {
        for (const Storage::CallLane& lane : data->lanes)
            m_callRows.insert(lane.pid, CallLaneLayout::rowsFor(lane.maxDepth));
    }
    const QList<CallLanesPlottable::Lane>& lanes = m_callLanes->lanes();
    return std::any_of(lanes.cbegin(), lanes.cend(), [this](const auto& lane) { return lane.rows != m_callRows.value(lane.pid, 1); });
}

void TimelineView::setSelection(TimeSelection* selection)
{
    if (m_selection)
        disconnect(m_selection, nullptr, this, nullptr);
    m_selection = selection;
    if (m_selection) {
        connect(m_selection, &TimeSelection::rangeChanged, this, &TimelineView::onRangeChanged);
        connect(m_selection, &TimeSelection::currentEventChanged, this, &TimelineView::onCurrentEvent);
        onRangeChanged(m_selection->rangeStart(), m_selection->rangeEnd());
    }
}

void TimelineView::setHighlightFilter(const Storage::EventFilter& filter)
{
    m_lanes->setHighlightFilter(filter);
    m_source->setHighlightFilter(filter);
    if (m_recording)
        m_source->request(m_view.from(), m_view.to(), m_view.width());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimelineView::setTaskLanes(const QList<int>& pids)
{
    m_taskPids = pids;
    m_taskLanesChosen = m_recording != nullptr;
    setupLanes();
    applyView(m_view);
}

void TimelineView::setVisibleRange(qint64 from, qint64 to) { applyView(TimeMapper(from, to, m_view.width())); }

TimeMapper TimelineView::currentMapper() const { return m_view.withWidth(std::max(1, m_plot->axisRect()->width())); }

double TimelineView::plotX(double widgetX) const { return widgetX - m_plot->axisRect()->left(); }

void TimelineView::applyView(const TimeMapper& view)
{
    m_view = view.withWidth(std::max(1, m_plot->axisRect()->width())).clampedTo(m_origin, m_end);
    m_plot->xAxis->setRange(double(m_view.from() - m_origin), double(m_view.to() - m_origin));
    if (m_recording)
        m_source->request(m_view.from(), m_view.to(), m_view.width());
    updateOverlay();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool TimelineView::hasDataForVisibleRange() const
{
    return m_source->servesView(m_view.from(), m_view.to(), m_view.width());
}

void TimelineView::onReady()
{
    m_progressText.clear();
    m_lanes->setTaskNames(m_source->taskNames());
    for (const Storage::CallTaskInfo& task : m_source->callTasks())
        m_callRows.insert(task.pid, CallLaneLayout::rowsFor(task.maxDepth));
    if (!m_taskLanesChosen && m_taskPids.isEmpty()) {
        const QList<int> pids = CallLaneLayout::defaultTaskLanes(*m_recording, m_source->callTasks());
        if (!pids.isEmpty()) {
            m_taskPids = pids;
            Q_EMIT taskLanesDefaulted(pids);
        }
    }
    applyTimeBounds();
    setupLanes();
    updateInfo();
    applyView(m_view);
}

// Calls may start before the first event or end after the last (or be all the recording has).
void TimelineView::applyTimeBounds()
{
    const qint64 origin = m_source->firstTs();
    const qint64 end = m_source->endTs();
    if (origin == m_origin && end == m_end)
        return;
    const bool whole = m_view.from() <= m_origin && m_view.to() >= m_end;
    m_origin = origin;
    m_end = end;
    m_lanes->setOrigin(m_origin);
    m_callLanes->setOrigin(m_origin);
    if (whole)
        m_view = TimeMapper(m_origin, m_end, m_view.width());
}

void TimelineView::onDataArrived()
{
    m_lanes->setData(m_source->data());
    m_callLanes->setData(m_source->callData());
    if (updateCallRows())
        setupLanes();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    if (hasDataForVisibleRange())
        Q_EMIT dataReady();
    else
        m_source->request(m_view.from(), m_view.to(), m_view.width());
}

void TimelineView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    // The axis rect gets its new width on the next layout pass.
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
    applyView(m_view);
}

bool TimelineView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_plot && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->modifiers() & ~(Qt::KeypadModifier | Qt::ShiftModifier))
            return false;
        return handleKey(key->key());
    }
    if (watched == m_plot && event->type() == QEvent::Leave)
        QToolTip::hideText();
    return QWidget::eventFilter(watched, event);
}

bool TimelineView::handleKey(int key)
{
    const TimeMapper view = currentMapper();
    const QPoint cursor = m_plot->mapFromGlobal(QCursor::pos());
    const bool cursorInside = m_plot->axisRect()->rect().contains(cursor);
    const double anchor = cursorInside ? plotX(cursor.x()) : view.width() / 2;
    switch (key) {
    case Qt::Key_W:
        applyView(view.zoomedAround(anchor, keyZoomIn));
        return true;
    case Qt::Key_S:
        applyView(view.zoomedAround(anchor, 1 / keyZoomIn));
        return true;
    case Qt::Key_A:
        applyView(view.panned(-view.width() * keyPanShare));
        return true;
    case Qt::Key_D:
        applyView(view.panned(view.width() * keyPanShare));
        return true;
    case Qt::Key_BracketLeft:
    case Qt::Key_BracketRight:
        setMarker(key == Qt::Key_BracketLeft ? 0 : 1, view.pixelToTime(anchor));
        return true;
    case Qt::Key_Escape:
        if (m_selection)
            m_selection->clearRange();
        return true;
    default:
        return false;
    }
}

void TimelineView::onMousePress(QMouseEvent* event)
{
    m_dragStart = event->pos();
    m_dragMoved = false;
    m_dragView = currentMapper();
    const bool select = event->button() == Qt::RightButton
        || (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier));
    m_drag = select ? Drag::Select : event->button() == Qt::LeftButton ? Drag::Pan : Drag::None;
    m_selectFrom = m_selectTo = m_dragView.pixelToTime(plotX(event->pos().x()));
    QToolTip::hideText();
}

void TimelineView::onMouseMove(QMouseEvent* event)
{
    if (m_drag == Drag::None) {
        updateHover(event->pos());
        return;
    }
    m_dragMoved = m_dragMoved || (event->pos() - m_dragStart).manhattanLength() >= dragThreshold;
    if (!m_dragMoved)
        return;
    if (m_drag == Drag::Pan) {
        applyView(m_dragView.panned(m_dragStart.x() - event->pos().x()));
        return;
    }
    m_selectTo = std::clamp(m_dragView.pixelToTime(plotX(event->pos().x())), m_origin, m_end);
    m_selectFrom = std::clamp(m_selectFrom, m_origin, m_end);
    updateOverlay();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimelineView::onMouseRelease(QMouseEvent* event)
{
    const Drag drag = std::exchange(m_drag, Drag::None);
    if (drag == Drag::Select && m_dragMoved) {
        if (m_selection)
            m_selection->setRange(std::min(m_selectFrom, m_selectTo), std::max(m_selectFrom, m_selectTo));
        else
            onRangeChanged(std::min(m_selectFrom, m_selectTo), std::max(m_selectFrom, m_selectTo));
    } else if (event->button() == Qt::RightButton && !m_dragMoved) {
        showContextMenu(event->pos());
    } else if (drag == Drag::Pan && !m_dragMoved) {
        selectCallAt(event->pos());
    }
}

void TimelineView::selectCallAt(const QPoint& pos)
{
    const int lane = m_callLanes->laneAt(pos.y());
    if (lane < 0)
        return;
    const TimeMapper view = currentMapper();
    const CallLanesPlottable::Hit hit = m_callLanes->hitTest(lane, m_callLanes->depthAt(lane, pos.y()),
        view.pixelToTime(plotX(pos.x())), qint64(clickPixels * view.nsPerPixel()));
    m_callLanes->setSelectedCall(hit.call ? hit.call->id : 0);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    if (hit.call)
        Q_EMIT callSelected(hit.call->id);
}

bool TimelineView::zoomToCallAt(const QPoint& pos)
{
    const int lane = m_callLanes->laneAt(pos.y());
    if (lane < 0)
        return false;
    const TimeMapper view = currentMapper();
    const CallLanesPlottable::Hit hit = m_callLanes->hitTest(lane, m_callLanes->depthAt(lane, pos.y()),
        view.pixelToTime(plotX(pos.x())), qint64(clickPixels * view.nsPerPixel()));
    qint64 from = 0;
    qint64 to = 0;
    if (hit.call) {
        from = hit.call->ts;
        to = hit.call->end();
    } else if (hit.bucket) {
        from = hit.bucket->start;
        to = hit.bucket->start + hit.bucketWidth;
    } else {
        return true;
    }
    const qint64 margin = std::max<qint64>(TimeMapper::minDuration / 2, (to - from) / 20);
    applyView(TimeMapper(from - margin, to + margin, view.width()));
    return true;
}

bool TimelineView::showCallTooltip(const QPoint& pos)
{
    const int lane = m_callLanes->laneAt(pos.y());
    if (lane < 0)
        return false;
    const TimeMapper view = currentMapper();
    const CallLanesPlottable::Hit hit = m_callLanes->hitTest(lane, m_callLanes->depthAt(lane, pos.y()),
        view.pixelToTime(plotX(pos.x())), qint64(hoverPixels * view.nsPerPixel()));
    const QPoint global = m_plot->mapToGlobal(pos);
    if (hit.call)
        QToolTip::showText(global, callText(*hit.call, m_callLanes->functionName(hit.call->function)), m_plot);
    else if (hit.bucket)
        QToolTip::showText(global, callBucketText(*hit.bucket, m_callLanes->functionName(hit.bucket->topFunction), hit.bucketWidth), m_plot);
    else
        QToolTip::hideText();
    return true;
}

void TimelineView::onWheel(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0)
        return;
    applyView(currentMapper().zoomedAround(plotX(event->position().x()), std::pow(0.8, steps)));
}

void TimelineView::onDoubleClick(QMouseEvent* event)
{
    if (zoomToCallAt(event->pos()))
        return;
    const int lane = m_lanes->laneAt(event->pos().y());
    const TimeMapper view = currentMapper();
    const qint64 ts = view.pixelToTime(plotX(event->pos().x()));
    const CpuLanesPlottable::Hit hit = m_lanes->hitTest(lane, ts, 0);
    qint64 from = 0;
    qint64 to = 0;
    if (hit.slice) {
        from = hit.slice->ts;
        to = hit.slice->ts + hit.slice->dur;
    } else if (hit.bucket) {
        from = hit.bucket->start;
        to = hit.bucket->start + hit.bucketWidth;
    } else {
        return;
    }
    const qint64 margin = std::max<qint64>(TimeMapper::minDuration / 2, (to - from) / 20);
    applyView(TimeMapper(from - margin, to + margin, view.width()));
}

void TimelineView::showContextMenu(const QPoint& pos)
{
    const qint64 ts = currentMapper().pixelToTime(plotX(pos.x()));
    QMenu menu(this);
    menu.addAction(tr("Set Marker &A Here"), this, [this, ts] { setMarker(0, ts); });
    menu.addAction(tr("Set Marker &B Here"), this, [this, ts] { setMarker(1, ts); });
    menu.addAction(tr("&Clear Markers"), this, [this] {
        setMarker(0, std::nullopt);
        setMarker(1, std::nullopt);
    });
    menu.addSeparator();
    const bool hasRange = m_selection && m_selection->hasRange();
    menu.addAction(tr("&Zoom to Selection"), this, &TimelineView::zoomToSelection)->setEnabled(hasRange);
    menu.addAction(tr("Clear &Selection"), this, [this] { m_selection->clearRange(); })->setEnabled(hasRange);
    menu.addAction(tr("Show &Whole Recording"), this, [this] { setVisibleRange(m_origin, m_end); });
    menu.exec(m_plot->mapToGlobal(pos));
}

void TimelineView::zoomToSelection()
{
    if (m_selection && m_selection->hasRange())
        setVisibleRange(m_selection->rangeStart(), m_selection->rangeEnd());
}

void TimelineView::setMarker(int index, std::optional<qint64> ts)
{
    m_markers[std::size_t(index)] = ts;
    updateOverlay();
    updateInfo();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimelineView::updateHover(const QPoint& pos)
{
    m_hoverPos = pos;
    const int lane = m_lanes->laneAt(pos.y());
    if (lane < 0 || !m_plot->axisRect()->rect().contains(pos)) {
        QToolTip::hideText();
        return;
    }
    if (showCallTooltip(pos)) {
        m_hoverEventId = -1;
        return;
    }
    const TimeMapper view = currentMapper();
    const qint64 ts = view.pixelToTime(plotX(pos.x()));
    const CpuLanesPlottable::Hit hit = m_lanes->hitTest(lane, ts, qint64(hoverPixels * view.nsPerPixel()));
    const QPoint global = m_plot->mapToGlobal(pos);
    if (hit.mark) {
        // The event's fields come from the worker; the tooltip follows when they arrive.
        if (hit.mark->eventId != m_hoverEventId) {
            m_hoverEventId = hit.mark->eventId;
            m_hoverTicket = m_source->lookUpEvent(hit.mark->eventId);
        }
        return;
    }
    m_hoverEventId = -1;
    if (hit.slice) {
        QToolTip::showText(global, sliceText(*hit.slice, m_lanes->taskLabel(hit.slice->pid)), m_plot);
    } else if (hit.bucket) {
        const double busy = 100.0 * double(hit.bucket->busyNs) / double(hit.bucketWidth);
        QToolTip::showText(global,
            tr("%1 busy, mostly %2\n%3 events in %4")
                .arg(QString::number(busy, 'f', 1) + QLatin1Char('%'),
                    hit.bucket->topPid > 0 ? m_lanes->taskLabel(hit.bucket->topPid) : tr("idle"))
                .arg(hit.bucket->events)
                .arg(TimeAxisTicker::formatDuration(double(hit.bucketWidth))),
            m_plot);
    } else {
        QToolTip::hideText();
    }
}

void TimelineView::showEventTooltip(quint64 ticket, const Storage::TimelineEvent& event)
{
    if (ticket != m_hoverTicket || m_drag != Drag::None)
        return;
    const QString text = tr("%1 at %2\nCPU %3, %4\n%5")
                             .arg(event.typeName, TimeAxisTicker::formatDuration(double(event.ts - m_origin), 3),
                                 QString::number(event.cpu),
                                 event.comm.isEmpty() ? QString::number(event.pid)
                                                      : event.comm + QLatin1Char('-') + QString::number(event.pid),
                                 event.fields);
    QToolTip::showText(m_plot->mapToGlobal(m_hoverPos), text, m_plot);
}

void TimelineView::onRangeChanged(qint64 start, qint64 end)
{
    m_selectFrom = start;
    m_selectTo = end;
    m_selectionEvents = -1;
    if (end > start)
        m_countTicket = m_source->countEvents(start, end);
    updateOverlay();
    updateInfo();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimelineView::onCurrentEvent(qint64, qint64 ts)
{
    m_currentEventTs = ts;
    const qint64 half = m_view.duration() / 2;
    applyView(TimeMapper(ts - half, ts - half + m_view.duration(), m_view.width()));
}

void TimelineView::updateOverlay()
{
    const double lanes = m_plot->yAxis->range().upper;
    const bool selecting = m_drag == Drag::Select && m_dragMoved;
    const bool hasRange = selecting || (m_selection ? m_selection->hasRange() : m_selectTo != m_selectFrom);
    m_selectionRect->setVisible(hasRange);
    m_selectionRect->topLeft->setCoords(double(std::min(m_selectFrom, m_selectTo) - m_origin), 0);
    m_selectionRect->bottomRight->setCoords(double(std::max(m_selectFrom, m_selectTo) - m_origin), lanes);
    for (std::size_t i = 0; i < m_markers.size(); ++i) {
        m_markerLines[i]->setVisible(m_markers[i].has_value());
        const double key = double(m_markers[i].value_or(0) - m_origin);
        m_markerLines[i]->point1->setCoords(key, 0);
        m_markerLines[i]->point2->setCoords(key, 1);
    }
    m_currentLine->setVisible(m_currentEventTs.has_value());
    m_currentLine->point1->setCoords(double(m_currentEventTs.value_or(0) - m_origin), 0);
    m_currentLine->point2->setCoords(double(m_currentEventTs.value_or(0) - m_origin), 1);
}

void TimelineView::updateInfo()
{
    QStringList parts;
    if (!m_progressText.isEmpty())
        parts << m_progressText;
    if (!m_source->callProblem().isEmpty())
        parts << tr("No call lanes: %1").arg(m_source->callProblem());
    const qint64 from = std::min(m_selectFrom, m_selectTo);
    const qint64 to = std::max(m_selectFrom, m_selectTo);
    if (to > from) {
        parts << (m_selectionEvents >= 0 ? tr("Selection: %1, %2 events")
                                               .arg(TimeAxisTicker::formatDuration(double(to - from)),
                                                   QLocale().toString(m_selectionEvents))
                                         : tr("Selection: %1").arg(TimeAxisTicker::formatDuration(double(to - from))));
    }
    if (m_markers[0] && m_markers[1])
        parts << tr("A\u2192B: %1").arg(TimeAxisTicker::formatDuration(double(*m_markers[1] - *m_markers[0])));
    else if (m_markers[0] || m_markers[1])
        parts << tr("Marker %1 at %2")
                     .arg(m_markers[0] ? QStringLiteral("A") : QStringLiteral("B"))
                     .arg(TimeAxisTicker::formatDuration(double(m_markers[0].value_or(m_markers[1].value_or(0)) - m_origin)));
    m_info->setText(parts.join(QLatin1String("   ")));
}

} // namespace Gui
