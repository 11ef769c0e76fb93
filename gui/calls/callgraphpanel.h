// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calltreedata.h"

#include <QWidget>

#include <array>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QToolButton;
class QTreeView;

namespace Gui {

class BusyIndicator;
class CallSource;
class CallTreeModel;
class FlameBreadcrumbBar;
class FlameGraphWidget;

// The "Call Graph" panel: the call tree of a scope, top-down or bottom-up (callers), as a
// sortable tree beside its flame graph. Search highlights (or filters to) functions by name
// and jumps between matches; "Expand hot path" opens the heaviest path below the selected node;
// Export writes the tree as shown. The calls come from the shared CallSource; trees are built in
// a worker, newest request wins (generation ids), both modes cached per load. GUI thread only.
class CallGraphPanel : public QWidget {
    Q_OBJECT
public:
    explicit CallGraphPanel(CallSource* source, QWidget* parent = nullptr);
    ~CallGraphPanel() override;

    void setMode(CallTreeMode mode);
    CallTreeMode mode() const { return m_mode; }
    void setSearch(const QString& text, bool filter = false);
    // Selects the next (or previous) match after the current node.
    void findNext(bool forward = true);
    // Expands the hot path below the current node (the top level without one).
    void expandHotPath();
    // Writes the tree as shown in a worker; exportFinished reports the outcome.
    void exportCsv(const QString& path);

    CallTreeModel* model() const { return m_model; }
    QTreeView* treeView() const { return m_view; }
    FlameGraphWidget* flameGraph() const { return m_flame; }
    FlameBreadcrumbBar* breadcrumbBar() const { return m_breadcrumbs; }
    bool isBusy() const;
    // The message shown instead of the tree (no calls, errors), empty when the tree is shown.
    QString message() const;

Q_SIGNALS:
    // The tree and flame graph show the current scope and mode.
    void treeShown();
    void exportFinished(bool ok, const QString& message);

private:
    void buildControls();
    void connectSource();
    void buildTree();
    void showTree(const CallTreePtr& tree);
    void showMessage(const QString& text);
    void updateBusy();
    void updateStatus();
    void applySearch();
    void chooseExportFile();
    void showContextMenu(const QPoint& pos);
    void selectNode(std::int32_t node);
    void expandToShow(const QModelIndex& index);
    void showIndex(const QModelIndex& index); // current, centred

    CallSource* m_source;
    CallTreeMode m_mode = CallTreeMode::TopDown;
    CallTreeModel* m_model;
    QComboBox* m_modeBox = nullptr;
    QLineEdit* m_search = nullptr;
    QCheckBox* m_filter = nullptr;
    QToolButton* m_hotPath = nullptr;
    QToolButton* m_export = nullptr;
    BusyIndicator* m_busy = nullptr;
    QStackedWidget* m_pages = nullptr;
    QLabel* m_message = nullptr;
    QTreeView* m_view = nullptr;
    FlameGraphWidget* m_flame = nullptr;
    FlameBreadcrumbBar* m_breadcrumbs = nullptr;
    QLabel* m_status = nullptr;
    bool m_building = false;
    quint64 m_generation = 0;
    // Trees already built from the current calls, per mode.
    std::array<CallTreePtr, 2> m_cache;
};

} // namespace Gui
