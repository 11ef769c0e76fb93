// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "invokinguser.h"
#include "result.h"

#include <QString>

#include <sys/types.h>

namespace Service {

// Who is at the other end of a connected Unix socket, as the kernel recorded it when the peer
// connected (SO_PEERCRED): it cannot be forged by the peer.
struct PeerCredentials {
    pid_t pid = 0;
    uid_t uid = 0;
    gid_t gid = 0;
};
Storage::Result<PeerCredentials> peerCredentials(int socketFd);

// Who may use the helper's socket: root and the members of one group (default `ftlens`), as the
// user database has them (primary group or listed member), the same groups the recorded COMMAND
// gets. A missing group admits only root. Plain value, service thread.
class PeerAccess {
public:
    explicit PeerAccess(QString group);
    const QString& group() const { return m_group; }
    // Whether the group exists (else only root gets in; the helper says so when it starts).
    bool groupExists() const;

    // The account of an admitted peer; an error saying why not (for the log and the peer).
    Storage::Result<Recorder::UserAccount> admit(uid_t uid) const;

private:
    QString m_group;
};

} // namespace Service
