// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "helperexitcode.h"
#include "invokinguser.h"
#include "result.h"

#include <QString>

#include <memory>
#include <optional>
#include <sys/types.h>

namespace Recorder {

class OutputFile;

struct OutputReservation {
    std::unique_ptr<OutputFile> file; // null when refused
    HelperExit code = HelperExit::Ok;
    QString message;
};

// The recording file (-o) that the helper, as root, writes for the invoking user, made so that
// nothing that existed is lost or taken over. Every step by name is done with the user's
// filesystem identity (FsCredentials), so the kernel checks that the user may write the directory
// and follows nothing the user could not:
//  - reserve() refuses an existing file (or a -wal/-shm/-journal of that name) unless replacing
//    was asked for, and creates the file empty with O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600, keeping
//    the descriptor. When it replaces a file, the new recording is written under a fresh name
//    beside it (NAME.new-XXXXXX), and the old file stays untouched until handOver().
//  - confirmHeld() checks that SQLite's connection holds that very inode (not something put at
//    the name in between).
//  - handOver() gives the file to the user with fchown on the descriptor and, when replacing,
//    renames it over the old file (whose stale -wal/-shm go first); discard() removes only what
//    reserve() created, after a failed set-up.
// Owned by the recording's thread.
class OutputFile {
public:
    // owner: the invoking user (null: root itself); replace: --force.
    static OutputReservation reserve(const QString& path, const UserAccount* owner, bool replace);
    ~OutputFile();

    const QString& path() const { return m_path; }
    // Where SQLite writes until handOver(): the path itself, or the fresh name beside it.
    QString writingPath() const;
    bool replacesExisting() const { return m_writingName != m_name; }

    Storage::Status confirmHeld() const;
    Storage::Status handOver();
    void discard();

private:
    OutputFile() = default;
    OutputReservation create(bool replace);
    Storage::Status replaceOld();
    bool stillOurs(const QString& name) const;
    void removeCompanions(const QString& name) const;

    QString m_path;
    QString m_dir;
    QString m_name;
    QString m_writingName;
    std::optional<UserAccount> m_owner;
    int m_dirFd = -1;
    int m_fd = -1;
    dev_t m_dev = 0;
    ino_t m_ino = 0;
};

} // namespace Recorder
