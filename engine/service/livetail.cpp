// SPDX-License-Identifier: GPL-3.0-or-later
#include "livetail.h"

#include <QFile>
#include <QSet>
#include <QtEndian>

#include <sqlite3.h>

namespace Service {

namespace {
template <typename T>
void appendLittleEndian(QByteArray& column, T value)
{
    const T le = qToLittleEndian(value);
    column.append(reinterpret_cast<const char*>(&le), sizeof le);
}

QString commOf(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/comm").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.read(64)).trimmed();
}
} // namespace

LiveTail::LiveTail(QString path)
    : m_path(std::move(path))
{
}

void LiveTail::close()
{
    m_maxId = {};
    m_range = {};
    m_sampled = {};
    m_typeList = {};
    m_db.reset();
}

Storage::Status LiveTail::openIfNeeded()
{
    if (m_db)
        return {};
    auto db = Storage::Database::open(m_path, Storage::Database::Mode::ReadOnly);
    if (!db)
        return db.error();
    // Never wait for the recorder: a busy moment costs one poll, not the service's thread.
    sqlite3_busy_timeout(db->handle(), 0);
    auto prepare = [&db](Storage::Statement& target, std::string_view sql) -> Storage::Status {
        auto statement = db->prepare(sql);
        if (!statement)
            return statement.error();
        target = std::move(statement.value());
        return {};
    };
    // Sampled: a recursive CTE makes the ids (first, first+stride, ...) and each is one B-tree lookup.
    const std::pair<Storage::Statement*, std::string_view> statements[] = {
        { &m_maxId, "SELECT coalesce(max(id), 0) FROM event" },
        { &m_range, "SELECT id, ts, cpu, pid, type_id FROM event WHERE id > ?1 AND id <= ?2 ORDER BY id" },
        { &m_sampled, "WITH RECURSIVE s(i) AS (SELECT ?1 UNION ALL SELECT i + ?3 FROM s WHERE i + ?3 <= ?2) "
                      "SELECT e.id, e.ts, e.cpu, e.pid, e.type_id FROM s JOIN event e ON e.id = s.i" },
        { &m_typeList, "SELECT id, system || ':' || name FROM event_type ORDER BY id" },
    };
    for (const auto& [target, sql] : statements) {
        if (Storage::Status s = prepare(*target, sql); !s)
            return s;
    }
    m_db = std::move(db.value());
    return {};
}

Storage::Status LiveTail::readTypes(TailBatch& batch)
{
    if (!m_types.isEmpty())
        return {}; // every type is registered before tracing starts
    while (m_typeList.step() == SQLITE_ROW)
        m_types.append({ m_typeList.columnInt(0), m_typeList.columnString(1) });
    m_typeList.reset();
    batch.newTypes = m_types;
    return {};
}

void LiveTail::nameTasks(TailBatch& batch, const QList<qint64>& pids)
{
    int lookups = 0;
    for (qint64 pid : pids) {
        if (m_tasks.size() >= maxTasks || lookups >= maxTaskLookups)
            return;
        if (m_tasks.contains(pid))
            continue;
        ++lookups;
        const QString comm = pid == 0 ? QStringLiteral("<idle>") : commOf(pid);
        m_tasks.insert(pid, comm); // an empty name: the task is gone; not looked up again
        if (!comm.isEmpty())
            batch.newTasks.append({ pid, comm });
    }
}

Storage::Result<TailBatch> LiveTail::poll(int budget)
{
    if (Storage::Status s = openIfNeeded(); !s)
        return s.error();
    TailBatch batch;
    if (Storage::Status s = readTypes(batch); !s)
        return s.error();
    const int rc = m_maxId.step();
    const qint64 maxId = rc == SQLITE_ROW ? m_maxId.columnInt(0) : m_lastId;
    m_maxId.reset();
    const qint64 arrived = maxId - m_lastId;
    if (arrived <= 0 || budget <= 0)
        return batch;
    const qint64 stride = (arrived + budget - 1) / budget;
    Storage::Statement& query = stride == 1 ? m_range : m_sampled;
    query.bindInt(1, stride == 1 ? m_lastId : m_lastId + 1);
    query.bindInt(2, maxId);
    if (stride > 1)
        query.bindInt(3, stride);
    QList<qint64> pids;
    QSet<qint64> seen;
    int step;
    while ((step = query.step()) == SQLITE_ROW) {
        if (batch.count == 0)
            batch.first = query.columnInt(0);
        appendLittleEndian<qint64>(batch.ts, query.columnInt(1));
        appendLittleEndian<qint32>(batch.cpu, qint32(query.columnInt(2)));
        const qint64 pid = query.columnInt(3);
        appendLittleEndian<qint32>(batch.pid, qint32(pid));
        appendLittleEndian<qint32>(batch.type, qint32(query.columnInt(4)));
        ++batch.count;
        if (!m_tasks.contains(pid) && !seen.contains(pid)) {
            seen.insert(pid);
            pids.append(pid);
        }
    }
    query.reset();
    if (step != SQLITE_DONE) {
        TailBatch later; // busy for a moment: the next poll takes these events
        later.newTypes = batch.newTypes;
        return later;
    }
    batch.skipped = arrived - batch.count;
    m_lastId = maxId;
    nameTasks(batch, pids);
    return batch;
}

} // namespace Service
