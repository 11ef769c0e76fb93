// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventcsvexport.h"

#include "csvwriter.h"
#include "eventfieldtext.h"
#include "eventquery.h"
#include "eventrowreader.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <algorithm>
#include <map>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

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
    case Schema::FieldStorage::Blob:
        csv.field(EventFieldText::valueText(row, column, storage));
        break;
    }
}

// Writes the rows of one export; the ids come from an id range or an EventIdSet.
class CsvRows {
public:
    CsvRows(RecordingReader& reader, const EventQuery& query, EventRowReader rows)
        : m_query(query)
        , m_rows(std::move(rows))
        , m_fields(reader.database(), query.types())
    {
        for (const EventTypeInfo& type : query.types())
            m_names[type.id] = type.qualifiedName().toStdString();
    }

    void header(CsvWriter& csv) const
    {
        for (const char* name : { "ts_ns", "cpu", "pid", "comm", "event" })
            csv.field(std::string_view(name));
        if (!m_query.singleType()) {
            csv.field(std::string_view("fields"));
            return;
        }
        for (const FieldInfo& field : m_query.types().front().fields)
            csv.field(std::string_view(field.name.toStdString()));
    }

    std::int64_t nextStoredId() const { return m_rows.nextStoredId(); }

    // Writes event id; false (no error) when there is no such event.
    Result<bool> write(CsvWriter& csv, std::int64_t id)
    {
        auto found = m_rows.read(id, m_row);
        if (!found || !*found)
            return found;
        csv.field(m_row.ts);
        csv.field(std::int64_t(m_row.cpu));
        csv.field(std::int64_t(m_row.pid));
        csv.field(std::string_view(m_row.comm));
        csv.field(std::string_view(m_names[m_row.typeId]));
        if (m_query.singleType())
            return writeFields(csv, id);
        auto text = m_fields.render(m_row.typeId, id);
        if (!text)
            return text.error();
        csv.field(std::string_view(*text));
        return true;
    }

private:
    Result<bool> writeFields(CsvWriter& csv, std::int64_t id)
    {
        const EventTypeInfo& type = m_query.types().front();
        auto fields = m_fields.fields(m_row.typeId, id);
        if (!fields)
            return fields.error();
        for (std::size_t i = 0; i < type.fields.size(); ++i) {
            if (*fields)
                writeField(csv, **fields, static_cast<int>(i) + 1, type.fields[i].storage);
            else
                csv.emptyField();
        }
        return true;
    }

    const EventQuery& m_query;
    EventRowReader m_rows;
    EventFieldText m_fields;
    EventRow m_row;
    std::map<int, std::string> m_names;
};
} // namespace

Result<std::int64_t> exportEventsCsv(RecordingReader& reader, const EventExportRequest& request,
    const ExportProgress& progress)
{
    EventFilter filter;
    filter.eventTypes = QStringList { request.eventType };
    if (request.pid)
        filter.pids = { *request.pid };
    return exportEventsCsv(reader, filter, request.outputPath, progress);
}

Result<std::int64_t> exportEventsCsv(RecordingReader& reader, const EventFilter& filter, const QString& outputPath,
    const ExportProgress& progress)
{
    auto query = EventQuery::create(reader.eventTypes(), filter);
    if (!query)
        return Error { Tr::tr("%1: %2").arg(reader.path(), query.error().message) };
    Database& db = reader.database();
    auto range = query->idRange(db);
    if (!range)
        return range.error();
    std::optional<EventIdSet> ids;
    if (!query->selectsIdRange()) {
        auto matching = query->matchingIds(db, *range);
        if (!matching)
            return matching.error();
        ids = std::move(matching.value());
    }
    auto rowReader = EventRowReader::create(db);
    if (!rowReader)
        return rowReader.error();
    CsvRows rows(reader, *query, std::move(rowReader.value()));

    CsvWriter csv;
    if (Status s = csv.open(outputPath); !s)
        return s.error();
    rows.header(csv);
    if (Status s = csv.endRow(); !s)
        return s.error();
    std::int64_t written = 0;
    for (std::int64_t id = ids ? ids->nextId(range->first) : range->first; id >= 0 && id <= range->last;
         id = ids ? ids->nextId(id + 1) : id + 1) {
        auto found = rows.write(csv, id);
        if (!found)
            return found.error();
        if (!*found) {
            if (!ids)
                id = std::max(id, rows.nextStoredId() - 1);
            continue;
        }
        if (Status s = csv.endRow(); !s)
            return s.error();
        if ((++written & 4095) == 0 && progress && !progress(written))
            return Error { Tr::tr("export cancelled") };
    }
    if (Status s = csv.close(); !s)
        return s.error();
    return written;
}

} // namespace Storage
