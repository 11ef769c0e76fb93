// SPDX-License-Identifier: GPL-3.0-or-later
#include "callcsvexport.h"

#include "csvwriter.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <string>
#include <unordered_map>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

// Names by string id, each read once: functions are a few hundred, calls millions.
class NameCache {
public:
    Status prepare(Database& db)
    {
        auto select = db.prepare("SELECT str FROM string WHERE id = ?");
        if (!select)
            return select.error();
        m_select = std::move(select.value());
        return {};
    }

    std::string_view name(std::int64_t id)
    {
        if (const auto it = m_names.find(id); it != m_names.end())
            return it->second;
        m_select.reset();
        m_select.bindInt(1, id);
        std::string text = m_select.step() == SQLITE_ROW ? std::string(m_select.columnText(0)) : "#" + std::to_string(id);
        return m_names.emplace(id, std::move(text)).first->second;
    }

private:
    Statement m_select;
    std::unordered_map<std::int64_t, std::string> m_names;
};

// Task names by pid: the task table is small next to the calls.
Result<std::unordered_map<std::int64_t, std::string>> loadComms(Database& db)
{
    auto select = db.prepare("SELECT k.pid, s.str FROM task k JOIN string s ON s.id = k.comm_id");
    if (!select)
        return select.error();
    std::unordered_map<std::int64_t, std::string> comms;
    int rc;
    while ((rc = select->step()) == SQLITE_ROW)
        comms.emplace(select->columnInt(0), std::string(select->columnText(1)));
    if (rc != SQLITE_DONE)
        return db.error(Tr::tr("cannot read the task names"));
    return comms;
}

void optionalField(CsvWriter& csv, const Statement& row, int column)
{
    if (row.columnIsNull(column))
        csv.emptyField();
    else
        csv.field(row.columnInt(column));
}

void header(CsvWriter& csv)
{
    for (const char* name : { "id", "parent_id", "ts_ns", "dur_ns", "self_ns", "cpu", "pid", "comm", "depth", "function" })
        csv.field(std::string_view(name));
}
} // namespace

Result<std::int64_t> exportCallsCsv(RecordingReader& reader, const CallScope& scope, const QString& outputPath,
    const ExportProgress& progress)
{
    Database& db = reader.database();
    if (Status s = requireCallTable(db); !s)
        return s.error();
    auto select = db.prepare("SELECT id, parent_id, ts, dur, self, cpu, pid, depth, function_id FROM call"
        + Internal::callScopeCondition(scope, {}) + " ORDER BY id");
    if (!select)
        return select.error();
    auto comms = loadComms(db);
    if (!comms)
        return comms.error();
    NameCache functions;
    if (Status s = functions.prepare(db); !s)
        return s.error();

    CsvWriter csv;
    if (Status s = csv.open(outputPath); !s)
        return s.error();
    header(csv);
    if (Status s = csv.endRow(); !s)
        return s.error();
    std::int64_t written = 0;
    int rc;
    Statement& row = *select;
    while ((rc = row.step()) == SQLITE_ROW) {
        csv.field(row.columnInt(0));
        for (int column = 1; column <= 6; ++column) // parent_id, ts, dur, self may be NULL
            optionalField(csv, row, column);
        const auto comm = comms->find(row.columnInt(6));
        csv.field(comm != comms->end() ? std::string_view(comm->second) : std::string_view());
        csv.field(row.columnInt(7));
        csv.field(functions.name(row.columnInt(8)));
        if (Status s = csv.endRow(); !s)
            return s.error();
        if ((++written & 4095) == 0 && progress && !progress(written))
            return Error { Tr::tr("export cancelled") };
    }
    if (rc != SQLITE_DONE)
        return db.error(Tr::tr("cannot read the call table"));
    if (Status s = csv.close(); !s)
        return s.error();
    return written;
}

} // namespace Storage
