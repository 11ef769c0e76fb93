// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "schema.h"
#include "sqlitedb.h"
#include "stringinterner.h"
#include "timelineindexer.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace Storage {

struct FieldSpec {
    std::string name;
    std::string cType;
    Schema::FieldStorage storage = Schema::FieldStorage::Int;
    int size = 0;
};

struct EventTypeSpec {
    std::string system;
    std::string name;
    std::string kind; // tracepoint, uprobe, uretprobe, kprobe, kretprobe, ...
    int kernelId = -1;
    std::string definition; // the probe definition written to the kernel, for dynamic events
    std::string format;     // the kernel's format file text
    std::vector<FieldSpec> fields;
};

struct CpuStats {
    int cpu = 0;
    std::int64_t entries = 0;
    std::int64_t overrun = 0;
    std::int64_t commitOverrun = 0;
    std::int64_t droppedEvents = 0;
    std::int64_t readEvents = 0;
    std::int64_t bytes = 0;
    std::int64_t missedEvents = 0;
    // Pages the recorder found corrupt and dropped whole or from their first unreadable record
    // on; each lost at least one event.
    std::int64_t droppedPages = 0;
};

// How a recording file is written until finish().
enum class WriteMode {
    // WAL and a commit at every commit(): a process killed at any point leaves a valid file with
    // everything committed (the recorder: the helper may be killed, the disk may fill up).
    Durable,
    // No journal and an exclusive lock: each page is written once, straight into the file. A
    // process killed or a write failing before finish() leaves a broken file, so only for writers
    // that delete the file on failure and have nothing to keep (importers, generators).
    Bulk,
};

// What create() does with the file at its path.
enum class ExistingFile {
    Replace, // remove whatever is there (and its -wal/-shm/-journal), create it anew
    // Write into the empty file the caller created (O_EXCL) and checked: nothing is removed or
    // created at that name, and a missing file is an error (the helper's output, outputfile.h).
    UseEmpty,
};

// Writes one recording file. Events must be appended in timestamp order (ids follow time).
// The timeline index (TimelineIndexer) is written along with them, in the same transactions,
// unless the writer is created without it: a finished recording opens without building one, and
// one killed mid-way has a resume point for the rest (meta timeline_index_resume).
// In WriteMode::Durable, everything appended is durable after the next commit(); a process killed
// in between leaves a valid file holding everything up to the last commit, with meta
// 'complete' = 0. Rows are inserted in batches, so an error may come from a later endEvent() than
// the event it concerns, and at the latest from commit().
// Owned by one thread (the recorder's writer thread or an importer's worker).
class RecordingWriter {
public:
    // Creates (or replaces) the file at path with an empty recording.
    // timelineIndex: false leaves the index to the first open (synth --no-index, tests of that path).
    static Result<std::unique_ptr<RecordingWriter>> create(const QString& path, WriteMode mode = WriteMode::Durable,
        ExistingFile existing = ExistingFile::Replace, bool timelineIndex = true);
    ~RecordingWriter();

    Status setMeta(std::string_view key, std::string_view value);
    // Registers an event type and creates its field table; returns the type id for events.
    Result<int> addEventType(const EventTypeSpec& spec);

    // Appending one event: begin, set the fields that have values (others stay NULL), end.
    void beginEvent(int typeId, std::int64_t ts, int cpu, int pid, int flags, int preemptCount);
    void setInt(int field, std::int64_t value) { m_current->rows.setInt(field + 1, value); }
    void setText(int field, std::string_view text) { m_current->rows.setInt(field + 1, intern(text)); }
    void setBlob(int field, std::string_view bytes) { m_current->rows.setBlob(field + 1, bytes); }
    Status endEvent();

    std::int64_t intern(std::string_view text) { return m_failed ? 0 : m_strings.intern(text); }
    Status setTask(int pid, int tgid, std::string_view comm);
    Status setCpuStats(const CpuStats& stats);
    // Records an input line an importer could not read (table import_issue, created on first use).
    Status addImportIssue(std::int64_t line, std::string_view text, std::string_view reason);

    // One frame of the kernel (user = false) or user stack of event eventId (table stack_frame,
    // created on first use); depth 0 is the innermost frame. stackId: the event that carried the
    // frames (0: none); no address or an empty name stays NULL. Batched like events.
    struct StackFrame {
        std::int64_t eventId = 0;
        bool user = false;
        int depth = 0;
        std::int64_t stackId = 0;
        std::optional<std::uint64_t> address;
        std::string_view name;
    };
    Status addStackFrame(const StackFrame& frame);

    // Makes everything appended so far durable and starts a new transaction.
    Status commit();
    // Builds the indexes, sets 'complete' = 1 and leaves a single self-contained file.
    Status finish();

    std::int64_t eventCount() const { return m_nextEventId - 1; }
    std::int64_t lastTimestamp() const { return m_lastTs; }
    const QString& path() const { return m_db.path(); }

private:
    struct TypeWriter {
        BatchInsert rows; // event_id, then the fields
        int fieldCount = 0;
    };
    // Where sched_switch's fields are in its row, for the timeline index.
    struct SwitchColumns {
        int prevState = -1;
        int nextPid = -1;
        int nextPrio = -1;
    };

    RecordingWriter(Database db, WriteMode mode);
    static Result<std::unique_ptr<RecordingWriter>> open(
        const QString& path, WriteMode mode, Database::Mode openMode, bool timelineIndex);
    Status initialise(bool timelineIndex);
    void noteSwitchType(int typeId, const EventTypeSpec& spec);
    Status indexEvent();
    Status check(int rc, const char* what);
    Status stoppedError() const;
    Status flushRows();
    bool eventIdsInStep(std::int64_t lastId) const;
    Status eventIdsError(std::int64_t lastId);

    Database m_db;
    WriteMode m_mode = WriteMode::Durable;
    StringInterner m_strings;
    BatchInsert m_events; // without the id: SQLite's next rowid is the event id (see eventIdsInStep)
    Statement m_metaUpsert;
    Statement m_taskUpsert;
    Statement m_cpuStatsUpsert;
    Statement m_importIssueInsert; // prepared by the first addImportIssue()
    BatchInsert m_stackFrames;     // prepared by the first addStackFrame()
    bool m_hasStackFrames = false;
    std::vector<std::unique_ptr<TypeWriter>> m_types; // indexed by type id
    TypeWriter* m_current = nullptr;
    int m_currentType = 0;
    int m_currentPid = 0;
    int m_currentCpu = 0;
    std::unique_ptr<TimelineIndexer> m_indexer;
    SwitchColumns m_switch;
    std::int64_t m_nextEventId = 1;
    // Kept as events are appended and stored at finish, so opening a big file needs no scan.
    std::vector<std::int64_t> m_countByType;
    std::unordered_set<int> m_pids;
    int m_lastPid = -1; // most events repeat the previous event's task
    std::int64_t m_lastTs = 0;
    bool m_inTransaction = false;
    bool m_failed = false;
};

} // namespace Storage
