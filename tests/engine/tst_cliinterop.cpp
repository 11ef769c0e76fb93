// SPDX-License-Identifier: GPL-3.0-or-later
// The real ftlens-cli between ftlens and other tools: `import` tells the format from the content
// or takes --format (and refuses an unknown one), reports it in --json; `export --format trace.dat`
// and `--format chrome-json` write files trace-cmd and a JSON parser read; their options are
// checked before anything is written.
#include "programrun.h"
#include "recordingrows.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using ProgramTest::cli;
using ProgramTest::Run;
using TestSupport::recordingRows;

namespace {
const QString perfDir = QStringLiteral(FTLENS_TEST_DATA "/perf");
}

class TestCliInterop : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void importDetects_data();
    void importDetects();
    void importUnknownFormat();
    void importForcedWrongFormat();
    void exportTraceDat();
    void exportChromeJson();
    void exportUsage_data();
    void exportUsage();

private:
    QTemporaryDir m_dir;
    QString m_recording;
};

void TestCliInterop::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFile::exists(QStringLiteral(FTLENS_BIN_DIR "/ftlens-cli")));
    m_recording = m_dir.filePath(QStringLiteral("synth.ftlens"));
    const Run run = cli({ QStringLiteral("synth"), QStringLiteral("--events"), QStringLiteral("3000"), QStringLiteral("--cpus"), QStringLiteral("2"),
        QStringLiteral("-o"), m_recording });
    QVERIFY2(run.exitCode == 0, run.err.constData());
}

void TestCliInterop::importDetects_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("format");
    QTest::newRow("perf script, detected") << perfDir + QStringLiteral("/sched_openat.txt") << QStringList() << QStringLiteral("perf-script");
    QTest::newRow("perf script, forced") << perfDir + QStringLiteral("/sched_openat.txt")
                                         << QStringList { QStringLiteral("--format"), QStringLiteral("perf-script") } << QStringLiteral("perf-script");
    QTest::newRow("ftrace text, detected") << QStringLiteral(FTLENS_TEST_DATA "/import/opens.txt") << QStringList() << QStringLiteral("ftrace");
}

void TestCliInterop::importDetects()
{
    QFETCH(QString, input);
    QFETCH(QStringList, extra);
    QFETCH(QString, format);
    if (!QFile::exists(input))
        QSKIP(qPrintable(QStringLiteral("%1 is not there").arg(input)));
    const QString out = m_dir.filePath(QStringLiteral("import.ftlens"));
    const Run run = cli(QStringList { QStringLiteral("import"), input, QStringLiteral("-o"), out, QStringLiteral("--json") } + extra);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject json = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(json.value(QStringLiteral("format")).toString(), format);
    QVERIFY(json.value(QStringLiteral("events")).toInteger() > 0);
    QCOMPARE(json.value(QStringLiteral("events")).toInteger(), recordingRows(out, QStringLiteral("SELECT count(*) FROM event")).value(0).toLongLong());
    QVERIFY(json.value(QStringLiteral("warnings")).isArray());
}

void TestCliInterop::importUnknownFormat()
{
    const QString out = m_dir.filePath(QStringLiteral("unknown.ftlens"));
    const Run run = cli({ QStringLiteral("import"), perfDir + QStringLiteral("/sched_openat.txt"), QStringLiteral("-o"), out,
        QStringLiteral("--format"), QStringLiteral("perf.data") });
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.errText().contains(QStringLiteral("--format: 'perf.data' is not a format (")), run.err.constData());
    QVERIFY(!QFile::exists(out));
}

void TestCliInterop::importForcedWrongFormat()
{
    const QString out = m_dir.filePath(QStringLiteral("wrong.ftlens"));
    const QString input = perfDir + QStringLiteral("/sched_openat.txt");
    const Run run = cli({ QStringLiteral("import"), input, QStringLiteral("-o"), out, QStringLiteral("--format"), QStringLiteral("trace.dat") });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.errText().contains(input) && run.errText().contains(QStringLiteral("not a trace.dat")), run.err.constData());
    QVERIFY(!QFile::exists(out));
}

void TestCliInterop::exportTraceDat()
{
    const QString dat = m_dir.filePath(QStringLiteral("out.dat"));
    const Run run = cli({ QStringLiteral("export"), m_recording, QStringLiteral("--format"), QStringLiteral("trace.dat"), QStringLiteral("-o"), dat,
        QStringLiteral("--compression"), QStringLiteral("zstd") });
    QVERIFY2(run.exitCode == 0, qPrintable(QStringLiteral("exit %1: %2 %3").arg(run.exitCode).arg(run.errText(), run.outText())));
    QVERIFY2(run.outText().startsWith(QStringLiteral("%1: 3000 events, 2 CPUs").arg(dat)), run.out.constData());
    QVERIFY(run.err.isEmpty());
    if (QStandardPaths::findExecutable(QStringLiteral("trace-cmd")).isEmpty())
        QSKIP("trace-cmd is not installed: the file is not read back");
    QProcess report;
    report.start(QStringLiteral("trace-cmd"), { QStringLiteral("report"), dat });
    QVERIFY(report.waitForFinished(60000));
    QCOMPARE(report.exitCode(), 0);
    const QByteArray text = report.readAllStandardOutput();
    QVERIFY(text.startsWith("cpus=2\n"));
    QCOMPARE(text.count(": sched_switch:"), recordingRows(m_recording, QStringLiteral("SELECT count(*) FROM events WHERE event = 'sched:sched_switch'")).value(0).toLongLong());
}

void TestCliInterop::exportChromeJson()
{
    const QString json = m_dir.filePath(QStringLiteral("out.json"));
    const Run run = cli({ QStringLiteral("export"), m_recording, QStringLiteral("--format"), QStringLiteral("chrome-json"), QStringLiteral("-o"), json });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QFile file(json);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(document.object().value(QStringLiteral("traceEvents")).toArray().size() > 3000 / 2);
}

void TestCliInterop::exportUsage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown format") << QStringList { QStringLiteral("--format"), QStringLiteral("perfetto"), QStringLiteral("-o"), QStringLiteral("x") }
                                    << QStringLiteral("--format: 'perfetto' is not csv, trace.dat or chrome-json");
    QTest::newRow("stdout") << QStringList { QStringLiteral("--format"), QStringLiteral("trace.dat"), QStringLiteral("-o"), QStringLiteral("-") }
                            << QStringLiteral("--format trace.dat writes a file: -o - is not possible");
    QTest::newRow("a filter") << QStringList { QStringLiteral("--format"), QStringLiteral("chrome-json"), QStringLiteral("--cpu"), QStringLiteral("0"),
        QStringLiteral("-o"), QStringLiteral("x") } << QStringLiteral("--format chrome-json writes the whole recording: --cpu does not apply");
    QTest::newRow("bad version") << QStringList { QStringLiteral("--format"), QStringLiteral("trace.dat"), QStringLiteral("--trace-dat-version"),
        QStringLiteral("8"), QStringLiteral("-o"), QStringLiteral("x") } << QStringLiteral("--trace-dat-version: '8' is not 6 or 7");
    QTest::newRow("compression of a v6") << QStringList { QStringLiteral("--format"), QStringLiteral("trace.dat"), QStringLiteral("--trace-dat-version"),
        QStringLiteral("6"), QStringLiteral("--compression"), QStringLiteral("zstd"), QStringLiteral("-o"), QStringLiteral("x") }
                                         << QStringLiteral("--compression needs --trace-dat-version 7");
    QTest::newRow("unknown compression") << QStringList { QStringLiteral("--format"), QStringLiteral("trace.dat"), QStringLiteral("--compression"),
        QStringLiteral("zlib"), QStringLiteral("-o"), QStringLiteral("x") } << QStringLiteral("--compression: 'zlib' is not none or zstd");
    QTest::newRow("compression of a CSV") << QStringList { QStringLiteral("--compression"), QStringLiteral("zstd"), QStringLiteral("-o"), QStringLiteral("x") }
                                          << QStringLiteral("--compression applies to --format trace.dat only");
}

void TestCliInterop::exportUsage()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QStringList args { QStringLiteral("export"), m_recording };
    for (const QString& argument : arguments)
        args << (argument == QLatin1String("x") ? dir.filePath(QStringLiteral("x")) : argument);
    const Run run = cli(args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.errText().contains(message), run.err.constData());
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x"))));
}

QTEST_GUILESS_MAIN(TestCliInterop)
#include "tst_cliinterop.moc"
