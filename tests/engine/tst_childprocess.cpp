// SPDX-License-Identifier: GPL-3.0-or-later
// The COMMAND of `record -- COMMAND`: held until released, run as the given user (uid, gid and
// groups, real, effective and saved alike), with a clean environment and looked up in the safe
// PATH, never the caller's; no descriptor of the helper's reaches it. The user cases need root
// (as CI runs); the user is nobody (65534).
#include "childprocess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using Recorder::ChildProcess;
using Recorder::UserAccount;

namespace {
constexpr gid_t extraGroup = 4242424;

// Spawns, releases and waits for command; its exit status, or -1.
int runToEnd(const QStringList& command, const UserAccount& runAs, QString* releaseError = nullptr)
{
    auto child = ChildProcess::spawnHeld(command, runAs);
    if (!child)
        return -1;
    if (Storage::Status s = (*child)->release(); !s) {
        if (releaseError)
            *releaseError = s.error().message;
    }
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 20000) {
        if (auto status = (*child)->poll())
            return *status;
        QThread::msleep(10);
    }
    (*child)->terminate();
    return -1;
}

QStringList linesOf(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return { QStringLiteral("<no file>") };
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

UserAccount self()
{
    auto account = Recorder::accountOf(::geteuid());
    return account ? account.value() : UserAccount {};
}
} // namespace

class TestChildProcess : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void runsAsTheUser();
    void cleanEnvironment();
    void lookedUpInTheSafePath();
    void helperDescriptorsStayBehind();

private:
    QTemporaryDir m_top;
};

void TestChildProcess::initTestCase() { QVERIFY(::chmod(QFile::encodeName(m_top.path()).constData(), 0755) == 0); }

void TestChildProcess::runsAsTheUser()
{
    if (::geteuid() != 0)
        QSKIP("running a command as another user needs root (CI runs as root)");
    auto nobody = Recorder::accountOf(65534);
    if (!nobody)
        QSKIP("this system has no user nobody (65534)");
    UserAccount user = nobody.value();
    user.groups = { user.gid, extraGroup };
    const QString dir = m_top.filePath(QStringLiteral("ids"));
    QVERIFY(QDir().mkdir(dir));
    QCOMPARE(::chown(QFile::encodeName(dir).constData(), user.uid, user.gid), 0);
    const QString out = dir + QLatin1String("/out");
    const QString script = QStringLiteral("{ id -u; id -g; id -G; echo \"$HOME\"; } > '%1'; "
                                          "grep -E '^(Uid|Gid):' /proc/self/status > '%1.status'")
                               .arg(out);
    const int status = runToEnd({ QStringLiteral("sh"), QStringLiteral("-c"), script }, user);
    QCOMPARE(status, 0);
    QCOMPARE(linesOf(out), QStringList({ QStringLiteral("65534"), QString::number(user.gid),
                               QStringLiteral("%1 %2").arg(user.gid).arg(extraGroup), user.home }));
    const QString u = QStringLiteral("65534");
    const QString g = QString::number(user.gid);
    QCOMPARE(linesOf(out + QLatin1String(".status")),
        QStringList({ QStringLiteral("Uid:\t%1\t%1\t%1\t%1").arg(u), QStringLiteral("Gid:\t%1\t%1\t%1\t%1").arg(g) }));
}

void TestChildProcess::cleanEnvironment()
{
    const QString out = m_top.filePath(QStringLiteral("env"));
    qputenv("FTLENS_TEST_SECRET", "leaked");
    qputenv("LD_LIBRARY_PATH", "/nonexistent/ftlens");
    qputenv("LANG", "C.UTF-8");
    const UserAccount me = self();
    const int status = runToEnd({ QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("env | sort > '%1'").arg(out) }, me);
    qunsetenv("FTLENS_TEST_SECRET");
    qunsetenv("LD_LIBRARY_PATH");
    QCOMPARE(status, 0);
    QStringList lines = linesOf(out);
    lines.removeIf([](const QString& line) { return line.startsWith(QLatin1String("PWD=")) || line.startsWith(QLatin1String("SHLVL=")) || line.startsWith(QLatin1String("OLDPWD="))
                                                || line.startsWith(QLatin1String("_=")); }); // the shell's own
    QStringList expected = ChildProcess::environmentFor(me);
    expected.sort();
    QCOMPARE(lines, expected);
    QVERIFY(expected.contains(QStringLiteral("LANG=C.UTF-8")));
    QVERIFY(expected.contains(QStringLiteral("HOME=") + me.home));
    QVERIFY(expected.contains(QStringLiteral("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")));
    for (const QString& line : std::as_const(lines))
        QVERIFY2(!line.startsWith(QLatin1String("FTLENS_TEST_SECRET")) && !line.startsWith(QLatin1String("LD_")), qPrintable(line));
}

// A caller's PATH never chooses the program: a "sh" planted first in it is not run.
void TestChildProcess::lookedUpInTheSafePath()
{
    const QString evil = m_top.filePath(QStringLiteral("evil"));
    QVERIFY(QDir().mkdir(evil));
    const QString marker = m_top.filePath(QStringLiteral("which"));
    for (const char* name : { "sh", "ftlens-only-in-the-callers-path" }) {
        QFile script(evil + QLatin1Char('/') + QLatin1String(name));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(QStringLiteral("#!/bin/sh\necho planted > '%1'\n").arg(marker).toUtf8());
        script.close();
        QVERIFY(script.setPermissions(QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther | QFileDevice::ExeOther));
    }
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", QFile::encodeName(evil) + ':' + path);
    const int status = runToEnd({ QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo real > '%1'").arg(marker) }, self());
    QString error;
    const int missing = runToEnd({ QStringLiteral("ftlens-only-in-the-callers-path") }, self(), &error);
    qputenv("PATH", path);
    QCOMPARE(status, 0);
    QCOMPARE(linesOf(marker), QStringList { QStringLiteral("real") });
    QCOMPARE(missing, 127);
    QCOMPARE(error, QStringLiteral("cannot run 'ftlens-only-in-the-callers-path': not found in "
                                   "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin (the PATH commands are looked up "
                                   "in; give a path to run another one)"));
}

void TestChildProcess::helperDescriptorsStayBehind()
{
    const QString file = m_top.filePath(QStringLiteral("open"));
    const int fd = ::open(QFile::encodeName(file).constData(), O_RDWR | O_CREAT, 0600); // no O_CLOEXEC
    QVERIFY(fd >= 0);
    QVERIFY(::dup2(fd, 100) == 100);
    const QString out = m_top.filePath(QStringLiteral("fds"));
    const int status = runToEnd({ QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                                    QStringLiteral("ls /proc/$$/fd > '%1'").arg(out) },
        self());
    ::close(100);
    ::close(fd);
    QCOMPARE(status, 0);
    const QStringList fds = linesOf(out);
    QVERIFY2(!fds.contains(QStringLiteral("100")) && !fds.contains(QString::number(fd)), qPrintable(fds.join(QLatin1Char(' '))));
}

QTEST_GUILESS_MAIN(TestChildProcess)
#include "tst_childprocess.moc"
