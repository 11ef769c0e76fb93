// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target, structure-aware: a small valid recording (one of the seeds of fuzz_recording,
// loaded once) edited through SQL as a user with the sqlite3 shell, a bad disk or someone
// hostile could — values of any row and column set to NULL, extreme or random integers, text,
// blobs or reals; rows deleted; tables emptied or dropped; meta keys set — and then opened and
// queried (FuzzSupport::queryRecording). Raw bytes rarely get past SQLite's own checks; this
// reaches the readers' handling of the values themselves. The input is the list of edits
// (FuzzSupport::ByteReader): which recording, then up to maxEdits edits.
#include "bytereader.h"
#include "fuzzsupport.h"
#include "recordingqueries.h"

#include "sqlitedb.h"

#include <QByteArray>
#include <QDir>
#include <QFile>

#include <sqlite3.h>

#include <limits>
#include <string>
#include <vector>

namespace {
using FuzzSupport::ByteReader;

constexpr int maxEdits = 12;

struct Table {
    std::string name;                  // quoted
    std::string key;                   // "rowid", or "pk1, pk2" for WITHOUT ROWID tables
    std::vector<std::string> columns;  // quoted
};

struct BaseRecording {
    QByteArray bytes;
    std::vector<Table> tables;
};


// The meta keys readers interpret (README, "The recording file"), plus the ones they show.
const char* const metaKeys[] = { "cpus", "complete", "schema_version", "event_counts", "task_count", "calls",
    "calls_version", "timeline_index", "call_index", "call_index_calls", "first_ts", "last_ts", "unparsed_lines",
    "source", "tracer", "trace_clock", "clock_mono_anchor_ns", "clock_realtime_anchor_ns", "capabilities", "sources",
    "preset_places", "unknown_events", "malformed_events", "input", "import_format" };

const std::int64_t interestingInts[] = { 0, 1, -1, 2, -2, 63, 64, 65, 255, 256, 4095, 4096, 8191, 8192, 65536,
    std::numeric_limits<std::int32_t>::max(), std::numeric_limits<std::int32_t>::min(),
    std::int64_t(std::numeric_limits<std::int32_t>::max()) + 1, std::numeric_limits<std::uint32_t>::max(), 1000000000,
    std::int64_t(1) << 53, std::int64_t(1) << 62, 1000000000000000000, std::numeric_limits<std::int64_t>::max(),
    std::numeric_limits<std::int64_t>::max() - 1, std::numeric_limits<std::int64_t>::min(),
    std::numeric_limits<std::int64_t>::min() + 1 };

Storage::Statement prepare(sqlite3* db, const std::string& sql)
{
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, sql.c_str(), int(sql.size()), &statement, nullptr);
    return Storage::Statement(statement);
}

std::vector<Table> tablesOf(sqlite3* db)
{
    std::vector<Table> tables;
    Storage::Statement list = prepare(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    while (list.isValid() && list.step() == SQLITE_ROW) {
        Table table;
        table.name = Storage::quoteIdentifier(list.columnText(0));
        std::vector<std::string> primaryKey;
        Storage::Statement info = prepare(db, "PRAGMA table_info(" + table.name + ")");
        while (info.isValid() && info.step() == SQLITE_ROW) {
            table.columns.push_back(Storage::quoteIdentifier(info.columnText(1)));
            if (info.columnInt(5) > 0)
                primaryKey.push_back(table.columns.back());
        }
        const bool hasRowid = prepare(db, "SELECT rowid FROM " + table.name).isValid();
        table.key = "rowid";
        if (!hasRowid) {
            table.key.clear();
            for (const std::string& column : primaryKey)
                table.key += (table.key.empty() ? "" : ", ") + column;
        }
        if (!table.columns.empty() && !table.key.empty())
            tables.push_back(std::move(table));
    }
    return tables;
}

// Read once, on the first input.
std::vector<BaseRecording> loadBases()
{
    std::vector<BaseRecording> bases;
    const QDir dir(QStringLiteral(FTLENS_FUZZ_RECORDINGS));
    for (const QString& name : dir.entryList({ QStringLiteral("*.ftlens") }, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        FuzzSupport::require(file.open(QIODevice::ReadOnly), "a base recording cannot be read");
        BaseRecording base { file.readAll(), {} };
        const QString copy = FuzzSupport::scratchPath(QStringLiteral("base.ftlens"));
        FuzzSupport::writeFile(copy, reinterpret_cast<const std::uint8_t*>(base.bytes.constData()), std::size_t(base.bytes.size()));
        sqlite3* db = nullptr;
        FuzzSupport::require(sqlite3_open_v2(QFile::encodeName(copy).constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK,
            "a base recording cannot be opened");
        base.tables = tablesOf(db);
        sqlite3_close(db);
        FuzzSupport::removeRecording(copy);
        bases.push_back(std::move(base));
    }
    FuzzSupport::require(!bases.empty(), "no base recordings in " FTLENS_FUZZ_RECORDINGS);
    return bases;
}

// Binds a value the input chooses: NULL, an integer at the edges, any integer, a small one,
// text, a blob or a real.
void bindValue(Storage::Statement& statement, int index, ByteReader& in)
{
    switch (in.choice(7)) {
    case 0:
        statement.bindNull(index);
        break;
    case 1:
        statement.bindInt(index, interestingInts[in.choice(std::size(interestingInts))]);
        break;
    case 2:
        statement.bindInt(index, std::int64_t(in.u64()));
        break;
    case 3:
        statement.bindInt(index, std::int64_t(in.byte()) - 128);
        break;
    case 4:
        statement.bindText(index, in.bytes(40));
        break;
    case 5:
        statement.bindBlob(index, in.bytes(40));
        break;
    default:
        statement.bindDouble(index, in.real());
        break;
    }
}

// "... WHERE (key) IN (SELECT key FROM t LIMIT 1 OFFSET ?)": the row the input picks.
std::string pickedRow(const Table& table)
{
    return " WHERE (" + table.key + ") IN (SELECT " + table.key + " FROM " + table.name + " LIMIT 1 OFFSET ?)";
}

void edit(sqlite3* db, const std::vector<Table>& tables, ByteReader& in)
{
    const Table& table = tables[in.choice(tables.size())];
    switch (in.choice(6)) {
    case 0: { // one value of one row
        const std::string& column = table.columns[in.choice(table.columns.size())];
        Storage::Statement update = prepare(db, "UPDATE OR IGNORE " + table.name + " SET " + column + " = ?" + pickedRow(table));
        if (update.isValid()) {
            bindValue(update, 1, in);
            update.bindInt(2, in.u16() % 512);
            update.step();
        }
        break;
    }
    case 1: { // one column of every row shifted (times, ids, counts move together)
        const std::string& column = table.columns[in.choice(table.columns.size())];
        Storage::Statement update = prepare(db, "UPDATE OR IGNORE " + table.name + " SET " + column + " = " + column + " + ?");
        if (update.isValid()) {
            update.bindInt(1, interestingInts[in.choice(std::size(interestingInts))]);
            update.step();
        }
        break;
    }
    case 2: { // one row deleted
        Storage::Statement remove = prepare(db, "DELETE FROM " + table.name + pickedRow(table));
        if (remove.isValid()) {
            remove.bindInt(1, in.u16() % 512);
            remove.step();
        }
        break;
    }
    case 3: // every row deleted, or the table itself
        sqlite3_exec(db, ((in.byte() & 1 ? "DELETE FROM " : "DROP TABLE ") + table.name).c_str(), nullptr, nullptr, nullptr);
        break;
    case 4: { // a meta key the readers interpret
        Storage::Statement set = prepare(db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
        if (set.isValid()) {
            set.bindText(1, metaKeys[in.choice(std::size(metaKeys))]);
            bindValue(set, 2, in);
            set.step();
        }
        break;
    }
    default: // the file's own version stamps
        sqlite3_exec(db, ((in.byte() & 1 ? "PRAGMA user_version = " : "PRAGMA application_id = ") + std::to_string(std::int32_t(in.u64()))).c_str(),
            nullptr, nullptr, nullptr);
        break;
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::vector<BaseRecording> bases = loadBases();
    ByteReader in(data, size);
    const BaseRecording& base = bases[in.choice(bases.size())];
    const QString path = FuzzSupport::scratchPath(QStringLiteral("edited.ftlens"));
    FuzzSupport::removeRecording(path);
    FuzzSupport::writeFile(path, reinterpret_cast<const std::uint8_t*>(base.bytes.constData()), std::size_t(base.bytes.size()));
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
        for (int i = 0; i < maxEdits && !in.atEnd() && !base.tables.empty(); ++i)
            edit(db, base.tables, in);
    }
    sqlite3_close(db);
    FuzzSupport::queryRecording(path);
    FuzzSupport::removeRecording(path);
    return 0;
}
