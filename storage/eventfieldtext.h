// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "forwardcursor.h"
#include "recordingreader.h"
#include "result.h"

#include <QString>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace Storage {

// One event's fields read from its type's `ev_` table, with text fields resolved: as typed
// columns (for per-field CSV) or as the text "name=value name=value" (ints decimal, text as is,
// blobs lowercase hex, NULL as nothing after '='). Reading ids in increasing order is a scan of
// each type's table (ForwardCursor). Owned by the thread that owns the database connection.
class EventFieldText {
public:
    EventFieldText(Database& db, std::vector<EventTypeInfo> types);

    // The type's field row for this event, its fields at columns 1..n; nullptr when it has none.
    Result<const Statement*> fields(int typeId, std::int64_t eventId);
    Result<std::string> render(int typeId, std::int64_t eventId);
    // render() as a QString (UTF-8 decoded), for views.
    Result<QString> text(int typeId, std::int64_t eventId);
    const EventTypeInfo* type(int typeId) const;

    // One value as text, as the CSV export writes it ("" for NULL).
    static std::string valueText(const Statement& row, int column, Schema::FieldStorage storage);
    static std::string hex(std::string_view bytes);

private:
    Result<ForwardCursor*> cursor(const EventTypeInfo& type);

    Database& m_db;
    std::vector<EventTypeInfo> m_types;
    std::map<int, std::size_t> m_typeIndex;
    std::map<int, ForwardCursor> m_cursors;
};

} // namespace Storage
