// SPDX-License-Identifier: GPL-3.0-or-later
// The helper's output file (-o): an existing file (or its -wal/-shm/-journal) is refused without
// --force, a failed set-up leaves every file as it was, --force replaces only at handOver(), the
// file SQLite writes is the inode that was created, and — as root for another user, the way sudo
// runs the helper — every step is taken with that user's rights.
#include "outputfile.h"

#include "recordingwriter.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using Recorder::HelperExit;
using Recorder::OutputFile;

namespace {
constexpr uid_t nobody = 65534;

void put(const QString& path, const QByteArray& text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

QByteArray contents(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

// Every entry of dir with what it is: "name -> target", "name/" or "name: contents".
QStringList listing(const QString& dir)
{
    QStringList lines;
    const QFileInfoList entries = QDir(dir).entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo& entry : entries) {
        if (entry.isSymLink())
            lines << entry.fileName() + QLatin1String(" -> ") + entry.symLinkTarget();
        else if (entry.isDir())
            lines << entry.fileName() + QLatin1Char('/');
        else
            lines << entry.fileName() + QLatin1String(": ") + QString::fromUtf8(contents(entry.filePath()));
    }
    return lines;
}

// Writes a small recording into the reserved file, as the helper does.
bool writeRecording(OutputFile& output)
{
    auto writer = Storage::RecordingWriter::create(output.writingPath(), Storage::WriteMode::Durable, Storage::ExistingFile::UseEmpty);
    if (!writer || !output.confirmHeld())
        return false;
    return (*writer)->setMeta("host", "test").ok() && (*writer)->finish().ok();
}

struct StatOf {
    explicit StatOf(const QString& path) { ok = ::lstat(QFile::encodeName(path).constData(), &st) == 0; }
    struct stat st {};
    bool ok = false;
};
} // namespace

class TestOutputFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void createsAFreshFile();
    void refusesWhatExists_data();
    void refusesWhatExists();
    void forceWritesBesideAndReplacesAtHandOver();
    void forceThenFailedSetUpLeavesEverything();
    void forceReplacesASymlinkNotItsTarget();
    void discardRemovesOnlyWhatItCreated();
    void confirmHeldSeesASwappedFile();
    void missingDirectory();
    void asTheUser_data();
    void asTheUser();
    void stickyDirectoryRulesAreTheUsers();

private:
    std::optional<Recorder::UserAccount> nobodyOrSkip();
};

std::optional<Recorder::UserAccount> TestOutputFile::nobodyOrSkip()
{
    if (::geteuid() != 0)
        return std::nullopt;
    auto account = Recorder::accountOf(nobody);
    return account ? std::optional(account.value()) : std::nullopt;
}

void TestOutputFile::createsAFreshFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("r.ftlens"));
    auto reserved = OutputFile::reserve(path, nullptr, false);
    QVERIFY2(reserved.file, qPrintable(reserved.message));
    QCOMPARE(reserved.file->writingPath(), path);
    QVERIFY(!reserved.file->replacesExisting());
    const StatOf st(path);
    QVERIFY(st.ok && S_ISREG(st.st.st_mode));
    QCOMPARE(st.st.st_size, off_t(0));
    QCOMPARE(st.st.st_mode & 07777, mode_t(0600));
    QVERIFY(writeRecording(*reserved.file));
    QVERIFY(reserved.file->handOver());
    QVERIFY(contents(path).startsWith("SQLite format 3"));
    QCOMPARE(listing(dir.path()).size(), 1); // no -wal, -shm or -journal left
}

void TestOutputFile::refusesWhatExists_data()
{
    QTest::addColumn<QString>("entry"); // what is at NAME (or NAME-wal, ...) before
    QTest::addColumn<QString>("kind");  // file, symlink, dir
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::addRow("the file") << QStringLiteral("old.ftlens") << QStringLiteral("file") << int(HelperExit::OutputExists)
                              << QStringLiteral("old.ftlens exists: give --force to replace it");
    QTest::addRow("its -wal") << QStringLiteral("old.ftlens-wal") << QStringLiteral("file") << int(HelperExit::OutputExists)
                              << QStringLiteral("old.ftlens-wal exists (SQLite's companion of an earlier");
    QTest::addRow("its -shm") << QStringLiteral("old.ftlens-shm") << QStringLiteral("file") << int(HelperExit::OutputExists)
                              << QStringLiteral("old.ftlens-shm exists");
    QTest::addRow("its -journal") << QStringLiteral("old.ftlens-journal") << QStringLiteral("file") << int(HelperExit::OutputExists)
                                  << QStringLiteral("old.ftlens-journal exists");
    QTest::addRow("a symlink") << QStringLiteral("old.ftlens") << QStringLiteral("symlink") << int(HelperExit::OutputExists)
                               << QStringLiteral("old.ftlens exists");
    QTest::addRow("a dangling symlink") << QStringLiteral("old.ftlens") << QStringLiteral("dangling") << int(HelperExit::OutputExists)
                                        << QStringLiteral("old.ftlens exists");
    QTest::addRow("a directory") << QStringLiteral("old.ftlens") << QStringLiteral("dir") << int(HelperExit::OutputExists)
                                 << QStringLiteral("old.ftlens exists");
}

void TestOutputFile::refusesWhatExists()
{
    QFETCH(QString, entry);
    QFETCH(QString, kind);
    QFETCH(int, code);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QTemporaryDir elsewhere;
    const QString victim = elsewhere.filePath(QStringLiteral("victim"));
    put(victim, "precious");
    const QString at = dir.filePath(entry);
    if (kind == QLatin1String("file"))
        put(at, "old contents");
    else if (kind == QLatin1String("symlink"))
        QVERIFY(QFile::link(victim, at));
    else if (kind == QLatin1String("dangling"))
        QVERIFY(QFile::link(elsewhere.filePath(QStringLiteral("nothing")), at));
    else
        QVERIFY(QDir().mkdir(at));
    const QStringList before = listing(dir.path());
    auto reserved = OutputFile::reserve(dir.filePath(QStringLiteral("old.ftlens")), nullptr, false);
    QVERIFY(!reserved.file);
    QCOMPARE(int(reserved.code), code);
    QVERIFY2(reserved.message.contains(message), qPrintable(reserved.message));
    QCOMPARE(listing(dir.path()), before);
    QCOMPARE(contents(victim), QByteArray("precious"));
    QVERIFY(!QFileInfo::exists(elsewhere.filePath(QStringLiteral("nothing"))));
}

void TestOutputFile::forceWritesBesideAndReplacesAtHandOver()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.ftlens"));
    put(path, "old recording");
    put(path + QLatin1String("-wal"), "old wal");
    put(path + QLatin1String("-shm"), "old shm");
    auto reserved = OutputFile::reserve(path, nullptr, true);
    QVERIFY2(reserved.file, qPrintable(reserved.message));
    OutputFile& output = *reserved.file;
    QVERIFY(output.replacesExisting());
    QVERIFY2(output.writingPath().startsWith(path + QLatin1String(".new-")), qPrintable(output.writingPath()));
    QVERIFY(writeRecording(output));
    QCOMPARE(contents(path), QByteArray("old recording")); // untouched until the hand-over
    QCOMPARE(contents(path + QLatin1String("-wal")), QByteArray("old wal"));
    QVERIFY(output.handOver());
    QCOMPARE(output.writingPath(), path);
    QVERIFY(contents(path).startsWith("SQLite format 3"));
    // The old file's -wal would be replayed into the new one: it went with the old file.
    QCOMPARE(listing(dir.path()).size(), 1);
}

void TestOutputFile::forceThenFailedSetUpLeavesEverything()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.ftlens"));
    put(path, "old recording");
    put(path + QLatin1String("-wal"), "old wal");
    put(path + QLatin1String("-shm"), "old shm");
    const QStringList before = listing(dir.path());
    auto reserved = OutputFile::reserve(path, nullptr, true);
    QVERIFY2(reserved.file, qPrintable(reserved.message));
    {
        auto writer = Storage::RecordingWriter::create(reserved.file->writingPath(), Storage::WriteMode::Durable,
            Storage::ExistingFile::UseEmpty);
        QVERIFY(writer.ok());
    }
    reserved.file->discard();
    QCOMPARE(listing(dir.path()), before);
}

void TestOutputFile::forceReplacesASymlinkNotItsTarget()
{
    QTemporaryDir dir;
    QTemporaryDir elsewhere;
    const QString victim = elsewhere.filePath(QStringLiteral("victim"));
    put(victim, "precious");
    const QString path = dir.filePath(QStringLiteral("r.ftlens"));
    QVERIFY(QFile::link(victim, path));
    auto reserved = OutputFile::reserve(path, nullptr, true);
    QVERIFY2(reserved.file, qPrintable(reserved.message));
    QVERIFY(writeRecording(*reserved.file));
    QVERIFY(reserved.file->handOver());
    QVERIFY(!QFileInfo(path).isSymLink());
    QVERIFY(contents(path).startsWith("SQLite format 3"));
    QCOMPARE(contents(victim), QByteArray("precious"));
}

void TestOutputFile::discardRemovesOnlyWhatItCreated()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("r.ftlens"));
    auto reserved = OutputFile::reserve(path, nullptr, false);
    QVERIFY2(reserved.file, qPrintable(reserved.message));
    // Meanwhile the name was given to another file.
    QVERIFY(QFile::rename(path, dir.filePath(QStringLiteral("moved"))));
    put(path, "someone else's");
    reserved.file->discard();
    QCOMPARE(contents(path), QByteArray("someone else's"));
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("moved"))));
}

void TestOutputFile::confirmHeldSeesASwappedFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("r.ftlens"));
    auto reserved = OutputFile::reserve(path, nullptr, false);
    QVERIFY2(reserved.file, qPrintable(reserved.message));
    QVERIFY(QFile::remove(path));
    put(path, QByteArray());
    auto writer = Storage::RecordingWriter::create(path, Storage::WriteMode::Durable, Storage::ExistingFile::UseEmpty);
    QVERIFY(writer.ok());
    const Storage::Status held = reserved.file->confirmHeld();
    QVERIFY(!held);
    QCOMPARE(held.error().message, path + QLatin1String(": the file was replaced while the recording was being created"));
}

void TestOutputFile::missingDirectory()
{
    auto reserved = OutputFile::reserve(QStringLiteral("/nonexistent/dir/x.ftlens"), nullptr, false);
    QVERIFY(!reserved.file);
    QCOMPARE(reserved.code, HelperExit::OutputError);
    QCOMPARE(reserved.message,
        QStringLiteral("/nonexistent/dir/x.ftlens: cannot create the recording: the directory /nonexistent/dir does not exist"));
}

void TestOutputFile::asTheUser_data()
{
    QTest::addColumn<bool>("dirIsTheUsers");
    QTest::addColumn<QString>("message"); // empty: created
    QTest::addRow("the user's directory") << true << QString();
    QTest::addRow("a directory only root may write") << false
                                                     << QStringLiteral("cannot create the recording: Permission denied (checked as nobody)");
}

void TestOutputFile::asTheUser()
{
    QFETCH(bool, dirIsTheUsers);
    QFETCH(QString, message);
    auto user = nobodyOrSkip();
    if (!user)
        QSKIP("needs root and the user nobody (as CI runs)");
    QTemporaryDir top;
    QVERIFY(QFile::setPermissions(top.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
            | QFileDevice::ExeOther | QFileDevice::ExeGroup));
    const QString dir = top.filePath(QStringLiteral("out"));
    QVERIFY(QDir().mkdir(dir));
    if (dirIsTheUsers)
        QCOMPARE(::chown(QFile::encodeName(dir).constData(), user->uid, user->gid), 0);
    const QString path = dir + QLatin1String("/r.ftlens");
    auto reserved = OutputFile::reserve(path, &*user, false);
    if (!message.isEmpty()) {
        QVERIFY(!reserved.file);
        QCOMPARE(reserved.code, HelperExit::OutputError);
        QVERIFY2(reserved.message.contains(message), qPrintable(reserved.message));
        QCOMPARE(listing(dir), QStringList());
        return;
    }
    QVERIFY2(reserved.file, qPrintable(reserved.message));
    QCOMPARE(StatOf(path).st.st_uid, user->uid);
    QVERIFY(reserved.file->handOver());
    QCOMPARE(StatOf(path).st.st_uid, user->uid);
}

// In a sticky directory (as /tmp) no one may replace another user's file; with --force the
// helper, acting for the user, may not either.
void TestOutputFile::stickyDirectoryRulesAreTheUsers()
{
    auto user = nobodyOrSkip();
    if (!user)
        QSKIP("needs root and the user nobody (as CI runs)");
    QTemporaryDir top;
    QVERIFY(QFile::setPermissions(top.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
            | QFileDevice::ExeOther | QFileDevice::ExeGroup));
    const QString dir = top.filePath(QStringLiteral("sticky"));
    QVERIFY(QDir().mkdir(dir));
    QCOMPARE(::chmod(QFile::encodeName(dir).constData(), 01777), 0);
    const QString path = dir + QLatin1String("/root.ftlens");
    put(path, "root's recording");
    auto reserved = OutputFile::reserve(path, &*user, true);
    QVERIFY2(reserved.file, qPrintable(reserved.message));
    QVERIFY(writeRecording(*reserved.file));
    const Storage::Status handed = reserved.file->handOver();
    QVERIFY(!handed);
    QVERIFY2(handed.error().message.contains(QLatin1String("was not replaced (Operation not permitted)")), qPrintable(handed.error().message));
    QCOMPARE(contents(path), QByteArray("root's recording"));
}

QTEST_GUILESS_MAIN(TestOutputFile)
#include "tst_outputfile.moc"
