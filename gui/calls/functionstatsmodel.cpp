// SPDX-License-Identifier: GPL-3.0-or-later
#include "functionstatsmodel.h"

#include "calltext.h"
#include "csvwriter.h"

#include <algorithm>

namespace Gui {

namespace {
    std::int64_t numericValue(const Engine::FunctionStatistics& f, int column)
    {
        switch (column) {
        case FunctionStatsModel::CallsColumn:
            return f.calls;
        case FunctionStatsModel::TotalColumn:
            return f.total;
        case FunctionStatsModel::SelfColumn:
            return f.self;
        case FunctionStatsModel::AverageColumn:
            return f.average;
        case FunctionStatsModel::MinColumn:
            return f.min;
        case FunctionStatsModel::MaxColumn:
            return f.max;
        case FunctionStatsModel::UnfinishedColumn:
            return f.unfinished;
        default:
            return 0;
        }
    }
} // namespace

QString FunctionStatsData::name(std::size_t row) const
{
    const std::int32_t function = functions[row].function;
    if (!calls || function < 0 || std::size_t(function) >= calls->functionNames.size())
        return {};
    return calls->functionNames[std::size_t(function)];
}

FunctionStatsModel::FunctionStatsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void FunctionStatsModel::setStatistics(std::shared_ptr<const FunctionStatsData> data)
{
    beginResetModel();
    m_data = std::move(data);
    computeRows();
    endResetModel();
}

void FunctionStatsModel::setFilterText(const QString& text)
{
    if (text == m_filter)
        return;
    m_filter = text;
    relayout();
}

void FunctionStatsModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= NumColumns)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    relayout();
}

// A layout change, so the view keeps its selection on the same function where it is still shown.
void FunctionStatsModel::relayout()
{
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<std::pair<std::int32_t, int>> functions;
    for (const QModelIndex& index : before)
        functions.emplace_back(index.data(FunctionRole).toInt(), index.column());
    computeRows();
    QModelIndexList after;
    for (const auto& [function, column] : functions) {
        const QModelIndex moved = indexOfFunction(function);
        after.append(moved.isValid() ? moved.siblingAtColumn(column) : QModelIndex());
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void FunctionStatsModel::computeRows()
{
    m_rows.clear();
    if (!m_data)
        return;
    for (std::size_t row = 0; row < m_data->functions.size(); ++row) {
        if (m_filter.isEmpty() || m_data->name(row).contains(m_filter, Qt::CaseInsensitive))
            m_rows.push_back(std::uint32_t(row));
    }
    // Equal values fall back to the name, so the order never depends on the engine's.
    const bool ascending = m_sortOrder == Qt::AscendingOrder;
    std::stable_sort(m_rows.begin(), m_rows.end(), [this, ascending](std::uint32_t a, std::uint32_t b) {
        const int byName = m_data->name(a).compare(m_data->name(b), Qt::CaseInsensitive);
        if (m_sortColumn == FunctionColumn)
            return ascending ? byName < 0 : byName > 0;
        const std::int64_t va = numericValue(m_data->functions[a], m_sortColumn);
        const std::int64_t vb = numericValue(m_data->functions[b], m_sortColumn);
        if (va != vb)
            return ascending ? va < vb : va > vb;
        return byName < 0;
    });
}

QModelIndex FunctionStatsModel::indexOfFunction(std::int32_t function) const
{
    for (std::size_t row = 0; row < m_rows.size(); ++row) {
        if (m_data->functions[m_rows[row]].function == function)
            return index(int(row), 0);
    }
    return {};
}

int FunctionStatsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int FunctionStatsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : NumColumns; }

QVariant FunctionStatsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
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
    case MinColumn:
        return tr("Min");
    case MaxColumn:
        return tr("Max");
    case UnfinishedColumn:
        return tr("Unfinished");
    default:
        return {};
    }
}

QVariant FunctionStatsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const std::uint32_t row = m_rows[std::size_t(index.row())];
    const Engine::FunctionStatistics& f = m_data->functions[row];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        if (column == FunctionColumn)
            return m_data->name(row);
        if (column == CallsColumn || column == UnfinishedColumn)
            return CallText::count(numericValue(f, column));
        return CallText::duration(numericValue(f, column));
    case Qt::TextAlignmentRole:
        return column == FunctionColumn ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ToolTipRole:
        if (column == TotalColumn)
            return tr("Recursive calls are counted once, by their outermost call");
        if (column == UnfinishedColumn)
            return tr("Calls whose exit was not recorded: not in the times");
        return {};
    case FunctionRole:
        return f.function;
    case SortRole:
        return column == FunctionColumn ? QVariant(m_data->name(row)) : QVariant(qint64(numericValue(f, column)));
    default:
        return {};
    }
}

Storage::Result<qint64> writeFunctionStatsCsv(
    const FunctionStatsData& data, const std::vector<std::uint32_t>& rows, const QString& path)
{
    Storage::CsvWriter csv;
    if (Storage::Status s = csv.open(path); !s)
        return s.error();
    for (const char* title :
        { "function", "calls", "total_ns", "self_ns", "average_ns", "min_ns", "max_ns", "unfinished" })
        csv.field(std::string_view(title));
    if (Storage::Status s = csv.endRow(); !s)
        return s.error();
    for (const std::uint32_t row : rows) {
        const Engine::FunctionStatistics& f = data.functions[row];
        csv.field(data.name(row).toStdString());
        for (const std::int64_t value : { f.calls, f.total, f.self, f.average, f.min, f.max, f.unfinished })
            csv.field(value);
        if (Storage::Status s = csv.endRow(); !s)
            return s.error();
    }
    if (Storage::Status s = csv.close(); !s)
        return s.error();
    return qint64(rows.size());
}

} // namespace Gui
