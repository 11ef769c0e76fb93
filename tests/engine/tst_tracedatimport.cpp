// SPDX-License-Identifier: GPL-3.0-or-later
// trace.dat import (TraceDatImporter through importTrace): every trace.dat of the shared corpus
// imports, with per-type event counts equal to what `trace-cmd report` prints for the same file
// (both run here), kernel_stack frames kept beside their event, function records as calls; a file
// cut inside its CPU data keeps the events before the cut with a warning naming the cut, a file cut
// in its headers or not a trace.dat is an error naming the file and the part; cancel leaves nothing.
#include "recordingrows.h"
#include "traceimport.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using TestSupport::recordingMeta;
using TestSupport::recordingRows;

namespace {

const QString corpusDir = QStringLiteral(FTLENS_SOURCE_DIR "/../shared/corpus/trace_dat");

// What `trace-cmd report FILE` prints, or an empty string when trace-cmd is not there.
QByteArray traceCmdReport(const QString& file)
{
    if (QStandardPaths::findExecutable(QStringLiteral("trace-cmd")).isEmpty())
        return {};
    QProcess process;
    process.start(QStringLiteral("trace-cmd"), { QStringLiteral("report"), file });
    process.closeWriteChannel();
    if (!process.waitForFinished(120000))
        return {};
    return process.readAllStandardOutput();
}

// Events per type name as trace-cmd report prints them: "COMM-PID [CPU] [FLAGS] SECONDS: NAME:".
QMap<QString, qint64> reportCounts(const QByteArray& report)
{
    static const QRegularExpression event(QStringLiteral(R"(-\d+\s+\[\d+\]\s+(?:\S+\s+)?\d+\.\d+:\s+([^\s:]+):)"));
    QMap<QString, qint64> counts;
    for (const QByteArray& line : report.split('\n')) {
        const QRegularExpressionMatch match = event.match(QString::fromUtf8(line));
        if (match.hasMatch())
            ++counts[match.captured(1)];
    }
    return counts;
}

qint64 reportFrames(const QByteArray& report)
{
    qint64 frames = 0;
    for (const QByteArray& line : report.split('\n'))
        frames += line.startsWith("=> ") ? 1 : 0;
    return frames;
}

QMap<QString, qint64> recordingCounts(const QString& recording)
{
    QMap<QString, qint64> counts;
    const QStringList rows = recordingRows(recording,
        QStringLiteral("SELECT t.name, count(*) FROM event e JOIN event_type t ON t.id = e.type_id GROUP BY t.id"));
    for (const QString& row : rows) {
        const QStringList columns = row.split(QLatin1Char(' '));
        counts[columns.value(0)] += columns.value(1).toLongLong();
    }
    return counts;
}

qint64 count(const QString& recording, const QString& sql)
{
    return recordingRows(recording, sql).value(0).toLongLong();
}

} // namespace

class TestTraceDatImport : public QObject {
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }
    void corpus_data();
    void corpus();
    void stacksKeptWithTheirEvent();
    void functionRecordsBecomeCalls();
    void cutInTheCpuDataKeepsWhatCameBefore();
    void cutInTheHeaders_data();
    void cutInTheHeaders();
    void cancelLeavesNothing();

private:
    QString corpusFile(const QString& name)
    {
        const QString path = corpusDir + QLatin1Char('/') + name;
        if (!QFile::exists(path))
            return {};
        return path;
    }
    QString output(const QString& name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
};

void TestTraceDatImport::corpus_data()
{
    QTest::addColumn<QString>("file");
    if (!QDir(corpusDir).exists())
        QSKIP(qPrintable(QStringLiteral("the shared corpus is not there (%1): corpus checks skipped").arg(corpusDir)));
    const QStringList files = QDir(corpusDir).entryList({ QStringLiteral("*.dat") }, QDir::Files, QDir::Name);
    QVERIFY(!files.isEmpty());
    for (const QString& file : files)
        QTest::newRow(qPrintable(file)) << corpusDir + QLatin1Char('/') + file;
}

void TestTraceDatImport::corpus()
{
    QFETCH(QString, file);
    const QString out = output(QFileInfo(file).completeBaseName() + QStringLiteral(".ftlens"));
    auto result = Engine::importTrace(file, out, Engine::TraceFormat::Auto);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(result->format, QStringLiteral("trace.dat"));
    QVERIFY2(result->warnings.isEmpty(), qPrintable(result->warnings.join(QLatin1Char('\n'))));
    QVERIFY(result->events > 0);
    QCOMPARE(recordingMeta(out, "source"), QStringLiteral("import"));
    QCOMPARE(recordingMeta(out, "import_format"), QStringLiteral("trace.dat"));
    QCOMPARE(count(out, QStringLiteral("SELECT count(*) FROM event")), result->events);

    const QByteArray report = traceCmdReport(file);
    if (report.isEmpty())
        QSKIP("trace-cmd is not installed (packaging/build-deps.txt): counts not compared");
    const QMap<QString, qint64> expected = reportCounts(report);
    QVERIFY2(!expected.isEmpty(), qPrintable(QStringLiteral("no event in trace-cmd report's output: ") + QString::fromUtf8(report.left(2000))));
    QCOMPARE(recordingCounts(out), expected);
    QCOMPARE(count(out, QStringLiteral("SELECT count(*) FROM stack_frame")), reportFrames(report));
}

void TestTraceDatImport::stacksKeptWithTheirEvent()
{
    // trace-cmd record -T: a kernel_stack record after each sched_waking on its CPU.
    const QString file = corpusFile(QStringLiteral("lanhaocoder-LanGraph_trace_v7_zstd.dat"));
    if (file.isEmpty())
        QSKIP("the shared corpus is not there: stack checks skipped");
    const QString out = output(QStringLiteral("stacks.ftlens"));
    auto result = Engine::importTrace(file, out, Engine::TraceFormat::TraceDat);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    // The first stack: its frames belong to the sched_waking before the kernel_stack record.
    const QStringList first = recordingRows(out,
        QStringLiteral("SELECT t.name, f.user, f.depth, k.name, printf('%x', f.addr), f.name FROM stack_frames f "
                       "JOIN event e ON e.id = f.event_id JOIN event_type t ON t.id = e.type_id "
                       "JOIN event s ON s.id = f.stack_id JOIN event_type k ON k.id = s.type_id "
                       "ORDER BY f.event_id, f.user, f.depth LIMIT 1"));
    QCOMPARE(first, QStringList { QStringLiteral("sched_waking 0 0 kernel_stack ffffffffa8902e5f try_to_wake_up") });
    // Every stack record is kept as an event and each of its frames points back at it.
    QCOMPARE(count(out, QStringLiteral("SELECT count(*) FROM stack_frame WHERE stack_id NOT IN (SELECT e.id FROM event e "
                                       "JOIN event_type t ON t.id = e.type_id WHERE t.name IN ('kernel_stack', 'user_stack'))")),
        0);
    QVERIFY(count(out, QStringLiteral("SELECT count(DISTINCT event_id) FROM stack_frame")) > 1);
}

void TestTraceDatImport::functionRecordsBecomeCalls()
{
    const QString file = corpusFile(QStringLiteral("kinmax-buildroot-kernel_trace_function_graph_do_IRQ.dat"));
    if (file.isEmpty())
        QSKIP("the shared corpus is not there: call checks skipped");
    const QString out = output(QStringLiteral("graph.ftlens"));
    auto result = Engine::importTrace(file, out, Engine::TraceFormat::Auto);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QVERIFY(result->calls > 0);
    QCOMPARE(count(out, QStringLiteral("SELECT count(*) FROM call")), result->calls);
    // trace-cmd report prints "funcgraph_entry: | do_IRQ() {" first: the first call is do_IRQ at depth 0.
    // Its duration is the time between its entry and exit records (3592.323 us), as for every call
    // with both records, so that children stay inside their parents on the timeline; the exit's
    // rettime - calltime (2189.721 us, what trace-cmd report prints) is the tracer's own clock
    // (trace_clock_local), not necessarily the buffer's.
    QCOMPARE(recordingRows(out, QStringLiteral("SELECT function, depth, dur FROM calls ORDER BY id LIMIT 1")),
        QStringList { QStringLiteral("do_IRQ 0 3592323") });
    QCOMPARE(recordingMeta(out, "tracer"), QStringLiteral("function_graph"));
}

void TestTraceDatImport::cutInTheCpuDataKeepsWhatCameBefore()
{
    // Six CPUs' data at the end of the file (after the kernel symbols): cut in CPU 1's.
    const QString file = corpusFile(QStringLiteral("lisa_ipynb_example_rtapp_trace.dat"));
    if (file.isEmpty())
        QSKIP("the shared corpus is not there: cut-file checks skipped");
    const QString whole = output(QStringLiteral("whole.ftlens"));
    auto full = Engine::importTrace(file, whole, Engine::TraceFormat::Auto);
    QVERIFY2(full, qPrintable(full ? QString() : full.error().message));

    QFile in(file);
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QByteArray bytes = in.readAll();
    const QString cutPath = output(QStringLiteral("cut.dat"));
    QFile cut(cutPath);
    QVERIFY(cut.open(QIODevice::WriteOnly));
    const qint64 keep = bytes.size() * 9 / 10;
    QCOMPARE(cut.write(bytes.left(keep)), keep);
    cut.close();

    const QString out = output(QStringLiteral("cut.ftlens"));
    auto result = Engine::importTrace(cutPath, out, Engine::TraceFormat::Auto);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(result->warnings.size(), 1);
    const QString warning = result->warnings.constFirst();
    QVERIFY2(warning.startsWith(cutPath + QStringLiteral(": the file ends at byte %1, inside the CPU data: CPU ").arg(keep)), qPrintable(warning));
    QVERIFY2(warning.endsWith(QStringLiteral("; the events before the cut are imported")), qPrintable(warning));
    QVERIFY(result->events > 0);
    QVERIFY(result->events < full->events);
    // What was kept is what the whole file holds, event for event, on each CPU up to its cut.
    const QString perCpu = QStringLiteral("SELECT ts, pid, event FROM events WHERE cpu = %1 ORDER BY id");
    for (int cpu = 0; cpu < full->cpus; ++cpu) {
        const QStringList kept = recordingRows(out, perCpu.arg(cpu));
        QCOMPARE(kept, recordingRows(whole, perCpu.arg(cpu)).mid(0, kept.size()));
    }
}

void TestTraceDatImport::cutInTheHeaders_data()
{
    QTest::addColumn<int>("keep");
    QTest::addColumn<QString>("message");
    QTest::newRow("in the magic") << 5 << QStringLiteral("not a trace.dat");
    QTest::newRow("in the file header") << 14 << QStringLiteral(": the file ends at byte 14, inside the file header; it was cut before any event data");
    QTest::newRow("in the ring-buffer headers") << 70
                                                << QStringLiteral(": the file ends at byte 70, inside the ring-buffer headers (header_page, header_event); "
                                                                  "it was cut before any event data");
}

void TestTraceDatImport::cutInTheHeaders()
{
    QFETCH(int, keep);
    QFETCH(QString, message);
    const QString file = corpusFile(QStringLiteral("trappy_tests_trace.dat"));
    if (file.isEmpty())
        QSKIP("the shared corpus is not there: cut-file checks skipped");
    QFile in(file);
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QString cutPath = output(QStringLiteral("header.dat"));
    QFile cut(cutPath);
    QVERIFY(cut.open(QIODevice::WriteOnly));
    cut.write(in.read(keep));
    cut.close();
    const QString out = output(QStringLiteral("header.ftlens"));
    auto result = Engine::importTrace(cutPath, out, Engine::TraceFormat::TraceDat);
    QVERIFY(!result);
    QVERIFY2(result.error().message.startsWith(cutPath), qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
    QVERIFY(!QFile::exists(out));
}

void TestTraceDatImport::cancelLeavesNothing()
{
    const QString file = corpusFile(QStringLiteral("lisa_ipynb_example_rtapp_trace.dat"));
    if (file.isEmpty())
        QSKIP("the shared corpus is not there: cancel checks skipped");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(QStringLiteral("cancelled.ftlens"));
    {
        QFile before(out);
        QVERIFY(before.open(QIODevice::WriteOnly));
        before.write("what was there");
    }
    Engine::ImportOptions options;
    int lastPermille = 0;
    options.progress = [&lastPermille](int permille) { lastPermille = permille; };
    options.isCancelled = [&lastPermille] { return lastPermille >= 300; };
    auto result = Engine::importTrace(file, out, Engine::TraceFormat::Auto, options);
    QVERIFY(!result);
    QVERIFY2(result.error().message.contains(QStringLiteral("cancelled")), qPrintable(result.error().message));
    QVERIFY(lastPermille >= 300 && lastPermille < 1000);
    QFile after(out);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), QByteArray("what was there"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::Dirs | QDir::NoDotAndDotDot), QStringList { QStringLiteral("cancelled.ftlens") });
}

QTEST_GUILESS_MAIN(TestTraceDatImport)
#include "tst_tracedatimport.moc"
