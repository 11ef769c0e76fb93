// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "droppedrecordings.h"
#include "errordialog.h"
#include "exportcommand.h"
#include "importcommand.h"
#include "optimizecommand.h"
#include "panelset.h"
#include "recentfiles.h"
#include "recentfilesmenu.h"
#include "recordingloader.h"
#include "recordingstatusbar.h"
#include "tasklanesdialog.h"
#include "timeselection.h"
#include "windowactions.h"
#include "windowsettings.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QMimeData>

namespace Gui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_selection(new TimeSelection(this))
    , m_panels(new PanelSet(m_selection, this))
    , m_recentFiles(new RecentFiles(this))
    , m_loader(new RecordingLoader(this))
    , m_statusBar(new RecordingStatusBar(this))
    , m_actions(new WindowActions(this, m_recentFiles))
    , m_import(new ImportCommand(this))
    , m_optimize(new OptimizeCommand(this))
    , m_export(new ExportCommand(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("ftlens"));
    setAcceptDrops(true);
    setStatusBar(m_statusBar);
    setCentralWidget(m_panels->timelineWidget());
    QDockWidget* events = addPanelDock(m_panels->eventsWidget(), tr("Events"), "eventsDock", Qt::BottomDockWidgetArea);
    QDockWidget* statistics
        = addPanelDock(m_panels->statisticsWidget(), tr("Statistics"), "statisticsDock", Qt::RightDockWidgetArea);
    QDockWidget* probes = addPanelDock(m_panels->probesWidget(), tr("Probe Arguments"), "probesDock", Qt::BottomDockWidgetArea);
    tabifyDockWidget(events, probes);
    QDockWidget* callGraph
        = addPanelDock(m_panels->callGraphWidget(), tr("Call Graph"), "callGraphDock", Qt::BottomDockWidgetArea);
    QDockWidget* functions
        = addPanelDock(m_panels->functionsWidget(), tr("Functions"), "functionsDock", Qt::BottomDockWidgetArea);
    tabifyDockWidget(probes, callGraph);
    tabifyDockWidget(callGraph, functions);
    events->raise();
    m_actions->addPanelToggles({ events->toggleViewAction(), statistics->toggleViewAction(), probes->toggleViewAction() });
    m_actions->addPanelToggles({ callGraph->toggleViewAction(), functions->toggleViewAction() });
    // A recording of function calls is mostly about them: bring their tab to the front.
    connect(m_panels, &PanelSet::callsAvailable, callGraph, [callGraph](bool hasCalls) {
        if (hasCalls)
            callGraph->raise();
    });
    connectActions();
    connect(m_loader, &RecordingLoader::loadStarted, m_statusBar, &RecordingStatusBar::showOpening);
    connect(m_loader, &RecordingLoader::indexProgress, m_statusBar, &RecordingStatusBar::showIndexProgress);
    // File > Close also cancels an open under way (a first open may build the timeline index).
    connect(m_loader, &RecordingLoader::loadStarted, this, [this] { m_actions->closeAction()->setEnabled(true); });
    connect(m_loader, &RecordingLoader::loaded, this, &MainWindow::onLoaded);
    connect(m_loader, &RecordingLoader::loadFailed, this, &MainWindow::onLoadFailed);
    connect(m_loader, &RecordingLoader::importableFileOpened, this, [this](const QString& path, const QString& description) {
        m_statusBar->setRecording(m_recording); // replaces "Opening…"
        m_import->offerImport(path, description);
    });
    if (!WindowSettings::restore(this)) { // first start: the timeline gets most of the room
        resizeDocks({ statistics }, { width() * 3 / 10 }, Qt::Horizontal);
        resizeDocks({ events }, { height() * 35 / 100 }, Qt::Vertical);
    }
}

MainWindow::~MainWindow() = default;

QDockWidget* MainWindow::addPanelDock(QWidget* panel, const QString& title, const char* objectName,
    Qt::DockWidgetArea area)
{
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(QLatin1String(objectName)); // saveState() needs it
    dock->setWidget(panel);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::connectActions()
{
    connect(m_actions->openAction(), &QAction::triggered, this, &MainWindow::chooseFile);
    connect(m_actions->importAction(), &QAction::triggered, m_import, &ImportCommand::chooseAndRun);
    connect(m_import, &ImportCommand::imported, this, [this](const ImportSummary& summary) { openFile(summary.outputPath); });
    connect(m_actions->recentFilesMenu(), &RecentFilesMenu::fileChosen, this, &MainWindow::openFile);
    connect(m_actions->exportCsvAction(), &QAction::triggered, m_panels, &PanelSet::exportCsv);
    connect(m_actions->optimizeAction(), &QAction::triggered, this, [this] {
        if (m_recording)
            m_optimize->run(m_recording->path);
    });
    connect(m_optimize, &OptimizeCommand::optimized, this, [this](const QString& path, bool changed) {
        m_statusBar->showMessage(changed ? tr("Indexes written into %1: it now opens without building them").arg(path)
                                         : tr("%1 already holds its indexes").arg(path),
            10000);
    });
    connect(m_actions->exportTraceDatAction(), &QAction::triggered, this, [this] {
        if (m_recording)
            m_export->chooseAndRun(m_recording->path, ExportFormat::TraceDat);
    });
    connect(m_actions->exportChromeJsonAction(), &QAction::triggered, this, [this] {
        if (m_recording)
            m_export->chooseAndRun(m_recording->path, ExportFormat::ChromeJson);
    });
    connect(m_actions->closeAction(), &QAction::triggered, this, &MainWindow::closeRecording);
    connect(m_actions->quitAction(), &QAction::triggered, qApp, &QApplication::closeAllWindows);
    connect(m_actions->taskLanesAction(), &QAction::triggered, this, &MainWindow::chooseTaskLanes);
    connect(m_actions->aboutAction(), &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::openFile(const QString& path)
{
    m_loader->load(path);
}

void MainWindow::importFile(const QString& inputPath, const QString& outputPath)
{
    m_import->run(inputPath, outputPath);
}

void MainWindow::setRecording(const RecordingPtr& recording)
{
    m_recording = recording;
    m_selection->clearRange();
    m_panels->setRecording(recording);
    m_statusBar->setRecording(recording);
    m_actions->setRecordingOpen(recording != nullptr);
    setWindowFilePath(recording ? recording->path : QString());
    setWindowTitle(recording ? tr("%1 — ftlens").arg(QFileInfo(recording->path).fileName()) : tr("ftlens"));
    if (recording)
        Q_EMIT recordingOpened(recording);
}

void MainWindow::closeRecording()
{
    m_loader->cancelAll();
    setRecording(nullptr);
}

void MainWindow::onLoaded(const RecordingPtr& recording)
{
    m_recentFiles->add(recording->path);
    if (m_recording)
        newWindow()->setRecording(recording);
    else
        setRecording(recording);
}

void MainWindow::onLoadFailed(const QString& path, const QString& problem)
{
    m_statusBar->setRecording(m_recording); // replaces "Opening…"
    ErrorDialog::showOpenError(this, path, problem);
    Q_EMIT openFailed(path, problem);
}

MainWindow* MainWindow::newWindow()
{
    auto* window = new MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->resize(size());
    window->move(pos() + QPoint(32, 32));
    window->show();
    return window;
}

void MainWindow::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Recording"),
        m_recording ? QFileInfo(m_recording->path).absolutePath() : QString(),
        tr("ftlens recordings (*.ftlens);;Traces to import (*.dat *.txt *.trace *.log *.perf);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::chooseTaskLanes()
{
    auto* dialog = new TaskLanesDialog(m_recording, m_panels->taskLanes(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TaskLanesDialog::tasksChosen, m_panels, &PanelSet::setTaskLanes);
    dialog->open();
}

void MainWindow::showAbout()
{
    auto* box = new QMessageBox(QMessageBox::Information, tr("About ftlens"),
        tr("<b>ftlens %1</b><br>A trace recorder and timeline analyzer for Linux ftrace.<br>"
           "License: GPL-3.0-or-later.")
            .arg(QStringLiteral(FTLENS_VERSION)),
        QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    WindowSettings::save(this);
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!droppedRecordings(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QStringList paths = droppedRecordings(event->mimeData());
    for (const QString& path : paths)
        openFile(path);
    if (!paths.isEmpty())
        event->acceptProposedAction();
}

} // namespace Gui
