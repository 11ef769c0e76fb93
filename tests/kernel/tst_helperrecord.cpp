// SPDX-License-Identifier: GPL-3.0-or-later
// ftlens-helper record against the real kernel: exact counts for a known workload, uprobes on
// libc's open64 with string arguments, -P, filters, and SIGTERM/SIGKILL mid-recording.
#include "helperprocess.h"

#include "eventcsvexport.h"
#include "probecsvexport.h"
#include "recordingreader.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QDir>
#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <fcntl.h>
#include <sqlite3.h>

using namespace KernelTest;

namespace {

// The workload's own account: "open PATH -> RESULT" per line, RESULT the fd or -errno.
QList<std::pair<QString, int>> workloadOpens(const QByteArray& out)
{
    QList<std::pair<QString, int>> opens;
    const QList<QByteArray> lines = out.split('\n');
    for (const QByteArray& line : lines) {
        if (!line.startsWith("open "))
            continue;
        const qsizetype arrow = line.lastIndexOf(" -> ");
        opens.append({ QString::fromUtf8(line.mid(5, arrow - 5)), line.mid(arrow + 4).toInt() });
    }
    return opens;
}

QStringList mixedPaths(int n)
{
    QStringList paths;
    for (int i = 0; i < n; ++i)
        paths << (i % 3 == 1 ? QStringLiteral("/nonexistent/ftlens-%1").arg(i) : QStringLiteral("/etc/hostname"));
    return paths;
}

// Rows of one column of an event type for one pid, as text, via the same exporter the CLI uses.
QStringList column(const QString& file, const QString& event, int pid, const QString& field)
{
    auto reader = Storage::RecordingReader::open(file);
    if (!reader)
        return { QStringLiteral("ERROR ") + reader.error().message };
    const Storage::EventTypeInfo* type = reader.value()->findEventType(event);
    if (!type)
        return { QStringLiteral("NO TYPE ") + event };
    QString table = type->fieldTable;
    std::string sql = "SELECT f.\"" + field.toStdString() + "\" FROM event e JOIN \"" + table.toStdString()
        + "\" f ON f.event_id = e.id WHERE e.pid = ? ORDER BY e.id";
    bool isText = false;
    for (const Storage::FieldInfo& info : type->fields)
        isText = isText || (info.name == field && info.storage == Storage::Schema::FieldStorage::Text);
    if (isText)
        sql = "SELECT s.str FROM event e JOIN \"" + table.toStdString() + "\" f ON f.event_id = e.id JOIN string s ON s.id = f.\""
            + field.toStdString() + "\" WHERE e.pid = ? ORDER BY e.id";
    auto query = reader.value()->database().prepare(sql);
    if (!query)
        return { QStringLiteral("ERROR ") + query.error().message };
    query->bindInt(1, pid);
    QStringList values;
    while (query->step() == SQLITE_ROW)
        values << query->columnString(0);
    return values;
}

int commandPid(const QString& file)
{
    auto reader = Storage::RecordingReader::open(file);
    return reader ? reader.value()->meta().value(QStringLiteral("command_pid")).toInt() : -1;
}

QJsonObject info(const QString& file)
{
    const Run cli = run(binary(QStringLiteral("ftlens-cli")), { QStringLiteral("info"), file, QStringLiteral("--json") });
    return QJsonDocument::fromJson(cli.out).object();
}

} // namespace

class TestHelperRecord : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString reason = skipReason(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        QVERIFY(m_dir.isValid());
        QVERIFY2(!systemLibc().isEmpty(), "libc not found in /proc/self/maps");
    }

    void syscallCountsOfCommand_data()
    {
        QTest::addColumn<QStringList>("paths");
        QTest::addRow("all exist") << QStringList { QStringLiteral("/etc/hostname"), QStringLiteral("/etc/passwd") };
        QTest::addRow("some missing") << QStringList { QStringLiteral("/nonexistent/a"), QStringLiteral("/etc/hostname"),
            QStringLiteral("/etc/passwd"), QStringLiteral("/nope") };
        QTest::addRow("300 mixed") << mixedPaths(300);
    }

    // The static workload makes no system call of its own besides its opens, so the counts are exact.
    void syscallCountsOfCommand()
    {
        QFETCH(QStringList, paths);
        const QString file = m_dir.filePath(QStringLiteral("sys-%1.ftlens").arg(paths.size())); // the helper keeps existing files
        const Run helper = run(binary(QStringLiteral("ftlens-helper")),
            QStringList { QStringLiteral("record"), QStringLiteral("-e"), QStringLiteral("syscalls:sys_enter_openat"),
                QStringLiteral("-e"), QStringLiteral("syscalls:sys_exit_openat"), QStringLiteral("-o"), file, QStringLiteral("--"),
                testTool(QStringLiteral("ftlens-test-opener-static")) }
                + paths);
        QVERIFY2(helper.exitCode == 0, helper.err.constData());
        const auto opens = workloadOpens(helper.out);
        QCOMPARE(opens.size(), paths.size());
        const int pid = commandPid(file);
        QVERIFY(pid > 0);

        QCOMPARE(column(file, QStringLiteral("syscalls:sys_enter_openat"), pid, QStringLiteral("dfd")).size(), paths.size());
        QStringList expectedRets;
        for (const auto& [path, result] : opens)
            expectedRets << QString::number(result);
        QCOMPARE(column(file, QStringLiteral("syscalls:sys_exit_openat"), pid, QStringLiteral("ret")), expectedRets);

        const QJsonObject summary = info(file);
        QCOMPARE(summary.value(QStringLiteral("complete")).toBool(), true);
        QCOMPARE(summary.value(QStringLiteral("lost_events")).toInteger(), 0);
        QVERIFY(summary.value(QStringLiteral("events_by_type")).toObject().value(QStringLiteral("syscalls:sys_enter_openat")).toInteger()
            >= paths.size());

        const Run csv = run(binary(QStringLiteral("ftlens-cli")),
            { QStringLiteral("export"), file, QStringLiteral("--event"), QStringLiteral("syscalls:sys_exit_openat"),
                QStringLiteral("--pid"), QString::number(pid), QStringLiteral("-o"), QStringLiteral("-") });
        QCOMPARE(csv.exitCode, 0);
        const QList<QByteArray> rows = csv.out.split('\n');
        QCOMPARE(rows.first(), QByteArray("ts_ns,cpu,pid,comm,event,__syscall_nr,ret\r"));
        QCOMPARE(rows.size() - 2, paths.size()); // header, rows, and the empty piece after the last CRLF
        QVERIFY(rows.at(1).contains(",ftlens-test-ope,syscalls:sys_exit_openat,"));
    }

    void uprobeArgumentsOfCommand()
    {
        const QString libc = systemLibc();
        const QStringList paths = mixedPaths(12);
        const QString file = m_dir.filePath(QStringLiteral("uprobe.ftlens"));
        const Run helper = run(binary(QStringLiteral("ftlens-helper")),
            QStringList { QStringLiteral("record"), QStringLiteral("--uprobe"),
                QStringLiteral("p:myopen %1:open64 path=+0(%di):string flags=%si:x32").arg(libc), QStringLiteral("--uretprobe"),
                QStringLiteral("myopen_ret %1:open64 ret=$retval:s32").arg(libc), QStringLiteral("-o"), file, QStringLiteral("--"),
                testTool(QStringLiteral("ftlens-test-opener-dynamic")) }
                + paths);
        QVERIFY2(helper.exitCode == 0, helper.err.constData());
        const auto opens = workloadOpens(helper.out);
        QCOMPARE(opens.size(), paths.size());
        const int pid = commandPid(file);
        QCOMPARE(column(file, QStringLiteral("uprobes:myopen"), pid, QStringLiteral("path")), paths);
        QStringList rets;
        for (const auto& [path, result] : opens)
            rets << QString::number(result < 0 ? -1 : result); // libc returns -1 and sets errno
        QCOMPARE(column(file, QStringLiteral("uprobes:myopen_ret"), pid, QStringLiteral("ret")), rets);
        const QStringList flags = column(file, QStringLiteral("uprobes:myopen"), pid, QStringLiteral("flags"));
        QCOMPARE(flags.size(), paths.size());
        QCOMPARE(flags.first().toLongLong(), qint64(O_RDONLY | O_CLOEXEC));
    }

    // The libc preset: the places and arguments come from the system, the workload's view matches.
    void libcOpensPreset()
    {
        const QStringList paths = mixedPaths(9);
        const QString file = m_dir.filePath(QStringLiteral("preset.ftlens"));
        const Run helper = run(binary(QStringLiteral("ftlens-helper")),
            QStringList { QStringLiteral("record"), QStringLiteral("--preset"), QStringLiteral("opens-libc"), QStringLiteral("-o"),
                file, QStringLiteral("--"), testTool(QStringLiteral("ftlens-test-opener-dynamic")) }
                + paths);
        QVERIFY2(helper.exitCode == 0, helper.err.constData());
        const auto opens = workloadOpens(helper.out);
        const int pid = commandPid(file);
        QCOMPARE(column(file, QStringLiteral("uprobes:libc_open64"), pid, QStringLiteral("path")), paths);
        QStringList rets;
        for (const auto& [path, result] : opens)
            rets << QString::number(result < 0 ? -1 : result);
        QCOMPARE(column(file, QStringLiteral("uprobes:libc_open64_ret"), pid, QStringLiteral("ret")), rets);
        QCOMPARE(column(file, QStringLiteral("uprobes:libc_open64"), pid, QStringLiteral("flags")).value(0).toLongLong(),
            qint64(O_RDONLY | O_CLOEXEC));
        auto reader = Storage::RecordingReader::open(file);
        QVERIFY(reader.ok());
        QVERIFY(reader.value()->meta().value(QStringLiteral("preset_places")).contains(QLatin1String(":open64")));

        // The paired table: the path, the flags as text, and the fd or the errno the workload saw.
        const QString csv = m_dir.filePath(QStringLiteral("preset.csv"));
        QVERIFY(Engine::exportProbeCsv(*reader.value(), QStringLiteral("libc_open64"), csv).ok());
        QFile table(csv);
        QVERIFY(table.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = table.readAll().split('\n');
        QCOMPARE(lines.value(0), QByteArray("ts_ns,cpu,pid,comm,path,flags,mode,ret,ret_text,latency_ns,flags_text,mode_text,status\r"));
        QStringList seen, expected;
        for (const QByteArray& line : lines.mid(1)) {
            const QList<QByteArray> cells = line.trimmed().split(',');
            if (cells.size() > 12 && cells[2].toInt() == pid)
                seen << QStringLiteral("%1 %2 %3 %4").arg(QString::fromUtf8(cells[4]), QString::fromUtf8(cells[8]), QString::fromUtf8(cells[10]),
                    QString::fromUtf8(cells[12]));
        }
        for (const auto& [path, result] : opens)
            expected << QStringLiteral("%1 %2 O_RDONLY|O_CLOEXEC paired")
                            .arg(path, result < 0 ? QStringLiteral("-1 ") + QString::fromLatin1(strerrorname_np(-result)) : QString::number(result));
        QCOMPARE(seen, expected);
        // ftlens-cli export --probe writes the same table.
        const Run cli = run(binary(QStringLiteral("ftlens-cli")),
            { QStringLiteral("export"), file, QStringLiteral("--probe"), QStringLiteral("libc_open64"), QStringLiteral("-o"), QStringLiteral("-") });
        QCOMPARE(cli.exitCode, 0);
        QVERIFY(table.seek(0));
        QCOMPARE(cli.out, table.readAll());
    }

    void filterAndPidSelection()
    {
        // A waiting workload, recorded by -P, with a kernel filter keeping the failed opens only.
        const QStringList paths = mixedPaths(30);
        QProcess workload;
        workload.start(testTool(QStringLiteral("ftlens-test-opener-dynamic")), QStringList { QStringLiteral("--wait") } + paths);
        QVERIFY(workload.waitForStarted());
        const int pid = int(workload.processId()); // 0 once it has ended
        const QString file = m_dir.filePath(QStringLiteral("pid.ftlens"));
        QProcess helper;
        QVERIFY(startRecording(helper,
            { QStringLiteral("record"), QStringLiteral("-e"), QStringLiteral("syscalls:sys_exit_openat"), QStringLiteral("-f"),
                QStringLiteral("ret < 0"), QStringLiteral("-e"), QStringLiteral("syscalls:sys_enter_openat"), QStringLiteral("-P"),
                QString::number(pid), QStringLiteral("-o"), file }));
        workload.write("go\n");
        QVERIFY(workload.waitForFinished());
        ::kill(pid_t(helper.processId()), SIGINT);
        QVERIFY(helper.waitForFinished(30000));
        QCOMPARE(helper.exitCode(), 0);
        const auto opens = workloadOpens(workload.readAllStandardOutput());
        QCOMPARE(opens.size(), paths.size());
        QStringList failures;
        for (const auto& [path, result] : opens) {
            if (result < 0)
                failures << QString::number(result);
        }
        QCOMPARE(column(file, QStringLiteral("syscalls:sys_exit_openat"), pid, QStringLiteral("ret")), failures);
        QCOMPARE(column(file, QStringLiteral("syscalls:sys_enter_openat"), pid, QStringLiteral("dfd")).size(), paths.size());
        QCOMPARE(info(file).value(QStringLiteral("tasks")).toInteger(), 1); // -P: nobody else
    }

    void sigtermKeepsACompleteFileAndCleansUp()
    {
        const QString file = m_dir.filePath(QStringLiteral("term.ftlens"));
        QProcess helper;
        QVERIFY(startRecording(helper,
            { QStringLiteral("record"), QStringLiteral("-e"), QStringLiteral("sched:sched_switch"), QStringLiteral("-e"),
                QStringLiteral("syscalls:sys_enter_openat"), QStringLiteral("--uprobe"),
                QStringLiteral("%1:open64 path=+0(%di):string").arg(systemLibc()), QStringLiteral("-o"), file }));
        const qint64 pid = helper.processId();
        QVERIFY(!leftoversOf(pid).isEmpty()); // the instance and the probe exist while it records
        run(testTool(QStringLiteral("ftlens-test-opener-dynamic")), mixedPaths(5));
        QThread::msleep(300);
        ::kill(pid_t(pid), SIGTERM);
        QVERIFY(helper.waitForFinished(30000));
        QCOMPARE(helper.exitCode(), 0);
        QCOMPARE(leftoversOf(pid), QStringList());
        const QJsonObject summary = info(file);
        QCOMPARE(summary.value(QStringLiteral("complete")).toBool(), true);
        QVERIFY(summary.value(QStringLiteral("events_by_type")).toObject().value(QStringLiteral("uprobes:open64")).toInteger() >= 5);
    }

    void sigkillLeavesAValidFileAndTheNextRunCleansUp()
    {
        const QString file = m_dir.filePath(QStringLiteral("kill.ftlens"));
        QProcess helper;
        QVERIFY(startRecording(helper,
            { QStringLiteral("record"), QStringLiteral("-e"), QStringLiteral("sched:sched_switch"), QStringLiteral("--uprobe"),
                QStringLiteral("%1:open64 path=+0(%di):string").arg(systemLibc()), QStringLiteral("-o"), file }));
        const qint64 pid = helper.processId();
        run(testTool(QStringLiteral("ftlens-test-opener-dynamic")), mixedPaths(5));
        QThread::msleep(800); // a few commits (every 250 ms)
        ::kill(pid_t(pid), SIGKILL);
        QVERIFY(helper.waitForFinished(30000));
        QVERIFY(!leftoversOf(pid).isEmpty());

        auto reader = Storage::RecordingReader::open(file);
        QVERIFY2(reader.ok(), reader.ok() ? "" : qPrintable(reader.error().message));
        auto summary = reader.value()->summary();
        QVERIFY(summary.ok());
        QCOMPARE(summary->complete, false);
        QVERIFY(summary->events > 0);

        // The next run removes the dead helper's instance and probe group.
        const Run next = run(binary(QStringLiteral("ftlens-helper")),
            { QStringLiteral("record"), QStringLiteral("-e"), QStringLiteral("sched:sched_switch"), QStringLiteral("-d"),
                QStringLiteral("0.1"), QStringLiteral("-o"), m_dir.filePath(QStringLiteral("next.ftlens")) });
        QVERIFY2(next.exitCode == 0, next.err.constData());
        QCOMPARE(leftoversOf(pid), QStringList());
    }

    // Top-level settings, another user's instance and another tool's probe are left as they were.
    void leavesTheRestOfTracefsAlone()
    {
        const QString root = tracefsRoot();
        const QString foreign = root + QLatin1String("/instances/ftlens_test_foreign");
        QVERIFY(QDir().mkpath(foreign));
        auto removeForeign = qScopeGuard([&] {
            QFile probes(root + QLatin1String("/uprobe_events"));
            if (probes.open(QIODevice::Append))
                probes.write("-:othertool/opened\n");
            QDir().rmdir(foreign);
        });
        {
            QFile probes(root + QLatin1String("/uprobe_events"));
            QVERIFY(probes.open(QIODevice::Append));
            QVERIFY(probes.write(QStringLiteral("p:othertool/opened %1:open64\n").arg(systemLibc()).toUtf8()) > 0);
        }
        QFile sw(foreign + QLatin1String("/events/sched/sched_switch/enable"));
        QVERIFY(sw.open(QIODevice::WriteOnly) && sw.write("1") == 1);
        sw.close();
        const QStringList files { QStringLiteral("current_tracer"), QStringLiteral("tracing_on"), QStringLiteral("buffer_size_kb"),
            QStringLiteral("trace_clock"), QStringLiteral("set_event"), QStringLiteral("set_event_pid"),
            QStringLiteral("uprobe_events"), QStringLiteral("options/event-fork"),
            QStringLiteral("instances/ftlens_test_foreign/set_event"), QStringLiteral("instances/ftlens_test_foreign/trace_clock"),
            QStringLiteral("instances/ftlens_test_foreign/buffer_size_kb"),
            QStringLiteral("instances/ftlens_test_foreign/tracing_on") };
        auto snapshot = [&] {
            QStringList state;
            for (const QString& file : files) {
                QFile f(root + QLatin1Char('/') + file);
                state << file + QLatin1String(": ") + QString::fromUtf8(f.open(QIODevice::ReadOnly) ? f.readAll() : "?");
            }
            state << QDir(root + QLatin1String("/instances")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).join(QLatin1Char(' '));
            return state;
        };
        const QStringList before = snapshot();
        const Run helper = run(binary(QStringLiteral("ftlens-helper")),
            QStringList { QStringLiteral("record"), QStringLiteral("-e"), QStringLiteral("sched:*"), QStringLiteral("-e"),
                QStringLiteral("syscalls:sys_enter_openat"), QStringLiteral("-f"), QStringLiteral("dfd != 0"),
                QStringLiteral("--uprobe"), QStringLiteral("%1:open64 path=+0(%di):string").arg(systemLibc()),
                QStringLiteral("-b"), QStringLiteral("4096"), QStringLiteral("--clock"), QStringLiteral("mono"),
                QStringLiteral("-o"), m_dir.filePath(QStringLiteral("alone.ftlens")), QStringLiteral("--"),
                testTool(QStringLiteral("ftlens-test-opener-dynamic")), QStringLiteral("/etc/hostname") });
        QVERIFY2(helper.exitCode == 0, helper.err.constData());
        QCOMPARE(snapshot(), before);
    }

    void cleanupCommandRemovesWhatAKilledHelperLeft()
    {
        QProcess helper;
        QVERIFY(startRecording(helper,
            { QStringLiteral("record"), QStringLiteral("-e"), QStringLiteral("sched:sched_switch"), QStringLiteral("--uprobe"),
                QStringLiteral("%1:open64").arg(systemLibc()), QStringLiteral("-o"), m_dir.filePath(QStringLiteral("k2.ftlens")) }));
        const qint64 pid = helper.processId();
        ::kill(pid_t(pid), SIGKILL);
        QVERIFY(helper.waitForFinished(30000));
        QCOMPARE(leftoversOf(pid).size(), 2); // the instance and the probe
        const Run cleanup = run(binary(QStringLiteral("ftlens-helper")), { QStringLiteral("cleanup") });
        QCOMPARE(cleanup.exitCode, 0);
        QVERIFY2(cleanup.out.contains(QStringLiteral("ftlens-%1").arg(pid).toUtf8()), cleanup.out.constData());
        QCOMPARE(leftoversOf(pid), QStringList());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestHelperRecord)
#include "tst_helperrecord.moc"
