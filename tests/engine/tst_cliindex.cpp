// SPDX-License-Identifier: GPL-3.0-or-later
// The real `ftlens-cli index`: writes the indexes into a recording that lacks them (a synthetic
// one written with --no-index, a schema 1 file), leaves a file that has them alone, builds into
// the index cache with --cache without touching the file, and names the file on errors.
#include "callindex.h"
#include "sqlitedb.h"
#include "timelineindex.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run cli(const QStringList& arguments, const QString& cacheHome)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CACHE_HOME"), cacheHome);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(FTLENS_BIN_DIR "/ftlens-cli"), arguments);
    if (!process.waitForFinished(120000))
        return {};
    return Run { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError()) };
}

QByteArray contents(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestCliIndex : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid() && m_cache.isValid());
        qputenv("XDG_CACHE_HOME", QFile::encodeName(m_cache.path()));
        m_plain = m_dir.filePath(QStringLiteral("plain.ftlens"));
        const Run synth = cli({ QStringLiteral("synth"), QStringLiteral("--events"), QStringLiteral("20000"), QStringLiteral("--cpus"),
                                  QStringLiteral("4"), QStringLiteral("--no-index"), QStringLiteral("-o"), m_plain },
            m_cache.path());
        QVERIFY2(synth.exitCode == 0, qPrintable(synth.err));
        QVERIFY(!Storage::hasTimelineIndex(m_plain));
    }

    void cacheLeavesTheFile()
    {
        const QString copy = m_dir.filePath(QStringLiteral("cache.ftlens"));
        QVERIFY(QFile::copy(m_plain, copy));
        const QByteArray before = contents(copy);
        const Run run = cli({ QStringLiteral("index"), QStringLiteral("--cache"), copy }, m_cache.path());
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QLatin1String("cache")), qPrintable(run.out));
        QCOMPARE(contents(copy), before);
        QVERIFY(Storage::hasTimelineIndex(copy));
        QVERIFY(!Storage::fileHasTimelineIndex(copy));
    }

    void writesIntoTheFile()
    {
        const QString copy = m_dir.filePath(QStringLiteral("into.ftlens"));
        QVERIFY(QFile::copy(m_plain, copy));
        const qint64 before = QFileInfo(copy).size();
        const Run run = cli({ QStringLiteral("index"), copy }, m_cache.path());
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QLatin1String("written into the file")), qPrintable(run.out));
        QVERIFY(Storage::fileHasTimelineIndex(copy));
        QVERIFY(QFileInfo(copy).size() > before);
        const QByteArray indexed = contents(copy);
        const Run again = cli({ QStringLiteral("index"), copy }, m_cache.path());
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains(QLatin1String("already")), qPrintable(again.out));
        QCOMPARE(contents(copy), indexed);
    }

    void schemaOneFileBecomesVersionTwo()
    {
        const QString copy = m_dir.filePath(QStringLiteral("old.ftlens"));
        QVERIFY(QFile::copy(m_plain, copy));
        {
            auto db = Storage::Database::open(copy, Storage::Database::Mode::ReadWrite);
            QVERIFY(db->exec("PRAGMA user_version = 1").ok());
        }
        const Run run = cli({ QStringLiteral("index"), copy }, m_cache.path());
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        auto db = Storage::Database::open(copy, Storage::Database::Mode::ReadOnly);
        QCOMPARE(*db->queryInt("PRAGMA user_version"), std::int64_t(2));
        QVERIFY(Storage::fileHasTimelineIndex(copy));
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing file") << QStringList { QStringLiteral("index"), QStringLiteral("/nonexistent/x.ftlens") } << 1
                                      << QStringLiteral("/nonexistent/x.ftlens: no such file");
        QTest::newRow("no file") << QStringList { QStringLiteral("index") } << 2 << QStringLiteral("exactly one FILE");
        QTest::newRow("unknown option") << QStringList { QStringLiteral("index"), QStringLiteral("--bogus"), QStringLiteral("x") } << 2
                                        << QStringLiteral("bogus");
    }

    void errors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run run = cli(arguments, m_cache.path());
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_cache;
    QString m_plain;
};

QTEST_GUILESS_MAIN(TestCliIndex)
#include "tst_cliindex.moc"
