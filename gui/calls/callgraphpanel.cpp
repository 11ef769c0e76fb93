// SPDX-License-Identifier: GPL-3.0-or-later
#include "callgraphpanel.h"

#include "busyindicator.h"
#include "callscopebar.h"
#include "callsource.h"
#include "calltext.h"
#include "calltreecsv.h"
#include "calltreemodel.h"
#include "failure.h"
#include "flamebreadcrumbbar.h"
#include "flamegraphwidget.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Gui {

namespace {
    // A filtered tree opens the paths to this many matches (beyond that the user jumps with Enter).
    constexpr int maxExpandedMatches = 200;

} // namespace

CallGraphPanel::CallGraphPanel(CallSource* source, QWidget* parent)
    : QWidget(parent)
    , m_source(source)
    , m_model(new CallTreeModel(this))
{
    buildControls();
    connectSource();
    showMessage(m_source->recording() ? QString() : tr("No recording."));
}

CallGraphPanel::~CallGraphPanel() = default;

void CallGraphPanel::buildControls()
{
    m_modeBox = new QComboBox(this);
    m_modeBox->addItem(tr("Top-down"), int(CallTreeMode::TopDown));
    m_modeBox->addItem(tr("Bottom-up (callers)"), int(CallTreeMode::BottomUp));
    m_modeBox->setToolTip(tr("Top-down: callees under their callers. Bottom-up: each function's self time, "
                             "split by the callers it was reached through."));
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Find function…"));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(
        tr("Highlights functions whose name contains the text; Enter jumps to the next, Shift+Enter to the previous"));
    m_filter = new QCheckBox(tr("Only matches"), this);
    m_filter->setToolTip(tr("Show only the paths through matching functions"));
    auto* previous = new QToolButton(this);
    previous->setArrowType(Qt::UpArrow);
    previous->setToolTip(tr("Previous match (Shift+Enter)"));
    auto* next = new QToolButton(this);
    next->setArrowType(Qt::DownArrow);
    next->setToolTip(tr("Next match (Enter)"));
    m_hotPath = new QToolButton(this);
    m_hotPath->setText(tr("Expand Hot Path"));
    m_hotPath->setToolTip(tr("Opens the path of the most expensive child at each level below the selected node"));
    m_export = new QToolButton(this);
    m_export->setText(tr("Export CSV…"));
    m_busy = new BusyIndicator(this);

    m_view = new QTreeView(this);
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true); // lets the view skip measuring a million rows
    m_view->setAlternatingRowColors(true);
    m_view->setIndentation(10); // call paths run 20 and more deep: keep the names in view
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setSortIndicator(CallTreeModel::TotalColumn, Qt::DescendingOrder);
    m_view->setSortingEnabled(true);
    m_view->header()->setStretchLastSection(false);
    // The names take whatever the figures leave: deep rows need every pixel.
    m_view->header()->setSectionResizeMode(CallTreeModel::FunctionColumn, QHeaderView::Stretch);
    for (int column = CallTreeModel::CallsColumn; column < CallTreeModel::NumColumns; ++column)
        m_view->header()->resizeSection(column, 84);

    m_flame = new FlameGraphWidget(this);
    m_breadcrumbs = new FlameBreadcrumbBar(this);
    auto* flameScroll = new QScrollArea(this);
    flameScroll->setWidget(m_flame);
    flameScroll->setWidgetResizable(true);
    flameScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    flameScroll->setFrameShape(QFrame::NoFrame);
    auto* flamePane = new QWidget(this);
    auto* flameLayout = new QVBoxLayout(flamePane);
    flameLayout->setContentsMargins(0, 0, 0, 0);
    flameLayout->addWidget(m_breadcrumbs);
    flameLayout->addWidget(flameScroll, 1);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(flamePane);
    // The tree's six columns need about 800 px; the flame graph takes the rest.
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 800, 600 });
    m_message = new QLabel(this);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_message);
    m_pages->addWidget(splitter);
    m_status = new QLabel(this);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new CallScopeBar(m_source, this));
    controls->addWidget(m_modeBox);
    controls->addWidget(m_search, 1);
    for (QWidget* widget : std::initializer_list<QWidget*> { previous, next, m_filter, m_hotPath, m_export })
        controls->addWidget(widget);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_pages, 1);
    // Work under way shows beside the status line, not in the controls: the panel's minimum width
    // (and so the window's) must not change while loading.
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_busy);
    layout->addLayout(statusRow);

    connect(
        m_modeBox, &QComboBox::activated, this, [this] { setMode(CallTreeMode(m_modeBox->currentData().toInt())); });
    connect(m_search, &QLineEdit::textChanged, this, &CallGraphPanel::applySearch);
    connect(m_filter, &QCheckBox::toggled, this, &CallGraphPanel::applySearch);
    connect(m_search, &QLineEdit::returnPressed, this,
        [this] { findNext(!(QApplication::keyboardModifiers() & Qt::ShiftModifier)); });
    connect(previous, &QToolButton::clicked, this, [this] { findNext(false); });
    connect(next, &QToolButton::clicked, this, [this] { findNext(true); });
    connect(m_hotPath, &QToolButton::clicked, this, &CallGraphPanel::expandHotPath);
    connect(m_export, &QToolButton::clicked, this, &CallGraphPanel::chooseExportFile);
    connect(m_busy, &BusyIndicator::cancelRequested, this, [this] {
        ++m_generation; // drops a tree build under way
        m_building = false;
        m_source->cancel();
        updateBusy();
    });
    connect(m_view, &QTreeView::customContextMenuRequested, this, &CallGraphPanel::showContextMenu);
    connect(m_flame, &FlameGraphWidget::zoomChanged, this,
        [this] { m_breadcrumbs->setPath(m_flame->tree(), m_flame->breadcrumb()); });
    connect(m_breadcrumbs, &FlameBreadcrumbBar::nodeChosen, m_flame, &FlameGraphWidget::zoomTo);
    connect(m_flame, &FlameGraphWidget::nodeClicked, this, &CallGraphPanel::selectNode);
}

void CallGraphPanel::connectSource()
{
    connect(m_source, &CallSource::recordingChanged, this, [this] {
        ++m_generation; // a tree of the previous recording must not arrive
        m_building = false;
        m_cache = {};
        showMessage(m_source->recording() ? QString() : tr("No recording."));
    });
    connect(m_source, &CallSource::loadStarted, this, &CallGraphPanel::updateBusy);
    connect(m_source, &CallSource::loadCancelled, this, [this] {
        updateBusy();
        if (!m_model->tree())
            showMessage(tr("Loading the function calls was cancelled; open the recording again to load them."));
        else
            m_status->setText(tr("Loading cancelled; the tree shows the previous scope."));
    });
    connect(m_source, &CallSource::loadFailed, this, [this](const QString& message) {
        updateBusy();
        showMessage(message);
    });
    connect(m_source, &CallSource::callsLoaded, this, [this] {
        m_cache = {};
        if (!m_source->hasCalls()) {
            updateBusy();
            showMessage(CallText::noCalls());
            return;
        }
        buildTree();
    });
    connect(m_source, &CallSource::availabilityChanged, this, [this](bool hasCalls) {
        if (!m_source->recording())
            showMessage(tr("No recording."));
        else if (!hasCalls)
            showMessage(CallText::noCalls());
    });
}

bool CallGraphPanel::isBusy() const { return m_building || m_source->isLoading(); }

QString CallGraphPanel::message() const
{
    return m_pages->currentWidget() == m_message ? m_message->text() : QString();
}

void CallGraphPanel::updateBusy()
{
    m_busy->setBusy(isBusy(), m_source->isLoading() ? tr("Loading calls…") : tr("Building the call tree…"));
}

void CallGraphPanel::showMessage(const QString& text)
{
    m_message->setText(text.isEmpty() ? tr("Loading function calls…") : text);
    m_pages->setCurrentWidget(m_message);
    m_model->setTree(nullptr);
    m_flame->setTree(nullptr);
    m_status->clear();
    for (QWidget* widget : std::initializer_list<QWidget*> { m_modeBox, m_search, m_filter, m_hotPath, m_export })
        widget->setEnabled(false);
}

void CallGraphPanel::setMode(CallTreeMode mode)
{
    m_modeBox->setCurrentIndex(m_modeBox->findData(int(mode)));
    if (mode == m_mode)
        return;
    m_mode = mode;
    if (m_source->calls() && m_source->hasCalls())
        buildTree();
}

void CallGraphPanel::buildTree()
{
    const std::shared_ptr<const Storage::LoadedCalls> calls = m_source->calls();
    const quint64 generation = ++m_generation;
    if (const CallTreePtr& cached = m_cache[std::size_t(m_mode)]; cached && cached->calls == calls) {
        m_building = false;
        showTree(cached);
        return;
    }
    m_building = true;
    updateBusy();
    using Built = Storage::Result<CallTreePtr>;
    auto* watcher = new QFutureWatcher<Built>(this);
    connect(watcher, &QFutureWatcher<Built>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_building = false;
        const Built built = watcher->result();
        if (!built) {
            updateBusy();
            m_status->setText(built.error().message);
            return;
        }
        const CallTreePtr tree = built.value();
        m_cache[std::size_t(tree->mode)] = tree;
        showTree(tree);
    });
    const QString path = m_source->recording() ? m_source->recording()->path : QString();
    watcher->setFuture(QtConcurrent::run(
        Storage::guarded(path, [calls, mode = m_mode]() -> Built { return buildCallTree(calls, mode); })));
}

void CallGraphPanel::showTree(const CallTreePtr& tree)
{
    updateBusy();
    m_model->setTree(tree);
    m_flame->setTree(tree);
    m_pages->setCurrentIndex(1);
    for (QWidget* widget : std::initializer_list<QWidget*> { m_modeBox, m_search, m_filter, m_hotPath, m_export })
        widget->setEnabled(true);
    // A first look at where the time goes: the heaviest path from the top.
    m_view->setCurrentIndex({});
    expandHotPath();
    if (m_model->isFiltered())
        applySearch();
    updateStatus();
    Q_EMIT treeShown();
}

void CallGraphPanel::updateStatus()
{
    const CallTreePtr tree = m_model->tree();
    if (!tree) {
        m_status->clear();
        return;
    }
    QString text = tr("%1 calls in %2 · %n call path(s)", nullptr, int(tree->size()) - 1)
                       .arg(CallText::count(qint64(tree->calls ? tree->calls->size() : 0)), m_source->scopeText());
    if (!m_model->searchText().isEmpty())
        text += tr(" · %n match(es)", nullptr, m_model->matchCount());
    m_status->setText(text);
}

void CallGraphPanel::setSearch(const QString& text, bool filter)
{
    const QSignalBlocker b1(m_search), b2(m_filter);
    m_search->setText(text);
    m_filter->setChecked(filter);
    applySearch();
}

void CallGraphPanel::applySearch()
{
    const QString text = m_search->text().trimmed();
    m_model->setSearch(text, m_filter->isChecked());
    m_flame->setSearchText(text);
    if (m_model->isFiltered() && !text.isEmpty()) {
        const QModelIndex first = m_model->nextMatch({});
        QModelIndex match = first;
        for (int i = 0; i < maxExpandedMatches && match.isValid(); ++i) {
            expandToShow(match);
            match = m_model->nextMatch(match);
            if (match == first)
                break; // wrapped around
        }
    }
    updateStatus();
}

void CallGraphPanel::findNext(bool forward)
{
    const QModelIndex match = m_model->nextMatch(m_view->currentIndex(), forward);
    if (!match.isValid())
        return;
    expandToShow(match);
    showIndex(match);
}

void CallGraphPanel::expandToShow(const QModelIndex& index)
{
    for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
        m_view->expand(parent);
}

void CallGraphPanel::expandHotPath()
{
    const CallTreePtr tree = m_model->tree();
    if (!tree || !tree->size())
        return;
    const std::int32_t from = m_model->nodeOf(m_view->currentIndex());
    QModelIndex last;
    for (const std::int32_t node : tree->tree.hotPath(from)) {
        const QModelIndex index = m_model->indexOfNode(node);
        if (node == 0)
            continue;
        if (!index.isValid())
            break; // filtered out
        m_view->expand(index);
        last = index;
    }
    if (last.isValid())
        showIndex(last);
}

void CallGraphPanel::selectNode(std::int32_t node)
{
    const QModelIndex index = m_model->indexOfNode(node);
    if (!index.isValid())
        return;
    expandToShow(index);
    showIndex(index);
}

void CallGraphPanel::showIndex(const QModelIndex& index)
{
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    // scrollTo also scrolls sideways to a deep row's indentation, hiding the names above it.
    m_view->horizontalScrollBar()->setValue(0);
}

void CallGraphPanel::showContextMenu(const QPoint& pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    const std::int32_t node = m_model->nodeOf(index);
    QMenu menu(this);
    menu.addAction(tr("Expand Hot Path"), this, &CallGraphPanel::expandHotPath);
    menu.addAction(tr("Expand All Below"), this, [this, index] { m_view->expandRecursively(index, 64); });
    menu.addAction(tr("Collapse All"), m_view, &QTreeView::collapseAll);
    menu.addSeparator();
    menu.addAction(tr("Show in Flame Graph"), this, [this, node] { m_flame->zoomTo(node); });
    menu.addAction(tr("Copy Function Name"), this,
        [this, node] { QApplication::clipboard()->setText(m_model->tree()->name(node)); });
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void CallGraphPanel::chooseExportFile()
{
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Export Call Tree"), QString(), tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        exportCsv(path);
}

void CallGraphPanel::exportCsv(const QString& path)
{
    const CallTreePtr tree = m_model->tree();
    if (!tree) {
        Q_EMIT exportFinished(false, tr("Nothing to export."));
        return;
    }
    const std::shared_ptr<const CallTreeOrder> order = m_model->orderSnapshot();
    auto* watcher = new QFutureWatcher<Storage::Result<qint64>>(this);
    connect(watcher, &QFutureWatcher<Storage::Result<qint64>>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        const auto result = watcher->result();
        const QString message = result.ok()
            ? tr("%n row(s) written to %1", nullptr, int(result.value())).arg(path)
            : tr("Cannot export the call tree to %1: %2").arg(path, result.error().message);
        m_status->setText(message);
        Q_EMIT exportFinished(result.ok(), message);
    });
    watcher->setFuture(QtConcurrent::run(
        Storage::guarded(path, [tree, order, path] { return writeCallTreeCsv(*tree, *order, path); })));
}

} // namespace Gui
