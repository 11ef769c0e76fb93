// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QString>

namespace Storage {

// Writers that must not leave a half-written file where the user asked for one (imports,
// exports) write to partialPath(output) and put it in place with replaceWithPartial() once it is
// complete, or remove it with removeRecordingFiles(). Any thread.

// Where a writer writes output until it is complete: output + ".part".
QString partialPath(const QString& output);
// Removes the file and SQLite's companions (-wal, -shm, -journal), those that exist.
void removeRecordingFiles(const QString& path);
// Moves the complete file at partial to output, replacing what is there (and output's SQLite
// companions first: SQLite would read a stale log into the new file). An Error names output.
Status replaceWithPartial(const QString& partial, const QString& output);

} // namespace Storage
