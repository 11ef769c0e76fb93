// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventrowsource.h"

#include <QCoreApplication>

namespace Gui {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Gui)
};

constexpr qint64 searchChunk = 1024;
} // namespace

EventRowSource::EventRowSource(RecordingPtr recording)
    : m_recording(std::move(recording))
{
    for (const Storage::EventTypeInfo& type : m_recording->eventTypes)
        m_typeNames.insert(type.id, type.qualifiedName());
}

Storage::Status EventRowSource::open()
{
    if (m_db)
        return {};
    auto db = Storage::Database::open(m_recording->path, Storage::Database::Mode::ReadOnly);
    if (!db)
        return db.error();
    auto db2 = std::make_unique<Storage::Database>(std::move(db.value()));
    auto rows = Storage::EventRowReader::create(*db2);
    if (!rows)
        return rows.error();
    m_rows = std::make_unique<Storage::EventRowReader>(std::move(rows.value()));
    m_fields = std::make_unique<Storage::EventFieldText>(*db2, m_recording->eventTypes);
    m_db = std::move(db2);
    return {};
}

Storage::Result<EventRowMap> EventRowSource::rowMap(const Storage::EventFilter& filter, const Cancelled& cancelled)
{
    if (Storage::Status s = open(); !s)
        return s.error();
    auto query = Storage::EventQuery::create(m_recording->eventTypes, filter);
    if (!query)
        return query.error();
    EventRowMap map;
    auto range = query->idRange(*m_db);
    if (!range)
        return range.error();
    map.range = *range;
    if (query->selectsIdRange())
        return map;
    auto ids = query->matchingIds(*m_db, map.range, cancelled);
    if (!ids)
        return ids.error();
    map.ids = std::make_shared<const Storage::EventIdSet>(std::move(ids.value()));
    return map;
}

QString EventRowSource::formatTime(qint64 ns)
{
    const QLatin1Char zero('0');
    const QString sign = ns < 0 ? QStringLiteral("-") : QString();
    const qint64 magnitude = ns < 0 ? -ns : ns;
    return sign + QString::number(magnitude / 1000000000) + QLatin1Char('.')
        + QStringLiteral("%1").arg(magnitude % 1000000000, 9, 10, zero);
}

Storage::Result<std::vector<EventRowText>> EventRowSource::rows(const EventRowMap& map, qint64 firstRow, qint64 count)
{
    if (Storage::Status s = open(); !s)
        return s.error();
    std::vector<EventRowText> out;
    const qint64 end = qMin(firstRow + count, map.rowCount());
    out.reserve(static_cast<std::size_t>(qMax<qint64>(0, end - firstRow)));
    Storage::EventRow row;
    for (qint64 r = firstRow; r < end; ++r) {
        const qint64 id = map.idAt(r);
        auto found = m_rows->read(id, row);
        if (!found)
            return found.error();
        auto fields = m_fields->text(row.typeId, id);
        if (!fields)
            return fields.error();
        const QString comm = QString::fromStdString(row.comm);
        out.push_back({ id, row.ts, formatTime(row.ts - m_recording->summary.firstTs), row.cpu,
            comm.isEmpty() ? QString::number(row.pid) : comm + QLatin1Char('-') + QString::number(row.pid),
            m_typeNames.value(row.typeId), *fields });
    }
    return out;
}

Storage::Result<qint64> EventRowSource::find(const EventRowMap& map, const QString& text, qint64 fromRow,
    bool backwards, const Cancelled& cancelled)
{
    // Chunks walk away from fromRow; each chunk is read forwards (a scan), searched in order.
    qint64 next = backwards ? fromRow : fromRow + 1;
    while (backwards ? next > 0 : next < map.rowCount()) {
        if (cancelled && cancelled())
            return Storage::Error { Tr::tr("cancelled") };
        const qint64 first = backwards ? qMax<qint64>(0, next - searchChunk) : next;
        const qint64 count = backwards ? next - first : searchChunk;
        auto chunk = rows(map, first, count);
        if (!chunk)
            return chunk.error();
        const auto matches = [&text](const EventRowText& row) {
            return row.task.contains(text, Qt::CaseInsensitive) || row.fields.contains(text, Qt::CaseInsensitive);
        };
        if (backwards) {
            for (auto it = chunk->rbegin(); it != chunk->rend(); ++it) {
                if (matches(*it))
                    return first + static_cast<qint64>(chunk->rend() - it) - 1;
            }
            next = first;
        } else {
            for (std::size_t i = 0; i < chunk->size(); ++i) {
                if (matches((*chunk)[i]))
                    return first + static_cast<qint64>(i);
            }
            next = first + count;
        }
    }
    return qint64(-1);
}

} // namespace Gui
