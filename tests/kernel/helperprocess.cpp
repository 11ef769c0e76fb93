// SPDX-License-Identifier: GPL-3.0-or-later
#include "helperprocess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <unistd.h>

namespace KernelTest {

QString binary(const QString& name) { return QStringLiteral(FTLENS_BIN_DIR "/") + name; }
QString testTool(const QString& name) { return QFileInfo(QStringLiteral(FTLENS_BIN_DIR "/../tests/") + name).canonicalFilePath(); }

QString systemLibc()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> lines = maps.readAll().split('\n');
    for (const QByteArray& line : lines) {
        const qsizetype slash = line.indexOf('/');
        if (slash > 0 && line.contains("/libc.so"))
            return QString::fromUtf8(line.mid(slash));
    }
    return {};
}

QString tracefsRoot()
{
    QFile mounts(QStringLiteral("/proc/self/mounts"));
    if (!mounts.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> lines = mounts.readAll().split('\n');
    for (const QByteArray& line : lines) {
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() > 2 && parts[2] == "tracefs")
            return QString::fromUtf8(parts[1]);
    }
    return {};
}

Run run(const QString& program, const QStringList& arguments, int timeoutMs)
{
    QProcess process;
    process.start(program, arguments);
    Run result;
    if (!process.waitForStarted(10000) || !process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = "timed out or did not start: " + program.toUtf8();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

bool startRecording(QProcess& helper, const QStringList& arguments)
{
    helper.start(binary(QStringLiteral("ftlens-helper")), arguments);
    if (!helper.waitForStarted(10000))
        return false;
    QByteArray err;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 30000) {
        helper.waitForReadyRead(100);
        err += helper.readAllStandardError();
        if (err.contains("recording "))
            return true;
        if (helper.state() == QProcess::NotRunning)
            return false;
    }
    return false;
}

QStringList leftoversOf(qint64 helperPid)
{
    QStringList left;
    const QString root = tracefsRoot();
    const QString instance = QStringLiteral("ftlens-%1").arg(helperPid);
    if (QFileInfo::exists(root + QLatin1String("/instances/") + instance))
        left << instance;
    const QString group = QStringLiteral("ftlens_%1/").arg(helperPid);
    for (const char* file : { "uprobe_events", "kprobe_events" }) {
        QFile definitions(root + QLatin1Char('/') + QLatin1String(file));
        if (!definitions.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> lines = definitions.readAll().split('\n');
        for (const QByteArray& line : lines) {
            if (QString::fromUtf8(line).contains(group))
                left << QString::fromUtf8(line);
        }
    }
    return left;
}

void removeLeftovers()
{
    if (::geteuid() == 0)
        run(binary(QStringLiteral("ftlens-helper")), { QStringLiteral("cleanup") });
}

QString skipReason()
{
    // The helpers these tests start see a root login, whoever ran the suite (sudo ctest leaves
    // SUDO_UID behind, and the helper would then act for that user); tst_helpertrust goes
    // through sudo itself.
    for (const char* name : { "SUDO_UID", "SUDO_GID", "SUDO_USER", "SUDO_COMMAND", "PKEXEC_UID" })
        qunsetenv(name);
    if (::geteuid() != 0)
        return QStringLiteral("kernel tests need root (tracefs); run them as root, as CI does");
    if (!QFileInfo::exists(binary(QStringLiteral("ftlens-helper"))))
        return QStringLiteral("ftlens-helper is not built");
    // caps mounts tracefs when it is not mounted yet (a freshly booted CI machine).
    const Run caps = run(binary(QStringLiteral("ftlens-helper")), { QStringLiteral("caps"), QStringLiteral("--json") });
    if (caps.exitCode != 0 || tracefsRoot().isEmpty())
        return QStringLiteral("tracefs is not available on this machine: ") + QString::fromUtf8(caps.err.trimmed());
    return {};
}

} // namespace KernelTest
