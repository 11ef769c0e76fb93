// SPDX-License-Identifier: GPL-3.0-or-later
#include "calltree.h"

#include "callorder.h"

#include <algorithm>

namespace Engine {

namespace {
using Storage::noTime;

// A node's figures while a tree is built. Plain data, so that growing the array (a million
// calls make hundreds of thousands of nodes) is a memcpy; CallTreeNodes are made once at the end.
struct Figures {
    std::int32_t function = -1;
    std::int32_t parent = -1;
    std::int64_t calls = 0;
    std::int64_t total = 0;
    std::int64_t self = 0;
    std::int64_t max = 0;
    std::int64_t unfinished = 0;
    std::int64_t maxSelf = 0; // top-down only: the largest self time of one call, bottom-up's max

    void addCall(std::int64_t dur, std::int64_t ownSelf)
    {
        ++calls;
        if (dur == noTime) {
            ++unfinished;
            return;
        }
        total += dur;
        max = std::max(max, dur);
        if (ownSelf != noTime) {
            self += ownSelf;
            maxSelf = std::max(maxSelf, ownSelf);
        }
    }

    // A top-down node's calls, carried by their self time (see bottomUp()).
    void addSelfOf(const Figures& callee)
    {
        calls += callee.calls;
        unfinished += callee.unfinished;
        total += callee.self;
        self += callee.self;
        max = std::max(max, callee.maxSelf);
    }
    // A bottom-up child's figures into its parent's.
    void addSums(const Figures& child)
    {
        calls += child.calls;
        unfinished += child.unfinished;
        total += child.total;
        self += child.self;
        max = std::max(max, child.max);
    }
};

class Builder {
public:
    explicit Builder(std::size_t expectedNodes)
        : m_map(expectedNodes)
    {
        m_nodes.reserve(expectedNodes);
        m_nodes.emplace_back(); // the root
    }

    // The node for function under parent, created when new.
    std::int32_t child(std::int32_t parent, std::int32_t function)
    {
        const std::int32_t node = m_map.findOrInsert(parent, function, std::int32_t(m_nodes.size()));
        if (node == std::int32_t(m_nodes.size()))
            m_nodes.push_back(Figures { function, parent });
        return node;
    }
    Figures& operator[](std::int32_t node) { return m_nodes[std::size_t(node)]; }
    void prefetch(std::int32_t parent, std::int32_t function) const { m_map.prefetch(parent, function); }
    std::vector<Figures>& nodes() { return m_nodes; }

private:
    std::vector<Figures> m_nodes;
    Internal::NodeKeyMap m_map;
};

std::size_t expectedNodes(std::size_t calls) { return std::min<std::size_t>(calls, 1 << 16) + 16; }

// Calls aggregated by path: the nodes' figures, root first, parents before children.
std::vector<Figures> topDownFigures(const Storage::LoadedCalls& calls)
{
    Builder tree(expectedNodes(calls.size()));
    const Internal::CallOrder order(calls);
    std::vector<std::int32_t> nodeOfCall(calls.size(), 0);
    order.forEachParentFirst([&](std::size_t i) {
        const std::int32_t parent = order.parent(i);
        const std::int32_t node = tree.child(parent < 0 ? 0 : nodeOfCall[std::size_t(parent)], calls.function[i]);
        tree[node].addCall(calls.dur[i], calls.self[i]);
        nodeOfCall[i] = node;
    });
    return std::move(tree.nodes());
}

// Bottom-up: for each top-down node (path) but the root, the node its walk [function, caller,
// caller's caller, ...] ends at, created as needed. The walks are bound by memory latency (one
// map lookup per step, a million nodes), so they run in batches: each step first prefetches the
// slots of all walks in the batch, then resolves them, overlapping their cache misses.
std::vector<std::int32_t> walkCallers(const std::vector<Figures>& paths, Builder& tree)
{
    struct Link {
        std::int32_t parent;
        std::int32_t function;
    };
    std::vector<Link> links(paths.size()); // compact: the walks read only these two fields
    for (std::size_t i = 0; i < paths.size(); ++i)
        links[i] = { paths[i].parent, paths[i].function };
    std::vector<std::int32_t> ends(paths.size(), 0);
    constexpr std::size_t batch = 16;
    for (std::size_t first = 1; first < paths.size(); first += batch) {
        std::int32_t path[batch]; // the walk's top-down node
        std::int32_t at[batch];   // the top-down node whose function comes next
        std::int32_t node[batch]; // where the walk is in the bottom-up tree
        std::size_t active = std::min(batch, paths.size() - first);
        for (std::size_t k = 0; k < active; ++k) {
            path[k] = at[k] = std::int32_t(first + k);
            node[k] = 0;
        }
        while (active > 0) {
            for (std::size_t k = 0; k < active; ++k)
                tree.prefetch(node[k], links[std::size_t(at[k])].function);
            for (std::size_t k = 0; k < active;) {
                const Link link = links[std::size_t(at[k])];
                node[k] = tree.child(node[k], link.function);
                at[k] = link.parent;
                if (at[k] > 0) {
                    ++k;
                    continue;
                }
                ends[std::size_t(path[k])] = node[k];
                --active; // the last walk takes this place
                path[k] = path[active];
                at[k] = at[active];
                node[k] = node[active];
            }
        }
    }
    return ends;
}

// Figures into CallTreeNodes: children lists (sized once, then sorted: largest total first,
// ties by calls, then by function for a stable order) and the root's sums.
std::vector<CallTreeNode> finish(const std::vector<Figures>& figures)
{
    std::vector<CallTreeNode> nodes(figures.size());
    std::vector<std::int32_t> childCount(figures.size(), 0);
    for (std::size_t i = 1; i < figures.size(); ++i)
        ++childCount[std::size_t(figures[i].parent)];
    for (std::size_t i = 0; i < figures.size(); ++i) {
        const Figures& f = figures[i];
        CallTreeNode& node = nodes[i];
        node.function = f.function;
        node.parent = f.parent;
        node.calls = f.calls;
        node.total = f.total;
        node.self = f.self;
        node.max = f.max;
        node.unfinished = f.unfinished;
        node.children.reserve(std::size_t(childCount[i]));
    }
    CallTreeNode& root = nodes.front();
    root.function = -1;
    for (std::size_t i = 1; i < nodes.size(); ++i) {
        const CallTreeNode& node = nodes[i];
        nodes[std::size_t(node.parent)].children.push_back(std::int32_t(i));
        if (node.parent != 0)
            continue;
        root.calls += node.calls;
        root.total += node.total;
        root.unfinished += node.unfinished;
        root.max = std::max(root.max, node.max);
    }
    const auto byTotal = [&nodes](std::int32_t a, std::int32_t b) {
        const CallTreeNode& x = nodes[std::size_t(a)];
        const CallTreeNode& y = nodes[std::size_t(b)];
        if (x.total != y.total)
            return x.total > y.total;
        if (x.calls != y.calls)
            return x.calls > y.calls;
        return x.function < y.function;
    };
    for (CallTreeNode& node : nodes) {
        if (node.children.size() > 1)
            std::sort(node.children.begin(), node.children.end(), byTotal);
    }
    return nodes;
}
} // namespace

CallTree CallTree::topDown(const Storage::LoadedCalls& calls)
{
    CallTree tree;
    tree.m_nodes = finish(topDownFigures(calls));
    return tree;
}

CallTree CallTree::bottomUp(const Storage::LoadedCalls& calls)
{
    // As hotspot's bottom-up view: each call's self time goes to its function under the root and
    // then, unchanged, to every caller on its path, so a function's callers split its self time.
    // Calls with the same path do that alike, so the walk is once per top-down node, not per call;
    // and as a walk passing a node goes on into one of its children or ends there, figures are
    // added where walks end and summed upwards afterwards (children are created after parents).
    const std::vector<Figures> paths = topDownFigures(calls);
    Builder tree(paths.size() * 2);
    const std::vector<std::int32_t> ends = walkCallers(paths, tree);
    for (std::size_t i = 1; i < paths.size(); ++i)
        tree[ends[i]].addSelfOf(paths[i]);
    std::vector<Figures>& nodes = tree.nodes();
    for (std::size_t i = nodes.size() - 1; i > 0; --i) {
        if (nodes[i].parent > 0)
            nodes[std::size_t(nodes[i].parent)].addSums(nodes[i]);
    }
    CallTree result;
    result.m_nodes = finish(nodes);
    return result;
}

std::vector<std::int32_t> CallTree::hotPath(std::int32_t node) const
{
    std::vector<std::int32_t> path;
    if (node < 0 || std::size_t(node) >= m_nodes.size())
        return path;
    path.push_back(node);
    while (!m_nodes[std::size_t(node)].children.empty()) {
        node = m_nodes[std::size_t(node)].children.front();
        path.push_back(node);
    }
    return path;
}

} // namespace Engine
