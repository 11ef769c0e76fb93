// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventrowreader.h"

namespace Storage {

Result<EventRowReader> EventRowReader::create(Database& db)
{
    auto statement = db.prepare("SELECT e.id, e.ts, e.cpu, e.pid, e.type_id, s.str FROM event e"
                                " LEFT JOIN task k ON k.pid = e.pid LEFT JOIN string s ON s.id = k.comm_id"
                                " WHERE e.id >= ?1 ORDER BY e.id");
    if (!statement)
        return statement.error();
    return EventRowReader(ForwardCursor(std::move(statement.value())));
}

Result<bool> EventRowReader::read(std::int64_t id, EventRow& row)
{
    auto found = m_cursor.seek(id);
    if (!found || !*found)
        return found;
    const Statement& s = m_cursor.row();
    row.id = id;
    row.ts = s.columnInt(1);
    row.cpu = static_cast<int>(s.columnInt(2));
    row.pid = static_cast<int>(s.columnInt(3));
    row.typeId = static_cast<int>(s.columnInt(4));
    row.comm.assign(s.columnText(5));
    return true;
}

} // namespace Storage
