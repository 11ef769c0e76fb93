// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>

class QAction;
class QMainWindow;
class QMenu;

namespace Gui {

class RecentFiles;
class RecentFilesMenu;

// The main window's actions, menus (File, View, Help) and toolbar. It only builds them; the
// window connects the actions to what they do. GUI thread only.
class WindowActions : public QObject {
    Q_OBJECT
public:
    WindowActions(QMainWindow* window, RecentFiles* recentFiles);

    // View menu entries for the panels (the docks' toggle actions), in menu order.
    void addPanelToggles(const QList<QAction*>& toggles);
    // Close, the exports, Optimize and Task Lanes need an open recording.
    void setRecordingOpen(bool open);

    QAction* openAction() const { return m_open; }
    QAction* importAction() const { return m_import; }
    QAction* exportCsvAction() const { return m_exportCsv; }
    QAction* optimizeAction() const { return m_optimize; }
    QAction* exportTraceDatAction() const { return m_exportTraceDat; }
    QAction* exportChromeJsonAction() const { return m_exportChromeJson; }
    QAction* closeAction() const { return m_close; }
    QAction* quitAction() const { return m_quit; }
    QAction* taskLanesAction() const { return m_taskLanes; }
    QAction* aboutAction() const { return m_about; }
    RecentFilesMenu* recentFilesMenu() const { return m_recent; }

private:
    QAction* createAction(const QString& text, const char* objectName);
    void buildFileMenu(QMainWindow* window);
    void buildToolBar(QMainWindow* window);

    QAction* m_open;
    QAction* m_import;
    QAction* m_exportCsv;
    QAction* m_optimize;
    QAction* m_exportTraceDat;
    QAction* m_exportChromeJson;
    QAction* m_close;
    QAction* m_quit;
    QAction* m_taskLanes;
    QAction* m_about;
    RecentFilesMenu* m_recent;
    QMenu* m_viewMenu = nullptr;
    QAction* m_panelsEnd = nullptr;
};

} // namespace Gui
