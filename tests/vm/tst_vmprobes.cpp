// SPDX-License-Identifier: GPL-3.0-or-later
// kprobes, kretprobes and uprobes recorded for real on Debian 12's 6.1 kernel (guest/probes.sh
// under QEMU): the opens-kernel preset's calls with exact paths, flags, fd or errno; the README's
// definition forms with filters, kprobes/NAME included; the kernel's error_log for a refused
// definition; opens-libc for a dynamic command and for busybox-static's cat (which hung a guest
// before); and a killed helper's probes removed by the next record.
#include "vmguest.h"

#include <QTemporaryDir>
#include <QTest>

using namespace VmGuest;

namespace {
// The calls of a probe CSV made by pid, by path.
QMap<QString, QMap<QString, QString>> byPath(const QList<QMap<QString, QString>>& rows, const QString& pid, const QString& pathColumn)
{
    QMap<QString, QMap<QString, QString>> calls;
    for (const QMap<QString, QString>& row : rows) {
        if (row.value(QStringLiteral("pid")) == pid)
            calls.insert(row.value(pathColumn), row);
    }
    return calls;
}
} // namespace

class TestVmProbes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_guest = boot(QStringLiteral("probes.sh"), m_dir.path());
        if (!m_guest.failure.isEmpty())
            QFAIL(qPrintable(m_guest.failure + QLatin1Char('\n') + QString::fromUtf8(m_guest.console.right(4000))));
        QCOMPARE(m_guest.exitCode, 0);
    }

    void opensKernel_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("ret");
        QTest::addColumn<QString>("retText");
        QTest::addRow("a file") << QStringLiteral("/etc/passwd") << QStringLiteral("3") << QStringLiteral("3");
        QTest::addRow("a missing file") << QStringLiteral("/nonexistent/file") << QStringLiteral("-2") << QStringLiteral("-2 ENOENT");
        QTest::addRow("a proc file") << QStringLiteral("/proc/version") << QStringLiteral("4") << QStringLiteral("4");
        QTest::addRow("a directory") << QStringLiteral("/etc") << QStringLiteral("5") << QStringLiteral("5");
    }

    // One paired do_sys_openat2 call per open of the static opener (it opens nothing else).
    void opensKernel()
    {
        QFETCH(QString, path);
        QFETCH(QString, ret);
        QFETCH(QString, retText);
        QCOMPARE(stepStatus(m_dir.path(), QStringLiteral("preset")), 0);
        QCOMPARE(stepStatus(m_dir.path(), QStringLiteral("preset-csv")), 0);
        const QString file = m_dir.filePath(QStringLiteral("preset.ftlens"));
        QCOMPARE(meta(file, "preset_places"), QStringLiteral("do_sys_openat2 do_filp_open"));
        const QList<QMap<QString, QString>> rows = csv(m_dir.filePath(QStringLiteral("preset.csv")));
        const QString pid = meta(file, "command_pid");
        QCOMPARE(byPath(rows, pid, QStringLiteral("filename")).size(), 4);
        const QMap<QString, QString> call = byPath(rows, pid, QStringLiteral("filename")).value(path);
        QCOMPARE(call.value(QStringLiteral("status")), QStringLiteral("paired"));
        QCOMPARE(call.value(QStringLiteral("dfd_text")), QStringLiteral("AT_FDCWD"));
        QCOMPARE(call.value(QStringLiteral("flags_text")), QStringLiteral("O_RDONLY|O_LARGEFILE|O_CLOEXEC"));
        QCOMPARE(call.value(QStringLiteral("ret")), ret);
        QCOMPARE(call.value(QStringLiteral("ret_text")), retText);
        QVERIFY(call.value(QStringLiteral("latency_ns")).toLongLong() > 0);
    }

    void definitionForms()
    {
        QCOMPARE(stepStatus(m_dir.path(), QStringLiteral("forms")), 0);
        const QString err = QString::fromUtf8(readFile(m_dir.filePath(QStringLiteral("forms.err"))));
        QVERIFY2(err.contains(QLatin1String("recorded in ftlens's own probe group")) && err.contains(QLatin1String("stored as kprobes:myopen"))
                && err.contains(QLatin1String("the group 'kprobes' is left alone")),
            qPrintable(err));
        const QString file = m_dir.filePath(QStringLiteral("forms.ftlens"));
        // -f 'path ~ "/etc/*"': two of the four opens; -f 'ret < 0': the failed one.
        QCOMPARE(column(query(file, QStringLiteral("SELECT path FROM view_kprobes__myopen ORDER BY id"))),
            QStringList({ QStringLiteral("/etc/passwd"), QStringLiteral("/etc/group") }));
        QCOMPARE(column(query(file, QStringLiteral("SELECT dfd FROM view_kprobes__myopen"))), QStringList({ QStringLiteral("-100"), QStringLiteral("-100") }));
        QCOMPARE(column(query(file, QStringLiteral("SELECT ret FROM view_kprobes__myopen_ret"))), QStringList({ QStringLiteral("-2") }));
        // $argN: the same arguments as the registers give.
        const QList<QMap<QString, QString>> rows = csv(m_dir.filePath(QStringLiteral("forms.csv")));
        const QMap<QString, QMap<QString, QString>> calls = byPath(rows, meta(file, "command_pid"), QStringLiteral("path"));
        QCOMPARE(calls.keys(), QStringList({ QStringLiteral("/etc/group"), QStringLiteral("/etc/passwd"), QStringLiteral("/nonexistent/file"),
                                   QStringLiteral("/proc/version") }));
        QCOMPARE(calls.value(QStringLiteral("/etc/passwd")).value(QStringLiteral("dfd_text")), QStringLiteral("AT_FDCWD"));
        QCOMPARE(scalar(file, QStringLiteral("SELECT definition FROM event_type WHERE name = 'myopen'")).section(QLatin1Char(' '), 1),
            QStringLiteral("do_sys_openat2 dfd=%di:s32 path=+0(%si):string"));
    }

    void kernelRefusalQuoted()
    {
        QCOMPARE(stepStatus(m_dir.path(), QStringLiteral("refused")), 7);
        const QString err = QString::fromUtf8(readFile(m_dir.filePath(QStringLiteral("refused.err"))));
        QVERIFY2(err.contains(QLatin1String("the kernel refused the probe")) && err.contains(QLatin1String("trace_kprobe: error:")),
            qPrintable(err));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("refused.ftlens"))));
    }

    void libcOfADynamicCommand()
    {
        QCOMPARE(stepStatus(m_dir.path(), QStringLiteral("libc")), 0);
        const QString file = m_dir.filePath(QStringLiteral("libc.ftlens"));
        const QMap<QString, QMap<QString, QString>> calls
            = byPath(csv(m_dir.filePath(QStringLiteral("libc.csv"))), meta(file, "command_pid"), QStringLiteral("path"));
        QCOMPARE(calls.keys(), QStringList({ QStringLiteral("/etc/passwd"), QStringLiteral("/nonexistent/file") }));
        QCOMPARE(calls.value(QStringLiteral("/etc/passwd")).value(QStringLiteral("ret")), QStringLiteral("3"));
        QCOMPARE(calls.value(QStringLiteral("/nonexistent/file")).value(QStringLiteral("ret_text")), QStringLiteral("-1 ENOENT"));
    }

    // busybox-static's cat never maps libc: the helper says so, returns, and records nothing of it.
    void libcOfAStaticCommand()
    {
        QCOMPARE(stepStatus(m_dir.path(), QStringLiteral("static-cat")), 0);
        const QString err = QString::fromUtf8(readFile(m_dir.filePath(QStringLiteral("static-cat.err"))));
        QVERIFY2(err.contains(QLatin1String("cat (/bin/busybox) is statically linked: it never maps")), qPrintable(err));
        QVERIFY(readFile(m_dir.filePath(QStringLiteral("static-cat.out"))).startsWith("Linux version 6.1."));
        const QString file = m_dir.filePath(QStringLiteral("static.ftlens"));
        QCOMPARE(scalar(file, QStringLiteral("SELECT COUNT(*) FROM event e JOIN event_type t ON t.id = e.type_id WHERE t.kind LIKE 'uprobe%' "
                                             "OR t.kind LIKE 'uretprobe%'")),
            QStringLiteral("0"));
    }

    void killedHelperUndoneByTheNextRecord()
    {
        QCOMPARE(readFile(m_dir.filePath(QStringLiteral("killed.status"))).trimmed(), QByteArray("137"));
        const QMap<QString, QString> during = snapshot(m_dir.path(), QStringLiteral("killed-during"));
        QVERIFY2(during.value(QStringLiteral("instances")).startsWith(QLatin1String("ftlens-")), qPrintable(during.value(QStringLiteral("instances"))));
        QVERIFY2(during.value(QStringLiteral("kprobe_events")).contains(QLatin1String(":ftlens_")), qPrintable(during.value(QStringLiteral("kprobe_events"))));
        QCOMPARE(stepStatus(m_dir.path(), QStringLiteral("next")), 0);
    }

    void nothingLeftBehind_data()
    {
        QTest::addColumn<QString>("after");
        QTest::addRow("after the preset") << QStringLiteral("after-preset");
        QTest::addRow("after the uprobes") << QStringLiteral("after-uprobes");
        QTest::addRow("after the killed helper and the next record") << QStringLiteral("end");
    }

    void nothingLeftBehind()
    {
        QFETCH(QString, after);
        const QStringList changed = differences(snapshot(m_dir.path(), QStringLiteral("start")), snapshot(m_dir.path(), after));
        QVERIFY2(changed.isEmpty(), qPrintable(changed.join(QLatin1Char('\n'))));
    }

private:
    static QString meta(const QString& file, const char* key)
    {
        return scalar(file, QStringLiteral("SELECT value FROM meta WHERE key = '%1'").arg(QLatin1String(key)));
    }
    static QStringList column(const QList<QStringList>& rows)
    {
        QStringList values;
        for (const QStringList& row : rows)
            values << row.value(0);
        return values;
    }

    QTemporaryDir m_dir;
    Guest m_guest;
};

QTEST_GUILESS_MAIN(TestVmProbes)
#include "tst_vmprobes.moc"
