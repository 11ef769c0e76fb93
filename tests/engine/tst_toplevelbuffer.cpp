// SPDX-License-Identifier: GPL-3.0-or-later
// The top-level buffer as the helper judges it before taking it for function_graph
// (topLevelBusyReason: its tracer, its enabled events, its unread events), and TopLevelExpansion,
// which gives it the size the kernel meant it to have once an instance was sized first. Plain
// files standing for the kernel's: the VM tests do the same on Debian's 6.1 kernel.
#include "toplevelexpansion.h"
#include "traceinstance.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Recorder;

namespace {
const QByteArray stats = "entries: %1\noverrun: 0\ncommit overrun: 0\nbytes: 0\nread events: 0\n";

void put(const QString& path, const QByteArray& text)
{
    QDir().mkpath(path.section(QLatin1Char('/'), 0, -2));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        qFatal("cannot write %s", qPrintable(path));
}

QByteArray get(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class TestTopLevelBuffer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void busyReason_data()
    {
        QTest::addColumn<QByteArray>("tracer");
        QTest::addColumn<QByteArray>("events");
        QTest::addColumn<QList<int>>("unread");
        QTest::addColumn<QString>("reason");
        QTest::addRow("idle") << QByteArray("nop\n") << QByteArray() << QList<int> { 0, 0 } << QString();
        QTest::addRow("a tracer") << QByteArray("function\n") << QByteArray() << QList<int> { 0, 0 }
                                  << QStringLiteral("its current_tracer is 'function'");
        QTest::addRow("events enabled") << QByteArray("nop\n") << QByteArray("sched:sched_switch\nirq:irq_handler_entry\n")
                                        << QList<int> { 0, 0 }
                                        << QStringLiteral("events are enabled in it (sched:sched_switch irq:irq_handler_entry)");
        QTest::addRow("many events enabled") << QByteArray("nop\n") << QByteArray("a:a\nb:b\nc:c\nd:d\ne:e\n") << QList<int> { 0, 0 }
                                             << QStringLiteral("events are enabled in it (a:a b:b c:c and 2 more)");
        QTest::addRow("events unread") << QByteArray("nop\n") << QByteArray() << QList<int> { 3, 4 }
                                       << QStringLiteral("it holds 7 events nobody has read");
        QTest::addRow("all at once") << QByteArray("function_graph\n") << QByteArray("sched:sched_switch\n") << QList<int> { 0, 1 }
                                     << QStringLiteral("its current_tracer is 'function_graph'; events are enabled in it "
                                                       "(sched:sched_switch); it holds 1 events nobody has read");
    }

    void busyReason()
    {
        QFETCH(QByteArray, tracer);
        QFETCH(QByteArray, events);
        QFETCH(QList<int>, unread);
        QFETCH(QString, reason);
        QTemporaryDir root;
        put(root.filePath(QStringLiteral("current_tracer")), tracer);
        put(root.filePath(QStringLiteral("set_event")), events);
        for (int cpu = 0; cpu < unread.size(); ++cpu)
            put(root.filePath(QStringLiteral("per_cpu/cpu%1/stats").arg(cpu)), QString::fromLatin1(stats).arg(unread[cpu]).toLatin1());
        QCOMPARE(topLevelBusyReason(root.path()), reason);
    }

    void noTracefsIsNoIdleBuffer()
    {
        QTemporaryDir root;
        QVERIFY(topLevelBusyReason(root.path()).contains(QLatin1String("current_tracer")));
    }

    void expansion_data()
    {
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<QByteArray>("meanwhile"); // as an instance's sizing leaves it
        QTest::addColumn<QByteArray>("after");
        QTest::addRow("left unexpanded by an instance: the size it was to have") << QByteArray("7 (expanded: 1408)\n")
                                                                               << QByteArray("7\n") << QByteArray("1408");
        QTest::addRow("still to be expanded: left alone") << QByteArray("7 (expanded: 1408)\n") << QByteArray("7 (expanded: 1408)\n")
                                                          << QByteArray("7 (expanded: 1408)\n");
        QTest::addRow("expanded before: left alone") << QByteArray("1410\n") << QByteArray("1410\n") << QByteArray("1410\n");
        QTest::addRow("sized by someone meanwhile: theirs") << QByteArray("7 (expanded: 1408)\n") << QByteArray("4096\n")
                                                            << QByteArray("4096\n");
    }

    void expansion()
    {
        QFETCH(QByteArray, before);
        QFETCH(QByteArray, meanwhile);
        QFETCH(QByteArray, after);
        QTemporaryDir root;
        const QString file = root.filePath(QStringLiteral("buffer_size_kb"));
        put(file, before);
        {
            TopLevelExpansion expansion(root.path());
            put(file, meanwhile);
        }
        QCOMPARE(get(file), after);
    }
};

QTEST_GUILESS_MAIN(TestTopLevelBuffer)
#include "tst_toplevelbuffer.moc"
