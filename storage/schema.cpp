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

// event_id: the event the stack was taken at (for a trace.dat's or trace-cmd report's
// ftrace:kernel_stack/user_stack record, the event before it on its CPU; the record itself when
// there is none). stack_id: the ftrace:kernel_stack/user_stack event that carried the frames (NULL
// when the stack came with its event). depth 0 is the innermost frame (where the event fired),
// then its callers. addr: the frame's address, a u64 as its int64 bit pattern (NULL when the
// source printed only a name); name_id: its symbol as the source named it (NULL when unknown).
const char* const createStackFrameTable = R"sql(
CREATE TABLE IF NOT EXISTS stack_frame (
    event_id INTEGER NOT NULL,
    user INTEGER NOT NULL,
    depth INTEGER NOT NULL,
    stack_id INTEGER,
    addr INTEGER,
    name_id INTEGER REFERENCES string(id),
    PRIMARY KEY (event_id, user, depth)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS stack_frame_by_stack ON stack_frame (stack_id, depth) WHERE stack_id IS NOT NULL;
CREATE VIEW IF NOT EXISTS stack_frames AS
    SELECT f.event_id, f.user, f.depth, f.stack_id, f.addr, s.str AS name
    FROM stack_frame f LEFT JOIN string s ON s.id = f.name_id;
)sql";

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
