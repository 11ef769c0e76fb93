// SPDX-License-Identifier: GPL-3.0-or-later
#include "windowactions.h"

#include "recentfilesmenu.h"

#include <QAction>
#include <QMainWindow>
#include <QMenuBar>
#include <QToolBar>

namespace Gui {

WindowActions::WindowActions(QMainWindow* window, RecentFiles* recentFiles)
    : QObject(window)
    , m_open(createAction(tr("&Open…"), "openAction"))
    , m_import(createAction(tr("&Import…"), "importAction"))
    , m_exportCsv(createAction(tr("&Export CSV…"), "exportCsvAction"))
    , m_optimize(createAction(tr("O&ptimize Recording"), "optimizeAction"))
    , m_exportTraceDat(createAction(tr("Export as &trace.dat…"), "exportTraceDatAction"))
    , m_exportChromeJson(createAction(tr("Export as C&hrome/Perfetto JSON…"), "exportChromeJsonAction"))
    , m_close(createAction(tr("&Close"), "closeAction"))
    , m_quit(createAction(tr("&Quit"), "quitAction"))
    , m_taskLanes(createAction(tr("&Task Lanes…"), "taskLanesAction"))
    , m_about(createAction(tr("&About ftlens"), "aboutAction"))
    , m_recent(new RecentFilesMenu(recentFiles, window))
{
    m_open->setShortcut(QKeySequence::Open);
    m_open->setIcon(QIcon::fromTheme(QStringLiteral("document-open")));
    m_import->setShortcut(QKeySequence(tr("Ctrl+I")));
    m_import->setIcon(QIcon::fromTheme(QStringLiteral("document-import")));
    m_import->setToolTip(tr("Import a trace.dat, ftrace or trace-cmd report text, or perf script output into a recording"));
    m_exportTraceDat->setToolTip(tr("Write the recording as a trace.dat for trace-cmd report and KernelShark"));
    m_exportChromeJson->setToolTip(tr("Write the recording as JSON trace events for Perfetto UI and chrome://tracing"));
    m_exportCsv->setShortcut(QKeySequence(tr("Ctrl+E")));
    m_exportCsv->setIcon(QIcon::fromTheme(QStringLiteral("document-save-as")));
    m_optimize->setToolTip(tr("Write the timeline and call indexes into the recording, so that it opens at once anywhere "
                              "(opening alone never changes a recording: it keeps them in the index cache)"));
    m_optimize->setStatusTip(m_optimize->toolTip());
    m_close->setShortcut(QKeySequence::Close);
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
    m_about->setMenuRole(QAction::AboutRole);
    m_recent->setObjectName(QStringLiteral("recentFilesMenu"));

    buildFileMenu(window);
    m_viewMenu = window->menuBar()->addMenu(tr("&View"));
    m_panelsEnd = m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_taskLanes);
    window->menuBar()->addMenu(tr("&Help"))->addAction(m_about);
    buildToolBar(window);
    setRecordingOpen(false);
}

QAction* WindowActions::createAction(const QString& text, const char* objectName)
{
    auto* action = new QAction(text, this);
    action->setObjectName(QLatin1String(objectName));
    return action;
}

void WindowActions::buildFileMenu(QMainWindow* window)
{
    QMenu* file = window->menuBar()->addMenu(tr("&File"));
    file->addAction(m_open);
    file->addMenu(m_recent);
    file->addAction(m_import);
    file->addSeparator();
    file->addAction(m_exportCsv);
    file->addAction(m_optimize);
    file->addAction(m_exportTraceDat);
    file->addAction(m_exportChromeJson);
    file->addSeparator();
    file->addAction(m_close);
    file->addAction(m_quit);
}

void WindowActions::buildToolBar(QMainWindow* window)
{
    QToolBar* toolBar = window->addToolBar(tr("Main Toolbar"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->addAction(m_open);
    toolBar->addAction(m_exportCsv);
    m_viewMenu->insertAction(m_panelsEnd, toolBar->toggleViewAction());
}

void WindowActions::addPanelToggles(const QList<QAction*>& toggles)
{
    m_viewMenu->insertActions(m_panelsEnd, toggles);
}

void WindowActions::setRecordingOpen(bool open)
{
    m_exportCsv->setEnabled(open);
    m_optimize->setEnabled(open);
    m_exportTraceDat->setEnabled(open);
    m_exportChromeJson->setEnabled(open);
    m_close->setEnabled(open);
    m_taskLanes->setEnabled(open);
}

} // namespace Gui
