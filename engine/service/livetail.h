// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "sqlitedb.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

#include <cstdint>
#include <optional>

namespace Service {

// What the timeline needs of the events written since the last poll: time, CPU, task and type of
// each, as packed little-endian columns, and the names of types and tasks not given before.
struct TailBatch {
    qint64 first = 0; // id of the first event in the batch (0: none)
    int count = 0;
    QByteArray ts, cpu, pid, type; // int64, int32, int32, int32 each
    qint64 skipped = 0;            // events since the last poll left out (every n-th was taken)
    QList<QPair<qint64, QString>> newTypes; // id, "system:event"
    QList<QPair<qint64, QString>> newTasks; // pid, comm
};

// Follows a recording while the recorder writes it, through a read-only connection of its own
// (the recorder's WAL lets both work at once; no read transaction is left open between polls, so
// the recorder's final checkpoint is never held up for long). Each poll reads at most `budget`
// events, spread evenly over what arrived (a point lookup per event, never a scan of all of
// them), so its cost follows the budget, not the recording's rate. Task names come from /proc
// (at most maxTaskLookups per poll, at most maxTasks in all); type names from the file.
// Service thread.
class LiveTail {
public:
    static constexpr int maxTasks = 65536;
    static constexpr int maxTaskLookups = 2000;

    explicit LiveTail(QString path);

    Storage::Result<TailBatch> poll(int budget);
    void close();

    // Everything named so far, for a watcher that joins late.
    const QList<QPair<qint64, QString>>& types() const { return m_types; }
    const QHash<qint64, QString>& tasks() const { return m_tasks; }

private:
    Storage::Status openIfNeeded();
    Storage::Status readTypes(TailBatch& batch);
    void nameTasks(TailBatch& batch, const QList<qint64>& pids);

    QString m_path;
    std::optional<Storage::Database> m_db;
    Storage::Statement m_maxId, m_range, m_sampled, m_typeList;
    qint64 m_lastId = 0;
    QList<QPair<qint64, QString>> m_types;
    QHash<qint64, QString> m_tasks;
};

} // namespace Service
