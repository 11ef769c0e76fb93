// SPDX-License-Identifier: GPL-3.0-or-later
// The function tracer recorded for real on Debian 12's 6.1 kernel (guest/function.sh under QEMU),
// in the helper's own instance: every read() of a command found as a vfs_read called from
// ksys_read, -n, system-wide and -P recordings, and never a call or event of the helper's own
// threads (set_ftrace_notrace_pid / set_event_notrace_pid).
#include "vmguest.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace VmGuest;

class TestVmFunction : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_guest = boot(QStringLiteral("function.sh"), m_dir.path());
        if (!m_guest.failure.isEmpty())
            QFAIL(qPrintable(m_guest.failure + QLatin1Char('\n') + QString::fromUtf8(m_guest.console.right(4000))));
        QCOMPARE(m_guest.exitCode, 0);
    }

    // The static opener reads three files in 512-byte read()s and says how many it made: the
    // recording holds exactly that many vfs_read calls of its pid, each called from ksys_read.
    void everyReadOfTheCommand()
    {
        QCOMPARE(stepStatus(m_dir.path(), QStringLiteral("command")), 0);
        const QString file = path(QStringLiteral("command.ftlens"));
        QCOMPARE(meta(file, "trace_buffer"), QStringLiteral("instance"));
        QCOMPARE(meta(file, "tracer_options"), QStringLiteral("set_ftrace_filter: vfs_*; set_ftrace_notrace: vfs_write"));
        const QString printed = QString::fromUtf8(readFile(path(QStringLiteral("command.out"))));
        static const QRegularExpression readLine(QStringLiteral("^read \\S+ -> (\\d+) calls, (\\d+) bytes$"), QRegularExpression::MultilineOption);
        int reads = 0;
        int files = 0;
        for (auto it = readLine.globalMatch(printed); it.hasNext(); ++files)
            reads += it.next().captured(1).toInt();
        QCOMPARE(files, 3);
        QVERIFY2(reads >= 6, qPrintable(printed));
        const QString pid = meta(file, "command_pid");
        QCOMPARE(scalar(file, QStringLiteral("SELECT COUNT(*) FROM calls WHERE function = 'vfs_read' AND pid = %1").arg(pid)),
            QString::number(reads));
        QCOMPARE(scalar(file, QStringLiteral("SELECT COUNT(*) FROM calls WHERE function = 'vfs_read' AND (caller IS NULL OR caller != 'ksys_read')")),
            QStringLiteral("0"));
        // Only the command was traced (set_ftrace_pid), and nothing -n left out.
        QCOMPARE(scalar(file, QStringLiteral("SELECT COUNT(*) FROM call WHERE pid != %1").arg(pid)), QStringLiteral("0"));
        QCOMPARE(scalar(file, QStringLiteral("SELECT COUNT(*) FROM calls WHERE function = 'vfs_write'")), QStringLiteral("0"));
        QCOMPARE(scalar(file, QStringLiteral("SELECT COUNT(*) FROM calls WHERE function NOT LIKE 'vfs\\_%' ESCAPE '\\'")), QStringLiteral("0"));
        // The function tracer gives calls, not durations.
        QCOMPARE(scalar(file, QStringLiteral("SELECT COUNT(*) FROM call WHERE dur IS NOT NULL")), QStringLiteral("0"));
    }

    void systemWide_data()
    {
        QTest::addColumn<QString>("step");
        QTest::addColumn<QString>("table");
        QTest::addRow("function tracer") << QStringLiteral("system-function") << QStringLiteral("call");
        QTest::addRow("syscall tracepoints") << QStringLiteral("system-tracepoint") << QStringLiteral("event");
    }

    // The background reader is in a system-wide recording; the helper's own threads are not.
    void systemWide()
    {
        QFETCH(QString, step);
        QFETCH(QString, table);
        QCOMPARE(readFile(path(step + QLatin1String(".status"))).trimmed(), QByteArray("0"));
        const QString file = path(step + QLatin1String(".ftlens"));
        const QString reader = QString::fromUtf8(readFile(path(QStringLiteral("reader.pid"))).trimmed());
        QVERIFY(scalar(file, QStringLiteral("SELECT COUNT(*) FROM %1 WHERE pid = %2").arg(table, reader)).toInt() > 0);
        QStringList threads = QString::fromUtf8(readFile(path(step + QLatin1String(".threads")))).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(threads.size() >= 2); // the main thread and the reader thread at least
        const QString own = scalar(file, QStringLiteral("SELECT COUNT(*) FROM %1 WHERE pid IN (%2)").arg(table, threads.join(QLatin1Char(','))));
        QVERIFY2(own == QLatin1String("0"), qPrintable(QStringLiteral("%1 rows of the helper's own threads %2").arg(own, threads.join(QLatin1Char(' ')))));
    }

    void pidOption()
    {
        QCOMPARE(stepStatus(m_dir.path(), QStringLiteral("pid")), 0);
        const QString file = path(QStringLiteral("pid.ftlens"));
        const QString reader = QString::fromUtf8(readFile(path(QStringLiteral("reader.pid"))).trimmed());
        QCOMPARE(meta(file, "pids"), reader);
        QVERIFY(scalar(file, QStringLiteral("SELECT COUNT(*) FROM calls WHERE function = 'vfs_read' AND pid = %1").arg(reader)).toInt() > 0);
        QCOMPARE(scalar(file, QStringLiteral("SELECT COUNT(*) FROM call WHERE pid != %1").arg(reader)), QStringLiteral("0"));
    }

    void nothingLeftBehind_data()
    {
        QTest::addColumn<QString>("after");
        QTest::addRow("after the command") << QStringLiteral("after-command");
        QTest::addRow("at the end") << QStringLiteral("end");
    }

    void nothingLeftBehind()
    {
        QFETCH(QString, after);
        const QStringList changed = differences(snapshot(m_dir.path(), QStringLiteral("start")), snapshot(m_dir.path(), after));
        QVERIFY2(changed.isEmpty(), qPrintable(changed.join(QLatin1Char('\n'))));
    }

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    static QString meta(const QString& file, const char* key)
    {
        return scalar(file, QStringLiteral("SELECT value FROM meta WHERE key = '%1'").arg(QLatin1String(key)));
    }

    QTemporaryDir m_dir;
    Guest m_guest;
};

QTEST_GUILESS_MAIN(TestVmFunction)
#include "tst_vmfunction.moc"
