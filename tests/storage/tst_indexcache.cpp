// SPDX-License-Identifier: GPL-3.0-or-later
// The index cache: a private directory under XDG_CACHE_HOME (mode 0700, refused when it is a
// symlink or writable by others, then a private temporary one instead), file names that change
// with the recording's identity and content, and pruning by size, age and leftovers.
#include "indexcache.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <utime.h>

using namespace Storage;

namespace {
void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), qint64(bytes.size()));
}

void setAge(const QString& path, qint64 seconds)
{
    const QDateTime when = QDateTime::currentDateTimeUtc().addSecs(-seconds);
    struct utimbuf times { when.toSecsSinceEpoch(), when.toSecsSinceEpoch() };
    QCOMPARE(::utime(QFile::encodeName(path).constData(), &times), 0);
}

mode_t modeOf(const QString& path)
{
    struct stat st {};
    (void)::lstat(QFile::encodeName(path).constData(), &st);
    return st.st_mode & 07777;
}
} // namespace

class TestIndexCache : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_home.reset(new QTemporaryDir);
        QVERIFY(m_home->isValid());
        qputenv("XDG_CACHE_HOME", QFile::encodeName(m_home->path()));
        qunsetenv("FTLENS_INDEX_CACHE_MB");
    }

    void privateDirectory()
    {
        const QString dir = IndexCache::directory();
        QCOMPARE(dir, m_home->path() + QLatin1String("/ftlens/index"));
        QCOMPARE(modeOf(dir), mode_t(0700));
        QCOMPARE(modeOf(m_home->path() + QLatin1String("/ftlens")), mode_t(0700));
    }

    void refusesSymlinkedOrSharedDirectory_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::newRow("ftlens is a symlink") << QStringLiteral("symlink");
        QTest::newRow("index writable by others") << QStringLiteral("shared");
    }

    void refusesSymlinkedOrSharedDirectory()
    {
        QFETCH(QString, setup);
        QTemporaryDir elsewhere;
        const QString ftlens = m_home->path() + QLatin1String("/ftlens");
        if (setup == QLatin1String("symlink")) {
            QVERIFY(QFile::link(elsewhere.path(), ftlens));
        } else {
            QVERIFY(QDir().mkpath(ftlens + QLatin1String("/index")));
            QVERIFY(::chmod(QFile::encodeName(ftlens + QLatin1String("/index")).constData(), 0777) == 0);
        }
        const QString dir = IndexCache::directory();
        QVERIFY(!dir.isEmpty());
        QVERIFY2(!dir.startsWith(m_home->path()), qPrintable(dir));
        QVERIFY(!dir.startsWith(elsewhere.path()));
        QCOMPARE(modeOf(dir), mode_t(0700));
        QVERIFY(QDir(elsewhere.path()).isEmpty());
    }

    void nameFollowsIdentityAndContent()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath(QStringLiteral("a.ftlens"));
        writeFile(a, QByteArray(100000, 'x'));
        const QString name = IndexCache::pathFor(a);
        QVERIFY(name.startsWith(IndexCache::directory() + QLatin1Char('/')));
        QVERIFY(name.endsWith(QLatin1String(".ftlens-index")));
        QCOMPARE(IndexCache::pathFor(a), name); // stable
        // A copy (another inode), a changed byte with the same size and time, a new time.
        const QString b = dir.filePath(QStringLiteral("b.ftlens"));
        QVERIFY(QFile::copy(a, b));
        QVERIFY(IndexCache::pathFor(b) != name);
        const QFileInfo before(a);
        {
            QFile f(a);
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(0);
            f.write("y");
        }
        struct utimbuf same { before.lastModified().toSecsSinceEpoch(), before.lastModified().toSecsSinceEpoch() };
        QCOMPARE(::utime(QFile::encodeName(a).constData(), &same), 0);
        QVERIFY(IndexCache::pathFor(a) != name);
        const QString changed = IndexCache::pathFor(a);
        setAge(a, 5);
        QVERIFY(IndexCache::pathFor(a) != changed);
        // A -wal beside it (a recording whose writer was killed) is part of what it is.
        const QString withoutWal = IndexCache::pathFor(a);
        writeFile(a + QLatin1String("-wal"), "wal");
        QVERIFY(IndexCache::pathFor(a) != withoutWal);
        QCOMPARE(IndexCache::pathFor(dir.filePath(QStringLiteral("missing.ftlens"))), QString());
    }

    void prunesBySizeAgeAndLeftovers()
    {
        const QString dir = IndexCache::directory();
        const QByteArray mib(1024 * 1024, 'i');
        QStringList files;
        for (int i = 0; i < 5; ++i) {
            files << dir + QStringLiteral("/f%1.ftlens-index").arg(i);
            writeFile(files.last(), mib);
            setAge(files.last(), 1000 - i * 100); // f0 the least recently used
        }
        const QString old = dir + QLatin1String("/old.ftlens-index");
        writeFile(old, "x");
        setAge(old, 31 * 24 * 3600);
        const QString leftover = dir + QLatin1String("/build-abc.tmp");
        writeFile(leftover, "x");
        setAge(leftover, 2 * 24 * 3600);
        const QString building = dir + QLatin1String("/build-def.tmp");
        writeFile(building, "x");
        qputenv("FTLENS_INDEX_CACHE_MB", "4"); // the five files and the small ones: 5 MiB and a few bytes
        IndexCache::touch(files[1]); // used just now
        IndexCache::prune(files[0]);
        QVERIFY(!QFile::exists(old));
        QVERIFY(!QFile::exists(leftover));
        QVERIFY(QFile::exists(building)); // a build under way
        QVERIFY(QFile::exists(files[0])); // kept: just written
        QVERIFY(QFile::exists(files[1]));
        QVERIFY(!QFile::exists(files[2]));
        QVERIFY(!QFile::exists(files[3]));
        QVERIFY(QFile::exists(files[4]));
    }

private:
    std::unique_ptr<QTemporaryDir> m_home;
};

QTEST_GUILESS_MAIN(TestIndexCache)
#include "tst_indexcache.moc"
