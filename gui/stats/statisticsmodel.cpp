// SPDX-License-Identifier: GPL-3.0-or-later
#include "statisticsmodel.h"

#include <QLocale>

namespace Gui {

StatisticsModel::StatisticsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void StatisticsModel::setStatistics(const Storage::Statistics& statistics)
{
    beginResetModel();
    m_statistics = statistics;
    rebuildRows();
    endResetModel();
}

void StatisticsModel::clear() { setStatistics({}); }

void StatisticsModel::setGrouping(Grouping grouping)
{
    if (grouping == m_grouping)
        return;
    beginResetModel();
    m_grouping = grouping;
    rebuildRows();
    endResetModel();
}

QString StatisticsModel::taskLabel(int pid, const QString& comm)
{
    if (!comm.isEmpty())
        return tr("%1 (%2)").arg(comm).arg(pid);
    // pid 0 is each CPU's idle task (swapper/N); the task table does not name it.
    return pid == 0 ? tr("<idle> (0)") : tr("<unknown> (%1)").arg(pid);
}

void StatisticsModel::rebuildRows()
{
    // The query already sorted each grouping by count, largest first.
    m_rows.clear();
    switch (m_grouping) {
    case Grouping::EventType:
        for (const Storage::TypeCount& row : m_statistics.byType)
            m_rows.push_back({ row.name, row.typeId, row.count });
        break;
    case Grouping::Task:
        for (const Storage::TaskCount& row : m_statistics.byTask)
            m_rows.push_back({ taskLabel(row.pid, row.comm), row.pid, row.count });
        break;
    case Grouping::Cpu:
        for (const Storage::CpuCount& row : m_statistics.byCpu)
            m_rows.push_back({ tr("CPU %1").arg(row.cpu), row.cpu, row.count });
        break;
    }
}

int StatisticsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int StatisticsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : NumColumns; }

QString StatisticsModel::shareText(qint64 count) const
{
    const double share = m_statistics.total > 0 ? 100.0 * double(count) / double(m_statistics.total) : 0.0;
    return QLocale().toString(share, 'f', 1) + QLatin1Char('%');
}

QVariant StatisticsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == NameColumn)
            return row.label;
        return index.column() == CountColumn ? QLocale().toString(row.count) : shareText(row.count);
    case Qt::TextAlignmentRole:
        return index.column() == NameColumn ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case CountRole:
        return row.count;
    case KeyRole:
        return row.key;
    default:
        return {};
    }
}

QVariant StatisticsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= NumColumns)
        return {};
    if (section == NameColumn) {
        switch (m_grouping) {
        case Grouping::EventType:
            return tr("Event type");
        case Grouping::Task:
            return tr("Task");
        case Grouping::Cpu:
            return tr("CPU");
        }
    }
    return section == CountColumn ? tr("Events") : tr("Share");
}

} // namespace Gui
