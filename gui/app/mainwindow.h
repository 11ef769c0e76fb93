// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "openedrecording.h"

#include <QMainWindow>

class QDockWidget;

namespace Gui {

class ExportCommand;
class ImportCommand;
class OptimizeCommand;
class PanelSet;
class RecentFiles;
class RecordingLoader;
class RecordingStatusBar;
class TimeSelection;
class WindowActions;

// One window per recording: it wires the panels, actions, status bar, recent files and the
// loader together and holds no logic of its own. Opening a file while this window shows a
// recording opens it in a new window, so a failure in one recording never touches another.
// GUI thread only.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    RecordingPtr recording() const { return m_recording; }
    PanelSet* panels() const { return m_panels; }
    RecordingStatusBar* recordingStatusBar() const { return m_statusBar; }
    WindowActions* actions() const { return m_actions; }

public Q_SLOTS:
    // Loads path in a worker; shows it here if this window is empty, else in a new window.
    void openFile(const QString& path);
    // File > Import… without its dialogs: imports in a worker, then opens the result as openFile.
    void importFile(const QString& inputPath, const QString& outputPath);
    void setRecording(const Gui::RecordingPtr& recording);
    void closeRecording();

Q_SIGNALS:
    void recordingOpened(const Gui::RecordingPtr& recording);
    void openFailed(const QString& path, const QString& problem);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    QDockWidget* addPanelDock(QWidget* panel, const QString& title, const char* objectName, Qt::DockWidgetArea area);
    void connectActions();
    void chooseFile();
    void chooseTaskLanes();
    void showAbout();
    void onLoaded(const Gui::RecordingPtr& recording);
    void onLoadFailed(const QString& path, const QString& problem);
    MainWindow* newWindow();

    RecordingPtr m_recording;
    TimeSelection* m_selection;
    PanelSet* m_panels;
    RecentFiles* m_recentFiles;
    RecordingLoader* m_loader;
    RecordingStatusBar* m_statusBar;
    WindowActions* m_actions;
    ImportCommand* m_import;
    OptimizeCommand* m_optimize;
    ExportCommand* m_export;
};

} // namespace Gui
