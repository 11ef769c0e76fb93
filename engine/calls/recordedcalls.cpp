// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordedcalls.h"

#include "callstackbuilder.h"
#include "calltable.h"
#include "recordingreader.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <cstdio>
#include <optional>
#include <unordered_map>

namespace Engine {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Engine)
};

using Storage::noTime;

// Where one function tracer event type keeps a field: its column in the query, and whether it
// holds an address (recorded) or a string id (imported text).
struct FieldRef {
    int column = -1;
    bool text = false;
};

struct FunctionTypes {
    int function = 0, entry = 0, exit = 0; // event type ids, 0: absent
    FieldRef ip, parentIp;                 // function
    FieldRef entryFunc, entryDepth;        // funcgraph_entry
    FieldRef exitFunc, exitDepth, callTime, retTime, retval; // funcgraph_exit
};

// Turns kernel addresses into names as the kernel prints them (%ps), from `kernel_symbol`;
// an address it does not know is printed in hex, as the kernel does.
class SymbolNames {
public:
    SymbolNames(Storage::Database& db, Storage::CallTableWriter& writer)
        : m_writer(writer)
    {
        auto select = db.prepare("SELECT addr, name FROM kernel_symbol");
        if (!select)
            return; // no table: every address prints in hex
        while (select->step() == SQLITE_ROW)
            m_names.emplace(std::uint64_t(select->columnInt(0)), std::string(select->columnText(1)));
    }

    Storage::Result<std::int64_t> id(std::uint64_t address)
    {
        if (const auto it = m_ids.find(address); it != m_ids.end())
            return it->second;
        std::string name;
        if (const auto it = m_names.find(address); it != m_names.end()) {
            name = it->second;
        } else {
            char hex[24];
            std::snprintf(hex, sizeof hex, "0x%llx", static_cast<unsigned long long>(address));
            name = hex;
        }
        auto id = m_writer.intern(name);
        if (id)
            m_ids.emplace(address, id.value());
        return id;
    }

private:
    Storage::CallTableWriter& m_writer;
    std::unordered_map<std::uint64_t, std::string> m_names;
    std::unordered_map<std::uint64_t, std::int64_t> m_ids;
};

const Storage::EventTypeInfo* findType(const Storage::RecordingReader& reader, const char* name)
{
    return reader.findEventType(QStringLiteral("ftrace:") + QLatin1String(name));
}

// Builds "SELECT e.id, e.ts, e.cpu, e.pid, e.type_id, <fields>" over the three types.
std::string functionEventsQuery(const Storage::RecordingReader& reader, FunctionTypes& types)
{
    std::string columns;
    std::string joins;
    int next = 5;
    int alias = 0;
    auto add = [&](const Storage::EventTypeInfo* type, std::initializer_list<std::pair<const char*, FieldRef*>> fields) {
        if (!type)
            return 0;
        const std::string a = "f" + std::to_string(alias++);
        joins += " LEFT JOIN " + Storage::quoteIdentifier(type->fieldTable.toStdString()) + " " + a + " ON " + a + ".event_id = e.id";
        for (const auto& [name, ref] : fields) {
            for (const Storage::FieldInfo& field : type->fields) {
                if (field.name == QLatin1String(name)) {
                    columns += ", " + a + "." + Storage::quoteIdentifier(name);
                    ref->column = next++;
                    ref->text = field.storage == Storage::Schema::FieldStorage::Text;
                }
            }
        }
        return type->id;
    };
    // The imported function tracer text names its fields function/parent; the kernel's ip/parent_ip.
    types.function = add(findType(reader, "function"), { { "ip", &types.ip }, { "function", &types.ip }, { "parent_ip", &types.parentIp }, { "parent", &types.parentIp } });
    types.entry = add(findType(reader, "funcgraph_entry"), { { "func", &types.entryFunc }, { "depth", &types.entryDepth } });
    types.exit = add(findType(reader, "funcgraph_exit"),
        { { "func", &types.exitFunc }, { "depth", &types.exitDepth }, { "calltime", &types.callTime }, { "rettime", &types.retTime }, { "retval", &types.retval } });
    std::string ids;
    for (int id : { types.function, types.entry, types.exit }) {
        if (id > 0)
            ids += (ids.empty() ? "" : ",") + std::to_string(id);
    }
    if (ids.empty())
        return {};
    return "SELECT e.id, e.ts, e.cpu, e.pid, e.type_id" + columns + " FROM event e" + joins + " WHERE e.type_id IN (" + ids
        + ") ORDER BY e.id";
}

class EventsToCalls {
public:
    EventsToCalls(Storage::Statement& rows, const FunctionTypes& types, SymbolNames& symbols)
        : m_rows(rows)
        , m_types(types)
        , m_symbols(symbols)
    {
    }

    Storage::Status run(CallStackBuilder& builder, const std::function<bool()>& isCancelled)
    {
        std::int64_t n = 0;
        int rc;
        while ((rc = m_rows.step()) == SQLITE_ROW) {
            if ((++n & 0x3fff) == 0 && isCancelled && isCancelled())
                return Storage::Error { Tr::tr("building the call table was cancelled") };
            if (Storage::Status s = add(builder); !s)
                return s;
        }
        return rc == SQLITE_DONE ? Storage::Status {} : Storage::Error { Tr::tr("cannot read the function tracer events (SQLite error %1)").arg(rc) };
    }

private:
    Storage::Result<std::int64_t> name(FieldRef ref)
    {
        if (ref.column < 0 || m_rows.columnIsNull(ref.column))
            return std::int64_t(0);
        // Imported text already holds string ids; recorded events hold addresses.
        return ref.text ? m_rows.columnInt(ref.column) : m_symbols.id(std::uint64_t(m_rows.columnInt(ref.column)));
    }
    std::int64_t value(FieldRef ref, std::int64_t absent = noTime) const
    {
        return ref.column < 0 || m_rows.columnIsNull(ref.column) ? absent : m_rows.columnInt(ref.column);
    }

    Storage::Status add(CallStackBuilder& builder)
    {
        const std::int64_t ts = m_rows.columnInt(1);
        const CallStackBuilder::Place place { int(m_rows.columnInt(3)), int(m_rows.columnInt(2)) };
        const int type = int(m_rows.columnInt(4));
        if (type == m_types.function) {
            auto function = name(m_types.ip);
            auto caller = name(m_types.parentIp);
            if (!function || !caller)
                return !function ? function.error() : caller.error();
            builder.single(place, ts, function.value(), caller.value());
        } else if (type == m_types.entry) {
            auto function = name(m_types.entryFunc);
            if (!function)
                return function.error();
            builder.entry(place, ts, int(value(m_types.entryDepth, 0)), function.value());
        } else {
            auto function = name(m_types.exitFunc);
            if (!function)
                return function.error();
            CallStackBuilder::Exit exit;
            exit.place = place;
            exit.ts = ts;
            exit.depth = int(value(m_types.exitDepth, 0));
            exit.function = function.value();
            const std::int64_t callTime = value(m_types.callTime);
            const std::int64_t retTime = value(m_types.retTime);
            // calltime/rettime are the tracer's own clock (trace_clock_local on Linux 6.1), not
            // necessarily the buffer's: they only place a call whose entry was not recorded. A
            // call with both records gets its duration from their timestamps (CallStackBuilder).
            if (callTime != noTime && retTime != noTime && retTime >= callTime)
                exit.start = ts - (retTime - callTime);
            if (m_types.retval.column >= 0 && !m_rows.columnIsNull(m_types.retval.column)) {
                exit.retval = m_rows.columnInt(m_types.retval.column);
                exit.hasRetval = true;
            }
            builder.exit(exit);
        }
        return {};
    }

    Storage::Statement& m_rows;
    const FunctionTypes& m_types;
    SymbolNames& m_symbols;
};
} // namespace

bool needsRecordedCalls(const QString& recordingPath)
{
    auto reader = Storage::RecordingReader::open(recordingPath);
    if (!reader)
        return false;
    const Storage::RecordingReader& r = *reader.value();
    const bool hasEvents = findType(r, "function") || findType(r, "funcgraph_entry") || findType(r, "funcgraph_exit");
    return hasEvents && r.meta().value(QStringLiteral("calls_version")).toInt() != Storage::CallTable::version;
}

Storage::Result<std::int64_t> buildRecordedCalls(const QString& recordingPath, const std::function<bool()>& isCancelled)
{
    auto reader = Storage::RecordingReader::open(recordingPath);
    if (!reader)
        return reader.error();
    FunctionTypes types;
    const std::string sql = functionEventsQuery(*reader.value(), types);
    if (sql.empty())
        return std::int64_t(0);
    auto rows = reader.value()->database().prepare(sql);
    if (!rows)
        return rows.error();
    auto writer = Storage::CallTableWriter::open(recordingPath);
    if (!writer)
        return writer.error();
    SymbolNames symbols(reader.value()->database(), writer.value());
    CallStackBuilder builder;
    auto unknown = writer->intern("(unknown)");
    if (!unknown)
        return unknown.error();
    builder.setUnknownFunction(unknown.value());
    EventsToCalls events(rows.value(), types, symbols);
    if (Storage::Status s = events.run(builder, isCancelled); !s)
        return Storage::Error { recordingPath + QStringLiteral(": ") + s.error().message };
    rows.value() = {};
    const std::vector<Storage::CallRow> calls = builder.finish();
    if (Storage::Status s = writer->write(calls, [&](std::int64_t) { return !(isCancelled && isCancelled()); }); !s)
        return s.error();
    return std::int64_t(calls.size());
}

} // namespace Engine
