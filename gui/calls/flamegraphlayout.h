// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calltreedata.h"

#include <cstdint>
#include <vector>

namespace Gui {

// One rectangle of the flame graph: a node, or a run of sibling nodes each too narrow to draw.
struct FlameFrame {
    double x = 0; // px from the left edge
    double width = 0; // px
    std::int32_t row = 0; // 0: the zoomed node, then its children, ...
    std::int32_t node = -1; // -1: merged narrow siblings
    std::int32_t merged = 0; // how many siblings a merged frame stands for
    std::int64_t mergedTotal = 0;
};

// The geometry of an icicle graph (root on top, children below, width proportional to total
// time) of one tree, zoomed node and width in pixels. Only frames at least minFrameWidth wide
// are placed one by one; a run of narrower siblings becomes one merged frame and their subtrees
// are skipped, so building costs what is visible, not the tree's size. A plain value: built on
// any thread, cached by the widget per (tree, zoom, width).
class FlameGraphLayout {
public:
    static constexpr double minFrameWidth = 1.0;

    static FlameGraphLayout build(const CallTreeData& tree, std::int32_t zoomNode, double width);

    const std::vector<FlameFrame>& frames() const { return m_frames; }
    int rows() const { return int(m_rowStart.size()) - 1; }
    // Frames of one row, ordered by x: [rowBegin(row), rowBegin(row + 1)).
    int rowBegin(int row) const { return m_rowStart[std::size_t(row)]; }
    // The index of the frame at x in row, -1 when none.
    int frameAt(double x, int row) const;
    // The index of node's frame, -1 when it is not drawn on its own.
    int frameOfNode(std::int32_t node) const;

    const CallTreeData* tree() const { return m_tree; }
    std::int32_t zoomNode() const { return m_zoom; }
    double width() const { return m_width; }

private:
    void placeChildren(const CallTreeData& tree, const FlameFrame& parent, std::vector<FlameFrame>& next) const;

    const CallTreeData* m_tree = nullptr; // identity only, for caching
    std::int32_t m_zoom = 0;
    double m_width = 0;
    std::vector<FlameFrame> m_frames; // by row, then x
    std::vector<int> m_rowStart { 0 };
};

} // namespace Gui
