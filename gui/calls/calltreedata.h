// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calltree.h"

#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace Gui {

enum class CallTreeMode { TopDown, BottomUp };

// One call tree as the call graph views show it: the engine's tree of a scope and mode, the
// calls it was built from (for function names) and each node's depth. Built by a worker and
// then shared read-only between the tree model, the flame graph and CSV export.
struct CallTreeData {
    std::shared_ptr<const Storage::LoadedCalls> calls;
    Engine::CallTree tree;
    CallTreeMode mode = CallTreeMode::TopDown;
    std::vector<std::int32_t> depth; // per node; the root is 0
    int maxDepth = 0;

    std::size_t size() const { return tree.nodes().size(); }
    const Engine::CallTreeNode& node(std::int32_t index) const { return tree.node(index); }
    // The node's function name; the root's is "all calls".
    QString name(std::int32_t node) const;
    // Function names from the root's child down to node.
    QStringList path(std::int32_t node) const;
    std::int64_t rootTotal() const { return size() ? node(0).total : 0; }
    // Per function (index into functionNames): whether its name contains text (case-insensitive).
    // All false for an empty text.
    std::vector<bool> matchingFunctions(const QString& text) const;
};

using CallTreePtr = std::shared_ptr<const CallTreeData>;

// Builds the tree of calls in mode (any thread).
CallTreePtr buildCallTree(std::shared_ptr<const Storage::LoadedCalls> calls, CallTreeMode mode);

} // namespace Gui
