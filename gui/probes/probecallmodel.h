// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probecalltable.h"

#include "result.h"

#include <QAbstractTableModel>

#include <functional>

#include <memory>
#include <vector>

namespace Gui {

// What the argument table shows: calls (row numbers of a table) or groups. Immutable once made,
// so a worker can export it while the GUI thread shows it.
struct ProbeView {
    std::shared_ptr<const Engine::ProbeCallTable> table;
    std::vector<std::uint32_t> rows;
    std::vector<Engine::ProbeCallTable::Group> groups;
    Engine::ProbeCallTable::GroupBy groupBy = Engine::ProbeCallTable::GroupBy::Path;
    bool grouped = false;
    qint64 recordingStart = 0;
    std::vector<int> decoded; // argument indexes with a decoder (flags, mode, dfd); see decodeArguments
    // The column the rows (or groups) are ordered by; -1: time order (groups: most calls first).
    int sortColumn = -1;
    bool sortDescending = false;

    // Fills `decoded` from the table, once, before the view is shared.
    void decodeArguments();
    // Orders rows or groups by sortColumn, in the table (Engine::ProbeCallTable::sort, a worker's
    // job for millions of rows), so that an export writes them in the order shown.
    void applySort();
    Engine::ProbeCallTable::Sort callSort() const;

    int rowCount() const { return grouped ? int(groups.size()) : int(rows.size()); }
    int columnCount() const;
    QString header(int column) const;
    QString cellText(int row, int column) const;
};

// The argument table of one probe: either its calls (time, CPU, task, every argument, ret,
// ret text, latency, decoded flags/mode/dfd, status) or, grouped, one row per path, task or
// return value with counts and latency statistics. Shows a selection the panel computed in a
// worker; holds no widgets. GUI thread only.
class ProbeCallModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { EventIdRole = Qt::UserRole + 1, TimestampRole };

    explicit ProbeCallModel(QObject* parent = nullptr);

    void setView(std::shared_ptr<const ProbeView> view);
    std::shared_ptr<const ProbeView> view() const { return m_view; }
    bool isGrouped() const { return m_view && m_view->grouped; }

    // A header click: the panel sorts in a worker and sets the sorted view (sortRequested).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // column -1: back to time order (the header's third click).
    void sortRequested(int column, Qt::SortOrder order);

private:
    std::shared_ptr<const ProbeView> m_view;
};

// Writes what a ProbeView shows as RFC 4180 CSV, with its headers. Any thread.
Storage::Result<qint64> writeProbeViewCsv(const ProbeView& view, const QString& path, const std::function<bool(qint64)>& progress = {});

} // namespace Gui
