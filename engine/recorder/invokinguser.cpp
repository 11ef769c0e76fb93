// SPDX-License-Identifier: GPL-3.0-or-later
#include "invokinguser.h"

#include <QCoreApplication>
#include <QFile>

#include <algorithm>
#include <cerrno>
#include <grp.h>
#include <pwd.h>
#include <unistd.h>

namespace Recorder {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Recorder)
};

constexpr uid_t unsetLoginUid = uid_t(-1);

std::optional<QString> environment(const char* name)
{
    if (!qEnvironmentVariableIsSet(name))
        return std::nullopt;
    return qEnvironmentVariable(name);
}

std::optional<uid_t> parseId(const QString& text)
{
    bool ok = false;
    const qulonglong value = text.toULongLong(&ok, 10);
    if (!ok || value >= unsetLoginUid || text.startsWith(QLatin1Char('+')))
        return std::nullopt;
    return uid_t(value);
}

// The real uid in a /proc/PID/status ("Uid:\treal\teffective\tsaved\tfs").
std::optional<uid_t> realUidOf(pid_t pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith("Uid:"))
            return parseId(QString::fromLatin1(line.mid(4).simplified().split(' ').value(0)));
    }
    return std::nullopt;
}

// An environment claim as a uid, or an error naming the variable.
Storage::Result<std::optional<uid_t>> claimed(const char* name, const std::optional<QString>& text)
{
    if (!text)
        return std::optional<uid_t>();
    const std::optional<uid_t> uid = parseId(*text);
    if (!uid)
        return Storage::Error { Tr::tr("%1='%2' is not a user id").arg(QLatin1String(name), *text) };
    return uid;
}

Storage::Status checkSudoNames(const UserAccount& account, const CallerFacts& facts)
{
    if (facts.sudoUser && *facts.sudoUser != account.name)
        return Storage::Error { Tr::tr("SUDO_USER='%1' is not the invoking user %2 (uid %3)")
                                    .arg(*facts.sudoUser, account.name)
                                    .arg(account.uid) };
    if (!facts.sudoGid)
        return {};
    const std::optional<uid_t> gid = parseId(*facts.sudoGid);
    const bool member = gid && (gid_t(*gid) == account.gid
                                   || std::find(account.groups.begin(), account.groups.end(), gid_t(*gid)) != account.groups.end());
    if (!member)
        return Storage::Error { Tr::tr("SUDO_GID='%1' is not a group of the invoking user %2").arg(*facts.sudoGid, account.name) };
    return {};
}
} // namespace

CallerFacts readCallerFacts()
{
    CallerFacts facts;
    const pid_t parent = ::getppid();
    facts.parentUid = realUidOf(parent);
    // A parent that ended meanwhile may have had its pid reused: then nothing is known of it.
    if (::getppid() != parent)
        facts.parentUid.reset();
    QFile login(QStringLiteral("/proc/self/loginuid"));
    if (login.open(QIODevice::ReadOnly)) {
        const std::optional<uid_t> uid = parseId(QString::fromLatin1(login.readAll().trimmed()));
        if (uid && *uid != unsetLoginUid)
            facts.loginUid = uid;
    }
    facts.sudoUid = environment("SUDO_UID");
    facts.sudoGid = environment("SUDO_GID");
    facts.sudoUser = environment("SUDO_USER");
    facts.pkexecUid = environment("PKEXEC_UID");
    return facts;
}

Storage::Result<std::optional<uid_t>> invokingUid(const CallerFacts& facts)
{
    auto sudo = claimed("SUDO_UID", facts.sudoUid);
    if (!sudo)
        return sudo.error();
    auto pkexec = claimed("PKEXEC_UID", facts.pkexecUid);
    if (!pkexec)
        return pkexec.error();
    if (*sudo && *pkexec && **sudo != **pkexec)
        return Storage::Error { Tr::tr("SUDO_UID=%1 and PKEXEC_UID=%2 name different users").arg(**sudo).arg(**pkexec) };
    const std::optional<uid_t> claim = *sudo ? *sudo : *pkexec;
    const QString claimName = *sudo ? QStringLiteral("SUDO_UID") : QStringLiteral("PKEXEC_UID");
    if (facts.parentUid && *facts.parentUid != 0) {
        // sudo keeps the user's real uid in its own process, pkexec execs the helper from the
        // user's process: either way the parent is the caller, whatever the environment says.
        if (claim && *claim != *facts.parentUid)
            return Storage::Error { Tr::tr("%1=%2, but the helper was started by uid %3: refusing to guess who asked")
                                        .arg(claimName)
                                        .arg(*claim)
                                        .arg(*facts.parentUid) };
        return std::optional<uid_t>(*facts.parentUid);
    }
    if (!claim || *claim == 0)
        return std::optional<uid_t>();
    if (facts.loginUid && *facts.loginUid != 0 && *facts.loginUid != *claim)
        return Storage::Error { Tr::tr("%1=%2, but this login session belongs to uid %3 (/proc/self/loginuid): "
                                       "refusing to guess who asked")
                                    .arg(claimName)
                                    .arg(*claim)
                                    .arg(*facts.loginUid) };
    return claim;
}

Storage::Result<UserAccount> accountOf(uid_t uid)
{
    long size = ::sysconf(_SC_GETPW_R_SIZE_MAX);
    std::vector<char> buffer(size > 0 ? std::size_t(size) : 16384);
    passwd entry {};
    passwd* found = nullptr;
    int error = 0;
    while ((error = ::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found)) == ERANGE && buffer.size() < (1u << 20))
        buffer.resize(buffer.size() * 2);
    if (!found)
        return Storage::Error { Tr::tr("uid %1 has no entry in the user database").arg(uid) };
    UserAccount account { uid, entry.pw_gid, {}, QString::fromLocal8Bit(entry.pw_name), QString::fromLocal8Bit(entry.pw_dir),
        QString::fromLocal8Bit(entry.pw_shell) };
    int count = 32;
    for (;;) {
        account.groups.resize(std::size_t(count));
        int n = count;
        if (::getgrouplist(entry.pw_name, entry.pw_gid, account.groups.data(), &n) >= 0) {
            account.groups.resize(std::size_t(n));
            break;
        }
        if (n <= count || n > 65536) // NGROUPS_MAX
            return Storage::Error { Tr::tr("cannot read the groups of %1").arg(account.name) };
        count = n;
    }
    return account;
}

Storage::Result<std::optional<UserAccount>> findInvokingUser() { return invokingUser(readCallerFacts()); }

Storage::Result<std::optional<UserAccount>> invokingUser(const CallerFacts& facts)
{
    auto uid = invokingUid(facts);
    if (!uid)
        return uid.error();
    if (!*uid)
        return std::optional<UserAccount>();
    auto account = accountOf(**uid);
    if (!account)
        return account.error();
    if (Storage::Status s = checkSudoNames(*account, facts); !s)
        return s.error();
    return std::optional<UserAccount>(std::move(account.value()));
}

} // namespace Recorder
