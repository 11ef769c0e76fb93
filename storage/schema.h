// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string_view>

namespace Storage::Schema {

// PRAGMA user_version of files this build writes; files with a higher number are refused.
constexpr int version = 1;
// PRAGMA application_id ("FTLN"), so any other SQLite file is told apart from a recording.
constexpr int applicationId = 0x46544C4E;

// Tables every recording has; per-event-type field tables are created as types are added.
extern const char* const createCoreTables;
// Indexes built once, when a recording is finished (cheaper than maintaining them per insert).
extern const char* const createIndexes;
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
