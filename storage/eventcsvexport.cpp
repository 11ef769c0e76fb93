// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventcsvexport.h"

#include "csvwriter.h"

#include <QCoreApplication>

#include <sqlite3.h>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

std::string selectSql(const EventTypeInfo& type, bool byPid)
{
    std::string columns = "e.ts, e.cpu, e.pid, cs.str";
    std::string joins;
    int n = 0;
    for (const FieldInfo& field : type.fields) {
        const std::string column = "f." + quoteIdentifier(field.name.toStdString());
        if (field.storage == Schema::FieldStorage::Text) {
            const std::string alias = "s" + std::to_string(n++);
            columns += ", " + alias + ".str";
            joins += " LEFT JOIN string " + alias + " ON " + alias + ".id = " + column;
        } else {
            columns += ", " + column;
        }
    }
    return "SELECT " + columns + " FROM event e JOIN " + quoteIdentifier(type.fieldTable.toStdString())
        + " f ON f.event_id = e.id LEFT JOIN task k ON k.pid = e.pid LEFT JOIN string cs ON cs.id = k.comm_id" + joins
        + " WHERE e.type_id = ?1" + (byPid ? " AND e.pid = ?2" : "") + " ORDER BY e.id";
}

std::string hex(std::string_view bytes)
{
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

void writeField(CsvWriter& csv, const Statement& row, int column, Schema::FieldStorage storage)
{
    if (row.columnIsNull(column)) {
        csv.emptyField();
        return;
    }
    switch (storage) {
    case Schema::FieldStorage::Int:
        csv.field(row.columnInt(column));
        break;
    case Schema::FieldStorage::UInt:
        csv.field(static_cast<std::uint64_t>(row.columnInt(column)));
        break;
    case Schema::FieldStorage::Text:
        csv.field(row.columnText(column));
        break;
    case Schema::FieldStorage::Blob: {
        const auto* data = static_cast<const char*>(sqlite3_column_blob(row.handle(), column));
        csv.field(hex(std::string_view(data, static_cast<std::size_t>(sqlite3_column_bytes(row.handle(), column)))));
        break;
    }
    }
}
} // namespace

Result<std::int64_t> exportEventsCsv(RecordingReader& reader, const EventExportRequest& request,
    const ExportProgress& progress)
{
    const EventTypeInfo* type = reader.findEventType(request.eventType);
    if (!type)
        return Error { Tr::tr("%1: no events of type %2 in this recording").arg(reader.path(), request.eventType) };
    auto query = reader.database().prepare(selectSql(*type, request.pid.has_value()));
    if (!query)
        return query.error();
    query->bindInt(1, type->id);
    if (request.pid)
        query->bindInt(2, *request.pid);

    CsvWriter csv;
    if (Status s = csv.open(request.outputPath); !s)
        return s.error();
    for (const char* name : { "ts_ns", "cpu", "pid", "comm", "event" })
        csv.field(std::string_view(name));
    for (const FieldInfo& field : type->fields)
        csv.field(std::string_view(field.name.toStdString()));
    if (Status s = csv.endRow(); !s)
        return s.error();

    const std::string eventName = request.eventType.toStdString();
    std::int64_t rows = 0;
    int rc;
    while ((rc = query->step()) == SQLITE_ROW) {
        csv.field(query->columnInt(0));
        csv.field(query->columnInt(1));
        csv.field(query->columnInt(2));
        csv.field(query->columnText(3));
        csv.field(std::string_view(eventName));
        for (std::size_t i = 0; i < type->fields.size(); ++i)
            writeField(csv, *query, static_cast<int>(i) + 4, type->fields[i].storage);
        if (Status s = csv.endRow(); !s)
            return s.error();
        if ((++rows & 4095) == 0 && progress && !progress(rows))
            return Error { Tr::tr("export cancelled") };
    }
    if (rc != SQLITE_DONE)
        return reader.database().error(Tr::tr("cannot read events"));
    if (Status s = csv.close(); !s)
        return s.error();
    return rows;
}

} // namespace Storage
