// SPDX-License-Identifier: GPL-3.0-or-later
// Capability detection on the running kernel (root, real tracefs): the report must agree with
// what the kernel does when asked directly, and detection must leave no instance or probe behind.
#include "capabilities.h"
#include "tracefsroot.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Recorder;

namespace {

QSet<QString> ftlensInstances(const QString& tracefs)
{
    QSet<QString> names;
    for (const QString& name : QDir(tracefs + QLatin1String("/instances")).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        if (name.contains(QLatin1String("ftlens")))
            names.insert(name);
    return names;
}

int perCpuDirs(const QString& tracefs)
{
    static const QRegularExpression cpuDir(QStringLiteral("^cpu[0-9]+$"));
    int count = 0;
    for (const QString& name : QDir(tracefs + QLatin1String("/per_cpu")).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        count += cpuDir.match(name).hasMatch() ? 1 : 0;
    return count;
}

// errno of writing text to path (0 on success), independent of the code under test.
int writeErrno(const QString& path, const QByteArray& text)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0)
        return errno;
    const ssize_t n = ::write(fd, text.constData(), static_cast<size_t>(text.size()));
    const int error = n < 0 ? errno : 0;
    ::close(fd);
    return error;
}

QSet<QString> securityfsMounts()
{
    QFile mounts(QStringLiteral("/proc/self/mounts"));
    QSet<QString> lines;
    if (mounts.open(QIODevice::ReadOnly))
        for (const QByteArray& line : mounts.readAll().split('\n'))
            if (line.contains(" securityfs "))
                lines.insert(QString::fromLatin1(line));
    return lines;
}

} // namespace

class TestCapabilitiesKernel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void detectsTheRunningKernel();
    void functionTracerMatchesADirectTrial();
    void reportsLockdownAsTheKernelDoes();
    void leavesNothingBehind();

private:
    QString m_tracefs;
    QSet<QString> m_instancesBefore;
};

void TestCapabilitiesKernel::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("needs root: capability detection creates a scratch tracefs instance (run the kernel tests as root)");
    const Storage::Result<TracefsRoot> root = findTracefs(QString(), true);
    if (!root.ok())
        QSKIP(qPrintable(QStringLiteral("no tracefs on this machine: %1").arg(root.error().message)));
    m_tracefs = root.value().path;
    m_instancesBefore = ftlensInstances(m_tracefs);
}

void TestCapabilitiesKernel::detectsTheRunningKernel()
{
    const Storage::Result<Capabilities> detected = detectCapabilities(QString(), true);
    QVERIFY2(detected.ok(), detected.ok() ? "" : qPrintable(detected.error().message));
    const Capabilities& caps = detected.value();

    QCOMPARE(caps.tracefsPath, m_tracefs);
    const int perCpu = perCpuDirs(m_tracefs);
    QCOMPARE(caps.cpus, perCpu > 0 ? perCpu : static_cast<int>(::sysconf(_SC_NPROCESSORS_CONF)));
    QVERIFY(caps.cpus >= ::sysconf(_SC_NPROCESSORS_ONLN));

    const QByteArray tracers = readTracefsFile(m_tracefs + QLatin1String("/available_tracers")).value();
    QCOMPARE(caps.tracers.join(QLatin1Char(' ')).toLatin1(), tracers.simplified());
    QVERIFY(caps.traceClocks.contains(QStringLiteral("local")));
    QVERIFY(caps.traceClocks.contains(caps.currentClock));

    QVERIFY2(caps.instances.available, qPrintable(caps.instances.why));
    QVERIFY2(caps.uprobes.available, qPrintable(caps.uprobes.why));
    QVERIFY2(caps.uretprobes.available, qPrintable(caps.uretprobes.why));
    QCOMPARE(caps.kprobes.available, QFileInfo::exists(m_tracefs + QLatin1String("/kprobe_events")));
    QCOMPARE(caps.btf.available, QFileInfo::exists(QStringLiteral("/sys/kernel/btf/vmlinux")));
    if (!caps.functionGraphTracer.available && !caps.tracers.contains(QStringLiteral("function_graph")))
        QVERIFY2(caps.functionGraphTracer.why.contains(QLatin1String("not built into this kernel")),
            qPrintable(caps.functionGraphTracer.why));

    const QJsonObject json = capabilitiesToJson(caps);
    QCOMPARE(json.value(QStringLiteral("tracefs")).toBool(), true);
    QCOMPARE(json.value(QStringLiteral("uprobes")).toBool(), true);
    QCOMPARE(json.value(QStringLiteral("cpus")).toInt(), caps.cpus);
    QCOMPARE(json.value(QStringLiteral("why")).toObject().contains(QStringLiteral("function_tracer")),
        !caps.functionTracer.available);
    qInfo().noquote() << QLatin1Char('\n') + capabilitiesToText(caps);
}

void TestCapabilitiesKernel::functionTracerMatchesADirectTrial()
{
    const Storage::Result<Capabilities> detected = detectCapabilities(QString(), true);
    QVERIFY(detected.ok());
    const Capabilities& caps = detected.value();

    // Our own trial, in an instance of our own, removed on every path out of this function.
    const QString instance = m_tracefs + QStringLiteral("/instances/ftlens-captest-%1").arg(::getpid());
    QVERIFY2(::mkdir(QFile::encodeName(instance).constData(), 0750) == 0, qPrintable(instance));
    const auto removeInstance = qScopeGuard([&] {
        (void)writeErrno(instance + QLatin1String("/current_tracer"), "nop");
        ::rmdir(QFile::encodeName(instance).constData());
    });
    const int error = writeErrno(instance + QLatin1String("/current_tracer"), "function");

    QCOMPARE(caps.functionTracer.available, error == 0);
    if (error == 0)
        return;
    if (!caps.tracers.contains(QStringLiteral("function"))) {
        QVERIFY2(caps.functionTracer.why.contains(QLatin1String("not built into this kernel")), qPrintable(caps.functionTracer.why));
        return;
    }
    QVERIFY2(caps.functionTracer.why.startsWith(QLatin1String("writing 'function' to current_tracer: ")),
        qPrintable(caps.functionTracer.why));
    QVERIFY2(caps.functionTracer.why.contains(QString::fromLocal8Bit(std::strerror(error))), qPrintable(caps.functionTracer.why));
    const bool lockedDown = caps.lockdown == QLatin1String("integrity") || caps.lockdown == QLatin1String("confidentiality");
    QCOMPARE(caps.functionTracer.why.contains(QLatin1String("(kernel lockdown: ")), error == EPERM && lockedDown);
}

namespace {
// The kernel's own answer, read without the code under test: util-linux's unshare gives a shell
// a private mount namespace in which securityfs is mounted if the system has not mounted it, so
// the answer does not depend on what this machine had mounted and the system is left alone.
QByteArray lockdownFileAsTheKernelShowsIt()
{
    QProcess shell;
    shell.start(QStringLiteral("unshare"),
        { QStringLiteral("--mount"), QStringLiteral("--propagation"), QStringLiteral("private"), QStringLiteral("sh"), QStringLiteral("-c"),
            QStringLiteral("test -e /sys/kernel/security/lockdown || mount -t securityfs securityfs /sys/kernel/security; "
                           "cat /sys/kernel/security/lockdown") });
    if (!shell.waitForFinished(10000) || shell.exitCode() != 0)
        return {};
    return shell.readAllStandardOutput();
}
} // namespace

void TestCapabilitiesKernel::reportsLockdownAsTheKernelDoes()
{
    const QSet<QString> mountsBefore = securityfsMounts();
    const Storage::Result<Capabilities> detected = detectCapabilities(QString(), true);
    QVERIFY(detected.ok());
    QCOMPARE(securityfsMounts(), mountsBefore); // read without mounting anything for others to see
    const Storage::Result<Capabilities> forRecording = detectCapabilities(m_tracefs, false);
    QVERIFY(forRecording.ok());
    QCOMPARE(forRecording.value().lockdown, detected.value().lockdown); // one answer, however asked

    const QByteArray file = lockdownFileAsTheKernelShowsIt();
    if (file.isEmpty()) {
        // A kernel without the lockdown LSM has no such file in securityfs either.
        QCOMPARE(detected.value().lockdown, QStringLiteral("unknown"));
        return;
    }
    QVERIFY2(file.contains(QByteArray('[' + detected.value().lockdown.toLatin1() + ']')), file.constData());
}

void TestCapabilitiesKernel::leavesNothingBehind()
{
    const QSet<QString> after = ftlensInstances(m_tracefs);
    // Other ftlens kernel tests may run at the same time; only names carrying our pid are ours.
    const QRegularExpression ours(QStringLiteral("-%1(-[0-9]+)?$").arg(::getpid()));
    for (const QString& name : after - m_instancesBefore) {
        QVERIFY2(!ours.match(name).hasMatch(), qPrintable(QStringLiteral("instance %1 was left behind").arg(name)));
        qWarning("instance %s appeared during the test (another test running?)", qPrintable(name));
    }
    const Storage::Result<QByteArray> dynamicEvents = readTracefsFile(m_tracefs + QLatin1String("/dynamic_events"));
    if (dynamicEvents.ok())
        QVERIFY2(!dynamicEvents.value().contains(QByteArray("ftlens_caps_" + QByteArray::number(::getpid()))),
            dynamicEvents.value().constData());
}

QTEST_GUILESS_MAIN(TestCapabilitiesKernel)
#include "tst_capabilities_kernel.moc"
