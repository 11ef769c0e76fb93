// SPDX-License-Identifier: GPL-3.0-or-later
// File > Import: the import job in its worker (the recording it writes opens with the events
// of the text, failures name the file, an existing output survives a failed import, cancel
// removes the partial output), the output suggested for an input, and the main window opening
// the result with its unparsed lines in the status bar, or showing the error dialog.
#include "guitestsupport.h"
#include "importjob.h"
#include "mainwindow.h"
#include "recordingreader.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using Gui::ImportJob;
using Gui::ImportSummary;

namespace {
// Six events (a kprobe pair twice, two sched_switch) and one line of prose among them.
const QString fixture = QStringLiteral(FTLENS_TEST_DATA "/import/opens.txt");

QString writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return QString();
    return path;
}

// Enough lines that the import is still writing when a progress report arrives.
QByteArray manyEvents(int count)
{
    QByteArray text;
    text.reserve(count * 80);
    for (int i = 0; i < count; ++i)
        text += "            bash-1 [000] d... " + QByteArray::number(1000 + i) + ".5: sched_wakeup: comm=foo pid=" + QByteArray::number(i)
            + " prio=120\n";
    return text;
}

bool noRecordingAt(const QString& path)
{
    for (const char* suffix : { "", "-wal", "-shm", "-journal" }) {
        if (QFile::exists(path + QLatin1String(suffix)))
            return false;
    }
    return true;
}
} // namespace

class TestImportJob : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        GuiTest::isolateSettings(m_dir.path(), QStringLiteral("tst_importjob"));
        QVERIFY(QFile::exists(fixture));
    }

    void defaultOutputPath_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::addRow("suffix replaced") << QStringLiteral("%1/trace.txt") << QStringLiteral("%1/trace.ftlens");
        QTest::addRow("only the last suffix") << QStringLiteral("%1/run.2024.log") << QStringLiteral("%1/run.2024.ftlens");
        QTest::addRow("no suffix") << QStringLiteral("%1/trace") << QStringLiteral("%1/trace.ftlens");
    }
    void defaultOutputPath()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(ImportJob::defaultOutputPath(input.arg(m_dir.path())), expected.arg(m_dir.path()));
    }

    void defaultOutputPathOutsideAFolderThatCannotBeWritten()
    {
        // A folder that does not exist cannot be written (root writes anywhere else).
        const QString output = ImportJob::defaultOutputPath(QStringLiteral("/nonexistent-ftlens-dir/trace.txt"));
        QCOMPARE(QFileInfo(output).fileName(), QStringLiteral("trace.ftlens"));
        QVERIFY2(QFileInfo(QFileInfo(output).absolutePath()).isWritable(), qPrintable(output));
    }

    void imports_data()
    {
        QTest::addColumn<QString>("input");  // %1: the test's folder
        QTest::addColumn<QString>("output"); // %1: the test's folder
        QTest::addColumn<qint64>("events");  // -1: the import fails; -2: any number above 0
        QTest::addColumn<qint64>("unparsed");
        QTest::addColumn<QStringList>("problem"); // what the failure's message contains
        QTest::addRow("ftrace text with a line of prose") << fixture << QStringLiteral("%1/opens.ftlens") << qint64(6) << qint64(1) << QStringList();
        // perf script output: told from its content (114 events of three tracepoints, nothing unparsed).
        QTest::addRow("perf script") << QStringLiteral(FTLENS_TEST_DATA "/perf/sched_openat.txt") << QStringLiteral("%1/perf.ftlens") << qint64(114)
                                     << qint64(0) << QStringList();
        const QString traceDat = QStringLiteral(FTLENS_SOURCE_DIR "/../shared/corpus/trace_dat/hebel23-driver_trace.dat");
        if (QFile::exists(traceDat))
            QTest::addRow("trace.dat") << traceDat << QStringLiteral("%1/dat.ftlens") << qint64(-2) << qint64(0) << QStringList();
        QTest::addRow("not a trace") << QStringLiteral("%1/prose.txt") << QStringLiteral("%1/prose.ftlens") << qint64(-1) << qint64(0)
                                     << GuiTest::strings({ "prose.txt", "no ftrace event lines found" });
        QTest::addRow("missing input") << QStringLiteral("%1/missing.txt") << QStringLiteral("%1/missing.ftlens") << qint64(-1) << qint64(0)
                                       << GuiTest::strings({ "missing.txt", "cannot open" });
        QTest::addRow("output folder missing: the message names the output, not the partial file")
            << fixture << QStringLiteral("%1/no/such/dir/out.ftlens") << qint64(-1) << qint64(0) << GuiTest::strings({ "out.ftlens:", "does not exist" });
    }
    void imports()
    {
        QFETCH(QString, input);
        QFETCH(QString, output);
        QFETCH(qint64, events);
        QFETCH(qint64, unparsed);
        QFETCH(QStringList, problem);
        QVERIFY(!writeFile(m_dir.filePath(QStringLiteral("prose.txt")), "hello\nthis is no trace\n").isEmpty());
        if (input.contains(QLatin1String("%1")))
            input = input.arg(m_dir.path());
        output = output.arg(m_dir.path());

        ImportJob job(input, output);
        QSignalSpy imported(&job, &ImportJob::imported);
        QSignalSpy failed(&job, &ImportJob::importFailed);
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(imported.size() + failed.size() == 1, 20000);
        QVERIFY(noRecordingAt(ImportJob::partialPath(output)));
        if (events == -1) {
            QCOMPARE(failed.size(), 1);
            const QString message = failed.first().at(1).toString();
            for (const QString& part : problem)
                QVERIFY2(message.contains(part), qPrintable(message));
            QVERIFY2(!message.contains(QLatin1String(".part")), qPrintable(message));
            QVERIFY(noRecordingAt(output));
            return;
        }
        QCOMPARE(failed.size(), 0);
        const auto summary = imported.first().at(0).value<ImportSummary>();
        QCOMPARE(summary.outputPath, output);
        if (events == -2) // as many as the file holds (tst_tracedatimport compares them with trace-cmd report)
            events = summary.events;
        QVERIFY(summary.events > 0);
        QCOMPARE(summary.events, events);
        QCOMPARE(summary.unparsedLines, unparsed);
        auto reader = Storage::RecordingReader::open(output);
        QVERIFY2(reader, qPrintable(reader ? QString() : reader.error().message));
        auto recorded = reader.value()->summary();
        QVERIFY(recorded);
        QCOMPARE(qint64(recorded->events), events);
        QCOMPARE(reader.value()->meta().value(QStringLiteral("unparsed_lines")).toLongLong(), unparsed);
    }

    void failedImportLeavesTheExistingFile()
    {
        const QString output = m_dir.filePath(QStringLiteral("existing.ftlens"));
        QVERIFY(!writeFile(output, "the old file").isEmpty());
        QVERIFY(!writeFile(m_dir.filePath(QStringLiteral("prose.txt")), "hello\n").isEmpty());
        ImportJob failing(m_dir.filePath(QStringLiteral("prose.txt")), output);
        QSignalSpy failed(&failing, &ImportJob::importFailed);
        failing.start();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
        QFile old(output);
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), QByteArray("the old file"));
        old.close();

        ImportJob replacing(fixture, output);
        QSignalSpy imported(&replacing, &ImportJob::imported);
        replacing.start();
        QTRY_COMPARE_WITH_TIMEOUT(imported.size(), 1, 20000);
        auto reader = Storage::RecordingReader::open(output);
        QVERIFY2(reader, qPrintable(reader ? QString() : reader.error().message));
        QCOMPARE(reader.value()->summary()->events, 6);
    }

    void cancel_data()
    {
        QTest::addColumn<bool>("whileWriting"); // else at once, before the worker reads anything
        QTest::addRow("at once") << false;
        QTest::addRow("while writing the recording") << true;
    }
    void cancel()
    {
        QFETCH(bool, whileWriting);
        const QString input = writeFile(m_dir.filePath(QStringLiteral("big.txt")), manyEvents(400000));
        QVERIFY(!input.isEmpty());
        const QString output = m_dir.filePath(QStringLiteral("big.ftlens"));
        const QString partial = ImportJob::partialPath(output);
        ImportJob job(input, output);
        QSignalSpy cancelled(&job, &ImportJob::importCancelled);
        QSignalSpy imported(&job, &ImportJob::imported);
        bool partialWritten = false;
        // The scan is the first 30% of the progress; past it the recording is being written.
        connect(&job, &ImportJob::progressChanged, this, [&](int permille) {
            if (whileWriting && permille > 350 && !partialWritten) {
                partialWritten = QFile::exists(partial);
                job.cancel();
            }
        });
        job.start();
        if (!whileWriting)
            job.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(cancelled.size() + imported.size() == 1, 60000);
        QCOMPARE(imported.size(), 0);
        QCOMPARE(cancelled.size(), 1);
        if (whileWriting)
            QVERIFY2(partialWritten, "the partial recording was not there when the import was cancelled");
        QVERIFY(noRecordingAt(partial));
        QVERIFY(noRecordingAt(output));
    }

    void windowOpensTheImportedRecording()
    {
        Gui::MainWindow window;
        window.show();
        const QString output = m_dir.filePath(QStringLiteral("window.ftlens"));
        QSignalSpy opened(&window, &Gui::MainWindow::recordingOpened);
        window.importFile(fixture, output);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 20000);
        QCOMPARE(window.recording()->path, output);
        QCOMPARE(window.recording()->summary.events, 6);
        auto* unparsed = window.findChild<QLabel*>(QStringLiteral("unparsedLinesLabel"));
        QVERIFY(unparsed);
        QVERIFY(unparsed->isVisibleTo(&window));
        QCOMPARE(unparsed->text(), QStringLiteral("Unparsed lines: 1"));
        QVERIFY(unparsed->toolTip().contains(QLatin1String("ftlens-cli info")));

        // With a recording shown, the next import opens in a window of its own.
        const auto windows = [] {
            int count = 0;
            for (QWidget* widget : QApplication::topLevelWidgets())
                count += qobject_cast<Gui::MainWindow*>(widget) && widget->isVisible() ? 1 : 0;
            return count;
        };
        QCOMPARE(windows(), 1);
        window.importFile(fixture, m_dir.filePath(QStringLiteral("second.ftlens")));
        QTRY_COMPARE_WITH_TIMEOUT(windows(), 2, 20000);
        QCOMPARE(window.recording()->path, output);
        for (QWidget* widget : QApplication::topLevelWidgets()) {
            if (widget != &window && qobject_cast<Gui::MainWindow*>(widget))
                widget->close();
        }
    }

    void windowShowsImportErrors()
    {
        Gui::MainWindow window;
        window.show();
        const QString input = writeFile(m_dir.filePath(QStringLiteral("notes.txt")), "just some notes\n");
        QVERIFY(!input.isEmpty());
        window.importFile(input, m_dir.filePath(QStringLiteral("notes.ftlens")));
        QMessageBox* box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((box = window.findChild<QMessageBox*>(QStringLiteral("importErrorDialog"))) != nullptr, 20000);
        QVERIFY(box->text().contains(QLatin1String("notes.txt")));
        QVERIFY(box->informativeText().contains(QLatin1String("no ftrace event lines found")));
        QVERIFY(!window.recording());
        QVERIFY(noRecordingAt(m_dir.filePath(QStringLiteral("notes.ftlens"))));
        box->close();
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestImportJob)
#include "tst_importjob.moc"
