// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calltree.h"
#include "result.h"

#include <QAbstractTableModel>

#include <functional>
#include <memory>
#include <vector>

namespace Gui {

// Per-function figures of one scope, computed by a worker; shared read-only with export.
struct FunctionStatsData {
    std::shared_ptr<const Storage::LoadedCalls> calls;
    std::vector<Engine::FunctionStatistics> functions;

    QString name(std::size_t row) const;
};

// The function statistics table: one row per function with Calls, Total, Self, Average, Min,
// Max and Unfinished; sorted and filtered by name through a permutation of the rows (no proxy).
// Holds no widgets. GUI thread only.
class FunctionStatsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        FunctionColumn,
        CallsColumn,
        TotalColumn,
        SelfColumn,
        AverageColumn,
        MinColumn,
        MaxColumn,
        UnfinishedColumn,
        NumColumns
    };
    enum Role {
        FunctionRole = Qt::UserRole + 1, // index into LoadedCalls::functionNames (int)
        SortRole, // the raw value
    };

    explicit FunctionStatsModel(QObject* parent = nullptr);

    void setStatistics(std::shared_ptr<const FunctionStatsData> data);
    std::shared_ptr<const FunctionStatsData> statistics() const { return m_data; }
    // Shows only functions whose name contains text (case-insensitive).
    void setFilterText(const QString& text);
    QString filterText() const { return m_filter; }
    // Rows of FunctionStatsData::functions in display order: what is shown.
    const std::vector<std::uint32_t>& shownRows() const { return m_rows; }
    QModelIndex indexOfFunction(std::int32_t function) const;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    void relayout();
    void computeRows();

    std::shared_ptr<const FunctionStatsData> m_data;
    std::vector<std::uint32_t> m_rows;
    QString m_filter;
    int m_sortColumn = TotalColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
};

// Writes rows of data (display order) as RFC 4180 CSV with the columns
// function,calls,total_ns,self_ns,average_ns,min_ns,max_ns,unfinished. Any thread.
Storage::Result<qint64> writeFunctionStatsCsv(
    const FunctionStatsData& data, const std::vector<std::uint32_t>& rows, const QString& path);

} // namespace Gui
