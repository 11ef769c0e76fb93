// SPDX-License-Identifier: GPL-3.0-or-later
#include "probecsvexport.h"

#include "csvwriter.h"
#include "opendecoders.h"
#include "probepairing.h"

#include <QCoreApplication>

#include <sqlite3.h>

namespace Engine {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Engine)
};

// One probe event's row: common columns, then its own fields (text resolved).
class ProbeRowReader {
public:
    Storage::Status prepare(Storage::Database& db, const Storage::EventTypeInfo& type)
    {
        std::string columns = "e.ts, e.cpu, e.pid, cs.str";
        std::string joins;
        for (const Storage::FieldInfo& field : type.fields) {
            const std::string column = "f." + Storage::quoteIdentifier(field.name.toStdString());
            if (field.storage == Storage::Schema::FieldStorage::Text) {
                const std::string alias = "s" + std::to_string(m_fields.size());
                columns += ", " + alias + ".str";
                joins += " LEFT JOIN string " + alias + " ON " + alias + ".id = " + column;
            } else {
                columns += ", " + column;
            }
            m_fields.push_back(field);
        }
        auto query = db.prepare("SELECT " + columns + " FROM event e JOIN " + Storage::quoteIdentifier(type.fieldTable.toStdString())
            + " f ON f.event_id = e.id LEFT JOIN task k ON k.pid = e.pid LEFT JOIN string cs ON cs.id = k.comm_id" + joins
            + " WHERE e.id = ?");
        if (!query)
            return query.error();
        m_query = std::move(query.value());
        return {};
    }
    // False without a prepared query too: a damaged file's rows may name a return (or an entry)
    // of a pair that has none (found by fuzz_recordingsql).
    bool load(std::int64_t id)
    {
        if (!m_query.isValid())
            return false;
        m_query.reset();
        m_query.bindInt(1, id);
        return m_query.step() == SQLITE_ROW;
    }
    const Storage::Statement& row() const { return m_query; }
    const std::vector<Storage::FieldInfo>& fields() const { return m_fields; }

private:
    Storage::Statement m_query;
    std::vector<Storage::FieldInfo> m_fields;
};

// The error behind a user-space -1: the kernel's return of the system call the function made,
// i.e. the last syscalls:sys_exit_* of the same task inside the call, when one was recorded.
class NestedErrno {
public:
    Storage::Status prepare(Storage::RecordingReader& reader)
    {
        for (const Storage::EventTypeInfo& type : reader.eventTypes()) {
            if (type.system != QLatin1String("syscalls") || !type.name.startsWith(QLatin1String("sys_exit_")))
                continue;
            auto query = reader.database().prepare("SELECT f.ret FROM event e JOIN " + Storage::quoteIdentifier(type.fieldTable.toStdString())
                + " f ON f.event_id = e.id WHERE e.id > ?1 AND e.id < ?2 AND e.pid = ?3 ORDER BY e.id DESC LIMIT 1");
            if (!query)
                return query.error();
            m_queries.push_back(std::move(query.value()));
        }
        return {};
    }
    std::optional<std::int64_t> find(std::int64_t entryId, std::int64_t returnId, std::int64_t pid)
    {
        for (Storage::Statement& query : m_queries) {
            query.reset();
            query.bindInt(1, entryId);
            query.bindInt(2, returnId);
            query.bindInt(3, pid);
            if (query.step() == SQLITE_ROW && query.columnInt(0) < 0)
                return query.columnInt(0);
        }
        return std::nullopt;
    }

private:
    std::vector<Storage::Statement> m_queries;
};

void writeValue(Storage::CsvWriter& csv, const Storage::Statement& row, int column, Storage::Schema::FieldStorage storage)
{
    if (row.columnIsNull(column))
        csv.emptyField();
    else if (storage == Storage::Schema::FieldStorage::Text)
        csv.field(row.columnText(column));
    else if (storage == Storage::Schema::FieldStorage::UInt)
        csv.field(std::uint64_t(row.columnInt(column)));
    else
        csv.field(row.columnInt(column));
}

struct Layout {
    std::vector<int> argColumns;         // indexes into the entry's fields
    std::vector<int> decodedColumns;     // subset of argColumns with a decoder
    std::vector<ValueDecoder> decoders;  // per decodedColumns
    int retColumn = -1;                  // index into the return's fields
    bool kernelSide = false;             // errno names apply to kernel returns only
    QString place;
};

Layout layoutFor(const ProbePair& pair)
{
    Layout layout;
    layout.place = pair.place + QLatin1Char(' ') + (pair.entry ? pair.entry->name : pair.ret->name);
    layout.kernelSide = isKernelSide(pair);
    if (pair.entry) {
        for (int i = 0; i < int(pair.entry->fields.size()); ++i) {
            if (!isProbeArgument(pair.entry->fields[std::size_t(i)]))
                continue;
            layout.argColumns.push_back(i);
            const ValueDecoder decoder = decoderForField(layout.place, pair.entry->fields[std::size_t(i)].name);
            if (decoder != ValueDecoder::None && decoder != ValueDecoder::Return) {
                layout.decodedColumns.push_back(i);
                layout.decoders.push_back(decoder);
            }
        }
    }
    if (pair.ret)
        layout.retColumn = returnValueField(*pair.ret);
    return layout;
}

void writeHeader(Storage::CsvWriter& csv, const ProbePair& pair, const Layout& layout)
{
    for (const char* name : { "ts_ns", "cpu", "pid", "comm" })
        csv.field(std::string_view(name));
    for (int column : layout.argColumns)
        csv.field(std::string_view(pair.entry->fields[std::size_t(column)].name.toStdString()));
    for (const char* name : { "ret", "ret_text", "latency_ns" })
        csv.field(std::string_view(name));
    for (int column : layout.decodedColumns)
        csv.field(std::string_view(QString(pair.entry->fields[std::size_t(column)].name + QLatin1String("_text")).toStdString()));
    csv.field(std::string_view("status"));
}

QString retText(const Layout& layout, std::int64_t ret, std::optional<std::int64_t> nestedError)
{
    if (layout.kernelSide)
        return returnText(ret);
    if (ret == -1 && nestedError) {
        const QString name = errnoName(int(-*nestedError));
        return name.isEmpty() ? QString::number(ret) : QStringLiteral("-1 %1").arg(name);
    }
    return QString::number(ret);
}

void writeCall(Storage::CsvWriter& csv, const ProbeCall& call, ProbeRowReader& entry, ProbeRowReader& ret, const Layout& layout,
    std::size_t argCount, NestedErrno& nested)
{
    const bool hasEntry = call.entryId && entry.load(call.entryId);
    const bool hasReturn = call.returnId && ret.load(call.returnId);
    if (hasEntry || hasReturn) {
        const Storage::Statement& first = hasEntry ? entry.row() : ret.row();
        csv.field(first.columnInt(0));
        csv.field(first.columnInt(1));
        csv.field(first.columnInt(2));
        csv.field(first.columnText(3));
    } else {
        for (int i = 0; i < 4; ++i)
            csv.emptyField();
    }
    for (std::size_t i = 0; i < argCount; ++i) {
        if (hasEntry)
            writeValue(csv, entry.row(), layout.argColumns[i] + 4, entry.fields()[std::size_t(layout.argColumns[i])].storage);
        else
            csv.emptyField();
    }
    const bool retKnown = hasReturn && layout.retColumn >= 0 && !ret.row().columnIsNull(layout.retColumn + 4);
    if (retKnown && ret.fields()[std::size_t(layout.retColumn)].storage == Storage::Schema::FieldStorage::Text) {
        // A string return value (readline's line): shown as it is in both columns.
        csv.field(ret.row().columnText(layout.retColumn + 4));
        csv.field(ret.row().columnText(layout.retColumn + 4));
    } else if (retKnown) {
        const std::int64_t value = ret.row().columnInt(layout.retColumn + 4);
        csv.field(value);
        const std::optional<std::int64_t> nestedError
            = !layout.kernelSide && value == -1 && hasEntry ? nested.find(call.entryId, call.returnId, ret.row().columnInt(2)) : std::nullopt;
        csv.field(std::string_view(retText(layout, value, nestedError).toStdString()));
    } else {
        csv.emptyField();
        csv.emptyField();
    }
    if (hasEntry && hasReturn)
        csv.field(ret.row().columnInt(0) - entry.row().columnInt(0));
    else
        csv.emptyField();
    for (std::size_t i = 0; i < layout.decodedColumns.size(); ++i) {
        const int column = layout.decodedColumns[i] + 4;
        if (hasEntry && !entry.row().columnIsNull(column))
            csv.field(std::string_view(decode(layout.decoders[i], entry.row().columnInt(column)).toStdString()));
        else
            csv.emptyField();
    }
    static const char* const statuses[] = { "paired", "entry_only", "return_only" };
    csv.field(std::string_view(statuses[int(call.status())]));
}
} // namespace

Storage::Result<std::int64_t> exportProbeCsv(Storage::RecordingReader& reader, const QString& probe, const QString& outputPath,
    const std::function<bool(std::int64_t rows)>& progress)
{
    const std::optional<ProbePair> pair = findProbePair(reader, probe);
    if (!pair) {
        QStringList names;
        for (const ProbePair& other : findProbePairs(reader))
            names << (other.entry ? other.entry : other.ret)->qualifiedName();
        return Storage::Error { Tr::tr("%1: no probe named '%2' in this recording; its probes: %3")
                                    .arg(reader.path(), probe, names.isEmpty() ? Tr::tr("none") : names.join(QLatin1String(", "))) };
    }
    auto calls = pairProbeCalls(reader, *pair);
    if (!calls)
        return calls.error();
    ProbeRowReader entry;
    ProbeRowReader ret;
    if (pair->entry) {
        if (Storage::Status s = entry.prepare(reader.database(), *pair->entry); !s)
            return s.error();
    }
    if (pair->ret) {
        if (Storage::Status s = ret.prepare(reader.database(), *pair->ret); !s)
            return s.error();
    }
    const Layout layout = layoutFor(*pair);
    NestedErrno nested;
    if (Storage::Status s = nested.prepare(reader); !s)
        return s.error();
    Storage::CsvWriter csv;
    if (Storage::Status s = csv.open(outputPath); !s)
        return s.error();
    writeHeader(csv, *pair, layout);
    if (Storage::Status s = csv.endRow(); !s)
        return s.error();
    std::int64_t rows = 0;
    for (const ProbeCall& call : calls.value()) {
        writeCall(csv, call, entry, ret, layout, layout.argColumns.size(), nested);
        if (Storage::Status s = csv.endRow(); !s)
            return s.error();
        if ((++rows & 4095) == 0 && progress && !progress(rows))
            return Storage::Error { Tr::tr("export cancelled") };
    }
    if (Storage::Status s = csv.close(); !s)
        return s.error();
    return rows;
}

} // namespace Engine
