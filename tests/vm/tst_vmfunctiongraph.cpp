// SPDX-License-Identifier: GPL-3.0-or-later
// function_graph recorded for real on Debian 12's 6.1 kernel (guest/functiongraph.sh under
// QEMU), where instances refuse that tracer: the helper records in the idle top-level buffer
// and puts back everything it changed, refuses while that buffer is busy, and a killed helper's
// changes are undone by cleanup. The calls nest as a call graph must.
#include "vmguest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace VmGuest;

class TestVmFunctionGraph : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_guest = boot(QStringLiteral("functiongraph.sh"), m_dir.path());
        if (!m_guest.failure.isEmpty())
            QFAIL(qPrintable(m_guest.failure + QLatin1Char('\n') + QString::fromUtf8(m_guest.console.right(4000))));
        QCOMPARE(m_guest.exitCode, 0);
    }

    void capsSayTopLevelOnly()
    {
        const QJsonObject caps = QJsonDocument::fromJson(readFile(path(QStringLiteral("caps.out")))).object();
        QVERIFY2(!caps.isEmpty(), readFile(path(QStringLiteral("caps.err"))).constData());
        for (const char* feature : { "function_tracer", "function_graph_tracer", "filter_functions", "kprobes", "kretprobes",
                 "uprobes", "uretprobes", "eprobes", "instances" })
            QVERIFY2(caps.value(QLatin1String(feature)).toBool(), feature);
        QVERIFY(caps.value(QStringLiteral("function_graph_top_level_only")).toBool());
        const QString note = caps.value(QStringLiteral("function_graph_tracer_note")).toString();
        QVERIFY2(note.contains(QLatin1String("top-level buffer only")) && note.contains(QLatin1String("Invalid argument")),
            qPrintable(note));
    }

    void recordedInTheTopLevelBuffer()
    {
        QCOMPARE(stepStatus(m_dir.path(), QStringLiteral("graph")), 0);
        const QString err = QString::fromUtf8(readFile(path(QStringLiteral("graph.err"))));
        QVERIFY2(err.contains(QLatin1String("runs only in the top-level buffer on this kernel: recording there while it is idle")),
            qPrintable(err));
        const QString file = path(QStringLiteral("graph.ftlens"));
        QCOMPARE(meta(file, "trace_buffer"), QStringLiteral("top-level"));
        QCOMPARE(meta(file, "tracer"), QStringLiteral("function_graph"));
        QCOMPARE(meta(file, "complete"), QStringLiteral("1"));
        QCOMPARE(meta(file, "tracer_options"), QStringLiteral("set_graph_function: do_sys_openat2"));
    }

    void callsNest_data()
    {
        QTest::addColumn<QString>("recording");
        QTest::addRow("whole graph") << QStringLiteral("graph.ftlens");
        QTest::addRow("depth-limited") << QStringLiteral("depth.ftlens");
    }

    // Each child starts one level below its parent, inside it, in the same task; every call
    // returned and took time. Not necessarily on the parent's CPU: a task preempted inside a call
    // may go on on the other CPU (seen under a loaded host), and the trace clock is global.
    void callsNest()
    {
        QFETCH(QString, recording);
        const QString file = path(recording);
        QVERIFY(scalar(file, QStringLiteral("SELECT COUNT(*) FROM call")).toInt() > 0);
        const QList<QStringList> misplaced = query(file,
            QStringLiteral("SELECT c.id, c.depth, c.ts, c.dur, c.pid, c.cpu, p.id, p.depth, p.ts, p.dur, p.pid, p.cpu FROM call c "
                           "JOIN call p ON p.id = c.parent_id WHERE c.depth != p.depth + 1 OR c.ts < p.ts OR c.ts + c.dur > p.ts + p.dur "
                           "OR c.pid != p.pid LIMIT 5"));
        QStringList shown;
        for (const QStringList& row : misplaced)
            shown << row.join(QLatin1Char(' '));
        QVERIFY2(misplaced.isEmpty(), qPrintable(QStringLiteral("child id depth ts dur pid cpu, parent id depth ts dur pid cpu:\n")
                                                 + shown.join(QLatin1Char('\n'))));
        QCOMPARE(scalar(file, QStringLiteral("SELECT COUNT(*) FROM call WHERE dur IS NULL OR dur <= 0 OR self < 0 OR self > dur")),
            QStringLiteral("0"));
        QCOMPARE(scalar(file, QStringLiteral("SELECT COUNT(*) FROM call WHERE depth > 0 AND parent_id IS NULL")), QStringLiteral("0"));
        // self is the duration less the children's.
        QCOMPARE(scalar(file, QStringLiteral("SELECT COUNT(*) FROM call p WHERE p.self != p.dur - (SELECT IFNULL(SUM(c.dur), 0) FROM "
                                             "call c WHERE c.parent_id = p.id)")),
            QStringLiteral("0"));
    }

    // The workload's opens, under its own pid: one do_sys_openat2 per path, each calling getname
    // and do_filp_open, the graph reaching deeper below.
    void workloadOpensUnderItsPid()
    {
        const QString file = path(QStringLiteral("graph.ftlens"));
        const QString pid = meta(file, "command_pid");
        QVERIFY(!pid.isEmpty());
        const QList<QStringList> opens = query(file, QStringLiteral("SELECT id, function, comm FROM calls WHERE depth = 0 AND pid = %1").arg(pid));
        QCOMPARE(opens.size(), 4); // the static opener opens nothing but its four paths
        for (const QStringList& open : opens) {
            QCOMPARE(open.at(1), QStringLiteral("do_sys_openat2"));
            const QStringList children = column(query(file, QStringLiteral("SELECT DISTINCT function FROM calls WHERE parent_id = %1").arg(open.at(0))));
            QVERIFY2(children.contains(QLatin1String("getname")) && children.contains(QLatin1String("do_filp_open")),
                qPrintable(children.join(QLatin1Char(' '))));
        }
        QVERIFY(scalar(file, QStringLiteral("SELECT MAX(depth) FROM call WHERE pid = %1").arg(pid)).toInt() >= 3);
        // Only the workload was traced (set_ftrace_pid of the COMMAND).
        QCOMPARE(scalar(file, QStringLiteral("SELECT COUNT(*) FROM call WHERE pid != %1").arg(pid)), QStringLiteral("0"));
        const QByteArray printed = readFile(path(QStringLiteral("graph.out")));
        QVERIFY2(printed.contains("open /etc/passwd -> 3\n") && printed.contains("open /nonexistent/file -> -2\n"), printed.constData());
    }

    void depthLimited()
    {
        const QString file = path(QStringLiteral("depth.ftlens"));
        QCOMPARE(stepStatus(m_dir.path(), QStringLiteral("depth")), 0);
        QCOMPARE(scalar(file, QStringLiteral("SELECT MAX(depth) FROM call")), QStringLiteral("1"));
        QVERIFY(scalar(file, QStringLiteral("SELECT COUNT(*) FROM calls WHERE depth = 1 AND function = 'do_filp_open'")).toInt() == 2);
        QCOMPARE(meta(file, "tracer_options"),
            QStringLiteral("set_ftrace_filter: do_sys_openat2 getname getname_flags* do_filp_open path_openat; "
                           "set_graph_function: do_sys_openat2; max_graph_depth: 2"));
    }

    void refusedWhileBusy_data()
    {
        QTest::addColumn<QString>("step");
        QTest::addColumn<QString>("why");
        QTest::addRow("events enabled there") << QStringLiteral("busy-events") << QStringLiteral("events are enabled in it (sched:sched_switch)");
        QTest::addRow("events left unread there") << QStringLiteral("busy-unread") << QStringLiteral("events nobody has read");
    }

    void refusedWhileBusy()
    {
        QFETCH(QString, step);
        QFETCH(QString, why);
        QCOMPARE(stepStatus(m_dir.path(), step), 12);
        const QString err = QString::fromUtf8(readFile(path(step + QLatin1String(".err"))));
        QVERIFY2(err.contains(QLatin1String("function_graph runs only in the top-level buffer on this kernel (instances refuse it), "
                                            "and that buffer is in use: "))
                && err.contains(why) && err.contains(QLatin1String("takes it only while idle")),
            qPrintable(err));
        QVERIFY(!QFile::exists(path(QStringLiteral("busy.ftlens"))));
    }

    // Someone else's tracing went on untouched: its settings as they were, its events still
    // unread (more of them by now, none taken).
    void busyBufferLeftAlone()
    {
        QMap<QString, QString> before = snapshot(m_dir.path(), QStringLiteral("busy-before"));
        QMap<QString, QString> after = snapshot(m_dir.path(), QStringLiteral("busy-after"));
        for (const QString& cpu : { QStringLiteral("cpu0 entries"), QStringLiteral("cpu1 entries") }) {
            QVERIFY2(before.value(cpu).toInt() > 0, qPrintable(before.value(cpu)));
            QVERIFY2(after.take(cpu).toInt() >= before.take(cpu).toInt(), qPrintable(cpu));
        }
        const QStringList changed = differences(before, after);
        QVERIFY2(changed.isEmpty(), qPrintable(changed.join(QLatin1Char('\n'))));
    }

    void killedHelperUndoneByCleanup()
    {
        QCOMPARE(readFile(path(QStringLiteral("killed.status"))).trimmed(), QByteArray("137"));
        const QMap<QString, QString> during = snapshot(m_dir.path(), QStringLiteral("killed-during"));
        QCOMPARE(during.value(QStringLiteral("current_tracer")), QStringLiteral("function_graph;"));
        QCOMPARE(during.value(QStringLiteral("options/funcgraph-proc")), QStringLiteral("1"));
        QCOMPARE(stepStatus(m_dir.path(), QStringLiteral("cleanup")), 0);
        const QString restored = QString::fromUtf8(readFile(path(QStringLiteral("cleanup.out"))));
        QVERIFY2(restored.contains(QLatin1String("restored current_tracer, left changed by ftlens-helper")), qPrintable(restored));
        QVERIFY2(restored.contains(QLatin1String("restored options/funcgraph-proc")), qPrintable(restored));
        // What was committed before the kill is kept, marked incomplete.
        const QJsonObject info = QJsonDocument::fromJson(readFile(path(QStringLiteral("killed-info.out")))).object();
        QCOMPARE(info.value(QStringLiteral("complete")).toBool(true), false);
        QVERIFY2(info.value(QStringLiteral("events_by_type")).toObject().value(QStringLiteral("ftrace:funcgraph_entry")).toInt() > 0,
            readFile(path(QStringLiteral("killed-info.out"))).constData());
    }

    void nothingLeftBehind_data()
    {
        QTest::addColumn<QString>("after");
        QTest::addRow("after the graph") << QStringLiteral("after-graph");
        QTest::addRow("after the depth-limited graph") << QStringLiteral("after-depth");
        QTest::addRow("after the killed helper's cleanup") << QStringLiteral("end");
    }

    void nothingLeftBehind()
    {
        QFETCH(QString, after);
        const QMap<QString, QString> start = snapshot(m_dir.path(), QStringLiteral("start"));
        QVERIFY(start.value(QStringLiteral("current_tracer")) == QLatin1String("nop;"));
        const QStringList changed = differences(start, snapshot(m_dir.path(), after));
        QVERIFY2(changed.isEmpty(), qPrintable(changed.join(QLatin1Char('\n'))));
    }

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
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

QTEST_GUILESS_MAIN(TestVmFunctionGraph)
#include "tst_vmfunctiongraph.moc"
