// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QString>

#include <optional>
#include <sys/types.h>
#include <vector>

namespace Recorder {

// A user as the system knows them: what a process needs to act as them (uid, primary group,
// supplementary groups as initgroups would set them) and to look like their login (name, home,
// shell). Plain value.
struct UserAccount {
    uid_t uid = 0;
    gid_t gid = 0;
    std::vector<gid_t> groups;
    QString name;
    QString home;
    QString shell;

    bool isRoot() const { return uid == 0; }
};

// What is known about who started the helper. The kernel's facts cannot be changed by the caller;
// the environment's claims can, so they are only believed where the kernel agrees.
struct CallerFacts {
    std::optional<uid_t> parentUid; // real uid of the parent process (sudo keeps the user's there)
    std::optional<uid_t> loginUid;  // /proc/self/loginuid (unset: 4294967295, no login session)
    std::optional<QString> sudoUid, sudoGid, sudoUser, pkexecUid; // as the environment has them
};

// The kernel's facts (the parent's /proc status, the login uid) and the environment's claims
// (SUDO_UID, SUDO_GID, SUDO_USER, PKEXEC_UID) of this process.
CallerFacts readCallerFacts();

// Whose request the helper serves, as a uid; nullopt when that is root itself (a root login or a
// root process without sudo/pkexec). A non-root parent is the caller, and a claim from the
// environment that names someone else is refused. Under a root parent (sudo run by root, a root
// shell opened with sudo -i) the environment's claim is taken, unless the login uid contradicts it.
Storage::Result<std::optional<uid_t>> invokingUid(const CallerFacts& facts);

// The account of uid from the user database, with its groups (getgrouplist).
Storage::Result<UserAccount> accountOf(uid_t uid);

// The account of invokingUid(facts), with SUDO_USER and SUDO_GID checked against it. nullopt:
// there is no invoking user other than root.
Storage::Result<std::optional<UserAccount>> invokingUser(const CallerFacts& facts);
// invokingUser() of this process.
Storage::Result<std::optional<UserAccount>> findInvokingUser();

} // namespace Recorder
