// SPDX-License-Identifier: GPL-3.0-or-later
// The tracing directory the helper writes into as root: --tracefs DIR is taken only where statfs
// says tracefs or debugfs, by its canonical path, and only where no one but root (or the helper's
// own user) can change what that path leads to. The fake tracefs of the tests is marked through
// the test-only statfs (faketracefsmount.h); an unmarked look-alike is what a caller could offer.
#include "tracefsroot.h"

#include "faketracefsmount.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using Recorder::findTracefs;

namespace {
// events/ and trace_clock: what the helper used to take as proof of tracefs.
bool makeLookAlike(const QString& dir)
{
    QFile clock(dir + QLatin1String("/trace_clock"));
    return QDir().mkpath(dir + QLatin1String("/events")) && clock.open(QIODevice::WriteOnly) && clock.write("[local]\n") > 0;
}
} // namespace

class TestTracefsRoot : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void refusesALookAlike();
    void refusesASymlinkToALookAlike();
    void takesAMarkedMountByItsCanonicalPath();
    void refusesWhatOthersCanMove_data();
    void refusesWhatOthersCanMove();
    void realTracefs();
};

void TestTracefsRoot::refusesALookAlike()
{
    QTemporaryDir dir;
    QVERIFY(makeLookAlike(dir.path()));
    auto root = findTracefs(dir.path(), false);
    QVERIFY(!root.ok());
    QVERIFY2(root.error().message.startsWith(dir.path() + QLatin1String(" is not tracefs or debugfs (statfs says filesystem type 0x")),
        qPrintable(root.error().message));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("instances"))));
}

void TestTracefsRoot::refusesASymlinkToALookAlike()
{
    QTemporaryDir dir;
    QVERIFY(makeLookAlike(dir.filePath(QStringLiteral("fake"))));
    QVERIFY(QFile::link(dir.filePath(QStringLiteral("fake")), dir.filePath(QStringLiteral("link"))));
    auto root = findTracefs(dir.filePath(QStringLiteral("link")), false);
    QVERIFY(!root.ok());
    QVERIFY2(root.error().message.contains(QLatin1String("is not tracefs or debugfs")), qPrintable(root.error().message));
}

void TestTracefsRoot::takesAMarkedMountByItsCanonicalPath()
{
    QTemporaryDir dir;
    const QString fake = dir.filePath(QStringLiteral("tracing"));
    QVERIFY(makeLookAlike(fake));
    QVERIFY(QFile::link(fake, dir.filePath(QStringLiteral("link"))));
    TestSupport::markAsTracefs(QFileInfo(fake).canonicalFilePath());
    auto root = findTracefs(dir.filePath(QStringLiteral("link")), false);
    TestSupport::unmarkAsTracefs(QFileInfo(fake).canonicalFilePath());
    QVERIFY2(root.ok(), qPrintable(root.ok() ? QString() : root.error().message));
    QCOMPARE(root->path, QFileInfo(fake).canonicalFilePath());
    QVERIFY(!root->mountedByUs);
}

void TestTracefsRoot::refusesWhatOthersCanMove_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<bool>("accepted");
    QTest::addRow("own directories") << QStringLiteral("own") << true;
    QTest::addRow("parent writable by everyone") << QStringLiteral("world-writable") << false;
    QTest::addRow("parent writable by everyone but sticky, as /tmp") << QStringLiteral("sticky") << true;
    QTest::addRow("parent owned by another user") << QStringLiteral("other-owner") << false;
}

// A tracefs mounted below a directory a user may rename would let them put their own directory
// where the helper writes as root.
void TestTracefsRoot::refusesWhatOthersCanMove()
{
    QFETCH(QString, setup);
    QFETCH(bool, accepted);
    if (setup == QLatin1String("other-owner") && ::geteuid() != 0)
        QSKIP("giving a directory to another user needs root (CI runs as root)");
    QTemporaryDir dir;
    const QString parent = dir.filePath(QStringLiteral("parent"));
    const QString fake = parent + QLatin1String("/tracing");
    QVERIFY(makeLookAlike(fake));
    const QByteArray name = QFile::encodeName(parent);
    if (setup == QLatin1String("world-writable"))
        QCOMPARE(::chmod(name.constData(), 0777), 0);
    else if (setup == QLatin1String("sticky"))
        QCOMPARE(::chmod(name.constData(), 01777), 0);
    else if (setup == QLatin1String("other-owner"))
        QCOMPARE(::chown(name.constData(), 65534, 65534), 0);
    const QString canonical = QFileInfo(fake).canonicalFilePath();
    TestSupport::markAsTracefs(canonical);
    auto root = findTracefs(fake, false);
    TestSupport::unmarkAsTracefs(canonical);
    QCOMPARE(root.ok(), accepted);
    if (!accepted)
        QVERIFY2(root.error().message.contains(QStringLiteral("%1 can be changed by user").arg(QFileInfo(parent).canonicalFilePath())),
            qPrintable(root.error().message));
}

void TestTracefsRoot::realTracefs()
{
    const QString real = QStringLiteral("/sys/kernel/tracing");
    if (!QFileInfo::exists(real + QLatin1String("/trace_clock")))
        QSKIP("tracefs is not mounted at /sys/kernel/tracing here");
    auto root = findTracefs(real, false);
    QVERIFY2(root.ok(), qPrintable(root.ok() ? QString() : root.error().message));
    QCOMPARE(root->path, real);
}

QTEST_GUILESS_MAIN(TestTracefsRoot)
#include "tst_tracefsroot.moc"
