// SPDX-License-Identifier: GPL-3.0-or-later
// The helper's data directory (as root, as CI runs): recordings only by id, never a path; the
// directory root's alone and served by one helper; a recording a killed helper left with its
// write-ahead log made whole again.
#include "recordingstore.h"
#include "servedhelper.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

using Service::RecordingStore;

namespace {
mode_t modeOf(const QString& path)
{
    struct stat st {};
    ::lstat(QFile::encodeName(path).constData(), &st);
    return st.st_mode & 07777;
}

bool exec(sqlite3* db, const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }

qint64 count(const QString& path, const char* sql)
{
    sqlite3* db = nullptr;
    sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* statement = nullptr;
    qint64 value = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK && sqlite3_step(statement) == SQLITE_ROW)
        value = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return value;
}
} // namespace

class TestRecordingStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("the data directory must be root's: run as root, as CI does");
        QVERIFY(m_dir.isValid());
        m_recording = ServiceTest::synthRecording(m_dir.filePath(QStringLiteral("synth.ftlens")), 2000);
        QVERIFY(!m_recording.isEmpty());
    }

    void ids_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("valid");
        QTest::addRow("made by newId") << QStringLiteral("20250101-120000-a1b2c3") << true;
        QTest::addRow("parent") << QStringLiteral("../x") << false;
        QTest::addRow("parent after an id") << QStringLiteral("20250101-120000-a1b2c3/../../etc/shadow") << false;
        QTest::addRow("absolute") << QStringLiteral("/etc/shadow") << false;
        QTest::addRow("empty") << QString() << false;
        QTest::addRow("upper case") << QStringLiteral("20250101-120000-A1B2C3") << false;
        QTest::addRow("with suffix") << QStringLiteral("20250101-120000-a1b2c3.ftlens") << false;
        QTest::addRow("newline") << QStringLiteral("20250101-120000-a1b2c3\n") << false;
        QTest::addRow("short") << QStringLiteral("20250101-120000-a1b2c") << false;
    }
    void ids()
    {
        QFETCH(QString, id);
        QFETCH(bool, valid);
        QCOMPARE(RecordingStore::isValidId(id), valid);
    }

    void createsItsDirectory()
    {
        const QString dir = m_dir.filePath(QStringLiteral("fresh/recordings"));
        auto store = RecordingStore::open(dir);
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
        QCOMPARE(modeOf(dir), mode_t(0700));
        const QString id = (*store)->newId();
        QVERIFY2(RecordingStore::isValidId(id), qPrintable(id));
        QCOMPARE((*store)->pathFor(id), QFileInfo(dir).canonicalFilePath() + QLatin1Char('/') + id + QStringLiteral(".ftlens"));
    }

    void refused_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("message");
        QTest::addRow("group-writable") << QStringLiteral("groupwritable") << QStringLiteral("may be changed by others (mode 0770)");
        QTest::addRow("symlink") << QStringLiteral("symlink") << QStringLiteral("it is a symlink");
        QTest::addRow("someone else's") << QStringLiteral("foreign") << QStringLiteral("belongs to uid 65534");
        QTest::addRow("open parent") << QStringLiteral("openparent") << QStringLiteral("above the data directory, may be changed by others than root");
    }
    void refused()
    {
        QFETCH(QString, setup);
        QFETCH(QString, message);
        const QString base = m_dir.filePath(setup);
        QString dir = base + QStringLiteral("/data");
        QVERIFY(QDir().mkpath(dir));
        if (setup == QLatin1String("groupwritable")) {
            QCOMPARE(::chmod(QFile::encodeName(dir).constData(), 0770), 0);
        } else if (setup == QLatin1String("symlink")) {
            QVERIFY(QFile::link(dir, base + QStringLiteral("/link")));
            dir = base + QStringLiteral("/link");
        } else if (setup == QLatin1String("foreign")) {
            QCOMPARE(::chown(QFile::encodeName(dir).constData(), 65534, 65534), 0);
        } else {
            QCOMPARE(::chmod(QFile::encodeName(base).constData(), 0777), 0);
            QCOMPARE(::chmod(QFile::encodeName(dir).constData(), 0700), 0);
        }
        auto store = RecordingStore::open(dir);
        QVERIFY(!store);
        QVERIFY2(store.error().message.contains(message), qPrintable(store.error().message));
    }

    // One helper per directory: a second one is told who is there.
    void servedOnce()
    {
        const QString dir = m_dir.filePath(QStringLiteral("locked"));
        auto first = RecordingStore::open(dir);
        QVERIFY(first);
        auto second = RecordingStore::open(dir);
        QVERIFY(!second);
        QCOMPARE(second.error().message, QStringLiteral("another ftlens-helper serves %1").arg(dir));
        first.value().reset();
        QVERIFY(RecordingStore::open(dir));
    }

    void lookupDescribeRemove()
    {
        const QString dir = m_dir.filePath(QStringLiteral("lookup"));
        auto store = RecordingStore::open(dir);
        QVERIFY(store);
        const QString id = QStringLiteral("20250101-120000-abcdef");
        QVERIFY(QFile::copy(m_recording, (*store)->pathFor(id)));
        QCOMPARE(int((*store)->lookup(id)), int(RecordingStore::Lookup::Found));
        QCOMPARE(int((*store)->lookup(QStringLiteral("../lookup/") + id)), int(RecordingStore::Lookup::BadId));
        QCOMPARE(int((*store)->lookup(QStringLiteral("20250101-120000-000000"))), int(RecordingStore::Lookup::Missing));
        QCOMPARE((*store)->ids(), QStringList { id });
        auto info = (*store)->describe(id);
        QVERIFY(info);
        QCOMPARE(info->bytes, QFileInfo(m_recording).size());
        QVERIFY(info->complete);
        QVERIFY(!info->uid); // not made by a client: root's alone
        // A symlink or directory with an id's name is no recording, and is never followed.
        const QString link = QStringLiteral("20250101-120000-111111");
        QVERIFY(QFile::link(QStringLiteral("/etc/passwd"), (*store)->pathFor(link)));
        QVERIFY(QDir().mkdir((*store)->pathFor(QStringLiteral("20250101-120000-222222"))));
        QCOMPARE(int((*store)->lookup(link)), int(RecordingStore::Lookup::Missing));
        QVERIFY(!(*store)->openForReading(link));
        QCOMPARE(int((*store)->lookup(QStringLiteral("20250101-120000-222222"))), int(RecordingStore::Lookup::Missing));
        QVERIFY(!(*store)->remove(link));
        QVERIFY(QFileInfo::exists(QStringLiteral("/etc/passwd")));
        QFile((*store)->pathFor(id) + QStringLiteral("-shm")).open(QIODevice::WriteOnly);
        QVERIFY((*store)->remove(id));
        QVERIFY(!QFileInfo::exists((*store)->pathFor(id)));
        QVERIFY(!QFileInfo::exists((*store)->pathFor(id) + QStringLiteral("-shm")));
    }

    // A recording whose writer was killed: the database and its write-ahead log as they were at
    // that moment (copied while the writer still holds them). Settling folds the log in.
    void settlesWhatAKilledHelperLeft()
    {
        const QString dir = m_dir.filePath(QStringLiteral("orphan"));
        auto store = RecordingStore::open(dir);
        QVERIFY(store);
        const QString live = m_dir.filePath(QStringLiteral("live.ftlens"));
        QVERIFY(QFile::copy(m_recording, live));
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(QFile::encodeName(live).constData(), &db), SQLITE_OK);
        QVERIFY(exec(db, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;"));
        QVERIFY(exec(db, "INSERT INTO event(ts, cpu, pid, type_id) SELECT ts + 1, cpu, pid, type_id FROM event"));
        const QString id = QStringLiteral("20250101-120000-0a0a0a");
        QVERIFY(QFile::copy(live, (*store)->pathFor(id)));
        QVERIFY(QFile::copy(live + QStringLiteral("-wal"), (*store)->pathFor(id) + QStringLiteral("-wal")));
        sqlite3_close(db);
        const QStringList lines = (*store)->settleAll();
        QCOMPARE(lines, QStringList { QStringLiteral("recording %1 was left unfinished (a helper stopped while recording): kept, marked incomplete").arg(id) });
        QVERIFY(!QFileInfo::exists((*store)->pathFor(id) + QStringLiteral("-wal")));
        QCOMPARE(count((*store)->pathFor(id), "SELECT count(*) FROM event"), 2 * count(m_recording, "SELECT count(*) FROM event"));
        QVERIFY((*store)->settleAll().isEmpty()); // nothing left to do
    }

private:
    QTemporaryDir m_dir;
    QString m_recording;
};

QTEST_GUILESS_MAIN(TestRecordingStore)
#include "tst_recordingstore.moc"
