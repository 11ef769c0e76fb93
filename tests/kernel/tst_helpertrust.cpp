// SPDX-License-Identifier: GPL-3.0-or-later
// The helper grants nothing beyond recording, tried the way it is given out: a system user made
// for the test (useradd, removed again even after a crash of an earlier run) runs it through real
// sudo (a sudoers.d rule for that user and this helper only). Checked: the COMMAND runs as that
// user with their groups, home and a clean environment, as root only with --run-as-root; -o is
// created only where the user may write, follows no planted symlink, never costs an existing file
// (a typo'd event, a failed start) and replaces one only with --force after the recording
// started; --tracefs takes only the kernel's tracefs; a uprobe path with "%1"/"%2" in it probes
// exactly that file.
#include "helperprocess.h"

#include "helperexitcode.h"
#include "recordingreader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace KernelTest;
using Recorder::HelperExit;

namespace {
const QString sudoersDir = QStringLiteral("/etc/sudoers.d");
const QString rulePrefix = QStringLiteral("ftlens-test-");

QByteArray contents(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

void put(const QString& path, const QByteArray& text)
{
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(text);
}

struct stat statOf(const QString& path)
{
    struct stat st {};
    ::lstat(QFile::encodeName(path).constData(), &st);
    return st;
}

// "name: contents" (or "name -> target") for every entry: what a failed run must leave alone.
QStringList listing(const QString& dir)
{
    QStringList lines;
    const QFileInfoList entries = QDir(dir).entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo& entry : entries)
        lines << entry.fileName() + (entry.isSymLink() ? QLatin1String(" -> ") + entry.symLinkTarget()
                                                       : QLatin1String(": ") + QString::fromLatin1(contents(entry.filePath()).toHex()));
    return lines;
}

QString meta(const QString& file, const char* key)
{
    auto reader = Storage::RecordingReader::open(file);
    return reader ? reader.value()->meta().value(QLatin1String(key)) : QStringLiteral("<%1>").arg(reader.error().message);
}

// Users and rules of earlier runs whose test process is gone (it crashed before its cleanup).
void removeStaleUsers()
{
    const QStringList rules = QDir(sudoersDir).entryList({ rulePrefix + QLatin1Char('*') }, QDir::Files);
    for (const QString& rule : rules) {
        const QString user = rule.mid(rulePrefix.size());
        const qint64 pid = user.mid(4).toLongLong(nullptr, 16);
        if (contents(QStringLiteral("/proc/%1/comm").arg(pid)).trimmed() == "tst_helpertrust")
            continue;
        QFile::remove(sudoersDir + QLatin1Char('/') + rule);
        run(QStringLiteral("userdel"), { user });
    }
}
} // namespace

class TestHelperTrust : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void commandRunsAsTheInvokingUser();
    void rootOnlyWithRunAsRoot();
    void forgedEnvironmentGivesNoRoot();
    void outputOnlyWhereTheUserMayWrite();
    void plantedSymlinkIsNotFollowed();
    void typoNeverCostsTheOldRecording_data();
    void typoNeverCostsTheOldRecording();
    void forceReplacesOnceRecording();
    void tracefsMustBeTheKernels();
    void uprobePathIsTakenLiterally();

private:
    // ftlens-helper record ARGUMENTS, run by the test user through sudo (with VARIABLES set
    // through sudo, as its SETENV tag allows).
    Run asUser(const QStringList& arguments, const QStringList& variables = {});
    QString usersDir(const QString& name);

    QTemporaryDir m_dir;
    QString m_user;
    QString m_rule;
    uid_t m_uid = 0;
    gid_t m_gid = 0;
    bool m_created = false;
    int m_typoRuns = 0;
};

void TestHelperTrust::initTestCase()
{
    if (const QString reason = skipReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    for (const char* tool : { "sudo", "useradd", "userdel", "runuser", "visudo" }) {
        if (QStandardPaths::findExecutable(QLatin1String(tool), { QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin"),
                                                                   QStringLiteral("/sbin"), QStringLiteral("/bin") })
                .isEmpty())
            QSKIP(qPrintable(QStringLiteral("%1 is not installed (packaging/build-deps.txt lists sudo)").arg(QLatin1String(tool))));
    }
    QVERIFY(m_dir.isValid());
    QCOMPARE(::chmod(QFile::encodeName(m_dir.path()).constData(), 0755), 0);
    removeStaleUsers();
    m_user = QStringLiteral("ftlt%1").arg(::getpid(), 0, 16);
    const Run added = run(QStringLiteral("useradd"), { QStringLiteral("--system"), QStringLiteral("--no-create-home"),
                                                         QStringLiteral("--home-dir"), QStringLiteral("/nonexistent/") + m_user,
                                                         QStringLiteral("--shell"), QStringLiteral("/bin/sh"), QStringLiteral("--groups"),
                                                         QStringLiteral("users"), m_user });
    QVERIFY2(added.exitCode == 0, added.err.constData());
    m_created = true;
    const passwd* entry = ::getpwnam(m_user.toLatin1().constData());
    QVERIFY(entry);
    m_uid = entry->pw_uid;
    m_gid = entry->pw_gid;
    // Checked by visudo before it goes live: a broken sudoers.d file would break sudo for everyone.
    const QString draft = m_dir.filePath(QStringLiteral("rule"));
    put(draft, QStringLiteral("%1 ALL=(root) NOPASSWD:SETENV: %2\n").arg(m_user, binary(QStringLiteral("ftlens-helper"))).toUtf8());
    const Run checked = run(QStringLiteral("visudo"), { QStringLiteral("-cf"), draft });
    QVERIFY2(checked.exitCode == 0, checked.out.constData());
    m_rule = sudoersDir + QLatin1Char('/') + rulePrefix + m_user;
    QVERIFY(QFile::copy(draft, m_rule));
    QCOMPARE(::chmod(QFile::encodeName(m_rule).constData(), 0440), 0);
}

void TestHelperTrust::cleanupTestCase()
{
    if (!m_rule.isEmpty())
        QFile::remove(m_rule);
    if (m_created)
        run(QStringLiteral("userdel"), { m_user });
    removeLeftovers();
}

Run TestHelperTrust::asUser(const QStringList& arguments, const QStringList& variables)
{
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.start(QStringLiteral("runuser"), QStringList { QStringLiteral("-u"), m_user, QStringLiteral("--"), QStringLiteral("sudo"),
                                                 QStringLiteral("-n") }
            + variables + QStringList { binary(QStringLiteral("ftlens-helper")), QStringLiteral("record") } + arguments);
    Run result;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        result.err = "timed out";
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QString TestHelperTrust::usersDir(const QString& name)
{
    const QString dir = m_dir.filePath(name);
    if (!QDir().mkdir(dir) || ::chown(QFile::encodeName(dir).constData(), m_uid, m_gid) != 0)
        return {};
    return dir;
}

void TestHelperTrust::commandRunsAsTheInvokingUser()
{
    const QString dir = usersDir(QStringLiteral("ids"));
    const QString file = dir + QLatin1String("/ids.ftlens");
    const Run helper = asUser({ QStringLiteral("-e"), QStringLiteral("sched:sched_process_exec"), QStringLiteral("-o"), file,
                                  QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                                  QStringLiteral("id -u; id -g; id -G; echo \"$HOME\"; echo \"$PATH\"; echo \"${FTLENS_LEAK-unset}\"; "
                                                 "echo \"${SUDO_UID-unset}\"; grep '^Uid:' /proc/self/status") },
        { QStringLiteral("FTLENS_LEAK=1") });
    QVERIFY2(helper.exitCode == 0, helper.err.constData());
    const gid_t users = ::getgrnam("users")->gr_gid;
    const QString uid = QString::number(m_uid);
    QCOMPARE(QString::fromUtf8(helper.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts),
        QStringList({ uid, QString::number(m_gid), QStringLiteral("%1 %2").arg(m_gid).arg(users), QStringLiteral("/nonexistent/") + m_user,
            QStringLiteral("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), QStringLiteral("unset"), QStringLiteral("unset"),
            QStringLiteral("Uid:\t%1\t%1\t%1\t%1").arg(uid) }));
    QVERIFY2(helper.err.contains(QStringLiteral("'sh' runs as %1 (uid %2)").arg(m_user, uid).toUtf8()), helper.err.constData());
    QCOMPARE(meta(file, "command_uid"), uid);
    QCOMPARE(meta(file, "command_user"), m_user);
    const struct stat st = statOf(file);
    QCOMPARE(st.st_uid, m_uid);
    QCOMPARE(st.st_mode & 0777, mode_t(0600));
    QCOMPARE(listing(dir).size(), 1); // no -wal, -shm or -journal left, none of them root's
}

void TestHelperTrust::rootOnlyWithRunAsRoot()
{
    const QString file = usersDir(QStringLiteral("root")) + QLatin1String("/root.ftlens");
    const Run helper = asUser({ QStringLiteral("-e"), QStringLiteral("sched:sched_process_exec"), QStringLiteral("-o"), file,
        QStringLiteral("--run-as-root"), QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("id -u") });
    QVERIFY2(helper.exitCode == 0, helper.err.constData());
    QCOMPARE(helper.out.trimmed(), QByteArray("0"));
    QVERIFY2(helper.err.contains(QStringLiteral("warning: --run-as-root: 'sh -c id -u' runs as root, with every privilege, not as %1")
                                     .arg(m_user)
                                     .toUtf8()),
        helper.err.constData());
    QCOMPARE(meta(file, "command_uid"), QStringLiteral("0"));
    QCOMPARE(statOf(file).st_uid, m_uid); // the file is the user's all the same
}

// What the user can set through sudo cannot make them root: the kernel's parent uid decides.
void TestHelperTrust::forgedEnvironmentGivesNoRoot()
{
    const QString dir = usersDir(QStringLiteral("forged"));
    for (const QString& forged : { QStringLiteral("SUDO_UID=0"), QStringLiteral("PKEXEC_UID=0") }) {
        const QString file = dir + QLatin1Char('/') + forged.left(4) + QLatin1String(".ftlens");
        const Run helper = asUser({ QStringLiteral("-e"), QStringLiteral("sched:sched_process_exec"), QStringLiteral("-o"), file,
                                      QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("id -u") },
            { forged });
        QVERIFY2(helper.out.trimmed() != "0", qPrintable(forged));
        if (helper.exitCode == int(HelperExit::CallerUnclear)) // it reached the helper: refused
            QVERIFY2(helper.err.contains("cannot tell who invoked the helper"), helper.err.constData());
        else if (helper.err.contains("not allowed to set")) // sudo itself refused it
            QVERIFY(!QFileInfo::exists(file));
        else // sudo overrode it with the truth
            QVERIFY2(helper.exitCode == 0 && helper.out.trimmed() == QByteArray::number(m_uid), helper.err.constData());
    }
}

void TestHelperTrust::outputOnlyWhereTheUserMayWrite()
{
    const QString rootDir = m_dir.filePath(QStringLiteral("rootonly"));
    QVERIFY(QDir().mkdir(rootDir)); // root's, 0755: the user may read, not write
    const QString file = rootDir + QLatin1String("/x.ftlens");
    const Run helper = asUser({ QStringLiteral("-e"), QStringLiteral("sched:sched_switch"), QStringLiteral("-d"), QStringLiteral("0.2"),
        QStringLiteral("-o"), file });
    QCOMPARE(helper.exitCode, int(HelperExit::OutputError));
    QVERIFY2(helper.err.contains(QStringLiteral("%1: cannot create the recording: Permission denied (checked as %2)").arg(file, m_user).toUtf8()),
        helper.err.constData());
    QCOMPARE(listing(rootDir), QStringList());
}

void TestHelperTrust::plantedSymlinkIsNotFollowed()
{
    const QString victim = m_dir.filePath(QStringLiteral("victim"));
    put(victim, "root's file");
    QCOMPARE(::chmod(QFile::encodeName(victim).constData(), 0600), 0);
    const QString dir = usersDir(QStringLiteral("symlink"));
    const QString file = dir + QLatin1String("/x.ftlens");
    QVERIFY(QFile::link(victim, file));
    const QStringList record { QStringLiteral("-e"), QStringLiteral("sched:sched_switch"), QStringLiteral("-d"), QStringLiteral("0.2"),
        QStringLiteral("-o"), file };
    const Run refused = asUser(record);
    QCOMPARE(refused.exitCode, int(HelperExit::OutputExists));
    QVERIFY2(refused.err.contains(QStringLiteral("%1 exists: give --force to replace it").arg(file).toUtf8()), refused.err.constData());
    QVERIFY(QFileInfo(file).isSymLink());
    const Run forced = asUser(record + QStringList { QStringLiteral("--force") });
    QVERIFY2(forced.exitCode == 0, forced.err.constData());
    QCOMPARE(contents(victim), QByteArray("root's file"));
    QCOMPARE(statOf(victim).st_uid, uid_t(0));
    QVERIFY(!QFileInfo(file).isSymLink());
    QCOMPARE(statOf(file).st_uid, m_uid);
    QCOMPARE(meta(file, "complete"), QStringLiteral("1"));
}

void TestHelperTrust::typoNeverCostsTheOldRecording_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    const QString typo = QStringLiteral("sched:sched_swich");
    QTest::addRow("typo'd event") << QStringList { QStringLiteral("-e"), typo } << int(HelperExit::OutputExists);
    QTest::addRow("typo'd event, --force") << QStringList { QStringLiteral("-e"), typo, QStringLiteral("--force") }
                                           << int(HelperExit::UnknownEvent);
    QTest::addRow("COMMAND that cannot start, --force")
        << QStringList { QStringLiteral("-e"), QStringLiteral("sched:sched_switch"), QStringLiteral("--force"), QStringLiteral("--"),
               QStringLiteral("ftlens-no-such-command") }
        << int(HelperExit::CommandFailed);
    QTest::addRow("tracefs refused, --force") << QStringList { QStringLiteral("-e"), QStringLiteral("sched:sched_switch"),
        QStringLiteral("--force"), QStringLiteral("--tracefs"), QStringLiteral("/tmp") } << int(HelperExit::NoTracefs);
}

void TestHelperTrust::typoNeverCostsTheOldRecording()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    const QString dir = usersDir(QStringLiteral("typo%1").arg(++m_typoRuns));
    QVERIFY(!dir.isEmpty());
    const QString old = dir + QLatin1String("/old.ftlens");
    put(old, "the old recording");
    put(old + QLatin1String("-wal"), "its wal");
    put(old + QLatin1String("-shm"), "its shm");
    const QStringList before = listing(dir);
    const Run helper = asUser(QStringList { QStringLiteral("-o"), old, QStringLiteral("-d"), QStringLiteral("0.2") } + arguments);
    QVERIFY2(helper.exitCode == exitCode, helper.err.constData());
    QCOMPARE(listing(dir), before);
}

void TestHelperTrust::forceReplacesOnceRecording()
{
    const QString dir = usersDir(QStringLiteral("force"));
    const QString old = dir + QLatin1String("/old.ftlens");
    put(old, "the old recording");
    put(old + QLatin1String("-wal"), "its wal");
    const Run helper = asUser({ QStringLiteral("-e"), QStringLiteral("sched:sched_switch"), QStringLiteral("-d"), QStringLiteral("0.2"),
        QStringLiteral("-o"), old, QStringLiteral("--force") });
    QVERIFY2(helper.exitCode == 0, helper.err.constData());
    QVERIFY2(helper.err.contains(QStringLiteral("%1 exists: recording into %1.new-").arg(old).toUtf8()), helper.err.constData());
    QVERIFY2(helper.err.contains(QStringLiteral("written to %1,").arg(old).toUtf8()), helper.err.constData());
    QCOMPARE(meta(old, "complete"), QStringLiteral("1"));
    QCOMPARE(statOf(old).st_uid, m_uid);
    QCOMPARE(QDir(dir).entryList(QDir::Files | QDir::Hidden), QStringList { QStringLiteral("old.ftlens") });
}

void TestHelperTrust::tracefsMustBeTheKernels()
{
    QTemporaryDir fake;
    QVERIFY(QDir().mkpath(fake.filePath(QStringLiteral("events"))));
    put(fake.filePath(QStringLiteral("trace_clock")), "[local] global\n");
    const QStringList before = listing(fake.path());
    const Run helper = run(binary(QStringLiteral("ftlens-helper")),
        { QStringLiteral("record"), QStringLiteral("--tracefs"), fake.path(), QStringLiteral("-e"), QStringLiteral("sched:sched_switch"),
            QStringLiteral("-d"), QStringLiteral("0.2"), QStringLiteral("-o"), m_dir.filePath(QStringLiteral("fake.ftlens")) });
    QCOMPARE(helper.exitCode, int(HelperExit::NoTracefs));
    QVERIFY2(helper.err.contains(QStringLiteral("%1 is not tracefs or debugfs").arg(fake.path()).toUtf8()), helper.err.constData());
    QCOMPARE(listing(fake.path()), before);
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("fake.ftlens"))));
}

// The static workload carries its own open64: copied to a path with "%2" and "%1" in it, its
// opens are recorded only if the kernel probes exactly that file.
void TestHelperTrust::uprobePathIsTakenLiterally()
{
    const QString dir = usersDir(QStringLiteral("percent%2dir"));
    const QString program = dir + QLatin1String("/op%1ener");
    QVERIFY(QFile::copy(testTool(QStringLiteral("ftlens-test-opener-static")), program));
    QCOMPARE(::chmod(QFile::encodeName(program).constData(), 0755), 0);
    const QString file = dir + QLatin1String("/p.ftlens");
    const Run helper = asUser({ QStringLiteral("--uprobe"), QStringLiteral("p:myopen %1:open64 path=+0(%di):string").arg(program),
        QStringLiteral("-o"), file, QStringLiteral("--"), program, QStringLiteral("/etc/hostname"), QStringLiteral("/nonexistent/x") });
    QVERIFY2(helper.exitCode == 0, helper.err.constData());
    auto reader = Storage::RecordingReader::open(file);
    QVERIFY2(reader.ok(), reader.ok() ? "" : qPrintable(reader.error().message));
    const Storage::EventTypeInfo* type = reader.value()->findEventType(QStringLiteral("uprobes:myopen"));
    QVERIFY(type);
    QVERIFY2(type->definition.contains(QLatin1Char(' ') + program + QLatin1String(":0x")), qPrintable(type->definition));
    const Run cli = run(binary(QStringLiteral("ftlens-cli")), { QStringLiteral("export"), file, QStringLiteral("--probe"),
                                                                  QStringLiteral("myopen"), QStringLiteral("-o"), QStringLiteral("-") });
    QVERIFY2(cli.out.contains("/etc/hostname") && cli.out.contains("/nonexistent/x"), cli.out.constData());
}

QTEST_GUILESS_MAIN(TestHelperTrust)
#include "tst_helpertrust.moc"
