// SPDX-License-Identifier: GPL-3.0-or-later
#include "testaccounts.h"

#include "helperprocess.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace KernelTest {

namespace {
const QString sudoersDir = QStringLiteral("/etc/sudoers.d");
const QString rulePrefix = QStringLiteral("ftlens-test-");

QString contents(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// The pid a test account's name carries, or 0 when it is not one.
qint64 ownerPid(const QString& name)
{
    static const QRegularExpression form(QStringLiteral("^ftl[tg]([0-9a-f]+)(-[0-9]+)?$"));
    const QRegularExpressionMatch match = form.match(name);
    return match.hasMatch() ? match.captured(1).toLongLong(nullptr, 16) : 0;
}

bool ownerAlive(qint64 pid) { return contents(QStringLiteral("/proc/%1/comm").arg(pid)).startsWith(QLatin1String("tst_")); }

// First fields of /etc/passwd or /etc/group lines.
QStringList namesIn(const QString& database)
{
    QStringList names;
    const QStringList lines = contents(database).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString& line : lines)
        names << line.section(QLatin1Char(':'), 0, 0);
    return names;
}

QString tool(const char* name)
{
    return QStandardPaths::findExecutable(QLatin1String(name), { QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin"),
                                                                  QStringLiteral("/sbin"), QStringLiteral("/bin") });
}

QString failure(const Run& run, const QString& what)
{
    return run.exitCode == 0 ? QString() : what + QStringLiteral(": ") + QString::fromUtf8(run.err + run.out).trimmed();
}
} // namespace

TestAccounts::~TestAccounts() { removeAll(); }

QString TestAccounts::unavailableReason()
{
    if (::geteuid() != 0)
        return QStringLiteral("making test users needs root, as CI runs");
    for (const char* name : { "useradd", "userdel", "groupadd", "groupdel", "runuser" }) {
        if (tool(name).isEmpty())
            return QStringLiteral("%1 is not installed").arg(QLatin1String(name));
    }
    return {};
}

void TestAccounts::removeStale()
{
    const QStringList rules = QDir(sudoersDir).entryList({ rulePrefix + QLatin1Char('*') }, QDir::Files);
    for (const QString& rule : rules) {
        const qint64 pid = ownerPid(rule.mid(rulePrefix.size()));
        if (pid > 0 && !ownerAlive(pid))
            QFile::remove(sudoersDir + QLatin1Char('/') + rule);
    }
    for (const QString& user : namesIn(QStringLiteral("/etc/passwd"))) {
        const qint64 pid = ownerPid(user);
        if (pid > 0 && !ownerAlive(pid))
            run(QStringLiteral("userdel"), { user });
    }
    for (const QString& group : namesIn(QStringLiteral("/etc/group"))) {
        const qint64 pid = ownerPid(group);
        if (pid > 0 && !ownerAlive(pid))
            run(QStringLiteral("groupdel"), { group });
    }
}

QString TestAccounts::nextName(const char* prefix, int& count) const
{
    const QString base = QStringLiteral("%1%2").arg(QLatin1String(prefix)).arg(::getpid(), 0, 16);
    return count++ == 0 ? base : QStringLiteral("%1-%2").arg(base).arg(count - 1);
}

QString TestAccounts::addGroup(QString& name)
{
    name = nextName("ftlg", m_groupCount);
    if (const QString error = failure(run(QStringLiteral("groupadd"), { QStringLiteral("--system"), name }), QStringLiteral("groupadd"));
        !error.isEmpty())
        return error;
    m_groups << name;
    return {};
}

QString TestAccounts::addUser(TestAccount& user, const QStringList& groups)
{
    user.name = nextName("ftlt", m_userCount);
    QStringList arguments { QStringLiteral("--system"), QStringLiteral("--no-create-home"), QStringLiteral("--home-dir"),
        QStringLiteral("/nonexistent/") + user.name, QStringLiteral("--shell"), QStringLiteral("/bin/sh") };
    if (!groups.isEmpty())
        arguments << QStringLiteral("--groups") << groups.join(QLatin1Char(','));
    if (const QString error = failure(run(QStringLiteral("useradd"), arguments << user.name), QStringLiteral("useradd")); !error.isEmpty())
        return error;
    m_users << user.name;
    const passwd* entry = ::getpwnam(user.name.toLatin1().constData());
    if (!entry)
        return QStringLiteral("%1 was added but is not in the user database").arg(user.name);
    user.uid = entry->pw_uid;
    user.gid = entry->pw_gid;
    return {};
}

QString TestAccounts::allowSudo(const TestAccount& user, const QString& program, const QString& scratchDir)
{
    if (tool("sudo").isEmpty() || tool("visudo").isEmpty())
        return QStringLiteral("sudo is not installed (packaging/build-deps.txt lists it)");
    // Checked by visudo before it goes live: a broken sudoers.d file would break sudo for everyone.
    const QString draft = scratchDir + QStringLiteral("/rule-") + user.name;
    QFile file(draft);
    if (!file.open(QIODevice::WriteOnly) || file.write(QStringLiteral("%1 ALL=(root) NOPASSWD:SETENV: %2\n").arg(user.name, program).toUtf8()) < 0)
        return QStringLiteral("cannot write %1").arg(draft);
    file.close();
    if (const QString error = failure(run(QStringLiteral("visudo"), { QStringLiteral("-cf"), draft }), QStringLiteral("visudo")); !error.isEmpty())
        return error;
    const QString rule = sudoersDir + QLatin1Char('/') + rulePrefix + user.name;
    if (!QFile::copy(draft, rule) || ::chmod(QFile::encodeName(rule).constData(), 0440) != 0)
        return QStringLiteral("cannot install %1").arg(rule);
    m_rules << rule;
    return {};
}

void TestAccounts::removeAll()
{
    for (const QString& rule : std::as_const(m_rules))
        QFile::remove(rule);
    for (const QString& user : std::as_const(m_users))
        run(QStringLiteral("userdel"), { user });
    for (const QString& group : std::as_const(m_groups))
        run(QStringLiteral("groupdel"), { group });
    m_rules.clear();
    m_users.clear();
    m_groups.clear();
}

} // namespace KernelTest
