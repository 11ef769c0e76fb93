// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calltreedata.h"
#include "flamegraphlayout.h"

#include <QRgb>
#include <QStaticText>
#include <QWidget>

#include <vector>

namespace Gui {

// The flame graph of a call tree, drawn as an icicle: the zoomed node (at first the root, all
// calls) fills the top row, each node's children lie below it with widths proportional to their
// total time. Frames are labelled where wide enough and coloured by a stable hash of the function
// name; a search keeps the matching frames bright and dims the others. Clicking a frame zooms
// into it; Escape or the breadcrumb bar goes back up. Painting draws a cached FlameGraphLayout
// (runs of sub-pixel frames merged) and cached labels, no objects per frame. GUI thread only.
class FlameGraphWidget : public QWidget {
    Q_OBJECT
public:
    explicit FlameGraphWidget(QWidget* parent = nullptr);
    ~FlameGraphWidget() override;

    // Shows tree from its root.
    void setTree(CallTreePtr tree);
    CallTreePtr tree() const { return m_tree; }

    void zoomTo(std::int32_t node);
    void zoomOut(); // to the zoomed node's parent
    std::int32_t zoomNode() const { return m_zoom; }
    // The nodes from the root down to the zoomed node.
    std::vector<std::int32_t> breadcrumb() const;

    void setSearchText(const QString& text);
    QString searchText() const { return m_search; }
    // Whether node's function matches the search (false without a search).
    bool isHighlighted(std::int32_t node) const;

    // The geometry for the current width and zoom (built on demand, then cached).
    const FlameGraphLayout& layout();
    int rowHeight() const;
    // The frame under pos (widget coordinates): an index into layout().frames(), or -1.
    int frameAt(const QPoint& pos);
    // The node under pos; -1 for none or for merged narrow frames.
    std::int32_t nodeAt(const QPoint& pos);
    QString toolTipText(const FlameFrame& frame) const;
    QColor frameColour(const FlameFrame& frame) const;

    QSize sizeHint() const override;

Q_SIGNALS:
    void zoomChanged(std::int32_t node);
    // A frame was clicked (before the zoom into it).
    void nodeClicked(std::int32_t node);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void invalidateLayout();
    void updateHeight();
    QRect frameRect(const FlameFrame& frame) const;
    const QStaticText* label(int frameIndex);
    void setHoveredFrame(int frame);

    CallTreePtr m_tree;
    std::int32_t m_zoom = 0;
    FlameGraphLayout m_layout;
    bool m_layoutValid = false;
    // Per frame of m_layout: its label, made on first paint (null text: too narrow).
    std::vector<QStaticText> m_labels;
    std::vector<char> m_labelDone;
    std::vector<QRgb> m_functionColours; // per function
    std::vector<bool> m_matches; // per function; empty without a search
    QString m_search;
    int m_hovered = -1; // frame index
    QPoint m_pressPos;
};

} // namespace Gui
