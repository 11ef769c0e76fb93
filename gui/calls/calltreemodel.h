// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calltreedata.h"

#include <QAbstractItemModel>

#include <functional>
#include <memory>
#include <vector>

namespace Gui {

// The order and filter the call tree shows: per node, its children in display order (a slice of
// `order`), the shown ones first. A copy is an immutable snapshot, so CSV export can write the
// tree as shown from a worker.
struct CallTreeOrder {
    std::vector<std::int32_t> order; // children of every node, grouped by parent
    std::vector<std::int32_t> firstChild; // per node: where its children start in `order`
    std::vector<std::int32_t> shown; // per node: how many of them are shown
    std::vector<std::int32_t> row; // per node: its row under its parent (-1: hidden)

    bool isShown(std::int32_t node) const { return node == 0 || row[std::size_t(node)] >= 0; }
    std::int32_t child(std::int32_t node, int row) const
    {
        return order[std::size_t(firstChild[std::size_t(node)] + row)];
    }
};

// The call tree (top-down or bottom-up) as an item model: one row per call path with Function,
// Calls, Total, Self, Average and Max. The root (all calls) is not a row: its children are the
// top-level rows. Sorting orders the children within each parent; a search highlights the
// functions whose name contains a text and can filter the tree down to the paths through them.
// Shows a tree a worker built (CallTreeData); holds no widgets. GUI thread only.
class CallTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { FunctionColumn, CallsColumn, TotalColumn, SelfColumn, AverageColumn, MaxColumn, NumColumns };
    enum Role {
        NodeRole = Qt::UserRole + 1, // the node's index in the tree (int)
        SortRole, // the raw value (qint64 or QString)
        MatchRole, // whether the node's function matches the search (bool)
    };

    explicit CallTreeModel(QObject* parent = nullptr);

    void setTree(CallTreePtr tree);
    CallTreePtr tree() const { return m_tree; }

    // Highlights the functions whose name contains text (case-insensitive); with filter, shows
    // only nodes that match, lie on a path to a match, or lie under one.
    void setSearch(const QString& text, bool filter);
    QString searchText() const { return m_search; }
    bool isFiltered() const { return m_filter; }
    int matchCount() const { return m_matchCount; }
    // The next (or previous) matching node after `from` in display order, wrapping around;
    // invalid when nothing matches.
    QModelIndex nextMatch(const QModelIndex& from, bool forward = true) const;

    QModelIndex indexOfNode(std::int32_t node, int column = 0) const;
    std::int32_t nodeOf(const QModelIndex& index) const; // 0 (root) for an invalid index
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    // The current display order, for export.
    std::shared_ptr<const CallTreeOrder> orderSnapshot() const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    static QString columnTitle(int column);

private:
    void rebuildOrder();
    // Applies change as one layout change, moving persistent indexes with their nodes.
    void relayout(const std::function<void()>& change);
    void sortChildren();
    void applyFilter();
    void updateRows();
    QVariant sortValue(std::int32_t node, int column) const;
    std::int32_t nextInPreorder(std::int32_t node, bool forward) const;
    std::int32_t lastDescendant(std::int32_t node) const;

    CallTreePtr m_tree;
    CallTreeOrder m_order;
    std::vector<std::int32_t> m_sorted; // m_order.order before filtering
    std::vector<bool> m_matchFunction; // per function
    QString m_search;
    bool m_filter = false;
    int m_matchCount = 0;
    int m_sortColumn = TotalColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
};

} // namespace Gui
