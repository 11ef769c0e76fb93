// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordingeventstream.h"

#include <QCoreApplication>

#include <sqlite3.h>

namespace Engine {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Engine)
};

// "SELECT f.event_id, f.a, (SELECT str FROM string WHERE id = f.b), ... ORDER BY f.event_id"
std::string fieldQuery(const Storage::EventTypeInfo& type)
{
    std::string columns = "f.event_id";
    for (const Storage::FieldInfo& field : type.fields) {
        const std::string column = "f." + Storage::quoteIdentifier(field.name.toStdString());
        columns += field.storage == Storage::Schema::FieldStorage::Text ? ", (SELECT str FROM string WHERE id = " + column + ')' : ", " + column;
    }
    return "SELECT " + columns + " FROM " + Storage::quoteIdentifier(type.fieldTable.toStdString()) + " f ORDER BY f.event_id";
}
} // namespace

Storage::Result<std::unique_ptr<RecordingEventStream>> RecordingEventStream::open(Storage::RecordingReader& reader)
{
    std::unique_ptr<RecordingEventStream> stream(new RecordingEventStream);
    stream->m_reader = &reader;
    auto events = reader.database().prepare("SELECT id, ts, cpu, pid, type_id, flags, preempt_count FROM event ORDER BY id");
    if (!events)
        return events.error();
    stream->m_events = std::move(events.value());
    for (const Storage::EventTypeInfo& type : reader.eventTypes()) {
        auto rows = reader.database().prepare(fieldQuery(type));
        if (!rows)
            return rows.error();
        stream->m_types[type.id].rows = std::move(rows.value());
    }
    return stream;
}

bool RecordingEventStream::next(Event& event)
{
    const int rc = m_events.step();
    if (rc != SQLITE_ROW) {
        if (rc != SQLITE_DONE)
            m_error = m_reader->database().error(Tr::tr("cannot read the events"));
        return false;
    }
    event.id = m_events.columnInt(0);
    event.ts = m_events.columnInt(1);
    event.cpu = int(m_events.columnInt(2));
    event.pid = int(m_events.columnInt(3));
    event.typeId = int(m_events.columnInt(4));
    event.flags = int(m_events.columnInt(5));
    event.preemptCount = int(m_events.columnInt(6));
    m_current = nullptr;
    const auto it = m_types.find(event.typeId);
    if (it == m_types.end())
        return true;
    TypeCursor& cursor = it->second;
    // The field table's rows are its events' ids in order: step until this event's (or past it).
    while (!cursor.done && (!cursor.atRow || cursor.rows.columnInt(0) < event.id)) {
        const int step = cursor.rows.step();
        cursor.atRow = step == SQLITE_ROW;
        cursor.done = !cursor.atRow;
        if (step != SQLITE_ROW && step != SQLITE_DONE) {
            m_error = m_reader->database().error(Tr::tr("cannot read the fields of event %1").arg(event.id));
            return false;
        }
    }
    if (cursor.atRow && cursor.rows.columnInt(0) == event.id)
        m_current = &cursor.rows;
    return true;
}

} // namespace Engine
