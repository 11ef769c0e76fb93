// SPDX-License-Identifier: GPL-3.0-or-later
#include "calltable.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <limits>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

} // namespace

namespace CallTable {
// (pid, ts) serves the per-task lanes and task scopes. A new table makes the call index built
// from the old one (storage/callindex.h) stale: it goes too, and is built again on the next open.
const char* const createSql = R"sql(
DROP TABLE IF EXISTS call;
CREATE TABLE call (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER,
    ts INTEGER,
    dur INTEGER,
    self INTEGER,
    cpu INTEGER NOT NULL,
    pid INTEGER NOT NULL,
    depth INTEGER NOT NULL,
    function_id INTEGER NOT NULL REFERENCES string(id),
    caller_id INTEGER REFERENCES string(id),
    retval INTEGER,
    flags INTEGER NOT NULL DEFAULT 0);
DROP TABLE IF EXISTS call_summary;
DROP TABLE IF EXISTS call_task;
DROP TABLE IF EXISTS call_open_end;
DELETE FROM meta WHERE key IN ('call_index', 'call_index_calls');
DROP VIEW IF EXISTS calls;
CREATE VIEW calls AS
    SELECT c.id, c.parent_id, c.ts, c.dur, c.self, c.cpu, c.pid, s.str AS comm, c.depth,
           f.str AS function, p.str AS caller, c.retval, c.flags
    FROM call c JOIN string f ON f.id = c.function_id
    LEFT JOIN string p ON p.id = c.caller_id
    LEFT JOIN task k ON k.pid = c.pid LEFT JOIN string s ON s.id = k.comm_id;
)sql";

bool exists(Database& db)
{
    auto n = db.queryInt("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'call'");
    return n && n.value() > 0;
}
} // namespace CallTable

CallTableWriter::CallTableWriter(Database db)
    : m_db(std::move(db))
{
}

Result<CallTableWriter> CallTableWriter::open(const QString& recordingPath)
{
    auto db = Database::open(recordingPath, Database::Mode::ReadWrite);
    if (!db)
        return db.error();
    CallTableWriter writer(std::move(db.value()));
    // One transaction from here to write(): names interned before it go in with the rows (and
    // a build that fails or is cancelled leaves the file as it was).
    if (Status s = writer.m_db.exec("PRAGMA synchronous=OFF; BEGIN"); !s)
        return s.error();
    if (Status s = writer.loadStrings(); !s)
        return s.error();
    return writer;
}

Status CallTableWriter::loadStrings()
{
    // Strings are few next to calls (function names, comms): keep them all for lookups.
    auto select = m_db.prepare("SELECT id, str FROM string");
    if (!select)
        return select.error();
    int rc;
    while ((rc = select->step()) == SQLITE_ROW) {
        const std::int64_t id = select->columnInt(0);
        // New names get ids after the highest: a damaged table that ends at the last id has no room.
        if (id == std::numeric_limits<std::int64_t>::max())
            return Error { Tr::tr("%1: the recording is damaged: its string ids reach %2").arg(m_db.path()).arg(id) };
        m_strings.emplace(std::string(select->columnText(1)), id);
        m_nextStringId = std::max(m_nextStringId, id + 1);
    }
    if (rc != SQLITE_DONE)
        return m_db.error(Tr::tr("cannot read the string table"));
    auto insert = m_db.prepare("INSERT INTO string(id, str) VALUES (?, ?)");
    if (!insert)
        return insert.error();
    m_stringInsert = std::move(insert.value());
    return {};
}

Result<std::int64_t> CallTableWriter::intern(std::string_view text)
{
    if (const auto it = m_strings.find(text); it != m_strings.end())
        return it->second;
    const std::int64_t id = m_nextStringId;
    m_stringInsert.bindInt(1, id);
    m_stringInsert.bindText(2, text);
    const int rc = m_stringInsert.step();
    m_stringInsert.reset();
    if (rc != SQLITE_DONE)
        return m_db.error(Tr::tr("cannot store the function name %1").arg(QString::fromUtf8(text.data(), qsizetype(text.size()))));
    ++m_nextStringId;
    m_strings.emplace(std::string(text), id);
    return id;
}

Status CallTableWriter::write(const std::vector<CallRow>& rows, const std::function<bool(std::int64_t)>& progress)
{
    auto fail = [this](Status status) {
        (void)m_db.exec("ROLLBACK");
        return status;
    };
    if (Status s = m_db.exec(CallTable::createSql); !s)
        return fail(s);
    // Millions of rows: many per statement (a function_graph import writes a call per text line).
    auto insert = BatchInsert::prepare(m_db, "call", 12);
    if (!insert)
        return fail(insert.error());
    BatchInsert& batch = insert.value();
    auto setOptional = [&batch](int column, std::int64_t value) {
        if (value != noTime)
            batch.setInt(column, value);
    };
    std::int64_t done = 0;
    for (const CallRow& row : rows) {
        batch.beginRow();
        batch.setInt(0, row.id);
        if (row.parentId > 0)
            batch.setInt(1, row.parentId);
        setOptional(2, row.ts);
        setOptional(3, row.dur);
        setOptional(4, row.self);
        batch.setInt(5, row.cpu);
        batch.setInt(6, row.pid);
        batch.setInt(7, row.depth);
        batch.setInt(8, row.function);
        if (row.caller > 0)
            batch.setInt(9, row.caller);
        if (row.hasRetval)
            batch.setInt(10, row.retval);
        batch.setInt(11, row.flags);
        if (batch.endRow() != SQLITE_OK)
            return fail(m_db.error(Tr::tr("cannot write call %1").arg(row.id)));
        if ((++done & 0xffff) == 0 && progress && !progress(done))
            return fail(Error { Tr::tr("%1: building the call table was cancelled").arg(m_db.path()) });
    }
    if (batch.flush() != SQLITE_OK)
        return fail(m_db.error(Tr::tr("cannot write the calls")));
    if (Status s = m_db.exec("CREATE INDEX call_pid_ts ON call(pid, ts)"); !s)
        return fail(s);
    const std::string meta = "INSERT OR REPLACE INTO meta(key, value) VALUES ('calls', '" + std::to_string(rows.size())
        + "'), ('calls_version', '" + std::to_string(CallTable::version) + "')";
    if (Status s = m_db.exec(meta.c_str()); !s)
        return fail(s);
    return m_db.exec("COMMIT");
}

} // namespace Storage
