// SPDX-License-Identifier: GPL-3.0-or-later
#include "peeraccess.h"

#include <QCoreApplication>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <grp.h>
#include <sys/socket.h>

namespace Service {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Service)
};

std::optional<gid_t> groupId(const QString& name)
{
    const group* entry = ::getgrnam(name.toLocal8Bit().constData());
    if (!entry)
        return std::nullopt;
    return entry->gr_gid;
}
} // namespace

Storage::Result<PeerCredentials> peerCredentials(int socketFd)
{
    ucred cred {};
    socklen_t length = sizeof cred;
    if (::getsockopt(socketFd, SOL_SOCKET, SO_PEERCRED, &cred, &length) != 0)
        return Storage::Error { Tr::tr("cannot read the peer's credentials (SO_PEERCRED): %1").arg(QString::fromLocal8Bit(std::strerror(errno))) };
    return PeerCredentials { cred.pid, cred.uid, cred.gid };
}

PeerAccess::PeerAccess(QString group)
    : m_group(std::move(group))
{
}

bool PeerAccess::groupExists() const { return groupId(m_group).has_value(); }

Storage::Result<Recorder::UserAccount> PeerAccess::admit(uid_t uid) const
{
    auto account = Recorder::accountOf(uid);
    if (!account)
        return Storage::Error { Tr::tr("uid %1 is not in the user database: %2").arg(uid).arg(account.error().message) };
    if (account->isRoot())
        return account;
    const std::optional<gid_t> gid = groupId(m_group);
    if (!gid)
        return Storage::Error { Tr::tr("%1 (uid %2) is not root, and group '%3' does not exist").arg(account->name).arg(uid).arg(m_group) };
    const bool member = account->gid == *gid || std::find(account->groups.begin(), account->groups.end(), *gid) != account->groups.end();
    if (!member)
        return Storage::Error { Tr::tr("%1 (uid %2) is neither root nor a member of group '%3'").arg(account->name).arg(uid).arg(m_group) };
    return account;
}

} // namespace Service
