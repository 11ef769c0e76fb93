// SPDX-License-Identifier: GPL-3.0-or-later
#include "probecallmodel.h"

#include "csvwriter.h"
#include "opendecoders.h"

#include <QCoreApplication>

namespace Gui {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ProbeCallModel)
};

// Fixed columns before the arguments, and after them.
enum { TimeColumn, CpuColumn, TaskColumn, FixedBefore };
enum { RetColumn, RetTextColumn, LatencyColumn, FixedAfter };

QString duration(qint64 ns)
{
    if (ns < 0)
        return {};
    if (ns < 10'000)
        return QStringLiteral("%1 ns").arg(ns);
    if (ns < 10'000'000)
        return QStringLiteral("%1 µs").arg(double(ns) / 1e3, 0, 'f', 1);
    return QStringLiteral("%1 ms").arg(double(ns) / 1e6, 0, 'f', 2);
}

// Argument indexes a decoder applies to (flags, mode, dfd at open-like places).
std::vector<int> decodedArguments(const Engine::ProbeCallTable& table)
{
    std::vector<int> decoded;
    const QStringList names = table.argumentNames();
    for (int i = 0; i < names.size(); ++i) {
        const Engine::ValueDecoder decoder = Engine::decoderForField(table.place(), names[i]);
        if (decoder != Engine::ValueDecoder::None && decoder != Engine::ValueDecoder::Return)
            decoded.push_back(i);
    }
    return decoded;
}

QString groupText(const Engine::ProbeCallTable::Group& group, int column)
{
    switch (column) {
    case 0:
        return group.key;
    case 1:
        return QString::number(group.calls);
    case 2:
        return duration(group.minNs);
    case 3:
        return duration(group.avgNs);
    case 4:
        return duration(group.maxNs);
    default:
        return duration(group.p99Ns);
    }
}

QString statusText(Engine::ProbeCall::Status status)
{
    switch (status) {
    case Engine::ProbeCall::Status::Paired:
        return Tr::tr("paired");
    case Engine::ProbeCall::Status::EntryOnly:
        return Tr::tr("no return recorded");
    case Engine::ProbeCall::Status::ReturnOnly:
        return Tr::tr("no entry recorded");
    }
    return {};
}

QString callText(const ProbeView& view, std::uint32_t row, int column)
{
    const Engine::ProbeCallTable& t = *view.table;
    const int args = int(t.argumentNames().size());
    if (column == TimeColumn)
        return QString::number(double(t.ts(row) - view.recordingStart) / 1e9, 'f', 9);
    if (column == CpuColumn)
        return QString::number(t.cpu(row));
    if (column == TaskColumn)
        return QStringLiteral("%1-%2").arg(t.comm(row).isEmpty() ? QStringLiteral("<...>") : t.comm(row)).arg(t.pid(row));
    if (column < FixedBefore + args)
        return t.argument(row, column - FixedBefore);
    const int after = column - FixedBefore - args;
    const qint64 ret = t.ret(row);
    const bool retKnown = ret != Engine::ProbeCallTable::unknown;
    if (after == RetColumn || (after == RetTextColumn && t.returnIsText()))
        return t.returnValue(row);
    if (after == RetTextColumn)
        return retKnown ? (t.isKernelSide() ? Engine::returnText(ret) : QString::number(ret)) : QString();
    if (after == LatencyColumn)
        return t.latencyNs(row) == Engine::ProbeCallTable::unknown ? QString() : duration(t.latencyNs(row));
    const int index = after - FixedAfter;
    if (index < int(view.decoded.size())) {
        const int arg = view.decoded[std::size_t(index)];
        const QString raw = t.argument(row, arg);
        const auto decoder = Engine::decoderForField(t.place(), t.argumentNames().at(arg));
        return raw.isEmpty() ? QString() : Engine::decode(decoder, raw.toLongLong());
    }
    return statusText(t.status(row));
}
} // namespace

int ProbeView::columnCount() const
{
    if (grouped)
        return 6;
    if (!table)
        return 0;
    return FixedBefore + int(table->argumentNames().size()) + FixedAfter + int(decoded.size()) + 1;
}

void ProbeView::decodeArguments()
{
    decoded = table ? decodedArguments(*table) : std::vector<int>();
}

Engine::ProbeCallTable::Sort ProbeView::callSort() const
{
    using Column = Engine::ProbeCallTable::SortColumn;
    const int args = table ? int(table->argumentNames().size()) : 0;
    const int after = sortColumn - FixedBefore - args;
    const int decodedIndex = after - FixedAfter;
    Engine::ProbeCallTable::Sort sort;
    sort.descending = sortDescending;
    if (sortColumn < 0 || !table)
        sort.column = Column::Row;
    else if (sortColumn == TimeColumn)
        sort.column = Column::Time;
    else if (sortColumn == CpuColumn)
        sort.column = Column::Cpu;
    else if (sortColumn == TaskColumn)
        sort.column = Column::Task;
    else if (sortColumn < FixedBefore + args)
        sort = { Column::Argument, sortColumn - FixedBefore, sortDescending };
    else if (after == RetColumn || after == RetTextColumn) // the decoded ret starts with its number
        sort.column = Column::Ret;
    else if (after == LatencyColumn)
        sort.column = Column::Latency;
    else if (decodedIndex < int(decoded.size()))
        sort = { Column::DecodedArgument, decoded[std::size_t(decodedIndex)], sortDescending };
    else
        sort.column = Column::Status;
    return sort;
}

void ProbeView::applySort()
{
    if (grouped) {
        // The group columns in order: key, calls, min, avg, max, p99.
        const auto column = sortColumn < 0 || sortColumn >= 6 ? Engine::ProbeCallTable::GroupColumn::Default
                                            : Engine::ProbeCallTable::GroupColumn(int(Engine::ProbeCallTable::GroupColumn::Key) + sortColumn);
        Engine::ProbeCallTable::sortGroups(groups, groupBy, column, sortDescending);
    } else if (table) {
        table->sort(rows, callSort());
    }
}

QString ProbeView::header(int section) const
{
    if (grouped) {
        const QString key = groupBy == Engine::ProbeCallTable::GroupBy::Path ? Tr::tr("Path")
            : groupBy == Engine::ProbeCallTable::GroupBy::Task              ? Tr::tr("Task")
                                                                             : Tr::tr("Return");
        const QString names[] = { key, Tr::tr("Calls"), Tr::tr("Min"), Tr::tr("Avg"), Tr::tr("Max"), Tr::tr("p99") };
        return section >= 0 && section < 6 ? names[section] : QString();
    }
    const int args = int(table->argumentNames().size());
    if (section == TimeColumn)
        return Tr::tr("Time (s)");
    if (section == CpuColumn)
        return Tr::tr("CPU");
    if (section == TaskColumn)
        return Tr::tr("Task");
    if (section < FixedBefore + args)
        return table->argumentNames().at(section - FixedBefore);
    const int after = section - FixedBefore - args;
    if (after == RetColumn)
        return Tr::tr("ret");
    if (after == RetTextColumn)
        return Tr::tr("ret (decoded)");
    if (after == LatencyColumn)
        return Tr::tr("Latency");
    const int index = after - FixedAfter;
    if (index < int(decoded.size()))
        return Tr::tr("%1 (decoded)").arg(table->argumentNames().at(decoded[std::size_t(index)]));
    return Tr::tr("Status");
}

QString ProbeView::cellText(int row, int column) const
{
    return grouped ? groupText(groups[std::size_t(row)], column) : callText(*this, rows[std::size_t(row)], column);
}

ProbeCallModel::ProbeCallModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ProbeCallModel::setView(std::shared_ptr<const ProbeView> view)
{
    beginResetModel();
    m_view = std::move(view);
    endResetModel();
}

void ProbeCallModel::sort(int column, Qt::SortOrder order) { Q_EMIT sortRequested(column, order); }

int ProbeCallModel::rowCount(const QModelIndex& parent) const { return parent.isValid() || !m_view ? 0 : m_view->rowCount(); }

int ProbeCallModel::columnCount(const QModelIndex& parent) const { return parent.isValid() || !m_view ? 0 : m_view->columnCount(); }

QVariant ProbeCallModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || !m_view)
        return {};
    return m_view->header(section);
}

QVariant ProbeCallModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (role == Qt::DisplayRole)
        return m_view->cellText(index.row(), index.column());
    if (m_view->grouped)
        return {};
    const std::uint32_t row = m_view->rows[std::size_t(index.row())];
    if (role == EventIdRole)
        return qint64(m_view->table->entryId(row));
    if (role == TimestampRole)
        return qint64(m_view->table->ts(row));
    if (role == Qt::TextAlignmentRole && index.column() != TaskColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

Storage::Result<qint64> writeProbeViewCsv(const ProbeView& view, const QString& path, const std::function<bool(qint64)>& progress)
{
    Storage::CsvWriter csv;
    if (Storage::Status s = csv.open(path); !s)
        return s.error();
    const int columns = view.columnCount();
    for (int column = 0; column < columns; ++column)
        csv.field(std::string_view(view.header(column).toStdString()));
    if (Storage::Status s = csv.endRow(); !s)
        return s.error();
    const int rows = view.rowCount();
    for (int row = 0; row < rows; ++row) {
        for (int column = 0; column < columns; ++column)
            csv.field(std::string_view(view.cellText(row, column).toStdString()));
        if (Storage::Status s = csv.endRow(); !s)
            return s.error();
        if ((row & 4095) == 4095 && progress && !progress(row))
            return Storage::Error { Tr::tr("export cancelled") };
    }
    if (Storage::Status s = csv.close(); !s)
        return s.error();
    return qint64(rows);
}

} // namespace Gui
