// SPDX-License-Identifier: GPL-3.0-or-later
#include "flamegraphlayout.h"

#include <algorithm>

namespace Gui {

FlameGraphLayout FlameGraphLayout::build(const CallTreeData& tree, std::int32_t zoomNode, double width)
{
    FlameGraphLayout layout;
    layout.m_tree = &tree;
    layout.m_zoom = zoomNode;
    layout.m_width = width;
    if (!tree.size() || zoomNode < 0 || std::size_t(zoomNode) >= tree.size() || width <= 0)
        return layout;
    // Row by row: placing each row's frames left to right keeps every row ordered by x.
    std::vector<FlameFrame> row { FlameFrame { 0, width, 0, zoomNode, 0, 0 } };
    std::vector<FlameFrame> next;
    while (!row.empty()) {
        layout.m_frames.insert(layout.m_frames.end(), row.begin(), row.end());
        layout.m_rowStart.push_back(int(layout.m_frames.size()));
        next.clear();
        for (const FlameFrame& parent : row) {
            if (parent.node >= 0)
                layout.placeChildren(tree, parent, next);
        }
        row.swap(next);
    }
    return layout;
}

void FlameGraphLayout::placeChildren(
    const CallTreeData& tree, const FlameFrame& parent, std::vector<FlameFrame>& next) const
{
    const Engine::CallTreeNode& node = tree.node(parent.node);
    if (node.children.empty())
        return;
    // Children never overflow their parent, even where the tree's figures do not add up (a
    // parent whose own duration is unknown while its children's are known).
    std::int64_t sum = 0;
    for (const std::int32_t child : node.children)
        sum += std::max<std::int64_t>(0, tree.node(child).total);
    const std::int64_t whole = std::max(node.total, sum);
    if (whole <= 0)
        return;
    const double scale = parent.width / double(whole);
    double x = parent.x;
    FlameFrame merged { 0, 0, parent.row + 1, -1, 0, 0 };
    const auto flushMerged = [&] {
        if (merged.merged > 0)
            next.push_back(merged);
        merged.merged = 0;
        merged.mergedTotal = 0;
        merged.width = 0;
    };
    for (const std::int32_t child : node.children) {
        const std::int64_t total = std::max<std::int64_t>(0, tree.node(child).total);
        const double w = double(total) * scale;
        if (w >= minFrameWidth) {
            flushMerged();
            next.push_back(FlameFrame { x, w, parent.row + 1, child, 0, 0 });
        } else {
            if (merged.merged == 0)
                merged.x = x;
            merged.width += w;
            merged.mergedTotal += total;
            ++merged.merged;
        }
        x += w;
    }
    flushMerged();
}

int FlameGraphLayout::frameAt(double x, int row) const
{
    if (row < 0 || row >= rows())
        return -1;
    const auto begin = m_frames.begin() + rowBegin(row);
    const auto end = m_frames.begin() + rowBegin(row + 1);
    auto it = std::upper_bound(begin, end, x, [](double value, const FlameFrame& f) { return value < f.x; });
    if (it == begin)
        return -1;
    --it;
    // A merged run narrower than a pixel is still hit within that pixel.
    return x < it->x + std::max(it->width, 1.0) ? int(it - m_frames.begin()) : -1;
}

int FlameGraphLayout::frameOfNode(std::int32_t node) const
{
    for (std::size_t i = 0; i < m_frames.size(); ++i) {
        if (m_frames[i].node == node)
            return int(i);
    }
    return -1;
}

} // namespace Gui
