// SPDX-License-Identifier: GPL-3.0-or-later
// Export for other tools: a recording as a trace.dat (TraceDatExporter, versions 6 and 7, uncompressed and
// zstd) that `trace-cmd report` reads with the recording's CPUs and per-type counts, and that
// imports back into the same events with the same field values (round trip ftlens -> trace.dat ->
// ftlens); kernel stacks survive the round trip. The output's folder may be closed to others (the
// writer reads its headers as another user). Chrome/Perfetto JSON (ChromeJsonExporter) checked
// for the trace event format's structure: metadata names for every task, scheduler slices per CPU,
// calls as complete events, every other event as an instant. Cancel and failure leave nothing.
// (Perfetto UI and chrome://tracing themselves need a browser and the network: not run here.)
#include "chromejsonexporter.h"
#include "recordingrows.h"
#include "synthrecording.h"
#include "tracedatexporter.h"
#include "traceimport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using TestSupport::recordingRows;

namespace {

const QString corpusDir = QStringLiteral(FTLENS_SOURCE_DIR "/../shared/corpus/trace_dat");

bool haveTraceCmd() { return !QStandardPaths::findExecutable(QStringLiteral("trace-cmd")).isEmpty(); }

QByteArray traceCmdReport(const QString& file, QByteArray* errors = nullptr)
{
    QProcess process;
    process.start(QStringLiteral("trace-cmd"), { QStringLiteral("report"), file });
    process.closeWriteChannel();
    if (!process.waitForFinished(300000) || process.exitCode() != 0)
        return {};
    if (errors)
        *errors = process.readAllStandardError();
    return process.readAllStandardOutput();
}

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

QMap<QString, qint64> recordingCounts(const QString& recording)
{
    QMap<QString, qint64> counts;
    for (const QString& row : recordingRows(recording,
             QStringLiteral("SELECT t.name, count(*) FROM event e JOIN event_type t ON t.id = e.type_id GROUP BY t.id"))) {
        const QStringList columns = row.split(QLatin1Char(' '));
        counts[columns.value(0)] += columns.value(1).toLongLong();
    }
    return counts;
}

// Every event (time, CPU, task, type) and then every type's field values in event order: what a
// round trip must keep.
QStringList eventsAndFields(const QString& recording)
{
    QStringList rows = recordingRows(recording, QStringLiteral("SELECT ts, cpu, pid, event FROM events ORDER BY ts, cpu, id"));
    // Each type's view (text fields resolved: string ids differ between files), without the event id.
    for (const QString& type : recordingRows(recording, QStringLiteral("SELECT system || ':' || name || ' ' || field_table FROM event_type "
                                                                       "WHERE id IN (SELECT DISTINCT type_id FROM event) ORDER BY 1"))) {
        const QString view = QStringLiteral("view_") + type.section(QLatin1Char(' '), 1).mid(3);
        rows << type.section(QLatin1Char(' '), 0, 0);
        rows << recordingRows(recording, QStringLiteral("SELECT * FROM \"%1\" ORDER BY id").arg(view)).replaceInStrings(QRegularExpression(QStringLiteral("^\\d+ ")), QString());
    }
    return rows;
}

qint64 count(const QString& recording, const QString& sql)
{
    return recordingRows(recording, sql).value(0).toLongLong();
}

} // namespace

class TestTraceExport : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void traceDatRoundTrip_data();
    void traceDatRoundTrip();
    void traceDatReadByTraceCmd();
    void corpusRoundTripKeepsStacks();
    void chromeJson();
    void cancelLeavesNothing_data();
    void cancelLeavesNothing();
    void missingRecording();

private:
    QTemporaryDir m_dir;
    QString m_synth;
};

void TestTraceExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_synth = m_dir.filePath(QStringLiteral("synth.ftlens"));
    Synth::SynthOptions options;
    options.events = 20000;
    options.cpus = 4;
    options.tasks = 30;
    options.seed = 7;
    auto written = Synth::writeSyntheticRecording(m_synth, options);
    QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
}

void TestTraceExport::traceDatRoundTrip_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<QString>("compression");
    QTest::newRow("version 6") << 6 << QStringLiteral("none");
    QTest::newRow("version 7") << 7 << QStringLiteral("none");
    QTest::newRow("version 7, zstd") << 7 << QStringLiteral("zstd");
}

void TestTraceExport::traceDatRoundTrip()
{
    QFETCH(int, version);
    QFETCH(QString, compression);
    Engine::ExportOptions options;
    options.traceDatVersion = version;
    options.compression = compression;
    int lastPermille = -1;
    options.progress = [&lastPermille](int permille) { lastPermille = permille; };
    const QString dat = m_dir.filePath(QStringLiteral("round.dat"));
    auto exported = Engine::TraceDatExporter(options).exportFile(m_synth, dat);
    QVERIFY2(exported, qPrintable(exported ? QString() : exported.error().message));
    QCOMPARE(exported->events, 20000);
    QCOMPARE(exported->skipped, 0);
    QCOMPARE(exported->cpus, 4);
    QCOMPARE(lastPermille, 1000);

    const QString back = m_dir.filePath(QStringLiteral("back.ftlens"));
    auto imported = Engine::importTrace(dat, back, Engine::TraceFormat::Auto);
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
    QCOMPARE(imported->format, QStringLiteral("trace.dat"));
    QVERIFY2(imported->warnings.isEmpty(), qPrintable(imported->warnings.join(QLatin1Char('\n'))));
    QCOMPARE(imported->events, 20000);
    const QStringList before = eventsAndFields(m_synth);
    const QStringList after = eventsAndFields(back);
    QCOMPARE(after.size(), before.size());
    QCOMPARE(after, before);
    QCOMPARE(recordingRows(back, QStringLiteral("SELECT pid, comm FROM events GROUP BY pid ORDER BY pid")),
        recordingRows(m_synth, QStringLiteral("SELECT pid, comm FROM events GROUP BY pid ORDER BY pid")));
}

void TestTraceExport::traceDatReadByTraceCmd()
{
    if (!haveTraceCmd())
        QSKIP("trace-cmd is not installed (packaging/build-deps.txt): not checked");
    const QString dat = m_dir.filePath(QStringLiteral("for-trace-cmd.dat"));
    auto exported = Engine::TraceDatExporter().exportFile(m_synth, dat);
    QVERIFY2(exported, qPrintable(exported ? QString() : exported.error().message));
    QByteArray errors;
    const QByteArray report = traceCmdReport(dat, &errors);
    QVERIFY2(!report.isEmpty(), errors.constData());
    QVERIFY2(report.startsWith("cpus=4\n"), report.left(200).constData());
    QCOMPARE(reportCounts(report), recordingCounts(m_synth));
    // trace-cmd decodes the fields with the recording's formats: the first sched_switch as ftlens has it.
    const QString first = recordingRows(m_synth, QStringLiteral("SELECT prev_comm || ':' || prev_pid || ' [' || prev_prio || ']' "
                                                                "FROM view_sched__sched_switch ORDER BY id LIMIT 1"))
                              .value(0);
    QVERIFY(!first.isEmpty());
    QVERIFY2(report.contains(QByteArray(QByteArray("sched_switch:         ") + first.toUtf8())), qPrintable(first));
}

void TestTraceExport::corpusRoundTripKeepsStacks()
{
    const QString source = corpusDir + QStringLiteral("/lanhaocoder-LanGraph_trace_v7_zstd.dat");
    if (!QFile::exists(source))
        QSKIP("the shared corpus is not there: not checked");
    const QString first = m_dir.filePath(QStringLiteral("stacks1.ftlens"));
    auto imported = Engine::importTrace(source, first, Engine::TraceFormat::Auto);
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
    const QString dat = m_dir.filePath(QStringLiteral("stacks.dat"));
    auto exported = Engine::TraceDatExporter().exportFile(first, dat);
    QVERIFY2(exported, qPrintable(exported ? QString() : exported.error().message));
    const QString second = m_dir.filePath(QStringLiteral("stacks2.ftlens"));
    auto again = Engine::importTrace(dat, second, Engine::TraceFormat::Auto);
    QVERIFY2(again, qPrintable(again ? QString() : again.error().message));
    QCOMPARE(again->events, imported->events);
    const QString stacks = QStringLiteral("SELECT e.ts, e.cpu, f.user, f.depth, f.addr, f.name FROM stack_frames f JOIN event e ON e.id = f.event_id "
                                          "ORDER BY e.ts, e.cpu, f.user, f.depth");
    const QStringList before = recordingRows(first, stacks);
    QVERIFY(before.size() > 100);
    QCOMPARE(recordingRows(second, stacks), before);
    QCOMPARE(recordingCounts(second), recordingCounts(first));
}

void TestTraceExport::chromeJson()
{
    const QString json = m_dir.filePath(QStringLiteral("trace.json"));
    auto exported = Engine::ChromeJsonExporter().exportFile(m_synth, json);
    QVERIFY2(exported, qPrintable(exported ? QString() : exported.error().message));
    QFile file(json);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(document.isObject());
    QCOMPARE(document.object().value(QStringLiteral("displayTimeUnit")).toString(), QStringLiteral("ns"));
    const QJsonArray events = document.object().value(QStringLiteral("traceEvents")).toArray();
    QVERIFY(!events.isEmpty());

    QMap<QString, qint64> phases;
    QSet<int> namedThreads;
    QSet<int> namedProcesses;
    QSet<int> cpuLanes;
    qint64 slices = 0;
    const int cpuProcess = Engine::ChromeJsonExporter::cpuProcess;
    for (const QJsonValue& value : events) {
        const QJsonObject event = value.toObject();
        const QString ph = event.value(QStringLiteral("ph")).toString();
        ++phases[ph];
        QVERIFY2(event.value(QStringLiteral("pid")).isDouble(), QJsonDocument(event).toJson().constData());
        QVERIFY(event.value(QStringLiteral("name")).isString());
        if (ph == QLatin1String("M")) {
            const QString kind = event.value(QStringLiteral("name")).toString();
            QVERIFY2(kind == QLatin1String("process_name") || kind == QLatin1String("thread_name") || kind == QLatin1String("process_sort_index")
                    || kind == QLatin1String("thread_sort_index"),
                qPrintable(kind));
            if (kind == QLatin1String("thread_name"))
                namedThreads.insert(event.value(QStringLiteral("tid")).toInt());
            if (kind == QLatin1String("process_name"))
                namedProcesses.insert(event.value(QStringLiteral("pid")).toInt());
            continue;
        }
        QVERIFY2(ph == QLatin1String("X") || ph == QLatin1String("i"), qPrintable(ph));
        QVERIFY(event.value(QStringLiteral("tid")).isDouble());
        QVERIFY(event.value(QStringLiteral("ts")).isDouble());
        QVERIFY(event.value(QStringLiteral("ts")).toDouble() >= 0);
        if (ph == QLatin1String("X")) {
            QVERIFY(event.value(QStringLiteral("dur")).isDouble());
            QVERIFY(event.value(QStringLiteral("dur")).toDouble() >= 0);
            if (event.value(QStringLiteral("pid")).toInt() == cpuProcess) {
                ++slices;
                cpuLanes.insert(event.value(QStringLiteral("tid")).toInt());
            }
        } else {
            QCOMPARE(event.value(QStringLiteral("s")).toString(), QStringLiteral("t"));
            QVERIFY(event.value(QStringLiteral("args")).toObject().contains(QStringLiteral("cpu")));
        }
    }
    // Every task has a thread name, the CPUs a process of their own with a lane per CPU.
    for (const QString& pid : recordingRows(m_synth, QStringLiteral("SELECT pid FROM task WHERE pid > 0")))
        QVERIFY2(namedThreads.contains(pid.toInt()), qPrintable(pid));
    QVERIFY(namedProcesses.contains(cpuProcess));
    QCOMPARE(cpuLanes.size(), 4);
    QVERIFY(slices > 0);
    // Every event but the scheduler switches (which became the slices) is an instant.
    const qint64 switches = count(m_synth, QStringLiteral("SELECT count(*) FROM events WHERE event = 'sched:sched_switch'"));
    QVERIFY(switches > 0);
    QCOMPARE(phases.value(QStringLiteral("i")), 20000 - switches);
    QCOMPARE(exported->events, 20000);
}

void TestTraceExport::cancelLeavesNothing_data()
{
    QTest::addColumn<bool>("json");
    QTest::newRow("trace.dat") << false;
    QTest::newRow("chrome-json") << true;
}

void TestTraceExport::cancelLeavesNothing()
{
    QFETCH(bool, json);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString out = dir.filePath(json ? QStringLiteral("out.json") : QStringLiteral("out.dat"));
    {
        QFile before(out);
        QVERIFY(before.open(QIODevice::WriteOnly));
        before.write("what was there");
    }
    Engine::ExportOptions options;
    int lastPermille = 0;
    options.progress = [&lastPermille](int permille) { lastPermille = permille; };
    options.isCancelled = [&lastPermille] { return lastPermille >= 100; };
    auto result = json ? Engine::ChromeJsonExporter(options).exportFile(m_synth, out) : Engine::TraceDatExporter(options).exportFile(m_synth, out);
    QVERIFY(!result);
    QVERIFY2(result.error().message.contains(QStringLiteral("cancelled")), qPrintable(result.error().message));
    QFile after(out);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), QByteArray("what was there"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::Dirs | QDir::NoDotAndDotDot), QStringList { QFileInfo(out).fileName() });
}

void TestTraceExport::missingRecording()
{
    const QString missing = m_dir.filePath(QStringLiteral("missing.ftlens"));
    const QString out = m_dir.filePath(QStringLiteral("never.dat"));
    auto dat = Engine::TraceDatExporter().exportFile(missing, out);
    QVERIFY(!dat);
    QVERIFY2(dat.error().message.contains(missing), qPrintable(dat.error().message));
    auto json = Engine::ChromeJsonExporter().exportFile(missing, out);
    QVERIFY(!json);
    QVERIFY2(json.error().message.contains(missing), qPrintable(json.error().message));
    QVERIFY(!QFile::exists(out));
}

QTEST_GUILESS_MAIN(TestTraceExport)
#include "tst_traceexport.moc"
