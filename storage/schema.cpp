// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema.h"

namespace Storage::Schema {

// Event ids are assigned in timestamp order (the recorder merges the per-CPU streams), so
// `ORDER BY id` is `ORDER BY ts` and the single-column indexes below are (column, ts) indexes.
const char* const createCoreTables = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE string (id INTEGER PRIMARY KEY, str TEXT NOT NULL UNIQUE);
CREATE TABLE event_type (
    id INTEGER PRIMARY KEY,
    system TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    kernel_id INTEGER,
    definition TEXT,
    format TEXT,
    field_table TEXT NOT NULL,
    UNIQUE (system, name));
CREATE TABLE event_field (
    type_id INTEGER NOT NULL REFERENCES event_type(id),
    ord INTEGER NOT NULL,
    name TEXT NOT NULL,
    c_type TEXT NOT NULL,
    storage TEXT NOT NULL,
    size INTEGER NOT NULL,
    PRIMARY KEY (type_id, ord)) WITHOUT ROWID;
CREATE TABLE task (pid INTEGER PRIMARY KEY, tgid INTEGER, comm_id INTEGER REFERENCES string(id));
CREATE TABLE cpu_stats (
    cpu INTEGER PRIMARY KEY,
    entries INTEGER, overrun INTEGER, commit_overrun INTEGER, dropped_events INTEGER,
    read_events INTEGER, bytes INTEGER, missed_events INTEGER, dropped_pages INTEGER);
CREATE TABLE event (
    id INTEGER PRIMARY KEY,
    ts INTEGER NOT NULL,
    cpu INTEGER NOT NULL,
    pid INTEGER NOT NULL,
    type_id INTEGER NOT NULL,
    flags INTEGER NOT NULL DEFAULT 0,
    preempt_count INTEGER NOT NULL DEFAULT 0);
CREATE VIEW events AS
    SELECT e.id, e.ts, e.cpu, e.pid, s.str AS comm, t.system || ':' || t.name AS event
    FROM event e JOIN event_type t ON t.id = e.type_id
    LEFT JOIN task k ON k.pid = e.pid LEFT JOIN string s ON s.id = k.comm_id;
)sql";

// Queries by time use the id order; queries by event type read that type's field table (its
// rowids are the event ids of that type, in time order). So a finished recording needs no
// index of its own; views that need more (per task, per CPU summaries) build it on first open,
// which keeps finishing a recording as cheap as the recording itself.
const char* const createIndexes = "";

// Only imports have it, and only when some line was not read: `line` is 1-based in the input file,
// `text` the line as read (cut to a bounded length), `reason` why it was not imported.
const char* const createImportIssueTable
    = "CREATE TABLE IF NOT EXISTS import_issue (line INTEGER NOT NULL, text TEXT NOT NULL, reason TEXT NOT NULL);";

std::string_view storageName(FieldStorage storage)
{
    switch (storage) {
    case FieldStorage::Int:
        return "int";
    case FieldStorage::UInt:
        return "uint";
    case FieldStorage::Text:
        return "text";
    case FieldStorage::Blob:
        return "blob";
    }
    return "blob";
}

FieldStorage storageFromName(std::string_view name)
{
    if (name == "int")
        return FieldStorage::Int;
    if (name == "uint")
        return FieldStorage::UInt;
    if (name == "text")
        return FieldStorage::Text;
    return FieldStorage::Blob;
}

} // namespace Storage::Schema
