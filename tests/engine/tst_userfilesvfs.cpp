// SPDX-License-Identifier: GPL-3.0-or-later
// SQLite's name-based steps through the user-files VFS: as root for the user nobody, in a
// directory nobody controls, a planted symlink reaches nothing root-only and SQLite's -wal/-shm
// are the user's. Each case is first shown to go wrong for plain SQLite running as root, so the
// test fails if the VFS stops doing its job. Needs root (as CI runs).
#include "userfilesvfs.h"

#include "sqlitedb.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {
constexpr uid_t nobody = 65534;

void put(const QString& path, const QByteArray& text)
{
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(text);
}

QByteArray contents(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

uid_t ownerOf(const QString& path)
{
    struct stat st {};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_uid : uid_t(-1);
}

// Opens path, makes it a WAL database with one row; the connection stays open (for its -wal).
Storage::Result<Storage::Database> writeDatabase(const QString& path)
{
    auto db = Storage::Database::open(path, Storage::Database::Mode::Create);
    if (!db)
        return db.error();
    if (Storage::Status s = db->exec("PRAGMA journal_mode=WAL; CREATE TABLE t(a); INSERT INTO t VALUES(1);"); !s)
        return s.error();
    return db;
}
} // namespace

class TestUserFilesVfs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup() { Recorder::stopUserFilesVfs(); }
    void symlinkToARootFileIsNotWritten();
    void directoryTheUserCannotWrite();
    void companionsBelongToTheUser();
    void walSymlinkIsRefused();

private:
    QString usersDir(const char* name);
    QTemporaryDir m_top;
    QTemporaryDir m_rootOnly;
    std::optional<Recorder::UserAccount> m_user;
};

void TestUserFilesVfs::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("acting for another user needs root (CI runs as root)");
    auto user = Recorder::accountOf(nobody);
    if (!user)
        QSKIP("this system has no user nobody (65534)");
    m_user = user.value();
    QVERIFY(::chmod(QFile::encodeName(m_top.path()).constData(), 0755) == 0);
}

QString TestUserFilesVfs::usersDir(const char* name)
{
    const QString dir = m_top.filePath(QLatin1String(name));
    if (!QDir().mkdir(dir) || ::chown(QFile::encodeName(dir).constData(), m_user->uid, m_user->gid) != 0)
        return {};
    return dir;
}

void TestUserFilesVfs::symlinkToARootFileIsNotWritten()
{
    const QString dir = usersDir("symlink");
    const QString secret = m_rootOnly.filePath(QStringLiteral("secret"));
    const QString plain = m_rootOnly.filePath(QStringLiteral("plain"));
    put(secret, QByteArray());
    put(plain, QByteArray());
    QVERIFY(QFile::link(plain, dir + QLatin1String("/plain.ftlens")));
    QVERIFY(QFile::link(secret, dir + QLatin1String("/x.ftlens")));
    // Plain SQLite as root follows the user's symlink and writes root's file.
    QVERIFY(writeDatabase(dir + QLatin1String("/plain.ftlens")).ok());
    QVERIFY(contents(plain).startsWith("SQLite format 3"));

    QVERIFY(Recorder::useUserFilesVfs(*m_user));
    QVERIFY(!writeDatabase(dir + QLatin1String("/x.ftlens")).ok());
    QCOMPARE(contents(secret), QByteArray());
}

void TestUserFilesVfs::directoryTheUserCannotWrite()
{
    const QString rootDir = m_top.filePath(QStringLiteral("rootdir"));
    QVERIFY(QDir().mkdir(rootDir));
    QVERIFY(writeDatabase(rootDir + QLatin1String("/root.ftlens")).ok()); // root may
    QVERIFY(Recorder::useUserFilesVfs(*m_user));
    auto db = writeDatabase(rootDir + QLatin1String("/x.ftlens"));
    QVERIFY(!db.ok());
    QVERIFY2(db.error().message.contains(QLatin1String("unable to open database file")), qPrintable(db.error().message));
    QVERIFY(!QFileInfo::exists(rootDir + QLatin1String("/x.ftlens")));
}

void TestUserFilesVfs::companionsBelongToTheUser()
{
    const QString dir = usersDir("companions");
    QVERIFY(Recorder::useUserFilesVfs(*m_user));
    const QString path = dir + QLatin1String("/x.ftlens");
    auto db = writeDatabase(path);
    QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
    QCOMPARE(ownerOf(path), m_user->uid);
    QCOMPARE(ownerOf(path + QLatin1String("-wal")), m_user->uid);
    QCOMPARE(ownerOf(path + QLatin1String("-shm")), m_user->uid);
    auto count = db->prepare("SELECT count(*) FROM t");
    QVERIFY(count.ok());
    QCOMPARE(count->step(), SQLITE_ROW);
    QCOMPARE(sqlite3_column_int(count->handle(), 0), 1);
}

// SQLite itself refuses a -wal that is a symlink (O_NOFOLLOW); checked here so that it stays so.
void TestUserFilesVfs::walSymlinkIsRefused()
{
    const QString dir = usersDir("wal");
    const QString secret = m_rootOnly.filePath(QStringLiteral("walsecret"));
    put(secret, "root's");
    const QString path = dir + QLatin1String("/x.ftlens");
    QVERIFY(Recorder::useUserFilesVfs(*m_user));
    QVERIFY(writeDatabase(path).ok()); // a WAL database, closed again (its -wal folded and gone)
    QVERIFY(!QFileInfo::exists(path + QLatin1String("-wal")));
    QVERIFY(QFile::link(secret, path + QLatin1String("-wal")));
    auto db = Storage::Database::open(path, Storage::Database::Mode::ReadWrite);
    QVERIFY(db.ok());
    QVERIFY(!db->exec("INSERT INTO t VALUES(2);").ok());
    QCOMPARE(contents(secret), QByteArray("root's"));
}

QTEST_GUILESS_MAIN(TestUserFilesVfs)
#include "tst_userfilesvfs.moc"
