// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "sqlitedb.h"

#include <QString>

#include <string>

namespace Storage {

// Where an index derived from a recording (timeline index, call index) is written: the recording
// itself when it can be written, else its cache file (timelineIndexCachePath) with the recording
// attached as `src`. src receives the schema name the recording's tables are read from ("main"
// or "src"); what names the index in messages ("timeline index", "call index").
Result<Database> openIndexTarget(const QString& path, std::string& src, const QString& what);

bool isRecordingWritable(const QString& path);

} // namespace Storage
