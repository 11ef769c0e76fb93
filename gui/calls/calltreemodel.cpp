// SPDX-License-Identifier: GPL-3.0-or-later
#include "calltreemodel.h"

#include "calltext.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <algorithm>
#include <numeric>

namespace Gui {

namespace {
    // Per function, its rank in case-insensitive name order: sorting by name then compares ints.
    std::vector<int> nameRanks(const CallTreeData& tree)
    {
        const std::vector<QString>& names = tree.calls ? tree.calls->functionNames : std::vector<QString>();
        std::vector<int> byName(names.size());
        std::iota(byName.begin(), byName.end(), 0);
        std::stable_sort(byName.begin(), byName.end(), [&](int a, int b) {
            return names[std::size_t(a)].compare(names[std::size_t(b)], Qt::CaseInsensitive) < 0;
        });
        std::vector<int> rank(names.size());
        for (std::size_t i = 0; i < byName.size(); ++i)
            rank[std::size_t(byName[i])] = int(i);
        return rank;
    }

    std::int64_t numericValue(const Engine::CallTreeNode& node, int column)
    {
        switch (column) {
        case CallTreeModel::CallsColumn:
            return node.calls;
        case CallTreeModel::TotalColumn:
            return node.total;
        case CallTreeModel::SelfColumn:
            return node.self;
        case CallTreeModel::AverageColumn:
            return node.average();
        case CallTreeModel::MaxColumn:
            return node.max;
        default:
            return 0;
        }
    }
} // namespace

CallTreeModel::CallTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

void CallTreeModel::setTree(CallTreePtr tree)
{
    beginResetModel();
    m_tree = std::move(tree);
    m_matchFunction = m_tree ? m_tree->matchingFunctions(m_search) : std::vector<bool>();
    rebuildOrder();
    sortChildren();
    applyFilter();
    updateRows();
    endResetModel();
}

void CallTreeModel::rebuildOrder()
{
    m_order = {};
    if (!m_tree)
        return;
    const std::size_t n = m_tree->size();
    m_order.firstChild.resize(n);
    m_order.shown.resize(n);
    m_order.order.reserve(n);
    for (std::size_t node = 0; node < n; ++node) {
        const auto& children = m_tree->node(std::int32_t(node)).children;
        m_order.firstChild[node] = std::int32_t(m_order.order.size());
        m_order.order.insert(m_order.order.end(), children.begin(), children.end());
    }
}

void CallTreeModel::sortChildren()
{
    if (!m_tree)
        return;
    const CallTreeData& tree = *m_tree;
    const std::vector<int> ranks = m_sortColumn == FunctionColumn ? nameRanks(tree) : std::vector<int>();
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    const auto less = [&](std::int32_t a, std::int32_t b) {
        const auto& na = tree.node(a);
        const auto& nb = tree.node(b);
        if (m_sortColumn == FunctionColumn)
            return ranks[std::size_t(na.function)] < ranks[std::size_t(nb.function)];
        return numericValue(na, m_sortColumn) < numericValue(nb, m_sortColumn);
    };
    for (std::size_t node = 0; node < tree.size(); ++node) {
        const auto begin = m_order.order.begin() + m_order.firstChild[node];
        const auto end = begin + std::ptrdiff_t(tree.node(std::int32_t(node)).children.size());
        if (end - begin < 2)
            continue;
        if (descending)
            std::stable_sort(begin, end, [&](std::int32_t a, std::int32_t b) { return less(b, a); });
        else
            std::stable_sort(begin, end, less);
    }
    m_sorted = m_order.order;
}

// Marks the nodes a filtered tree shows (a match, an ancestor of one, or under one) and moves
// them to the front of their parent's children, keeping the sort order.
void CallTreeModel::applyFilter()
{
    if (!m_tree)
        return;
    const CallTreeData& tree = *m_tree;
    const std::size_t n = tree.size();
    const auto matches = [&](std::size_t node) {
        const std::int32_t f = tree.node(std::int32_t(node)).function;
        return node != 0 && f >= 0 && std::size_t(f) < m_matchFunction.size() && m_matchFunction[std::size_t(f)];
    };
    m_order.order = m_sorted; // what an earlier filter moved goes back to its place
    m_matchCount = 0;
    for (std::size_t node = 0; node < n; ++node)
        m_matchCount += matches(node) ? 1 : 0;
    if (!m_filter || m_search.isEmpty()) {
        for (std::size_t node = 0; node < n; ++node)
            m_order.shown[node] = std::int32_t(tree.node(std::int32_t(node)).children.size());
        return;
    }
    // Preorder from the root: parents before children, so underMatch flows down and, walked
    // backwards, hasMatch flows up.
    std::vector<std::int32_t> preorder;
    preorder.reserve(n);
    std::vector<std::int32_t> stack { 0 };
    std::vector<char> underMatch(n, 0), keep(n, 0);
    while (!stack.empty()) {
        const std::int32_t node = stack.back();
        stack.pop_back();
        preorder.push_back(node);
        for (const std::int32_t child : tree.node(node).children) {
            underMatch[std::size_t(child)] = underMatch[std::size_t(node)] || matches(std::size_t(node));
            stack.push_back(child);
        }
    }
    for (auto it = preorder.rbegin(); it != preorder.rend(); ++it) {
        const std::size_t node = std::size_t(*it);
        keep[node] = keep[node] || matches(node) || underMatch[node];
        const std::int32_t parent = tree.node(std::int32_t(node)).parent;
        if (keep[node] && parent >= 0)
            keep[std::size_t(parent)] = 1;
    }
    for (std::size_t node = 0; node < n; ++node) {
        const auto begin = m_order.order.begin() + m_order.firstChild[node];
        const auto end = begin + std::ptrdiff_t(tree.node(std::int32_t(node)).children.size());
        const auto split = std::stable_partition(begin, end, [&](std::int32_t c) { return keep[std::size_t(c)] != 0; });
        m_order.shown[node] = std::int32_t(split - begin);
    }
}

void CallTreeModel::updateRows()
{
    const std::size_t n = m_tree ? m_tree->size() : 0;
    m_order.row.assign(n, -1);
    for (std::size_t node = 0; node < n; ++node) {
        for (int row = 0; row < m_order.shown[node]; ++row)
            m_order.row[std::size_t(m_order.child(std::int32_t(node), row))] = row;
    }
}

void CallTreeModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= NumColumns)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    if (!m_tree)
        return;
    // From the tree's own order each time, so ties keep it whatever was sorted before.
    relayout([this] {
        rebuildOrder();
        sortChildren();
        applyFilter();
    });
}

void CallTreeModel::setSearch(const QString& text, bool filter)
{
    if (text == m_search && filter == m_filter)
        return;
    m_search = text;
    m_filter = filter;
    if (!m_tree)
        return;
    // A layout change, not a reset: the view keeps what was expanded where it is still shown.
    relayout([this] {
        m_matchFunction = m_tree->matchingFunctions(m_search);
        applyFilter();
    });
}

void CallTreeModel::relayout(const std::function<void()>& change)
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<std::pair<std::int32_t, int>> nodes;
    nodes.reserve(std::size_t(before.size()));
    for (const QModelIndex& index : before)
        nodes.emplace_back(nodeOf(index), index.column());
    change();
    updateRows();
    QModelIndexList after;
    after.reserve(before.size());
    for (const auto& [node, column] : nodes)
        after.append(indexOfNode(node, column));
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

QModelIndex CallTreeModel::indexOfNode(std::int32_t node, int column) const
{
    if (!m_tree || node <= 0 || std::size_t(node) >= m_tree->size() || m_order.row[std::size_t(node)] < 0)
        return {};
    // Hidden ancestors hide the node too.
    for (std::int32_t up = m_tree->node(node).parent; up > 0; up = m_tree->node(up).parent) {
        if (m_order.row[std::size_t(up)] < 0)
            return {};
    }
    return createIndex(m_order.row[std::size_t(node)], column, quintptr(node));
}

std::int32_t CallTreeModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? std::int32_t(index.internalId()) : 0;
}

std::shared_ptr<const CallTreeOrder> CallTreeModel::orderSnapshot() const
{
    return std::make_shared<const CallTreeOrder>(m_order);
}

QModelIndex CallTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!m_tree || !m_tree->size() || row < 0 || column < 0 || column >= NumColumns || parent.column() > 0)
        return {};
    const std::int32_t node = nodeOf(parent);
    if (row >= m_order.shown[std::size_t(node)])
        return {};
    return createIndex(row, column, quintptr(m_order.child(node, row)));
}

QModelIndex CallTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const std::int32_t parent = m_tree->node(nodeOf(child)).parent;
    return parent > 0 ? createIndex(m_order.row[std::size_t(parent)], 0, quintptr(parent)) : QModelIndex();
}

int CallTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!m_tree || !m_tree->size() || parent.column() > 0)
        return 0;
    return m_order.shown[std::size_t(nodeOf(parent))];
}

int CallTreeModel::columnCount(const QModelIndex&) const { return NumColumns; }

QString CallTreeModel::columnTitle(int column)
{
    switch (column) {
    case FunctionColumn:
        return tr("Function");
    case CallsColumn:
        return tr("Calls");
    case TotalColumn:
        return tr("Total");
    case SelfColumn:
        return tr("Self");
    case AverageColumn:
        return tr("Average");
    case MaxColumn:
        return tr("Max");
    default:
        return {};
    }
}

QVariant CallTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= NumColumns)
        return {};
    if (role == Qt::DisplayRole)
        return columnTitle(section);
    if (role == Qt::ToolTipRole && section == SelfColumn)
        return tr("Time in the function itself, without the functions it called");
    if (role == Qt::ToolTipRole && section == AverageColumn)
        return tr("Total over the calls whose exit was recorded");
    return {};
}

QVariant CallTreeModel::sortValue(std::int32_t node, int column) const
{
    if (column == FunctionColumn)
        return m_tree->name(node);
    return qint64(numericValue(m_tree->node(node), column));
}

QVariant CallTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const std::int32_t node = nodeOf(index);
    const Engine::CallTreeNode& n = m_tree->node(node);
    const int column = index.column();
    const bool match = n.function >= 0 && std::size_t(n.function) < m_matchFunction.size()
        && m_matchFunction[std::size_t(n.function)];
    switch (role) {
    case Qt::DisplayRole:
        if (column == FunctionColumn)
            return m_tree->name(node);
        if (column == CallsColumn)
            return CallText::count(n.calls);
        return CallText::duration(numericValue(n, column));
    case Qt::ToolTipRole:
        if (column == CallsColumn && n.unfinished > 0)
            return tr("%1 calls, %2 of them without a recorded exit (not in the times)").arg(n.calls).arg(n.unfinished);
        return tr("%1\n%2 of all calls' time")
            .arg(m_tree->path(node).join(QStringLiteral(" › ")), CallText::share(n.total, m_tree->rootTotal()));
    case Qt::TextAlignmentRole:
        return column == FunctionColumn ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::FontRole:
        if (match) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::BackgroundRole:
        return match ? QVariant(QBrush(QColor(255, 214, 102))) : QVariant();
    case Qt::ForegroundRole:
        return match ? QVariant(QBrush(Qt::black)) : QVariant();
    case NodeRole:
        return node;
    case SortRole:
        return sortValue(node, column);
    case MatchRole:
        return match;
    default:
        return {};
    }
}

QModelIndex CallTreeModel::nextMatch(const QModelIndex& from, bool forward) const
{
    if (!m_tree || m_matchCount == 0)
        return {};
    const std::int32_t start = nodeOf(from);
    std::int32_t node = start;
    for (std::size_t step = 0; step <= m_tree->size(); ++step) {
        node = nextInPreorder(node, forward);
        const std::int32_t f = m_tree->node(node).function;
        if (node != 0 && f >= 0 && m_matchFunction[std::size_t(f)])
            return indexOfNode(node);
        if (node == start)
            break;
    }
    return {};
}

// Display order over the shown nodes, the root standing between the last and the first.
std::int32_t CallTreeModel::nextInPreorder(std::int32_t node, bool forward) const
{
    if (forward) {
        if (m_order.shown[std::size_t(node)] > 0)
            return m_order.child(node, 0);
        while (node != 0) {
            const std::int32_t parent = m_tree->node(node).parent;
            const int row = m_order.row[std::size_t(node)];
            if (row + 1 < m_order.shown[std::size_t(parent)])
                return m_order.child(parent, row + 1);
            node = parent;
        }
        return 0;
    }
    if (node == 0)
        return lastDescendant(0);
    const std::int32_t parent = m_tree->node(node).parent;
    const int row = m_order.row[std::size_t(node)];
    return row == 0 ? parent : lastDescendant(m_order.child(parent, row - 1));
}

std::int32_t CallTreeModel::lastDescendant(std::int32_t node) const
{
    while (m_order.shown[std::size_t(node)] > 0)
        node = m_order.child(node, m_order.shown[std::size_t(node)] - 1);
    return node;
}

} // namespace Gui
