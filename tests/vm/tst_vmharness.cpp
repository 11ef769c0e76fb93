// SPDX-License-Identifier: GPL-3.0-or-later
// tests/vm/ftlens-vm itself: a command's exit status and its /out come back, the guest runs the
// packaged kernel with the build's binaries and no network, and what is missing (QEMU, the kernel
// package, a COMMAND) or too slow (--timeout) fails with the status and words the README gives.
#include "vmguest.h"

#include <QDir>
#include <QRegularExpression>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace VmGuest;

namespace {
// A PATH directory with every program of /usr/bin but QEMU's (Debian's /bin is /usr/bin).
bool pathWithoutQemu(const QString& dir)
{
    const QFileInfoList programs = QDir(QStringLiteral("/usr/bin")).entryInfoList(QDir::Files | QDir::System);
    for (const QFileInfo& program : programs) {
        if (!program.fileName().startsWith(QLatin1String("qemu-system"))
            && !QFile::link(program.absoluteFilePath(), dir + QLatin1Char('/') + program.fileName()))
            return false;
    }
    return true;
}
} // namespace

class TestVmHarness : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void commandStatusAndOutComeBack()
    {
        QTemporaryDir out;
        const Run run = VmGuest::run(harness(),
            { QStringLiteral("--build"), QStringLiteral(FTLENS_BIN_DIR "/.."), QStringLiteral("--out"), out.path(), QStringLiteral("--"),
                QStringLiteral("sh"), QStringLiteral("-c"),
                QStringLiteral("mkdir -p /out/sub; echo \"it's here\" >/out/sub/file; uname -r >/out/release; "
                               "ls /sys/class/net >/out/net; ls /ftlens/bin >/out/bin; ls /ftlens/tests >/out/tests; "
                               "trace-cmd --version >/out/trace-cmd 2>&1; cat /proc/mounts >/out/mounts; pwd >/out/pwd; exit 7") });
        QVERIFY2(run.exitCode == 7, run.err.right(3000).constData());
        QCOMPARE(readFile(out.filePath(QStringLiteral("sub/file"))), QByteArray("it's here\n"));
        QVERIFY2(QRegularExpression(QStringLiteral("^6\\.1\\.\\d+-\\d+-cloud-amd64\\n$")).match(QString::fromUtf8(readFile(out.filePath(QStringLiteral("release"))))).hasMatch(),
            readFile(out.filePath(QStringLiteral("release"))).constData());
        QCOMPARE(readFile(out.filePath(QStringLiteral("net"))), QByteArray("lo\n")); // no network device
        QCOMPARE(readFile(out.filePath(QStringLiteral("bin"))), QByteArray("ftlens-cli\nftlens-helper\n"));
        QVERIFY(readFile(out.filePath(QStringLiteral("tests"))).contains("ftlens-test-opener-static\n"));
        QVERIFY(readFile(out.filePath(QStringLiteral("trace-cmd"))).contains("trace-cmd version"));
        QVERIFY(readFile(out.filePath(QStringLiteral("mounts"))).contains("tracefs /sys/kernel/tracing tracefs "));
        QCOMPARE(readFile(out.filePath(QStringLiteral("pwd"))), QByteArray("/out\n"));
    }

    void failures_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("withoutQemu");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        const QStringList command { QStringLiteral("--"), QStringLiteral("true") };
        QTest::addRow("QEMU missing") << command << true << 125
                                      << QStringLiteral("ftlens-vm: qemu-system-x86_64 not found: install the Debian package qemu-system-x86 "
                                                        "(./setup.sh installs it)");
        QTest::addRow("kernel package unknown")
            << (QStringList { QStringLiteral("--kernel"), QStringLiteral("linux-image-0.0.0-0-nosuch-amd64") } + command) << false << 125
            << QStringLiteral("ftlens-vm: cannot download the kernel package linux-image-0.0.0-0-nosuch-amd64 with apt-get download");
        QTest::addRow("kernel package file missing")
            << (QStringList { QStringLiteral("--kernel"), QStringLiteral("/nonexistent/linux-image.deb") } + command) << false << 125
            << QStringLiteral("ftlens-vm: /nonexistent/linux-image.deb: no such kernel package file");
        QTest::addRow("no COMMAND") << QStringList { QStringLiteral("--") } << false << 125 << QStringLiteral("ftlens-vm: no COMMAND given after --");
        QTest::addRow("guest too slow") << (QStringList { QStringLiteral("--timeout"), QStringLiteral("1") } + command) << false << 124
                                        << QStringLiteral("ftlens-vm: the guest did not power off within 1 s: stopped");
    }

    void failures()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, withoutQemu);
        QFETCH(int, status);
        QFETCH(QString, message);
        QTemporaryDir bin;
        QStringList environment;
        if (withoutQemu) {
            QVERIFY(pathWithoutQemu(bin.path()));
            environment << QStringLiteral("PATH=") + bin.path();
        }
        const Run run = VmGuest::run(harness(), QStringList { QStringLiteral("--build"), QStringLiteral(FTLENS_BIN_DIR "/..") } + arguments,
            environment, 300000);
        QCOMPARE(run.exitCode, status);
        QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestVmHarness)
#include "tst_vmharness.moc"
