// SPDX-License-Identifier: GPL-3.0-or-later
#include "flamegraphwidget.h"

#include "calltext.h"

#include <QApplication>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QToolTip>

#include <cmath>

namespace Gui {

namespace {
    // Below this many pixels a frame gets no label at all (not even an elided one).
    constexpr int minLabelWidth = 24;
    constexpr int labelPadding = 3;
    const QRgb mergedColour = qRgb(190, 190, 190);

    // flamegraph.pl's "hot" palette, driven by an FNV-1a hash of the name: the same function has
    // the same colour in every tree, mode and run (qHash is seeded per process).
    QRgb hotColour(const QString& name)
    {
        quint32 hash = 2166136261u;
        for (const QChar c : name) {
            hash ^= c.unicode();
            hash *= 16777619u;
        }
        const int v1 = int(hash & 0xff), v2 = int((hash >> 8) & 0xff), v3 = int((hash >> 16) & 0xff);
        return qRgb(205 + v1 * 50 / 255, v2 * 230 / 255, v3 * 55 / 255);
    }

    QRgb dimmed(QRgb colour)
    {
        const auto wash = [](int c) { return (c + 3 * 232) / 4; };
        return qRgb(wash(qRed(colour)), wash(qGreen(colour)), wash(qBlue(colour)));
    }

    // The deepest row under node, counted from node (0: no children).
    int subtreeDepth(const CallTreeData& tree, std::int32_t node)
    {
        int deepest = 0;
        std::vector<std::pair<std::int32_t, int>> stack { { node, 0 } };
        while (!stack.empty()) {
            const auto [n, depth] = stack.back();
            stack.pop_back();
            deepest = std::max(deepest, depth);
            for (const std::int32_t child : tree.node(n).children)
                stack.emplace_back(child, depth + 1);
        }
        return deepest;
    }
} // namespace

FlameGraphWidget::FlameGraphWidget(QWidget* parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::ClickFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

FlameGraphWidget::~FlameGraphWidget() = default;

void FlameGraphWidget::setTree(CallTreePtr tree)
{
    m_tree = std::move(tree);
    m_zoom = 0;
    m_functionColours.clear();
    if (m_tree && m_tree->calls) {
        for (const QString& name : m_tree->calls->functionNames)
            m_functionColours.push_back(hotColour(name));
    }
    m_matches = m_tree && !m_search.isEmpty() ? m_tree->matchingFunctions(m_search) : std::vector<bool>();
    invalidateLayout();
    updateHeight();
    update();
    Q_EMIT zoomChanged(m_zoom);
}

void FlameGraphWidget::zoomTo(std::int32_t node)
{
    if (!m_tree || node < 0 || std::size_t(node) >= m_tree->size() || node == m_zoom)
        return;
    m_zoom = node;
    invalidateLayout();
    updateHeight();
    update();
    Q_EMIT zoomChanged(m_zoom);
}

void FlameGraphWidget::zoomOut()
{
    if (m_tree && m_zoom > 0)
        zoomTo(std::max(0, m_tree->node(m_zoom).parent));
}

std::vector<std::int32_t> FlameGraphWidget::breadcrumb() const
{
    std::vector<std::int32_t> path;
    if (!m_tree || !m_tree->size())
        return path;
    for (std::int32_t n = m_zoom; n >= 0; n = m_tree->node(n).parent)
        path.insert(path.begin(), n);
    return path;
}

void FlameGraphWidget::setSearchText(const QString& text)
{
    if (text == m_search)
        return;
    m_search = text;
    m_matches = m_tree && !m_search.isEmpty() ? m_tree->matchingFunctions(m_search) : std::vector<bool>();
    update();
}

bool FlameGraphWidget::isHighlighted(std::int32_t node) const
{
    if (!m_tree || m_matches.empty() || node < 0 || std::size_t(node) >= m_tree->size())
        return false;
    const std::int32_t function = m_tree->node(node).function;
    return function >= 0 && m_matches[std::size_t(function)];
}

void FlameGraphWidget::invalidateLayout()
{
    m_layoutValid = false;
    m_hovered = -1;
}

const FlameGraphLayout& FlameGraphWidget::layout()
{
    if (!m_tree) {
        m_layout = {};
        return m_layout;
    }
    if (!m_layoutValid || m_layout.width() != double(width()) || m_layout.tree() != m_tree.get()) {
        m_layout = FlameGraphLayout::build(*m_tree, m_zoom, double(width()));
        m_labels.assign(m_layout.frames().size(), QStaticText());
        m_labelDone.assign(m_layout.frames().size(), 0);
        m_layoutValid = true;
    }
    return m_layout;
}

int FlameGraphWidget::rowHeight() const { return fontMetrics().height() + 4; }

void FlameGraphWidget::updateHeight()
{
    const int rows = m_tree && m_tree->size() ? subtreeDepth(*m_tree, m_zoom) + 1 : 0;
    setMinimumHeight(rows * rowHeight());
    updateGeometry();
}

QSize FlameGraphWidget::sizeHint() const { return QSize(480, std::max(minimumHeight(), 8 * rowHeight())); }

QRect FlameGraphWidget::frameRect(const FlameFrame& frame) const
{
    const int x0 = int(std::lround(frame.x));
    const int x1 = int(std::lround(frame.x + frame.width));
    int w = std::max(1, x1 - x0);
    if (w >= 3)
        w -= 1; // a gap between neighbours
    const int h = rowHeight();
    return QRect(x0, frame.row * h, w, h - 1);
}

QColor FlameGraphWidget::frameColour(const FlameFrame& frame) const
{
    if (frame.node < 0)
        return QColor(m_matches.empty() ? mergedColour : dimmed(mergedColour));
    const std::int32_t function = m_tree->node(frame.node).function;
    const QRgb colour = function >= 0 && std::size_t(function) < m_functionColours.size()
        ? m_functionColours[std::size_t(function)]
        : qRgb(230, 120, 60); // the root
    if (m_matches.empty() || isHighlighted(frame.node))
        return QColor(colour);
    return QColor(dimmed(colour));
}

const QStaticText* FlameGraphWidget::label(int index)
{
    if (!m_labelDone[std::size_t(index)]) {
        m_labelDone[std::size_t(index)] = 1;
        const FlameFrame& frame = m_layout.frames()[std::size_t(index)];
        const int room = frameRect(frame).width() - 2 * labelPadding;
        if (frame.node >= 0 && room >= minLabelWidth - 2 * labelPadding) {
            const QString text = fontMetrics().elidedText(m_tree->name(frame.node), Qt::ElideRight, room);
            // "e…" says nothing: a label shows at least a few characters of the name.
            const bool useful = text.size() >= 4 || !text.endsWith(QChar(0x2026));
            if (!text.isEmpty() && useful) {
                QStaticText& label = m_labels[std::size_t(index)];
                label.setTextFormat(Qt::PlainText);
                label.setText(text);
                label.prepare(QTransform(), font());
            }
        }
    }
    const QStaticText& label = m_labels[std::size_t(index)];
    return label.text().isEmpty() ? nullptr : &label;
}

void FlameGraphWidget::paintEvent(QPaintEvent* event)
{
    QPainter painter(this);
    const QRect exposed = event->rect();
    painter.fillRect(exposed, palette().base());
    if (!m_tree)
        return;
    const FlameGraphLayout& frames = layout();
    const int h = rowHeight();
    const int firstRow = std::max(0, exposed.top() / h);
    const int lastRow = std::min(frames.rows() - 1, exposed.bottom() / h);
    const int textOffset = (h - 1 - fontMetrics().height()) / 2;
    const QColor textColour(20, 20, 20), dimTextColour(110, 110, 110);
    for (int row = firstRow; row <= lastRow; ++row) {
        for (int i = frames.rowBegin(row); i < frames.rowBegin(row + 1); ++i) {
            const FlameFrame& frame = frames.frames()[std::size_t(i)];
            const QRect rect = frameRect(frame);
            if (rect.right() < exposed.left() || rect.left() > exposed.right())
                continue;
            painter.fillRect(rect, frameColour(frame));
            if (const QStaticText* text = rect.width() >= minLabelWidth ? label(i) : nullptr) {
                painter.setPen(m_matches.empty() || isHighlighted(frame.node) ? textColour : dimTextColour);
                painter.drawStaticText(rect.left() + labelPadding, rect.top() + textOffset, *text);
            }
        }
    }
    if (m_hovered >= 0 && std::size_t(m_hovered) < frames.frames().size()) {
        painter.setPen(palette().color(QPalette::Text));
        painter.drawRect(frameRect(frames.frames()[std::size_t(m_hovered)]).adjusted(0, 0, -1, -1));
    }
}

int FlameGraphWidget::frameAt(const QPoint& pos)
{
    if (!m_tree)
        return -1;
    return layout().frameAt(double(pos.x()), pos.y() / rowHeight());
}

std::int32_t FlameGraphWidget::nodeAt(const QPoint& pos)
{
    const int frame = frameAt(pos);
    return frame < 0 ? -1 : layout().frames()[std::size_t(frame)].node;
}

QString FlameGraphWidget::toolTipText(const FlameFrame& frame) const
{
    const std::int64_t rootTotal = m_tree->rootTotal();
    if (frame.node < 0) {
        return tr("%n function(s) too narrow to show: %1, %2 of all.<br>Click to zoom into their caller.", nullptr,
            frame.merged)
            .arg(CallText::duration(frame.mergedTotal), CallText::share(frame.mergedTotal, rootTotal));
    }
    const Engine::CallTreeNode& node = m_tree->node(frame.node);
    QString text = QStringLiteral("<b>%1</b><br>").arg(m_tree->name(frame.node).toHtmlEscaped());
    text += tr("Calls: %1").arg(CallText::count(node.calls));
    if (node.unfinished > 0)
        text += tr(" (%1 without a recorded exit)").arg(CallText::count(node.unfinished));
    text += QStringLiteral("<br>")
        + tr("Total: %1 (%2 of all)").arg(CallText::duration(node.total), CallText::share(node.total, rootTotal));
    if (m_zoom > 0 && frame.node != m_zoom) {
        const std::int64_t zoomTotal = m_tree->node(m_zoom).total;
        text += QStringLiteral("<br>")
            + tr("%1 of %2").arg(CallText::share(node.total, zoomTotal), m_tree->name(m_zoom).toHtmlEscaped());
    }
    text += QStringLiteral("<br>") + tr("Self: %1").arg(CallText::duration(node.self));
    return text;
}

bool FlameGraphWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int frame = frameAt(help->pos());
        if (frame < 0) {
            QToolTip::hideText();
            event->ignore();
        } else {
            const FlameFrame& f = layout().frames()[std::size_t(frame)];
            QToolTip::showText(help->globalPos(), toolTipText(f), this, frameRect(f));
        }
        return true;
    }
    return QWidget::event(event);
}

void FlameGraphWidget::mousePressEvent(QMouseEvent* event)
{
    m_pressPos = event->position().toPoint();
    QWidget::mousePressEvent(event);
}

void FlameGraphWidget::mouseReleaseEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    if (event->button() != Qt::LeftButton || (pos - m_pressPos).manhattanLength() > QApplication::startDragDistance())
        return QWidget::mouseReleaseEvent(event);
    const int index = frameAt(pos);
    if (index < 0)
        return;
    const FlameFrame frame = layout().frames()[std::size_t(index)];
    if (frame.node >= 0) {
        Q_EMIT nodeClicked(frame.node);
        zoomTo(frame.node);
        return;
    }
    // Merged frames stand for several nodes: zoom into their common caller, the frame above.
    const int above = layout().frameAt(frame.x, frame.row - 1);
    if (above >= 0 && layout().frames()[std::size_t(above)].node >= 0)
        zoomTo(layout().frames()[std::size_t(above)].node);
}

void FlameGraphWidget::mouseMoveEvent(QMouseEvent* event)
{
    setHoveredFrame(frameAt(event->position().toPoint()));
    QWidget::mouseMoveEvent(event);
}

void FlameGraphWidget::leaveEvent(QEvent* event)
{
    setHoveredFrame(-1);
    QWidget::leaveEvent(event);
}

void FlameGraphWidget::setHoveredFrame(int frame)
{
    if (frame == m_hovered)
        return;
    const auto& frames = layout().frames();
    if (m_hovered >= 0 && std::size_t(m_hovered) < frames.size())
        update(frameRect(frames[std::size_t(m_hovered)]));
    m_hovered = frame;
    if (frame >= 0)
        update(frameRect(frames[std::size_t(frame)]));
    setCursor(frame >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

void FlameGraphWidget::keyPressEvent(QKeyEvent* event)
{
    if ((event->key() == Qt::Key_Escape || event->key() == Qt::Key_Backspace) && m_zoom > 0) {
        zoomOut();
        return;
    }
    QWidget::keyPressEvent(event);
}

void FlameGraphWidget::resizeEvent(QResizeEvent* event)
{
    m_hovered = -1; // the layout is rebuilt for the new width on the next paint
    QWidget::resizeEvent(event);
}

void FlameGraphWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange) {
        invalidateLayout();
        updateHeight();
    }
    QWidget::changeEvent(event);
}

} // namespace Gui
