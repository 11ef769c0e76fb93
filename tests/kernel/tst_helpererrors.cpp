// SPDX-License-Identifier: GPL-3.0-or-later
// Every error path of ftlens-helper record: a one-line message naming the problem, a distinct
// exit code, nothing left in tracefs, and the partial recording kept valid where one started.
#include "helperprocess.h"

#include "helperexitcode.h"
#include "recordingreader.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QTest>

#include <sys/mount.h>

using namespace KernelTest;
using Recorder::HelperExit;

namespace {
// Unmounts on every exit path of a test.
struct TmpfsMount {
    QString path;
    bool mounted = false;
    TmpfsMount(const QString& dir, const char* options)
        : path(dir)
        , mounted(::mount("tmpfs", dir.toUtf8().constData(), "tmpfs", 0, options) == 0)
    {
    }
    ~TmpfsMount()
    {
        if (mounted)
            ::umount2(path.toUtf8().constData(), MNT_DETACH);
    }
};

// A line of the helper's stderr that starts with "ftlens-helper: " and is not the progress line.
QString errorLine(const QByteArray& err)
{
    const QList<QByteArray> lines = err.split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith("ftlens-helper: ") && !QRegularExpression(QStringLiteral("^ftlens-helper: recording \\d")).match(QString::fromUtf8(line)).hasMatch())
            return QString::fromUtf8(line);
    }
    return {};
}
} // namespace

class TestHelperErrors : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString reason = skipReason(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        QVERIFY(m_dir.isValid());
    }

    void cleanupTestCase() { removeLeftovers(); }

    void setupErrors_data()
    {
        const QString libc = systemLibc();
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("fragment");
        const QString sw = QStringLiteral("sched:sched_switch");
        QTest::addRow("unknown event") << QStringList { QStringLiteral("-e"), QStringLiteral("nosuch:event") }
                                       << int(HelperExit::UnknownEvent) << QStringLiteral("unknown event 'nosuch:event'");
        QTest::addRow("bad filter") << QStringList { QStringLiteral("-e"), QStringLiteral("syscalls:sys_enter_openat"),
            QStringLiteral("-f"), QStringLiteral("bogus == 3") }
                                    << int(HelperExit::BadFilter)
                                    << QStringLiteral("bad filter for syscalls:sys_enter_openat: 'bogus == 3': parse_error");
        // ftlens validates the syntax; the names the kernel reserves are the kernel's to refuse.
        QTest::addRow("kernel refuses probe") << QStringList { QStringLiteral("--uprobe"), libc + QStringLiteral(":open64 common_pid=%ax") }
                                              << int(HelperExit::BadProbe) << QStringLiteral("(at column");
        QTest::addRow("ftlens refuses probe") << QStringList { QStringLiteral("--uprobe"), libc + QStringLiteral(":open64 x=%zz") }
                                              << int(HelperExit::BadProbe) << QStringLiteral("unknown register '%zz' for x86_64");
        QTest::addRow("contradicting prefix") << QStringList { QStringLiteral("--uprobe"), QStringLiteral("r:x ") + libc + QStringLiteral(":open64") }
                                              << int(HelperExit::BadProbe) << QStringLiteral("--uprobe takes entry probes");
        QTest::addRow("missing symbol") << QStringList { QStringLiteral("--uprobe"), libc + QStringLiteral(":no_such_fn_ftlens") }
                                        << int(HelperExit::BadProbe) << QStringLiteral("no function symbol 'no_such_fn_ftlens'");
        // Checked on the file the helper opened, before the kernel sees anything.
        const QString column = QString::number(libc.size() + 2);
        QTest::addRow("offset outside the code") << QStringList { QStringLiteral("--uprobe"), libc + QStringLiteral(":0x0") }
                                                 << int(HelperExit::BadProbe)
                                                 << QStringLiteral("bad probe definition '%1:0x0': column %2: offset 0x0 is not in an "
                                                                   "executable segment of %1 (code at file offsets 0x")
                                                        .arg(libc, column);
        QTest::addRow("SYMBOL+OFFS beyond the symbol")
            << QStringList { QStringLiteral("--uprobe"), libc + QStringLiteral(":open64+0x100000") } << int(HelperExit::BadProbe)
            << QStringLiteral("bad probe definition '%1:open64+0x100000': column %2: +0x100000 is beyond the end of open64, which is")
                   .arg(libc, column);
        if (!QFileInfo::exists(tracefsRoot() + QLatin1String("/kprobe_events"))) {
            QTest::addRow("no kprobes here") << QStringList { QStringLiteral("--kprobe"), QStringLiteral("do_sys_open") }
                                             << int(HelperExit::KernelRefused) << QStringLiteral("use --preset opens-libc");
            QTest::addRow("no kprobes for the kernel preset") << QStringList { QStringLiteral("--preset"), QStringLiteral("opens-kernel") }
                                                              << int(HelperExit::KernelRefused) << QStringLiteral("--preset opens-libc");
        }
        QTest::addRow("unknown preset") << QStringList { QStringLiteral("--preset"), QStringLiteral("opens-everything") }
                                        << int(HelperExit::Usage) << QStringLiteral("unknown preset 'opens-everything' (known: opens-kernel, opens-libc)");
        QTest::addRow("tracefs missing") << QStringList { QStringLiteral("--tracefs"), QStringLiteral("/nonexistent/tracefs"),
            QStringLiteral("-e"), sw } << int(HelperExit::NoTracefs)
                                         << QStringLiteral("tracefs not found at /nonexistent/tracefs");
        QTest::addRow("output dir missing") << QStringList { QStringLiteral("-e"), sw, QStringLiteral("-o"),
            QStringLiteral("/nonexistent/dir/x.ftlens") } << int(HelperExit::OutputError)
                                            << QStringLiteral("/nonexistent/dir/x.ftlens: cannot create the recording");
        QTest::addRow("usage") << QStringList { QStringLiteral("-x") } << int(HelperExit::Usage) << QStringLiteral("unknown option '-x'");
    }

    void setupErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, fragment);
        const QString file = m_dir.filePath(QStringLiteral("setup.ftlens"));
        if (!arguments.contains(QStringLiteral("-o")))
            arguments << QStringLiteral("-o") << file;
        QProcess helper;
        helper.start(binary(QStringLiteral("ftlens-helper")), QStringList { QStringLiteral("record") } + arguments);
        QVERIFY(helper.waitForFinished(60000));
        const QByteArray err = helper.readAllStandardError();
        QCOMPARE(helper.exitCode(), exitCode);
        const QString line = errorLine(err);
        QVERIFY2(line.contains(fragment), qPrintable(QString::fromUtf8(err)));
        QVERIFY2(!line.contains(QLatin1Char('\n')), "one line");
        QCOMPARE(leftoversOf(helper.processId()), QStringList());
        QVERIFY2(!QFileInfo::exists(file), "a failed set-up leaves no recording behind");
    }

    void notRoot()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
            QSKIP("setpriv (util-linux) is not installed");
        const Run helper = run(QStringLiteral("setpriv"),
            { QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups"),
                binary(QStringLiteral("ftlens-helper")), QStringLiteral("record"), QStringLiteral("-e"),
                QStringLiteral("sched:sched_switch"), QStringLiteral("-o"), QStringLiteral("/tmp/ftlens-notroot.ftlens") });
        QCOMPARE(helper.exitCode, int(HelperExit::NotRoot));
        QVERIFY(errorLine(helper.err).contains(QLatin1String("root is needed to record")));
    }

    void commandCannotStart()
    {
        const QString file = m_dir.filePath(QStringLiteral("nocmd.ftlens"));
        const Run helper = run(binary(QStringLiteral("ftlens-helper")),
            { QStringLiteral("record"), QStringLiteral("-e"), QStringLiteral("sched:sched_switch"), QStringLiteral("-o"), file,
                QStringLiteral("--"), QStringLiteral("/nonexistent/command") });
        QCOMPARE(helper.exitCode, int(HelperExit::CommandFailed));
        QVERIFY(errorLine(helper.err).contains(QLatin1String("cannot run '/nonexistent/command'")));
        auto reader = Storage::RecordingReader::open(file);
        QVERIFY2(reader.ok(), "the recording that was started stays valid");
    }

    void diskFull()
    {
        const QString dir = m_dir.filePath(QStringLiteral("full"));
        QVERIFY(QDir().mkpath(dir));
        TmpfsMount tmpfs(dir, "size=8m");
        if (!tmpfs.mounted)
            QSKIP("cannot mount a small tmpfs here");
        const QString file = dir + QLatin1String("/x.ftlens");
        QProcess helper;
        helper.start(binary(QStringLiteral("ftlens-helper")),
            { QStringLiteral("record"), QStringLiteral("-e"), QStringLiteral("syscalls:sys_enter_openat"), QStringLiteral("-e"),
                QStringLiteral("syscalls:sys_exit_openat"), QStringLiteral("-o"), file, QStringLiteral("--"),
                testTool(QStringLiteral("ftlens-test-opener-static")), QStringLiteral("--repeat"), QStringLiteral("400000"),
                QStringLiteral("/etc/hostname"), QStringLiteral("/nonexistent") });
        QVERIFY(helper.waitForFinished(120000));
        QCOMPARE(helper.exitCode(), int(HelperExit::DiskFull));
        QVERIFY(errorLine(helper.readAllStandardError()).contains(QLatin1String("disk full")));
        QCOMPARE(leftoversOf(helper.processId()), QStringList());
        auto reader = Storage::RecordingReader::open(file);
        QVERIFY2(reader.ok(), reader.ok() ? "" : qPrintable(reader.error().message));
        auto summary = reader.value()->summary();
        QVERIFY(summary.ok());
        QCOMPARE(summary->complete, false);
        // Everything committed is there and consistent: ids are dense from 1.
        QVERIFY(summary->events > 0);
        qint64 counted = 0;
        for (const auto& [name, count] : summary->eventsByType)
            counted += count;
        QCOMPARE(counted, summary->events);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestHelperErrors)
#include "tst_helpererrors.moc"
