// SPDX-License-Identifier: GPL-3.0-or-later
// What RecordSession adds and leaves out, against a fake tracefs (fakekernel.h) in this process,
// which plays the helper: it never records the helper's own threads — through the instance's
// notrace pid files where the kernel has them (Linux 5.8+), else by dropping their events before
// storing them, counted in meta — and ring-buffer pages it finds corrupt are counted per CPU in
// cpu_stats and in the lost events that `ftlens-cli info` shows. (The kernel's side of the notrace
// files is tested on the real kernel: tests/kernel/tst_helperselfexclusion.cpp.)
#include "fakekernel.h"
#include "parkedthread.h"
#include "recordingrows.h"

#include "recordsession.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <unistd.h>

using Recorder::HelperExit;
using Recorder::RecordOptions;
using TestSupport::EventFormat;
using TestSupport::EventRecord;
using TestSupport::FakeKernel;
using TestSupport::ParkedThread;
using TestSupport::recordingMeta;
using TestSupport::recordingRows;
using TestSupport::RingBufferPage;

namespace {

constexpr int otherTask = 4000001; // a task that is not the helper

struct Run {
    Recorder::RecordOutcome outcome;
    QStringList notes;
};

Run record(FakeKernel& fake, RecordOptions options, const QString& output)
{
    options.tracefsDir = fake.root();
    options.output = output;
    options.durationSeconds = 0.3;
    options.kallsymsPath = QStringLiteral("/nonexistent/kallsyms");
    std::atomic<bool> stop { false };
    Run run;
    Recorder::RecordSession session(options, stop, [&run](const QString& line) { run.notes << line; });
    run.outcome = session.run();
    return run;
}

RecordOptions eventsOptions()
{
    RecordOptions options;
    options.sources = { { RecordOptions::SourceKind::Event, QStringLiteral("sched:sched_switch"), {} },
        { RecordOptions::SourceKind::Event, QStringLiteral("syscalls:sys_enter_openat"), {} } };
    return options;
}

FakeKernel::Record switchRecord(int cpu, std::uint64_t ts, int pid, int prev, int next)
{
    return { cpu, ts, pid, [=](EventRecord& r) { r.setText("prev_comm", "prev").set("prev_pid", prev).setText("next_comm", "next").set("next_pid", next); } };
}

FakeKernel::Record openatRecord(int cpu, std::uint64_t ts, int pid)
{
    return { cpu, ts, pid, [](EventRecord& r) { r.set("dfd", -100).set("flags", 0); } };
}

QString instancePath(const QString& file) { return QStringLiteral("instances/ftlens-%1/").arg(::getpid()) + file; }

// The tids of a pid list as the helper wrote it ("12 34 56").
QList<int> tidsOf(const QString& list)
{
    QList<int> tids;
    const QStringList parts = list.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString& part : parts)
        tids << part.toInt();
    return tids;
}

// ftlens-cli info FILE [--json]
QByteArray cliInfo(const QString& file, bool json)
{
    QProcess cli;
    QStringList arguments { QStringLiteral("info"), file };
    if (json)
        arguments << QStringLiteral("--json");
    cli.start(QStringLiteral(FTLENS_BIN_DIR "/ftlens-cli"), arguments);
    if (!cli.waitForFinished(30000) || cli.exitCode() != 0)
        return "ftlens-cli failed: " + cli.readAllStandardError();
    return cli.readAllStandardOutput();
}

} // namespace

class TestRecordSession : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); }

    void ownThreadsDroppedWhereTheKernelCannot_data()
    {
        QTest::addColumn<bool>("notraceFiles");
        QTest::addColumn<QString>("said"); // in the helper's note
        QTest::addRow("no notrace pid files (before Linux 5.8)") << false << QStringLiteral("(no set_event_notrace_pid in the instance");
        QTest::addRow("the kernel refuses the pid list") << true << QStringLiteral("failed: Invalid argument): their events are dropped");
    }

    // The helper's events reach the writer, which drops them.
    void ownThreadsDroppedWhereTheKernelCannot()
    {
        QFETCH(bool, notraceFiles);
        QFETCH(QString, said);
        ParkedThread library; // a thread some library of the helper started
        const int self = int(::getpid());
        const int lib = library.tid();
        FakeKernel fake(QStringLiteral(FTLENS_TEST_DATA "/tracefs"), 2);
        fake.notracePidFiles(notraceFiles);
        fake.refuseWrites(QStringLiteral("set_event_notrace_pid"), EINVAL);
        fake.script(QStringLiteral("sched_switch"),
            { switchRecord(0, 1000, self, self, lib), switchRecord(0, 1100, self, self, otherTask),
                switchRecord(1, 1200, lib, lib, self), switchRecord(1, 1300, otherTask, otherTask, self) });
        fake.script(QStringLiteral("sys_enter_openat"),
            { openatRecord(0, 1050, self), openatRecord(1, 1150, lib), openatRecord(0, 1250, otherTask) });
        const QString file = freshFile("writer");
        const Run run = record(fake, eventsOptions(), file);
        QVERIFY2(run.outcome.code == HelperExit::Ok, qPrintable(run.outcome.message));

        // A switch to or from another task is kept, as the kernel's notrace filter keeps it.
        QCOMPARE(recordingRows(file, QStringLiteral("SELECT e.ts, e.pid, t.name FROM event e JOIN event_type t ON t.id = e.type_id ORDER BY e.id")),
            (QStringList { QStringLiteral("1100 %1 sched_switch").arg(self), QStringLiteral("1250 %1 sys_enter_openat").arg(otherTask),
                QStringLiteral("1300 %1 sched_switch").arg(otherTask) }));
        QCOMPARE(recordingMeta(file, "self_exclusion"), QStringLiteral("writer"));
        QCOMPARE(recordingMeta(file, "self_events_dropped"), QStringLiteral("4"));
        QVERIFY2(run.notes.join(QLatin1Char('\n')).contains(said), qPrintable(run.notes.join(QLatin1Char('\n'))));
        for (const QString& write : fake.controlWrites())
            QVERIFY2(!write.contains(QLatin1String("notrace_pid")) && !write.contains(QLatin1String("-fork")), qPrintable(write));
    }

    void ownThreadsGoToTheKernelsNotraceFiles_data()
    {
        QTest::addColumn<QString>("tracer");
        QTest::addColumn<QStringList>("files"); // written in this order, each with the helper's threads
        QTest::addRow("tracepoints") << QStringLiteral("nop") << QStringList { QStringLiteral("set_event_notrace_pid") };
        QTest::addRow("function tracer") << QStringLiteral("function")
                                         << QStringList { QStringLiteral("set_event_notrace_pid"), QStringLiteral("set_ftrace_notrace_pid") };
    }

    void ownThreadsGoToTheKernelsNotraceFiles()
    {
        QFETCH(QString, tracer);
        QFETCH(QStringList, files);
        ParkedThread library;
        FakeKernel fake(QStringLiteral(FTLENS_TEST_DATA "/tracefs"), 2);
        fake.notracePidFiles(true);
        fake.writeRootFile(QStringLiteral("available_filter_functions"), "vfs_read\nksys_read\n");
        RecordOptions options = eventsOptions();
        options.tracer = tracer;
        options.stateDir = m_dir.filePath(QStringLiteral("state-") + QString::fromUtf8(QTest::currentDataTag()));
        const QString file = freshFile("kernel");
        const Run run = record(fake, options, file);
        QVERIFY2(run.outcome.code == HelperExit::Ok, qPrintable(run.outcome.message));

        // The pid files' writes as their paths (their lists are checked below), the options' with values.
        QStringList written;
        QStringList lists;
        for (const QString& write : fake.controlWrites()) {
            const QString path = write.section(QLatin1Char('='), 0, 0);
            if (!path.startsWith(instancePath(QString())))
                continue;
            if (path.endsWith(QLatin1String("notrace_pid"))) {
                written << path;
                lists << write.section(QLatin1Char('='), 1);
            } else if (path.endsWith(QLatin1String("-fork")) || write == instancePath(QStringLiteral("tracing_on=1"))) {
                written << write;
            }
        }
        QStringList expected;
        for (const QString& pidFile : std::as_const(files))
            expected << instancePath(pidFile) << instancePath(pidFile.startsWith(QLatin1String("set_event")) ? QStringLiteral("options/event-fork=1")
                                                                                                          : QStringLiteral("options/function-fork=1"));
        expected << instancePath(QStringLiteral("tracing_on=1")); // all before tracing starts
        QCOMPARE(written, expected);
        for (const QString& list : std::as_const(lists)) {
            const QList<int> tids = tidsOf(list);
            QVERIFY2(tids.contains(int(::getpid())) && tids.contains(library.tid()), qPrintable(list));
            QVERIFY2(tids.size() >= 3, qPrintable(list)); // and the reader thread
            QCOMPARE(list, lists.constFirst());
        }
        QCOMPARE(recordingMeta(file, "self_exclusion"), QStringLiteral("kernel"));
        QCOMPARE(recordingMeta(file, "self_events_dropped"), QStringLiteral("0"));
    }

    // A page whose data runs past its end is dropped whole; one whose third record does is read up
    // to there: one dropped page on each CPU, in cpu_stats and in the lost events of info.
    void corruptPagesAreCountedAsLost()
    {
        FakeKernel fake(QStringLiteral(FTLENS_TEST_DATA "/tracefs"), 2);
        fake.script(QStringLiteral("sched_switch"),
            { switchRecord(0, 1000, otherTask, otherTask, 0), switchRecord(1, 1100, otherTask, 0, otherTask) });
        const auto format = EventFormat::parse(fake.readRootFile(QStringLiteral("events/sched/sched_switch/format")));
        QVERIFY(format);
        auto pageOf = [&](std::initializer_list<std::uint64_t> stamps) {
            RingBufferPage page(*stamps.begin());
            for (std::uint64_t ts : stamps)
                page.append(ts, EventRecord(*format, otherTask).set("prev_pid", otherTask).bytes());
            return page.bytes();
        };
        std::vector<char> broken = pageOf({ 2000, 2001 });
        const std::uint64_t tooLong = RingBufferPage::pageSize;
        std::memcpy(broken.data() + 8, &tooLong, sizeof tooLong);
        fake.scriptRawPage(QStringLiteral("sched_switch"), 0, broken);
        std::vector<char> cut = pageOf({ 3000, 3001, 3002 });
        const int recordSize = int(format->fixedSize() + 3) / 4 * 4 + 4;
        const std::uint32_t pastTheData = 28; // a small record of 112 bytes
        std::memcpy(cut.data() + RingBufferPage::headerSize + 2 * recordSize, &pastTheData, sizeof pastTheData);
        fake.scriptRawPage(QStringLiteral("sched_switch"), 1, cut);

        const QString file = m_dir.filePath(QStringLiteral("corrupt.ftlens"));
        const Run run = record(fake, eventsOptions(), file);
        QVERIFY2(run.outcome.code == HelperExit::Ok, qPrintable(run.outcome.message));
        QCOMPARE(run.outcome.lostEvents, 2);
        QCOMPARE(recordingRows(file, QStringLiteral("SELECT ts, cpu FROM event ORDER BY id")),
            (QStringList { QStringLiteral("1000 0"), QStringLiteral("1100 1"), QStringLiteral("3000 1"), QStringLiteral("3001 1") }));
        QCOMPARE(recordingRows(file, QStringLiteral("SELECT cpu, overrun, missed_events, dropped_pages FROM cpu_stats ORDER BY cpu")),
            (QStringList { QStringLiteral("0 0 0 1"), QStringLiteral("1 0 0 1") }));

        const QJsonObject info = QJsonDocument::fromJson(cliInfo(file, true)).object();
        QCOMPARE(info.value(QStringLiteral("lost_events")).toInteger(), 2);
        QCOMPARE(info.value(QStringLiteral("dropped_pages")).toInteger(), 2);
        const QByteArray text = cliInfo(file, false);
        QVERIFY2(text.contains("lost events: 2  (WARNING)\n"), text.constData());
        QVERIFY2(text.contains("of them 2 for ring-buffer pages the recorder found corrupt"), text.constData());
    }

private:
    // A new name for each recording: -o never replaces an existing file, and data rows share m_dir.
    QString freshFile(const char* stem)
    {
        return m_dir.filePath(QLatin1String(stem) + QLatin1Char('-') + QString::number(++m_files) + QStringLiteral(".ftlens"));
    }

    QTemporaryDir m_dir;
    int m_files = 0;
};

QTEST_GUILESS_MAIN(TestRecordSession)
#include "tst_recordsession.moc"
