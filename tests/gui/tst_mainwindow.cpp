// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's wiring: status bar texts for real recordings, the lost-events warning,
// actions enabled with a recording, a second file opening in its own window, closing,
// dropped files, the command line.
#include "appoptions.h"
#include "droppedrecordings.h"
#include "guitestsupport.h"
#include "mainwindow.h"
#include "panelset.h"
#include "recentfiles.h"
#include "recordingloader.h"
#include "recordingstatusbar.h"
#include "windowactions.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

using Gui::MainWindow;

namespace {
QString labelText(const QWidget& window, const char* name)
{
    auto* label = window.findChild<QLabel*>(QLatin1String(name));
    return label ? label->text() : QStringLiteral("<no %1>").arg(QLatin1String(name));
}

bool labelShown(const QWidget& window, const char* name)
{
    auto* label = window.findChild<QLabel*>(QLatin1String(name));
    return label && label->isVisibleTo(&window);
}

bool openAndWait(MainWindow& window, const QString& path)
{
    QSignalSpy opened(&window, &MainWindow::recordingOpened);
    window.openFile(path);
    return opened.wait(20000) || !opened.isEmpty();
}
} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void statusBar_data();
    void statusBar();
    void formatDuration_data();
    void formatDuration();
    void wiring();
    void secondFileOpensInNewWindow();
    void droppedFiles_data();
    void droppedFiles();
    void commandLine_data();
    void commandLine();

private:
    QTemporaryDir m_dir;
    QString m_demo;
    QString m_lossy;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    GuiTest::isolateSettings(m_dir.path(), QStringLiteral("tst_mainwindow"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_demo = GuiTest::copyDemo(m_dir.path());
    QVERIFY(!m_demo.isEmpty());
    m_lossy = m_dir.filePath(QStringLiteral("lossy.ftlens"));
    QCOMPARE(GuiTest::writeLossyRecording(m_lossy), QString());
}

void TestMainWindow::statusBar_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("expected"); // file, duration, events, CPUs
    QTest::addColumn<QString>("lost");         // empty: no warning shown

    // The figures `ftlens-cli info` prints for resources/demo.ftlens.
    QTest::addRow("demo") << QStringLiteral("demo.ftlens")
                          << GuiTest::strings({ "demo.ftlens", "Duration: 2.500315 s", "Events: 62,427", "CPUs: 2" })
                          << QString();
    QTest::addRow("lost events") << QStringLiteral("lossy.ftlens")
                                 << GuiTest::strings({ "lossy.ftlens", "Duration: 990.000 us", "Events: 100", "CPUs: 2" })
                                 << QStringLiteral("Lost events: 8");
}

void TestMainWindow::statusBar()
{
    QFETCH(QString, file);
    QFETCH(QStringList, expected);
    QFETCH(QString, lost);

    MainWindow window;
    window.show();
    QVERIFY(!labelShown(window, "fileLabel"));
    QVERIFY(openAndWait(window, m_dir.filePath(file)));
    const QStringList shown { labelText(window, "fileLabel"), labelText(window, "durationLabel"),
        labelText(window, "eventsLabel"), labelText(window, "cpusLabel") };
    QCOMPARE(shown, expected);
    QVERIFY(labelShown(window, "eventsLabel"));
    QCOMPARE(labelShown(window, "lostEventsLabel"), !lost.isEmpty());
    if (!lost.isEmpty()) {
        auto* label = window.findChild<QLabel*>(QStringLiteral("lostEventsLabel"));
        QCOMPARE(label->text(), lost);
        QVERIFY(label->toolTip().contains(QLatin1String("dropped")));
        // Drawn as a warning: red.
        label->ensurePolished();
        const QColor colour = label->palette().color(QPalette::WindowText);
        QVERIFY2(colour.red() > 150 && colour.green() < 80 && colour.blue() < 80, qPrintable(colour.name()));
    }
    QVERIFY(window.windowTitle().startsWith(file));
}

void TestMainWindow::formatDuration_data()
{
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<QString>("text");
    QTest::addRow("0") << qint64(0) << QStringLiteral("0 ns");
    QTest::addRow("ns") << qint64(999) << QStringLiteral("999 ns");
    QTest::addRow("us") << qint64(1'500) << QStringLiteral("1.500 us");
    QTest::addRow("ms") << qint64(12'345'678) << QStringLiteral("12.346 ms");
    QTest::addRow("s") << qint64(2'500'315'000) << QStringLiteral("2.500315 s");
    QTest::addRow("long") << qint64(3'600'000'000'000) << QStringLiteral("3600.000000 s");
}

void TestMainWindow::formatDuration()
{
    QFETCH(qint64, ns);
    QFETCH(QString, text);
    QCOMPARE(Gui::RecordingStatusBar::formatDuration(ns), text);
}

void TestMainWindow::wiring()
{
    MainWindow window;
    window.show();
    QVERIFY(!window.actions()->closeAction()->isEnabled());
    QVERIFY(!window.actions()->exportCsvAction()->isEnabled());
    QVERIFY(window.actions()->openAction()->isEnabled());
    // The panels are in the window: timeline central; events, statistics, probe arguments, call
    // graph and functions as docks.
    QCOMPARE(window.centralWidget(), window.panels()->timelineWidget());
    QCOMPARE(window.findChildren<QDockWidget*>().size(), 5);
    for (QDockWidget* dock : window.findChildren<QDockWidget*>())
        QVERIFY(!dock->objectName().isEmpty());

    QVERIFY(openAndWait(window, m_demo));
    QVERIFY(window.actions()->closeAction()->isEnabled());
    QVERIFY(window.actions()->exportCsvAction()->isEnabled());
    QCOMPARE(Gui::RecentFiles().files().value(0), m_demo);

    window.actions()->closeAction()->trigger();
    QVERIFY(!window.recording());
    QVERIFY(!window.actions()->closeAction()->isEnabled());
    QVERIFY(!labelShown(window, "fileLabel"));
    QCOMPARE(window.windowTitle(), QStringLiteral("ftlens"));
}

void TestMainWindow::secondFileOpensInNewWindow()
{
    MainWindow window;
    window.show();
    QVERIFY(openAndWait(window, m_demo));
    const Gui::RecordingPtr first = window.recording();
    const QWidgetList topLevels = QApplication::topLevelWidgets();
    const QSet<QWidget*> before(topLevels.cbegin(), topLevels.cend());

    QSignalSpy loaded(window.findChild<Gui::RecordingLoader*>(), &Gui::RecordingLoader::loaded);
    window.openFile(m_lossy);
    QVERIFY(loaded.wait(20000) || !loaded.isEmpty());
    QCOMPARE(window.recording(), first);

    MainWindow* second = nullptr;
    const QList<QWidget*> after = QApplication::topLevelWidgets();
    for (QWidget* widget : after) {
        if (!before.contains(widget) && qobject_cast<MainWindow*>(widget))
            second = static_cast<MainWindow*>(widget);
    }
    QVERIFY(second);
    QVERIFY(second->isVisible());
    QVERIFY(second->recording());
    QCOMPARE(second->recording()->path, m_lossy);
    QCOMPARE(labelText(*second, "lostEventsLabel"), QStringLiteral("Lost events: 8"));
    QVERIFY(second->testAttribute(Qt::WA_DeleteOnClose));
    second->close();
    QCOMPARE(window.recording(), first);
}

void TestMainWindow::droppedFiles_data()
{
    QTest::addColumn<QList<QUrl>>("urls");
    QTest::addColumn<QStringList>("expected");
    QTest::addRow("one recording") << QList<QUrl> { QUrl::fromLocalFile(QStringLiteral("/t/a.ftlens")) }
                                   << GuiTest::strings({ "/t/a.ftlens" });
    QTest::addRow("mixed") << QList<QUrl> { QUrl::fromLocalFile(QStringLiteral("/t/a.txt")),
        QUrl::fromLocalFile(QStringLiteral("/t/B.FTLENS")), QUrl(QStringLiteral("https://x/c.ftlens")) }
                           << GuiTest::strings({ "/t/B.FTLENS" });
    QTest::addRow("none") << QList<QUrl> {} << QStringList {};
}

void TestMainWindow::droppedFiles()
{
    QFETCH(QList<QUrl>, urls);
    QFETCH(QStringList, expected);
    QMimeData mime;
    mime.setUrls(urls);
    QCOMPARE(Gui::droppedRecordings(&mime), expected);
}

void TestMainWindow::commandLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QStringList>("files");

    using M = Gui::AppOptions::Mode;
    QTest::addRow("nothing") << QStringList {} << true << int(M::Interactive) << QSize(1600, 1000) << QStringList {};
    QTest::addRow("files") << GuiTest::strings({ "a.ftlens", "b.ftlens" }) << true << int(M::Interactive)
                           << QSize(1600, 1000) << GuiTest::strings({ "a.ftlens", "b.ftlens" });
    QTest::addRow("screenshot") << GuiTest::strings({ "--screenshot", "o.png", "--size", "800x600", "a.ftlens" }) << true
                                << int(M::Screenshot) << QSize(800, 600) << GuiTest::strings({ "a.ftlens" });
    QTest::addRow("bench") << GuiTest::strings({ "--bench", "a.ftlens" }) << true << int(M::Bench) << QSize(1600, 1000)
                           << GuiTest::strings({ "a.ftlens" });
    QTest::addRow("bad size") << GuiTest::strings({ "--screenshot", "o.png", "--size", "800*600" }) << false << 0 << QSize()
                              << QStringList {};
    QTest::addRow("both modes") << GuiTest::strings({ "--screenshot", "o.png", "--bench" }) << false << 0 << QSize()
                                << QStringList {};
    QTest::addRow("two files to screenshot") << GuiTest::strings({ "--screenshot", "o.png", "a", "b" }) << false << 0
                                             << QSize() << QStringList {};
}

void TestMainWindow::commandLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, valid);
    QFETCH(int, mode);
    QFETCH(QSize, size);
    QFETCH(QStringList, files);

    arguments.prepend(QStringLiteral("ftlens"));
    const auto options = Gui::AppOptions::parse(arguments);
    QCOMPARE(options.has_value(), valid);
    if (!valid)
        return;
    QCOMPARE(int(options->mode), mode);
    QCOMPARE(options->size, size);
    QCOMPARE(options->files, files);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
