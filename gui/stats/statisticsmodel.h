// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "statisticsquery.h"

#include <QAbstractTableModel>

#include <vector>

namespace Gui {

// The counts of one Storage::Statistics as a table, grouped by event type, task or CPU, largest
// count first: name, count, share of the matching events. Holds the whole result, so switching
// the grouping needs no new query. GUI thread only.
class StatisticsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Grouping { EventType, Task, Cpu };
    enum Column { NameColumn, CountColumn, ShareColumn, NumColumns };
    enum Role {
        CountRole = Qt::UserRole + 1, // qint64
        KeyRole, // type id, pid or CPU number
    };

    explicit StatisticsModel(QObject* parent = nullptr);

    void setStatistics(const Storage::Statistics& statistics);
    void clear();
    const Storage::Statistics& statistics() const { return m_statistics; }
    void setGrouping(Grouping grouping);
    Grouping grouping() const { return m_grouping; }

    QString label(int row) const { return m_rows[static_cast<std::size_t>(row)].label; }
    qint64 count(int row) const { return m_rows[static_cast<std::size_t>(row)].count; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString taskLabel(int pid, const QString& comm);

private:
    struct Row {
        QString label;
        qint64 key = 0;
        qint64 count = 0;
    };
    void rebuildRows();
    QString shareText(qint64 count) const;

    Storage::Statistics m_statistics;
    Grouping m_grouping = Grouping::EventType;
    std::vector<Row> m_rows;
};

} // namespace Gui
