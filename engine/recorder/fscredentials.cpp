// SPDX-License-Identifier: GPL-3.0-or-later
#include "fscredentials.h"

#include <QCoreApplication>

#include <algorithm>
#include <sys/fsuid.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace Recorder {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Recorder)
};

// This thread's supplementary groups only (see the class comment).
bool setThreadGroups(const std::vector<gid_t>& groups)
{
    return ::syscall(SYS_setgroups, groups.size(), groups.empty() ? nullptr : groups.data()) == 0;
}

// setfsuid/setfsgid return the previous value and never fail visibly; asking again with an
// invalid id reports the current one.
bool fsuidIs(uid_t uid) { return uid_t(::setfsuid(uid_t(-1))) == uid; }
bool fsgidIs(gid_t gid) { return gid_t(::setfsgid(gid_t(-1))) == gid; }
} // namespace

FsCredentials::FsCredentials(const UserAccount* user)
    : m_user(user && !user->isRoot() ? user : nullptr)
{
    if (!m_user)
        return;
    const int count = ::getgroups(0, nullptr);
    m_savedGroups.resize(std::size_t(std::max(count, 0)));
    if (count < 0 || ::getgroups(count, m_savedGroups.data()) != count) {
        m_ok = false;
        return;
    }
    m_switched = true;
    // Groups and fsgid first: changing them needs CAP_SETGID, and fsuid != 0 would not drop that,
    // but it does drop the file capabilities (CAP_DAC_OVERRIDE, ...), which is the point.
    ::setfsgid(m_user->gid);
    m_ok = setThreadGroups(m_user->groups) && fsgidIs(m_user->gid);
    ::setfsuid(m_user->uid);
    m_ok = m_ok && fsuidIs(m_user->uid);
}

FsCredentials::~FsCredentials()
{
    if (!m_switched)
        return;
    ::setfsuid(::geteuid());
    ::setfsgid(::getegid());
    (void)setThreadGroups(m_savedGroups);
}

QString FsCredentials::asWhom() const
{
    return m_user ? Tr::tr("as %1").arg(m_user->name) : QString();
}

} // namespace Recorder
