// SPDX-License-Identifier: GPL-3.0-or-later
// ftlens-helper record never records itself, on the real kernel: syscalls:sys_enter_read and
// sys_enter_write recorded system-wide for 2 s (and for -P, and for a COMMAND) while a workload
// makes a known number of reads and writes. No stored event may belong to the helper — its pid,
// any of its threads, any task whose tgid is the helper's — and every call of the workload must
// be there. Without the exclusion the helper's own reads of the ring buffer fill the recording.
#include "helperprocess.h"

#include "recordingreader.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace KernelTest;

namespace {

constexpr int calls = 2000;
// Byte counts no other task is likely to use, to find the workload's own calls.
constexpr int readBytes = 3001;
constexpr int writeBytes = 3003;

// wait: for a line on stdin first; linger: stay a while after the calls, so that a helper
// recording it as its COMMAND is still there when the test lists the helper's threads.
QStringList workloadArguments(bool wait, bool linger)
{
    QStringList arguments { QString::number(calls), QString::number(readBytes), QString::number(writeBytes) };
    if (linger)
        arguments = QStringList { QStringLiteral("--linger"), QStringLiteral("1500") } + arguments;
    if (wait)
        arguments.prepend(QStringLiteral("--wait"));
    return arguments;
}

// The threads /proc lists for a process now.
QSet<int> threadsOf(qint64 pid)
{
    QSet<int> tids;
    const QStringList tasks = QDir(QStringLiteral("/proc/%1/task").arg(pid)).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& task : tasks)
        tids.insert(task.toInt());
    return tids;
}

std::int64_t queryCount(Storage::RecordingReader& reader, const std::string& sql, const QList<qint64>& binds)
{
    auto query = reader.database().prepare(sql);
    if (!query)
        return -1;
    for (int i = 0; i < binds.size(); ++i)
        query->bindInt(i + 1, binds[i]);
    return query->step() == SQLITE_ROW ? query->columnInt(0) : -1;
}

// Stored events of SYSTEM:EVENT by pid whose `count` field is bytes.
std::int64_t callsOf(Storage::RecordingReader& reader, const QString& event, qint64 pid, int bytes)
{
    const Storage::EventTypeInfo* type = reader.findEventType(event);
    if (!type)
        return -1;
    return queryCount(reader,
        "SELECT COUNT(*) FROM event e JOIN \"" + type->fieldTable.toStdString() + "\" f ON f.event_id = e.id WHERE e.pid = ? AND f.count = ?",
        { pid, bytes });
}

} // namespace

class TestHelperSelfExclusion : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString reason = skipReason(); !reason.isEmpty())
            QSKIP(qPrintable(reason));
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo::exists(testTool(QStringLiteral("ftlens-test-readwriter"))), "ftlens-test-readwriter is not built");
        for (const char* event : { "sys_enter_read", "sys_enter_write" }) {
            if (QFileInfo::exists(tracefsRoot() + QLatin1String("/events/syscalls/") + QLatin1String(event)))
                m_events << QLatin1String("syscalls:") + QLatin1String(event);
            else
                qWarning("this kernel has no syscalls:%s (CONFIG_FTRACE_SYSCALLS): its part of the test is skipped", event);
        }
        if (m_events.isEmpty())
            QSKIP("this kernel has neither syscalls:sys_enter_read nor sys_enter_write");
    }

    void cleanup()
    {
        if (QTest::currentTestFailed())
            removeLeftovers(); // a helper killed by a failed check
    }

    void neverRecordsItself_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addRow("system-wide") << QStringLiteral("system");
        QTest::addRow("-P the workload") << QStringLiteral("pid");
        QTest::addRow("-- the workload as COMMAND") << QStringLiteral("command");
    }

    void neverRecordsItself()
    {
        QFETCH(QString, mode);
        const QString file = m_dir.filePath(mode + QLatin1String(".ftlens"));
        QStringList arguments { QStringLiteral("record") };
        for (const QString& event : std::as_const(m_events))
            arguments << QStringLiteral("-e") << event;
        arguments << QStringLiteral("-o") << file;

        QProcess workload;
        if (mode == QLatin1String("pid")) {
            workload.start(testTool(QStringLiteral("ftlens-test-readwriter")), workloadArguments(true, false));
            QVERIFY(workload.waitForStarted());
            arguments << QStringLiteral("-P") << QString::number(workload.processId());
        }
        if (mode == QLatin1String("command"))
            arguments << QStringLiteral("--") << testTool(QStringLiteral("ftlens-test-readwriter")) << workloadArguments(false, true);
        else
            arguments << QStringLiteral("-d") << QStringLiteral("2");

        QProcess helper;
        QVERIFY2(startRecording(helper, arguments), helper.readAllStandardError().constData());
        const qint64 helperPid = helper.processId();
        QSet<int> helperThreads = threadsOf(helperPid);
        qint64 workloadPid = 0;
        if (mode == QLatin1String("system")) {
            workload.start(testTool(QStringLiteral("ftlens-test-readwriter")), workloadArguments(false, false));
            QVERIFY(workload.waitForStarted());
        } else if (mode == QLatin1String("pid")) {
            workload.write("go\n");
        }
        if (mode != QLatin1String("command")) {
            workloadPid = workload.processId();
            QVERIFY(workload.waitForFinished(30000));
            QCOMPARE(workload.exitCode(), 0);
        }
        helperThreads += threadsOf(helperPid);
        QVERIFY(helper.waitForFinished(30000));
        QVERIFY2(helper.exitCode() == 0, helper.readAllStandardError().constData());
        QCOMPARE(leftoversOf(helperPid), QStringList());
        QVERIFY2(helperThreads.contains(int(helperPid)) && helperThreads.size() >= 2, "the helper's main and reader threads");

        auto reader = Storage::RecordingReader::open(file);
        QVERIFY2(reader.ok(), reader.ok() ? "" : qPrintable(reader.error().message));
        if (mode == QLatin1String("command"))
            workloadPid = reader.value()->meta().value(QStringLiteral("command_pid")).toLongLong();
        QVERIFY(workloadPid > 0);

        for (int tid : std::as_const(helperThreads))
            QCOMPARE(queryCount(*reader.value(), "SELECT COUNT(*) FROM event WHERE pid = ?", { tid }), 0);
        QCOMPARE(queryCount(*reader.value(), "SELECT COUNT(*) FROM event e JOIN task t ON t.pid = e.pid WHERE t.tgid = ?", { helperPid }),
            0);
        if (m_events.contains(QLatin1String("syscalls:sys_enter_read")))
            QCOMPARE(callsOf(*reader.value(), QStringLiteral("syscalls:sys_enter_read"), workloadPid, readBytes), calls);
        if (m_events.contains(QLatin1String("syscalls:sys_enter_write")))
            QCOMPARE(callsOf(*reader.value(), QStringLiteral("syscalls:sys_enter_write"), workloadPid, writeBytes), calls);
        auto summary = reader.value()->summary();
        QVERIFY(summary.ok());
        QCOMPARE(summary->lostEvents, 0);
        QCOMPARE(reader.value()->meta().value(QStringLiteral("self_exclusion")), QStringLiteral("kernel")); // Linux 5.8+
    }

private:
    QTemporaryDir m_dir;
    QStringList m_events;
};

QTEST_GUILESS_MAIN(TestHelperSelfExclusion)
#include "tst_helperselfexclusion.moc"
