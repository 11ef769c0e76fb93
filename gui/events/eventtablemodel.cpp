// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventtablemodel.h"

#include "failure.h"

#include <QFutureWatcher>
#include <QtConcurrent>

#include <climits>

namespace Gui {

namespace {
constexpr int maxChunks = 64;       // 16k rows of text kept
constexpr int maxChunkDistance = 8; // chunk requests further than this from the view's are dropped

template <typename T, typename Done>
void watch(QObject* context, QFuture<T> future, Done done)
{
    auto* watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcher<T>::finished, context, [watcher, done] {
        done(watcher->future().result());
        watcher->deleteLater();
    });
    watcher->setFuture(future);
}
} // namespace

EventTableModel::EventTableModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_generation(std::make_shared<std::atomic<quint64>>(0))
    , m_focusChunk(std::make_shared<std::atomic<int>>(0))
{
    // One thread: the source's connection is used by one task at a time, in request order.
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
}

EventTableModel::~EventTableModel()
{
    ++*m_generation; // running tasks stop at their next check
    m_pool.clear();
    m_pool.waitForDone();
}

void EventTableModel::setRecording(RecordingPtr recording)
{
    m_recording = std::move(recording);
    m_source = m_recording ? std::make_shared<EventRowSource>(m_recording) : nullptr;
    m_filter = {};
    restart();
}

void EventTableModel::setFilter(const Storage::EventFilter& filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    restart();
}

void EventTableModel::restart()
{
    beginResetModel();
    ++*m_generation; // queued tasks of the old filter return at once
    m_chunks.clear();
    m_pending.clear();
    m_map = {};
    m_rowCount = 0;
    m_ready = false;
    endResetModel();
    startCount();
}

void EventTableModel::startCount()
{
    if (!m_source)
        return;
    const quint64 generation = *m_generation;
    auto cancelled = [counter = m_generation, generation] { return *counter != generation; };
    auto future = QtConcurrent::run(&m_pool,
        Storage::guarded(m_source->path(),
            [source = m_source, filter = m_filter, cancelled] { return source->rowMap(filter, cancelled); }));
    watch(this, future, [this, generation](const Storage::Result<EventRowMap>& map) {
        if (generation != *m_generation)
            return;
        m_ready = true;
        if (!map) {
            Q_EMIT queryFailed(map.error().message);
            Q_EMIT countFinished(0);
            return;
        }
        beginResetModel();
        m_map = map.value();
        m_rowCount = static_cast<int>(qMin<qint64>(m_map.rowCount(), INT_MAX));
        endResetModel();
        Q_EMIT countFinished(m_map.rowCount());
    });
}

int EventTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int EventTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NumColumns;
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time (s)");
    case CpuColumn:
        return tr("CPU");
    case TaskColumn:
        return tr("Task");
    case EventColumn:
        return tr("Event");
    case FieldsColumn:
        return tr("Fields");
    }
    return {};
}

const EventRowText* EventTableModel::loadedRow(int row) const
{
    const auto it = m_chunks.find(row / chunkRows);
    if (it == m_chunks.end())
        return nullptr;
    it->lastUse = ++m_useClock;
    const auto offset = static_cast<std::size_t>(row % chunkRows);
    return offset < it->rows.size() ? &it->rows[offset] : nullptr;
}

QString EventTableModel::displayText(const EventRowText& row, int column) const
{
    switch (column) {
    case TimeColumn:
        return row.time;
    case CpuColumn:
        return QString::number(row.cpu);
    case TaskColumn:
        return row.task;
    case EventColumn:
        return row.event;
    case FieldsColumn:
        return row.fields;
    }
    return {};
}

QVariant EventTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == EventIdRole)
        return eventIdAt(index.row());
    if (role == Qt::TextAlignmentRole && (index.column() == TimeColumn || index.column() == CpuColumn))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != TimestampRole && role != LoadedRole)
        return {};
    const EventRowText* row = loadedRow(index.row());
    if (role == LoadedRole)
        return row != nullptr;
    if (!row) {
        requestChunk(index.row() / chunkRows);
        return role == Qt::DisplayRole && index.column() == TimeColumn ? tr("loading…") : QVariant();
    }
    if (role == TimestampRole)
        return row->ts;
    return displayText(*row, index.column());
}

void EventTableModel::fetchRow(int row) const
{
    if (row >= 0 && row < m_rowCount && !loadedRow(row))
        requestChunk(row / chunkRows);
}

void EventTableModel::requestChunk(int chunk) const
{
    *m_focusChunk = chunk;
    if (m_pending.contains(chunk) || !m_source)
        return;
    m_pending.insert(chunk);
    const quint64 generation = *m_generation;
    auto future = QtConcurrent::run(&m_pool,
        Storage::guarded(m_source->path(),
            [source = m_source, map = m_map, chunk, counter = m_generation, focus = m_focusChunk, generation] {
                using Rows = Storage::Result<std::vector<EventRowText>>;
                // Scrolled past or refiltered while queued: nothing to read (an empty result).
                if (*counter != generation || qAbs(*focus - chunk) > maxChunkDistance)
                    return Rows(std::vector<EventRowText> {});
                return source->rows(map, qint64(chunk) * chunkRows, chunkRows);
            }));
    auto* self = const_cast<EventTableModel*>(this);
    watch(self, future, [self, chunk, generation](const Storage::Result<std::vector<EventRowText>>& rows) {
        self->chunkLoaded(chunk, generation, rows);
    });
}

void EventTableModel::chunkLoaded(int chunk, quint64 generation, const Storage::Result<std::vector<EventRowText>>& rows)
{
    if (generation != *m_generation)
        return;
    m_pending.remove(chunk);
    if (!rows) {
        Q_EMIT queryFailed(rows.error().message);
        return;
    }
    if (rows.value().empty())
        return; // dropped: the view asks again when it shows these rows
    m_chunks.insert(chunk, Chunk { rows.value(), ++m_useClock });
    evictChunks();
    const int first = chunk * chunkRows;
    const int last = qMin(m_rowCount - 1, first + static_cast<int>(rows.value().size()) - 1);
    Q_EMIT dataChanged(index(first, 0), index(last, NumColumns - 1));
}

void EventTableModel::evictChunks() const
{
    while (m_chunks.size() > maxChunks) {
        auto oldest = m_chunks.begin();
        for (auto it = m_chunks.begin(); it != m_chunks.end(); ++it) {
            if (it->lastUse < oldest->lastUse)
                oldest = it;
        }
        m_chunks.erase(oldest);
    }
}

qint64 EventTableModel::eventIdAt(int row) const
{
    return m_ready ? m_map.idAt(row) : -1;
}

int EventTableModel::rowForEvent(qint64 eventId) const
{
    if (!m_ready)
        return -1;
    const qint64 row = m_map.rowOf(eventId);
    return row < m_rowCount ? static_cast<int>(row) : -1;
}

void EventTableModel::findText(const QString& text, int fromRow, bool backwards)
{
    if (!m_source || !m_ready || text.isEmpty()) {
        Q_EMIT textFound(-1);
        return;
    }
    const quint64 generation = *m_generation;
    auto cancelled = [counter = m_generation, generation] { return *counter != generation; };
    auto future = QtConcurrent::run(&m_pool,
        Storage::guarded(m_source->path(), [source = m_source, map = m_map, text, fromRow, backwards, cancelled] {
            return source->find(map, text, fromRow, backwards, cancelled);
        }));
    watch(this, future, [this, generation](const Storage::Result<qint64>& row) {
        if (generation != *m_generation)
            return;
        if (!row)
            Q_EMIT queryFailed(row.error().message);
        Q_EMIT textFound(row ? static_cast<int>(row.value()) : -1);
    });
}

} // namespace Gui
