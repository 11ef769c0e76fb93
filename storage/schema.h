// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string_view>

namespace Storage::Schema {

// PRAGMA user_version of files this build writes; files with a higher number are refused.
// 2: the timeline index is written with the events (sched_slice keyed by CPU and start, sparse
// cpu_summary); version 1 files still open, their index is rebuilt into the cache.
constexpr int version = 2;
// PRAGMA application_id ("FTLN"), so any other SQLite file is told apart from a recording.
constexpr int applicationId = 0x46544C4E;

// Tables every recording has; per-event-type field tables are created as types are added.
extern const char* const createCoreTables;
// The timeline index's tables (storage/timelineindexer.h), in the connection's main schema:
// created with the core tables by RecordingWriter, or in an index cache file.
extern const char* const createTimelineIndexTables;
extern const char* const dropTimelineIndexTables;
// The call index's tables (storage/callindexbuilder.h), in the connection's main schema.
extern const char* const createCallIndexTables;
extern const char* const dropCallIndexTables;
// Lines a text import could not read (created by the first RecordingWriter::addImportIssue()).
extern const char* const createImportIssueTable;

// Kernel and user stacks of events (created by the first RecordingWriter::addStackFrame()): one
// row per frame, keyed by the event the stack belongs to. See README, "The recording file".
extern const char* const createStackFrameTable;

// How a field's values are stored in its event type's field table.
enum class FieldStorage { Int, UInt, Text, Blob };
std::string_view storageName(FieldStorage storage);
FieldStorage storageFromName(std::string_view name);

} // namespace Storage::Schema
