// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "invokinguser.h"

#include <vector>

namespace Recorder {

// While it lives, the calling thread's filesystem identity (fsuid, fsgid and supplementary groups)
// is the user's, so the kernel checks every path lookup, open, create, rename and unlink with that
// user's rights — directory permissions, ACLs, sticky directories, read-only mounts — and what it
// creates is the user's. The helper stays root for everything else (tracefs, signals), and other
// threads are untouched: Linux keeps these credentials per thread, and the raw setgroups system
// call is used because glibc's setgroups() would change every thread of the process.
// A thread started inside the scope inherits it (Linux copies credentials on clone): start none.
// A null user (root itself) changes nothing. Scoped to one thread; not copyable.
class FsCredentials {
public:
    explicit FsCredentials(const UserAccount* user);
    ~FsCredentials();
    FsCredentials(const FsCredentials&) = delete;
    FsCredentials& operator=(const FsCredentials&) = delete;

    // False when the switch failed: the caller must not go on as root.
    bool ok() const { return m_ok; }
    // "as USER" for messages; empty for root.
    QString asWhom() const;

private:
    const UserAccount* m_user = nullptr;
    std::vector<gid_t> m_savedGroups;
    bool m_switched = false;
    bool m_ok = true;
};

} // namespace Recorder
