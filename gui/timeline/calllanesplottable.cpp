// SPDX-License-Identifier: GPL-3.0-or-later
#include "calllanesplottable.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace Gui {

namespace {
// Calls at least this wide are drawn one by one; narrower ones coalesce into columns.
constexpr double wideCallPixels = 2;
constexpr double minLabelPixels = 20;
constexpr double minLabelRowPixels = 8;
// Column shading: anything at all in a pixel shows; a pixel fully taken is opaque.
constexpr int minAlpha = 80;
constexpr int shadeSteps = 8;
const QColor backgroundColor(250, 250, 250);
const QColor laneSeparatorColor(210, 210, 210);

template <typename T>
std::pair<typename std::vector<T>::const_iterator, typename std::vector<T>::const_iterator> depthRange(
    const std::vector<T>& items, int depth)
{
    // Items are sorted by depth first.
    return std::equal_range(items.begin(), items.end(), depth, [](const auto& a, const auto& b) {
        if constexpr (std::is_same_v<std::decay_t<decltype(a)>, int>)
            return a < int(b.depth);
        else
            return int(a.depth) < b;
    });
}
} // namespace

CallLanesPlottable::CallLanesPlottable(QCPAxis* keyAxis, QCPAxis* valueAxis)
    : QCPAbstractPlottable(keyAxis, valueAxis)
{
    setAntialiasedFill(false);
    setAntialiased(false);
    setSelectable(QCP::stNone);
}

void CallLanesPlottable::setData(CallLanesPtr data)
{
    // Function ids are the recording's string ids: colours stay valid until it changes.
    if (!data || (m_data && data->functionNames.size() < m_data->functionNames.size()))
        m_colors.clear();
    m_data = std::move(data);
}

const Storage::CallLane* CallLanesPlottable::laneData(int lane) const
{
    if (!m_data || lane < 0 || lane >= m_lanes.size())
        return nullptr;
    for (const Storage::CallLane& data : m_data->lanes) {
        if (data.pid == m_lanes[lane].pid)
            return &data;
    }
    return nullptr;
}

QString CallLanesPlottable::functionName(std::int64_t id) const
{
    return m_data ? m_data->functionNames.value(id) : QString();
}

QColor CallLanesPlottable::functionColor(const QString& name)
{
    // FNV-1a over the name, so a function keeps its colour across runs and recordings.
    quint32 h = 2166136261u;
    for (const QChar c : name)
        h = (h ^ c.unicode()) * 16777619u;
    h *= 2654435761u;
    return QColor::fromHsv(int((h >> 8) % 360), 90 + int((h >> 4) % 100), 190 + int(h % 50));
}

QColor CallLanesPlottable::colorOf(std::int64_t function) const
{
    auto it = m_colors.constFind(function);
    if (it == m_colors.constEnd())
        it = m_colors.insert(function, functionColor(functionName(function)));
    return *it;
}

int CallLanesPlottable::laneAt(double pixelY) const
{
    const double value = mValueAxis->pixelToCoord(pixelY);
    for (int i = 0; i < m_lanes.size(); ++i) {
        if (value >= m_lanes[i].top && value < m_lanes[i].bottom)
            return i;
    }
    return -1;
}

int CallLanesPlottable::depthAt(int lane, double pixelY) const
{
    if (lane < 0 || lane >= m_lanes.size())
        return -1;
    const Lane& l = m_lanes[lane];
    const int depth = int(std::floor((mValueAxis->pixelToCoord(pixelY) - l.top) / l.rowHeight));
    return depth >= 0 && depth < l.rows ? depth : -1;
}

CallLanesPlottable::Row CallLanesPlottable::row(const Lane& lane, int depth) const
{
    const double a = mValueAxis->coordToPixel(lane.top + depth * lane.rowHeight);
    const double b = mValueAxis->coordToPixel(lane.top + (depth + 1) * lane.rowHeight);
    const double top = std::round(std::min(a, b));
    return Row { top, std::max(1.0, std::round(std::max(a, b)) - top) };
}

double CallLanesPlottable::selectTest(const QPointF&, bool, QVariant*) const { return -1; }

QCPRange CallLanesPlottable::getKeyRange(bool& foundRange, QCP::SignDomain) const
{
    foundRange = m_data != nullptr;
    return m_data ? QCPRange(double(m_data->from - m_origin), double(m_data->to - m_origin)) : QCPRange();
}

QCPRange CallLanesPlottable::getValueRange(bool& foundRange, QCP::SignDomain, const QCPRange&) const
{
    foundRange = !m_lanes.isEmpty();
    return foundRange ? QCPRange(m_lanes.first().top, m_lanes.last().bottom) : QCPRange();
}

void CallLanesPlottable::drawLegendIcon(QCPPainter*, const QRectF&) const { }

void CallLanesPlottable::resetColumns(int width)
{
    const std::size_t n = std::size_t(std::max(1, width));
    m_share.assign(n, 0.f);
    m_best.assign(n, 0.f);
    m_function.assign(n, 0);
    m_wide.clear();
}

// Adds a function's share of [x0, x1) (pixels from the left edge) to the columns it touches.
void CallLanesPlottable::addSpan(double x0, double x1, std::int64_t function, float share)
{
    const int n = int(m_share.size());
    const int first = std::max(0, int(std::floor(x0)));
    const int last = std::min(n - 1, int(std::ceil(x1)) - 1);
    for (int c = first; c <= last; ++c) {
        const float amount = float(std::min(x1, double(c + 1)) - std::max(x0, double(c))) * share;
        m_share[std::size_t(c)] += amount;
        if (amount >= m_best[std::size_t(c)]) {
            m_best[std::size_t(c)] = amount;
            m_function[std::size_t(c)] = function;
        }
    }
}

void CallLanesPlottable::draw(QCPPainter* painter)
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
    m_font = painter->font();
    for (int lane = 0; lane < m_lanes.size(); ++lane)
        drawLane(painter, lane);
}

void CallLanesPlottable::drawLane(QCPPainter* painter, int index)
{
    const QRect rect = mKeyAxis->axisRect()->rect();
    const Lane& lane = m_lanes[index];
    const double top = std::round(std::min(mValueAxis->coordToPixel(lane.top), mValueAxis->coordToPixel(lane.bottom)));
    const double bottom = std::round(std::max(mValueAxis->coordToPixel(lane.top), mValueAxis->coordToPixel(lane.bottom)));
    painter->fillRect(QRectF(m_left, top, rect.width(), bottom - top), backgroundColor);
    painter->fillRect(QRectF(m_left, bottom - 1, rect.width(), 1), laneSeparatorColor);
    const Storage::CallLane* data = laneData(index);
    if (!data)
        return;
    for (int depth = 0; depth < lane.rows; ++depth) {
        const Row r = row(lane, depth);
        resetColumns(rect.width());
        if (data->isSummary())
            drawSummaryRow(*data, depth);
        else
            drawCallRow(*data, depth);
        drawColumns(painter, r);
        for (const Storage::CallSlice* call : m_wide)
            drawCall(painter, *call, r);
    }
}

void CallLanesPlottable::drawSummaryRow(const Storage::CallLane& lane, int depth)
{
    const int n = int(m_share.size());
    const std::int64_t width = lane.bucketWidth();
    const auto [first, last] = depthRange(lane.buckets, depth);
    for (auto it = first; it != last; ++it) {
        const double x0 = toPixel(it->start);
        const double x1 = toPixel(it->start + width);
        if (x1 < 0 || x0 >= n)
            continue;
        // A bucket of zero-length calls still shows that calls are there.
        addSpan(x0, x1, it->topFunction, std::max(1e-3f, float(double(it->busyNs) / double(width))));
    }
}

void CallLanesPlottable::drawCallRow(const Storage::CallLane& lane, int depth)
{
    const int n = int(m_share.size());
    const auto [first, last] = depthRange(lane.calls, depth);
    // Calls of one depth do not overlap: their ends are in order too.
    const std::int64_t viewFrom = m_origin + std::int64_t(std::floor(m_keyLower));
    auto it = std::partition_point(first, last, [&](const Storage::CallSlice& c) { return c.end() < viewFrom; });
    for (; it != last; ++it) {
        const double x0 = toPixel(it->ts);
        if (x0 >= n)
            break;
        const double x1 = toPixel(it->end());
        if (x1 < 0)
            continue;
        if (x1 - x0 >= wideCallPixels)
            m_wide.push_back(&*it);
        else
            addSpan(x0, std::max(x1, x0 + 0.01), it->function, 1.f);
    }
}

void CallLanesPlottable::drawColumns(QCPPainter* painter, const Row& r)
{
    // Neighbouring columns of the same function and shade become one rectangle.
    const int n = int(m_share.size());
    const double height = r.height >= 4 ? r.height - 1 : r.height;
    auto shade = [this](int c) { return int(std::ceil(std::min(1.f, m_share[std::size_t(c)]) * shadeSteps)); };
    for (int c = 0; c < n;) {
        if (m_share[std::size_t(c)] <= 0.f) {
            ++c;
            continue;
        }
        const std::int64_t function = m_function[std::size_t(c)];
        const int level = shade(c);
        int end = c + 1;
        while (end < n && m_share[std::size_t(end)] > 0.f && m_function[std::size_t(end)] == function && shade(end) == level)
            ++end;
        QColor color = colorOf(function);
        color.setAlpha(minAlpha + (255 - minAlpha) * level / shadeSteps);
        painter->fillRect(QRectF(m_left + c, r.top, end - c, height), color);
        c = end;
    }
}

void CallLanesPlottable::drawCall(QCPPainter* painter, const Storage::CallSlice& call, const Row& r)
{
    const double width = double(m_share.size());
    const double x0 = m_left + std::max(0.0, toPixel(call.ts));
    const double x1 = m_left + std::min(width, toPixel(call.end()));
    const double height = r.height >= 4 ? r.height - 1 : r.height;
    const QRectF box(x0, r.top, x1 - x0, height);
    const QColor color = colorOf(call.function);
    painter->fillRect(box, color);
    painter->fillRect(QRectF(x0, r.top, 1, height), color.darker(150));
    if (call.flags & Storage::CallFlag::NoExit)
        painter->fillRect(box, QBrush(color.darker(170), Qt::BDiagPattern));
    if (call.id == m_selected) {
        painter->setPen(QPen(Qt::black, 2));
        painter->drawRect(box.adjusted(1, 1, -1, -1));
        painter->setPen(Qt::NoPen);
    }
    if (box.width() < minLabelPixels || height < minLabelRowPixels)
        return;
    QFont font = m_font;
    font.setPixelSize(std::clamp(int(height * 0.75), 7, 11));
    painter->setFont(font);
    const QString text = QFontMetrics(font).elidedText(functionName(call.function), Qt::ElideRight, int(box.width()) - 4);
    if (text.isEmpty())
        return;
    painter->setPen(color.lightness() > 140 ? Qt::black : Qt::white);
    painter->drawText(box.adjusted(3, 0, -1, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
    painter->setPen(Qt::NoPen);
}

CallLanesPlottable::Hit CallLanesPlottable::hitTest(int lane, int depth, qint64 ts, qint64 tolerance) const
{
    Hit hit;
    hit.lane = lane;
    hit.depth = depth;
    const Storage::CallLane* data = laneData(lane);
    if (!data || depth < 0)
        return hit;
    if (data->isSummary()) {
        const auto [first, last] = depthRange(data->buckets, depth);
        const auto it = std::upper_bound(first, last, ts, [](qint64 t, const Storage::CallBucket& b) { return t < b.start; });
        if (it != first && ts < std::prev(it)->start + data->bucketWidth()) {
            hit.bucket = *std::prev(it);
            hit.bucketWidth = data->bucketWidth();
        }
        return hit;
    }
    const auto [first, last] = depthRange(data->calls, depth);
    const auto it = std::partition_point(first, last, [ts](const Storage::CallSlice& c) { return c.end() <= ts; });
    if (it != last && it->ts <= ts) {
        hit.call = *it;
        return hit;
    }
    // Nothing under ts: the nearest call either side, if close enough.
    qint64 best = tolerance + 1;
    if (it != last && it->ts - ts < best) {
        best = it->ts - ts;
        hit.call = *it;
    }
    if (it != first && ts - std::prev(it)->end() < best)
        hit.call = *std::prev(it);
    return hit;
}

} // namespace Gui
