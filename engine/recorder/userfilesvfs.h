// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "invokinguser.h"

namespace Recorder {

// SQLite opens, creates and deletes a recording's files by name — the database, its -wal, -shm
// and -journal, and the directory it syncs — in a directory the invoking user controls, while the
// helper runs as root. This SQLite VFS wraps SQLite's own "unix" VFS and does each of those
// name-based steps with the user's filesystem identity (FsCredentials): a symlink or file the user
// planted there leads only to what the user may write anyway, a -wal or -journal that is a
// symlink is refused outright, and what SQLite creates belongs to the user. Reads and writes
// through open descriptors pass straight through, at no cost.
//
// Installed as SQLite's default VFS for the whole process (every connection, on any thread, also
// those the storage library opens after the recording), so call it once before any database is
// opened. Calling it again replaces the user.
Storage::Status useUserFilesVfs(const UserAccount& user);
// Back to SQLite's own default VFS (for tests).
void stopUserFilesVfs();

} // namespace Recorder
