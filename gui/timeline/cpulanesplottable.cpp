// SPDX-License-Identifier: GPL-3.0-or-later
#include "cpulanesplottable.h"

#include "timelineindex.h"

#include <algorithm>
#include <cmath>

namespace Gui {

namespace {
// Slices at least this wide are drawn one by one (with border and label); narrower ones coalesce.
constexpr double wideSlicePixels = 3;
constexpr double minLabelPixels = 24;
const QColor idleColor(236, 236, 236);
const QColor idleLineColor(190, 190, 190);
const QColor laneSeparatorColor(210, 210, 210);

int markBit(int typeId) { return Storage::TimelineIndex::maskBit(typeId); }
} // namespace

CpuLanesPlottable::CpuLanesPlottable(QCPAxis* keyAxis, QCPAxis* valueAxis)
    : QCPAbstractPlottable(keyAxis, valueAxis)
{
    setAntialiasedFill(false);
    setAntialiased(false);
    setSelectable(QCP::stNone);
}

void CpuLanesPlottable::setLanes(const QList<Lane>& lanes) { m_lanes = lanes; }

void CpuLanesPlottable::setEventTypes(const std::vector<Storage::EventTypeInfo>& types)
{
    // One marker row per event type, in type-id order.
    m_types = types;
    m_typeBits.clear();
    for (const Storage::EventTypeInfo& type : types) {
        const int bit = markBit(type.id);
        if (!m_typeBits.contains(bit))
            m_typeBits.insert(bit, int(m_typeBits.size()));
    }
    m_markRows = std::max(1, int(m_typeBits.size()));
}

void CpuLanesPlottable::setHighlightFilter(const Storage::EventFilter& filter)
{
    m_filterActive = !filter.isEmpty();
    m_filterHasExpression = !filter.expression.isEmpty();
    m_matchingTypes = ~std::uint64_t(0);
    if (!filter.eventTypes.isEmpty()) {
        m_matchingTypes = 0;
        for (const Storage::EventTypeInfo& type : m_types) {
            if (filter.eventTypes.contains(type.qualifiedName()))
                m_matchingTypes |= std::uint64_t(1) << markBit(type.id);
        }
    }
    m_filterPids = QSet<int>(filter.pids.cbegin(), filter.pids.cend());
    m_filterCpus = QSet<int>(filter.cpus.cbegin(), filter.cpus.cend());
    m_filterFrom = filter.from;
    m_filterTo = filter.to;
}

const Storage::TimelineLane* CpuLanesPlottable::laneData(int lane) const
{
    if (!m_data || lane < 0 || lane >= m_lanes.size())
        return nullptr;
    const bool isCpu = m_lanes[lane].cpu >= 0;
    int index = 0;
    for (int i = 0; i < lane; ++i)
        index += (m_lanes[i].cpu >= 0) == isCpu ? 1 : 0;
    const auto& lanes = isCpu ? m_data->cpuLanes : m_data->taskLanes;
    return std::size_t(index) < lanes.size() ? &lanes[std::size_t(index)] : nullptr;
}

CpuLanesPlottable::LaneGeometry CpuLanesPlottable::geometry(int lane) const
{
    const double a = mValueAxis->coordToPixel(lane + 0.08);
    const double b = mValueAxis->coordToPixel(lane + 0.92);
    const double top = std::min(a, b);
    const double height = std::abs(b - a);
    // Top third: one thin row of markers per event type; below: the slices.
    const double markHeight = std::max(2.0, std::floor(height * 0.3));
    return LaneGeometry { top, top, markHeight, top + markHeight + 1, std::max(2.0, height - markHeight - 1) };
}

int CpuLanesPlottable::laneAt(double pixelY) const
{
    const double value = mValueAxis->pixelToCoord(pixelY);
    const int lane = int(std::floor(value));
    return lane >= 0 && lane < m_lanes.size() ? lane : -1;
}

QColor CpuLanesPlottable::taskColor(int pid)
{
    // A stable hue per task (Knuth's multiplicative hash spreads neighbouring pids apart).
    const quint32 h = quint32(pid) * 2654435761u;
    return QColor::fromHsv(int((h >> 8) % 360), 110 + int((h >> 4) % 90), 200 + int(h % 40));
}

QColor CpuLanesPlottable::typeColor(int bit)
{
    static const QColor palette[] = { QColor(0xd6, 0x27, 0x28), QColor(0x1f, 0x77, 0xb4), QColor(0x2c, 0xa0, 0x2c),
        QColor(0xff, 0x7f, 0x0e), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2),
        QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22), QColor(0x17, 0xbe, 0xcf) };
    return palette[bit % int(std::size(palette))];
}

QString CpuLanesPlottable::taskLabel(int pid) const
{
    const QString comm = m_taskNames.value(pid);
    return comm.isEmpty() ? QString::number(pid) : comm + QLatin1Char('-') + QString::number(pid);
}

double CpuLanesPlottable::selectTest(const QPointF&, bool, QVariant*) const { return -1; }

QCPRange CpuLanesPlottable::getKeyRange(bool& foundRange, QCP::SignDomain) const
{
    foundRange = m_data != nullptr;
    return m_data ? QCPRange(double(m_data->from - m_origin), double(m_data->to - m_origin)) : QCPRange();
}

QCPRange CpuLanesPlottable::getValueRange(bool& foundRange, QCP::SignDomain, const QCPRange&) const
{
    foundRange = true;
    return QCPRange(0, std::max<qsizetype>(1, m_lanes.size()));
}

void CpuLanesPlottable::drawLegendIcon(QCPPainter*, const QRectF&) const { }

void CpuLanesPlottable::resetColumns(int width)
{
    const std::size_t n = std::size_t(std::max(1, width));
    m_busy.assign(n, 0.f);
    m_best.assign(n, 0.f);
    m_pid.assign(n, 0);
    m_marksLit.assign(n, 0);
    m_marksDim.assign(n, 0);
    m_wide.clear();
}

// Adds a task's share of [x0, x1) (pixels from the left edge) to the columns it touches.
void CpuLanesPlottable::addSpan(double x0, double x1, int pid, float share)
{
    const int n = int(m_busy.size());
    const int first = std::max(0, int(std::floor(x0)));
    const int last = std::min(n - 1, int(std::ceil(x1)) - 1);
    for (int c = first; c <= last; ++c) {
        const float amount = float(std::min(x1, double(c + 1)) - std::max(x0, double(c))) * share;
        m_busy[std::size_t(c)] += amount;
        if (amount > m_best[std::size_t(c)]) {
            m_best[std::size_t(c)] = amount;
            m_pid[std::size_t(c)] = pid;
        }
    }
}

bool CpuLanesPlottable::markMatches(const Storage::TimelineMark& mark) const
{
    if (!((m_matchingTypes >> markBit(mark.typeId)) & 1) || !(m_filterPids.isEmpty() || m_filterPids.contains(mark.pid))
        || mark.ts < m_filterFrom || mark.ts >= m_filterTo)
        return false;
    // The field expression is answered per event id by the data source (raw zoom only).
    if (m_filterHasExpression && m_data && m_data->highlightById)
        return std::binary_search(m_data->highlightIds.begin(), m_data->highlightIds.end(), mark.eventId);
    return true;
}

void CpuLanesPlottable::accumulate(const Storage::TimelineLane& lane, bool laneMatches)
{
    const int n = int(m_busy.size());
    if (lane.level >= 0) {
        const std::int64_t width = lane.bucketWidth();
        const std::uint64_t lit = laneMatches ? m_matchingTypes : 0;
        for (const Storage::TimelineBucket& bucket : lane.buckets) {
            const double x0 = toPixel(bucket.start);
            const double x1 = toPixel(bucket.start + width);
            if (x1 < 0 || x0 >= n)
                continue;
            if (bucket.busyNs > 0)
                addSpan(x0, x1, bucket.topPid, float(double(bucket.busyNs) / double(width)));
            const int first = std::max(0, int(x0));
            const int last = std::min(n - 1, std::max(first, int(std::ceil(x1)) - 1));
            for (int c = first; c <= last; ++c) {
                m_marksLit[std::size_t(c)] |= bucket.typeMask & lit;
                m_marksDim[std::size_t(c)] |= bucket.typeMask & ~lit;
            }
        }
        return;
    }
    for (std::size_t i = 0; i < lane.slices.size(); ++i) {
        const Storage::TimelineSlice& slice = lane.slices[i];
        const double x0 = toPixel(slice.ts);
        const double x1 = toPixel(slice.ts + slice.dur);
        if (x1 < 0 || x0 >= n)
            continue;
        if (x1 - x0 >= wideSlicePixels)
            m_wide.push_back(i);
        else
            addSpan(x0, x1, slice.pid, 1.f);
    }
    for (const Storage::TimelineMark& mark : lane.marks) {
        const double x = toPixel(mark.ts);
        if (x < 0 || x >= n)
            continue;
        const std::uint64_t bit = std::uint64_t(1) << markBit(mark.typeId);
        const bool lit = !m_filterActive || (laneMatches && markMatches(mark));
        (lit ? m_marksLit : m_marksDim)[std::size_t(x)] |= bit;
    }
}

void CpuLanesPlottable::draw(QCPPainter* painter)
{
    if (!mKeyAxis || !mValueAxis || m_lanes.isEmpty())
        return;
    const QRect rect = mKeyAxis->axisRect()->rect();
    const QCPRange range = mKeyAxis->range();
    m_keyLower = range.lower;
    m_scale = range.size() > 0 ? rect.width() / range.size() : 1;
    m_left = rect.left();
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setPen(Qt::NoPen);
    for (int lane = 0; lane < m_lanes.size(); ++lane)
        drawLane(painter, lane);
}

void CpuLanesPlottable::drawLane(QCPPainter* painter, int lane)
{
    const QRect rect = mKeyAxis->axisRect()->rect();
    const LaneGeometry g = geometry(lane);
    // Idle: a pale band with a thin line through it; running time is drawn over it in colour.
    painter->fillRect(QRectF(m_left, g.sliceTop, rect.width(), g.sliceHeight), idleColor);
    painter->fillRect(QRectF(m_left, std::floor(g.sliceTop + g.sliceHeight / 2), rect.width(), 1), idleLineColor);
    painter->fillRect(QRectF(m_left, std::floor(mValueAxis->coordToPixel(lane + 1)), rect.width(), 1), laneSeparatorColor);
    const Storage::TimelineLane* data = laneData(lane);
    if (!data)
        return;
    resetColumns(rect.width());
    const int cpu = m_lanes[lane].cpu;
    accumulate(*data, !m_filterActive || m_filterCpus.isEmpty() || (cpu >= 0 && m_filterCpus.contains(cpu)));
    drawBusyColumns(painter, g);
    drawWideSlices(painter, *data, g);
    drawMarks(painter, g);
}

void CpuLanesPlottable::drawBusyColumns(QCPPainter* painter, const LaneGeometry& g)
{
    // Height shows the busy share of each pixel (bottom-aligned), colour its dominant task;
    // neighbouring columns of the same task and height become one rectangle.
    const int n = int(m_busy.size());
    const double bottom = g.sliceTop + g.sliceHeight;
    for (int c = 0; c < n;) {
        const float busy = std::min(1.f, m_busy[std::size_t(c)]);
        if (busy <= 0.f) {
            ++c;
            continue;
        }
        const int pid = m_pid[std::size_t(c)];
        const double height = std::max(1.0, std::round(busy * g.sliceHeight));
        int end = c + 1;
        while (end < n && m_pid[std::size_t(end)] == pid && m_busy[std::size_t(end)] > 0.f
            && std::max(1.0, std::round(std::min(1.f, m_busy[std::size_t(end)]) * g.sliceHeight)) == height)
            ++end;
        painter->fillRect(QRectF(m_left + c, bottom - height, end - c, height), taskColor(pid));
        c = end;
    }
}

void CpuLanesPlottable::drawWideSlices(QCPPainter* painter, const Storage::TimelineLane& lane, const LaneGeometry& g)
{
    if (m_wide.empty())
        return;
    const double right = m_left + double(m_busy.size());
    QFont font = painter->font();
    font.setPixelSize(std::clamp(int(g.sliceHeight * 0.6), 7, 12));
    painter->setFont(font);
    const QFontMetrics metrics(font);
    for (const std::size_t i : m_wide) {
        const Storage::TimelineSlice& slice = lane.slices[i];
        const double x0 = std::max(m_left, m_left + toPixel(slice.ts));
        const double x1 = std::min(right, m_left + toPixel(slice.ts + slice.dur));
        const QColor color = taskColor(slice.pid);
        const QRectF box(x0, g.sliceTop, x1 - x0, g.sliceHeight);
        painter->fillRect(box, color);
        painter->fillRect(QRectF(x0, g.sliceTop, 1, g.sliceHeight), color.darker(140));
        if (box.width() < minLabelPixels)
            continue;
        const QString text = metrics.elidedText(taskLabel(slice.pid), Qt::ElideRight, int(box.width()) - 4);
        if (text.isEmpty())
            continue;
        painter->setPen(color.lightness() > 150 ? Qt::black : Qt::white);
        painter->drawText(box.adjusted(3, 0, -1, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
        painter->setPen(Qt::NoPen);
    }
}

void CpuLanesPlottable::drawMarks(QCPPainter* painter, const LaneGeometry& g)
{
    std::uint64_t present = 0;
    for (std::size_t c = 0; c < m_marksLit.size(); ++c)
        present |= m_marksLit[c] | m_marksDim[c];
    const double rowHeight = std::max(1.0, g.markHeight / m_markRows);
    const int n = int(m_marksLit.size());
    for (int bit = 0; bit < Storage::TimelineIndex::maskBits && present; ++bit) {
        const std::uint64_t mask = std::uint64_t(1) << bit;
        if (!(present & mask))
            continue;
        present &= ~mask;
        const double y = g.markTop + std::min(m_markRows - 1, m_typeBits.value(bit, 0)) * rowHeight;
        QColor lit = typeColor(bit);
        QColor dim = lit;
        dim.setAlpha(45);
        for (const auto* columns : { &m_marksDim, &m_marksLit }) {
            const QColor& color = columns == &m_marksLit ? lit : dim;
            for (int c = 0; c < n;) {
                if (!((*columns)[std::size_t(c)] & mask)) {
                    ++c;
                    continue;
                }
                int end = c + 1;
                while (end < n && ((*columns)[std::size_t(end)] & mask))
                    ++end;
                // A lone marker is widened to 2 px so it stays visible.
                painter->fillRect(QRectF(m_left + c, y, std::max(2, end - c), rowHeight), color);
                c = end;
            }
        }
    }
}

CpuLanesPlottable::Hit CpuLanesPlottable::hitTest(int lane, qint64 ts, qint64 tolerance) const
{
    Hit hit;
    hit.lane = lane;
    const Storage::TimelineLane* data = laneData(lane);
    if (!data)
        return hit;
    if (data->level >= 0) {
        const auto it = std::upper_bound(data->buckets.begin(), data->buckets.end(), ts,
            [](qint64 t, const Storage::TimelineBucket& b) { return t < b.start; });
        if (it != data->buckets.begin() && ts < std::prev(it)->start + data->bucketWidth()) {
            hit.bucket = *std::prev(it);
            hit.bucketWidth = data->bucketWidth();
        }
        return hit;
    }
    const auto slice = std::upper_bound(data->slices.begin(), data->slices.end(), ts,
        [](qint64 t, const Storage::TimelineSlice& s) { return t < s.ts; });
    if (slice != data->slices.begin() && ts < std::prev(slice)->ts + std::prev(slice)->dur)
        hit.slice = *std::prev(slice);
    const auto mark = std::lower_bound(data->marks.begin(), data->marks.end(), ts,
        [](const Storage::TimelineMark& m, qint64 t) { return m.ts < t; });
    qint64 best = tolerance + 1;
    for (auto it : { mark, mark == data->marks.begin() ? mark : std::prev(mark) }) {
        if (it != data->marks.end() && std::abs(it->ts - ts) < best) {
            best = std::abs(it->ts - ts);
            hit.mark = *it;
        }
    }
    return hit;
}

} // namespace Gui
