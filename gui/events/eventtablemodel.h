// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "eventfilter.h"
#include "eventrowmap.h"
#include "eventrowsource.h"
#include "openedrecording.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <vector>

namespace Gui {

// The events of a recording that match a filter, as a virtual table (time, CPU, task, event,
// fields) over SQL windows: the row count comes from an asynchronous count (for no filter just
// the id range), rows load in chunks in a worker around the rows the view asks for, showing
// "loading…" until they arrive, and a generation id drops chunks of an older filter. A filter
// materialises its matching ids as an EventIdSet (one bit per event) in the worker.
// GUI thread only; its reads run on a private single-thread pool with their own connection.
class EventTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, CpuColumn, TaskColumn, EventColumn, FieldsColumn, NumColumns };
    enum Role { EventIdRole = Qt::UserRole + 1, TimestampRole, LoadedRole };
    static constexpr int chunkRows = 256;

    explicit EventTableModel(QObject* parent = nullptr);
    ~EventTableModel() override;

    void setRecording(RecordingPtr recording);
    // Applies a filter (the expression must parse; an invalid one gives an empty table and
    // queryFailed). Equal filters are ignored.
    void setFilter(const Storage::EventFilter& filter);
    const Storage::EventFilter& filter() const { return m_filter; }
    // False while the count of the current filter is still running.
    bool isReady() const { return m_ready; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Known without loading the row (from the row map); -1 when out of range or not counted.
    qint64 eventIdAt(int row) const;
    // The row showing event id, or the row of the next matching event; -1 when none.
    int rowForEvent(qint64 eventId) const;
    // Starts a search from row; the answer comes as textFound (-1: none).
    void findText(const QString& text, int fromRow, bool backwards);
    // Starts loading the chunk holding row unless it is loaded (dataChanged when done).
    void fetchRow(int row) const;

Q_SIGNALS:
    void countFinished(qint64 rows);
    void queryFailed(const QString& message);
    void textFound(int row);

private:
    struct Chunk {
        std::vector<EventRowText> rows;
        quint64 lastUse = 0;
    };

    void restart();
    void startCount();
    void requestChunk(int chunk) const;
    void chunkLoaded(int chunk, quint64 generation, const Storage::Result<std::vector<EventRowText>>& rows);
    void evictChunks() const;
    const EventRowText* loadedRow(int row) const;
    QString displayText(const EventRowText& row, int column) const;

    RecordingPtr m_recording;
    Storage::EventFilter m_filter;
    std::shared_ptr<EventRowSource> m_source;
    EventRowMap m_map;
    int m_rowCount = 0;
    bool m_ready = false;
    // Shared with workers: a task of an older generation stops early.
    std::shared_ptr<std::atomic<quint64>> m_generation;
    // The chunk the view asked for last: tasks for chunks far from it are dropped.
    std::shared_ptr<std::atomic<int>> m_focusChunk;
    mutable QHash<int, Chunk> m_chunks;
    mutable QSet<int> m_pending;
    mutable quint64 m_useClock = 0;
    mutable QThreadPool m_pool;
};

} // namespace Gui
