// SPDX-License-Identifier: GPL-3.0-or-later
// File > Export as trace.dat / as Chrome/Perfetto JSON and File > Open of another tool's trace:
// the export job in its worker (progress, the file written, failures naming the output, cancel
// leaving an existing file as it was), the command's progress and done dialogs, the File menu's
// actions enabled with a recording, and opening a perf script text or a trace.dat offering to
// import it instead of failing.
#include "exportcommand.h"
#include "exportjob.h"
#include "guitestsupport.h"
#include "mainwindow.h"
#include "synthrecording.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using Gui::ExportFormat;
using Gui::ExportJob;

namespace {
QMessageBox* findBox(const char* name)
{
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (widget->objectName() == QLatin1String(name) && widget->isVisible())
            return qobject_cast<QMessageBox*>(widget);
    }
    return nullptr;
}
} // namespace

class TestExportJob : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void exports_data();
    void exports();
    void failureNamesTheOutput();
    void cancelKeepsTheExistingFile();
    void commandShowsWhatWasWritten();
    void menuActions();
    void openOffersImport_data();
    void openOffersImport();

private:
    QTemporaryDir m_dir;
    QString m_recording;
};

void TestExportJob::initTestCase()
{
    QVERIFY(m_dir.isValid());
    GuiTest::isolateSettings(m_dir.path(), QStringLiteral("tst_exportjob"));
    m_recording = m_dir.filePath(QStringLiteral("synth.ftlens"));
    Synth::SynthOptions options;
    options.events = 200000;
    options.cpus = 2;
    options.tasks = 20;
    auto written = Synth::writeSyntheticRecording(m_recording, options);
    QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
}

void TestExportJob::exports_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("output");
    QTest::newRow("trace.dat") << int(ExportFormat::TraceDat) << QStringLiteral("out.dat");
    QTest::newRow("chrome-json") << int(ExportFormat::ChromeJson) << QStringLiteral("out.json");
}

void TestExportJob::exports()
{
    QFETCH(int, format);
    QFETCH(QString, output);
    const QString path = m_dir.filePath(output);
    ExportJob job(m_recording, path, ExportFormat(format));
    QSignalSpy exported(&job, &ExportJob::exported);
    QSignalSpy failed(&job, &ExportJob::exportFailed);
    QSignalSpy progress(&job, &ExportJob::progressChanged);
    job.start();
    QTRY_VERIFY_WITH_TIMEOUT(exported.size() + failed.size() == 1, 120000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(1).toString()));
    QCOMPARE(exported.first().at(0).toString(), path);
    QCOMPARE(exported.first().at(1).toLongLong(), 200000);
    QVERIFY(progress.size() > 1);
    QCOMPARE(progress.last().at(0).toInt(), 1000);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray head = file.read(32);
    if (ExportFormat(format) == ExportFormat::TraceDat)
        QVERIFY(head.startsWith(QByteArray("\x17\x08\x44tracing", 10)));
    else
        QVERIFY(head.startsWith("{\"displayTimeUnit\""));
}

void TestExportJob::failureNamesTheOutput()
{
    const QString path = m_dir.filePath(QStringLiteral("no/such/dir/out.json"));
    ExportJob job(m_recording, path, ExportFormat::ChromeJson);
    QSignalSpy failed(&job, &ExportJob::exportFailed);
    job.start();
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
    const QString problem = failed.first().at(1).toString();
    QVERIFY2(problem.contains(path), qPrintable(problem));
    QVERIFY(!QFile::exists(path));
}

void TestExportJob::cancelKeepsTheExistingFile()
{
    const QString path = m_dir.filePath(QStringLiteral("existing.dat"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("the old file");
    }
    ExportJob job(m_recording, path, ExportFormat::TraceDat);
    QSignalSpy cancelled(&job, &ExportJob::exportCancelled);
    QSignalSpy exported(&job, &ExportJob::exported);
    connect(&job, &ExportJob::progressChanged, this, [&job](int permille) {
        if (permille > 0)
            job.cancel();
    });
    job.start();
    QTRY_VERIFY_WITH_TIMEOUT(cancelled.size() + exported.size() == 1, 120000);
    QCOMPARE(cancelled.size(), 1);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("the old file"));
    QCOMPARE(QDir(m_dir.path()).entryList({ QStringLiteral("existing*") }, QDir::Files | QDir::Hidden | QDir::Dirs), QStringList { QStringLiteral("existing.dat") });
}

void TestExportJob::commandShowsWhatWasWritten()
{
    QWidget window;
    window.show();
    Gui::ExportCommand command(&window);
    QSignalSpy exported(&command, &Gui::ExportCommand::exported);
    const QString path = m_dir.filePath(QStringLiteral("command.json"));
    command.run(m_recording, path, ExportFormat::ChromeJson);
    QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 120000);
    QMessageBox* done = nullptr;
    QTRY_VERIFY((done = window.findChild<QMessageBox*>(QStringLiteral("exportDoneDialog"))) != nullptr);
    QVERIFY2(done->text().contains(QStringLiteral("Wrote 200000 events")), qPrintable(done->text()));
    QVERIFY2(done->informativeText().contains(QStringLiteral("scheduler slices")), qPrintable(done->informativeText()));
    done->close();
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError error;
    QJsonDocument::fromJson(file.readAll(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
}

void TestExportJob::menuActions()
{
    Gui::MainWindow window;
    auto* traceDat = window.findChild<QAction*>(QStringLiteral("exportTraceDatAction"));
    auto* json = window.findChild<QAction*>(QStringLiteral("exportChromeJsonAction"));
    QVERIFY(traceDat && json);
    QVERIFY(!traceDat->isEnabled() && !json->isEnabled());
    QSignalSpy opened(&window, &Gui::MainWindow::recordingOpened);
    window.openFile(m_recording);
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 60000);
    QVERIFY(traceDat->isEnabled() && json->isEnabled());
    window.closeRecording();
    QVERIFY(!traceDat->isEnabled() && !json->isEnabled());
}

void TestExportJob::openOffersImport_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("what");
    QTest::newRow("perf script") << QStringLiteral(FTLENS_TEST_DATA "/perf/sched_openat.txt") << QStringLiteral("is perf script output");
    QTest::newRow("trace.dat") << QStringLiteral("exported.dat") << QStringLiteral("is a trace.dat");
}

void TestExportJob::openOffersImport()
{
    QFETCH(QString, file);
    QFETCH(QString, what);
    if (!file.startsWith(QLatin1Char('/'))) { // a trace.dat this test writes
        file = m_dir.filePath(file);
        ExportJob job(m_recording, file, ExportFormat::TraceDat);
        QSignalSpy exported(&job, &ExportJob::exported);
        job.start();
        QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 120000);
    }
    Gui::MainWindow window;
    window.show();
    QSignalSpy failed(&window, &Gui::MainWindow::openFailed);
    window.openFile(file);
    QMessageBox* offer = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((offer = findBox("importOfferDialog")) != nullptr, 20000);
    QVERIFY2(offer->text().contains(what), qPrintable(offer->text()));
    QVERIFY(failed.isEmpty());
    QVERIFY(!window.recording());
    offer->reject(); // Cancel: nothing is imported or written
    QTRY_VERIFY(findBox("importOfferDialog") == nullptr);
    QCOMPARE(QDir(m_dir.path()).entryList({ QStringLiteral("*.ftlens") }, QDir::Files), QStringList { QStringLiteral("synth.ftlens") });
}

QTEST_MAIN(TestExportJob)
#include "tst_exportjob.moc"
