// SPDX-License-Identifier: GPL-3.0-or-later
// Acting as a user for file system steps: the kernel then checks with the user's uid and groups,
// creates files as the user, and it all ends with the scope — on this thread only. Needs root (as
// CI runs); the user is nobody (65534), with a supplementary group of the test's choosing.
#include "fscredentials.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <future>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using Recorder::FsCredentials;
using Recorder::UserAccount;

namespace {
constexpr gid_t extraGroup = 4242424; // no such group needs to exist for the kernel

// Creates name in dir; the errno, or 0.
int create(const QString& dir, const char* name)
{
    const int fd = ::open(QFile::encodeName(dir + QLatin1Char('/') + QLatin1String(name)).constData(),
        O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return errno;
    ::close(fd);
    return 0;
}

uid_t ownerOf(const QString& path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_uid : uid_t(-1);
}

// A directory with owner, group and mode, inside a top directory everyone may search.
QString makeDir(const QTemporaryDir& top, const char* name, uid_t owner, gid_t group, mode_t mode)
{
    const QString dir = top.filePath(QLatin1String(name));
    if (!QDir().mkdir(dir) || ::chown(QFile::encodeName(dir).constData(), owner, group) != 0
        || ::chmod(QFile::encodeName(dir).constData(), mode) != 0)
        return {};
    return dir;
}
} // namespace

class TestFsCredentials : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void userRightsInsideTheScope();
    void groupsComeFromTheAccount();
    void otherThreadsStayRoot();
    void rootChangesNothing();

private:
    QTemporaryDir m_top;
    UserAccount m_user { 65534, 65534, { 65534, extraGroup }, QStringLiteral("nobody"), QStringLiteral("/nonexistent"), {} };
};

void TestFsCredentials::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("switching to another user needs root (CI runs as root)");
    QVERIFY(::chmod(QFile::encodeName(m_top.path()).constData(), 0755) == 0);
}

void TestFsCredentials::userRightsInsideTheScope()
{
    const QString rootOnly = makeDir(m_top, "rootonly", 0, 0, 0755);
    const QString users = makeDir(m_top, "users", m_user.uid, m_user.gid, 0755);
    QVERIFY(!rootOnly.isEmpty() && !users.isEmpty());
    {
        FsCredentials as(&m_user);
        QVERIFY(as.ok());
        QCOMPARE(as.asWhom(), QStringLiteral("as nobody"));
        QCOMPARE(create(rootOnly, "a"), EACCES);
        QCOMPARE(create(users, "b"), 0);
    }
    QCOMPARE(ownerOf(users + QLatin1String("/b")), m_user.uid);
    QCOMPARE(create(rootOnly, "c"), 0); // root again
    QCOMPARE(ownerOf(rootOnly + QLatin1String("/c")), uid_t(0));
}

void TestFsCredentials::groupsComeFromTheAccount()
{
    const QString groupDir = makeDir(m_top, "group", 0, extraGroup, 0770);
    QVERIFY(!groupDir.isEmpty());
    {
        FsCredentials as(&m_user);
        QCOMPARE(create(groupDir, "member"), 0);
    }
    UserAccount outsider = m_user;
    outsider.groups = { 65534 };
    {
        FsCredentials as(&outsider);
        QCOMPARE(create(groupDir, "outsider"), EACCES);
    }
    // The helper's own groups are back.
    QCOMPARE(::getgroups(0, nullptr) >= 0, true);
    QCOMPARE(create(groupDir, "root"), 0);
}

// The helper's reader thread runs while the main thread acts for the user: it stays root. (A thread
// started inside the scope would inherit it, as Linux copies credentials on clone.)
void TestFsCredentials::otherThreadsStayRoot()
{
    const QString rootOnly = makeDir(m_top, "rootonly2", 0, 0, 0755);
    QVERIFY(!rootOnly.isEmpty());
    std::promise<void> switched;
    int fromThread = -1;
    std::thread other([&, ready = switched.get_future()]() mutable {
        ready.wait();
        fromThread = create(rootOnly, "thread");
    });
    {
        FsCredentials as(&m_user);
        QCOMPARE(create(rootOnly, "main"), EACCES);
        switched.set_value();
        other.join();
    }
    QCOMPARE(fromThread, 0);
}

void TestFsCredentials::rootChangesNothing()
{
    const QString rootOnly = makeDir(m_top, "rootonly3", 0, 0, 0700);
    UserAccount root;
    FsCredentials none(nullptr);
    FsCredentials asRoot(&root);
    QVERIFY(none.ok() && asRoot.ok());
    QCOMPARE(asRoot.asWhom(), QString());
    QCOMPARE(create(rootOnly, "x"), 0);
}

QTEST_GUILESS_MAIN(TestFsCredentials)
#include "tst_fscredentials.moc"
