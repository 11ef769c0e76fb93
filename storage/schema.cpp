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
// index on the event tables; the timeline's own index is written along with the events.

// One row per slice of a task on a CPU, written when it ends (WITHOUT ROWID, keyed by what the
// lanes look up: a CPU's slice at a time). task_busy is the task's time in its earlier slices,
// so a task's busy time up to any t is one look-up (its last slice starting at or before t).
// cpu_summary holds only dense buckets (see TimelineIndex::denseEvents): per (level, bucket) one
// row with cpu = -1 (all events of the bucket: count, type bits, first event id) and one per CPU
// with events in it (busy time, task with most time, events, type bits, task running at its end).
// timeline_cpu lists every CPU with events, so the lanes need no scan of the events to find them.
const char* const createTimelineIndexTables = R"sql(
CREATE TABLE IF NOT EXISTS main.sched_slice (
    cpu INTEGER NOT NULL, ts INTEGER NOT NULL, dur INTEGER NOT NULL, pid INTEGER NOT NULL, prio INTEGER,
    end_state INTEGER, task_busy INTEGER NOT NULL,
    PRIMARY KEY (cpu, ts)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS main.sched_slice_pid_ts ON sched_slice(pid, ts);
CREATE TABLE IF NOT EXISTS main.timeline_cpu (cpu INTEGER PRIMARY KEY);
CREATE TABLE IF NOT EXISTS main.cpu_summary (
    level INTEGER NOT NULL, bucket INTEGER NOT NULL, cpu INTEGER NOT NULL, busy_ns INTEGER, top_pid INTEGER,
    events INTEGER NOT NULL, type_mask INTEGER NOT NULL, end_pid INTEGER, first_id INTEGER,
    PRIMARY KEY (level, bucket, cpu)) WITHOUT ROWID;
)sql";

const char* const dropTimelineIndexTables = R"sql(
DROP TABLE IF EXISTS main.sched_slice;
DROP TABLE IF EXISTS main.cpu_summary;
DROP TABLE IF EXISTS main.timeline_cpu;
DELETE FROM main.meta WHERE key IN ('timeline_index', 'timeline_index_resume');
)sql";

// call_summary holds dense buckets only: depth -1 marks one (calls: those starting in it), the
// other rows are the depths with a call starting or ending in it; carry_* name the call still
// running at the bucket's end at that depth. call_task has a row per lane (task, or -2 - cpu).
const char* const createCallIndexTables = R"sql(
CREATE TABLE main.call_summary (
    pid INTEGER NOT NULL, level INTEGER NOT NULL, bucket INTEGER NOT NULL, depth INTEGER NOT NULL,
    busy_ns INTEGER, calls INTEGER NOT NULL, top_function INTEGER, carry_function INTEGER, carry_end INTEGER,
    PRIMARY KEY (pid, level, bucket, depth)) WITHOUT ROWID;
CREATE TABLE main.call_task (
    pid INTEGER PRIMARY KEY, calls INTEGER NOT NULL, max_depth INTEGER NOT NULL, busy_ns INTEGER NOT NULL,
    first_ts INTEGER NOT NULL, last_end INTEGER NOT NULL);
CREATE TABLE main.call_open_end (id INTEGER PRIMARY KEY, end_ts INTEGER NOT NULL);
)sql";

const char* const dropCallIndexTables = R"sql(
DROP TABLE IF EXISTS main.call_summary;
DROP TABLE IF EXISTS main.call_task;
DROP TABLE IF EXISTS main.call_open_end;
DELETE FROM main.meta WHERE key IN ('call_index', 'call_index_calls');
)sql";

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
