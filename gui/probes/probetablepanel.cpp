// SPDX-License-Identifier: GPL-3.0-or-later
#include "probetablepanel.h"

#include "failure.h"
#include "probepairing.h"
#include "recordingreader.h"
#include "timeselection.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "customplot.h"

namespace Gui {

// What a worker hands back: the view to show, the histogram when the filter changed, and where
// the call that was selected is now.
struct ProbeViewResult {
    std::shared_ptr<const ProbeView> view;
    std::optional<Engine::ProbeCallTable::Histogram> histogram;
    qint64 entryId = 0;  // the selected call when the request was made
    int currentRow = -1; // its row in view, or -1
    QString problem; // no view: why
};

namespace {
// The row that shows the call whose entry event is entryId, or -1.
int rowOfEntry(const ProbeView& view, qint64 entryId)
{
    if (view.grouped || entryId <= 0)
        return -1;
    for (std::size_t i = 0; i < view.rows.size(); ++i) {
        if (view.table->entryId(view.rows[i]) == entryId)
            return int(i);
    }
    return -1;
}

// Runs in a worker: select, histogram, group, sort.
ProbeViewResult applyFilter(std::shared_ptr<const Engine::ProbeCallTable> table, Engine::ProbeCallTable::Filter filter,
    std::optional<Engine::ProbeCallTable::GroupBy> groupBy, qint64 start, int sortColumn, bool descending, qint64 selectedEntry)
{
    auto view = std::make_shared<ProbeView>();
    view->table = table;
    view->recordingStart = start;
    view->sortColumn = sortColumn;
    view->sortDescending = descending;
    view->decodeArguments();
    std::vector<std::uint32_t> rows = table->select(filter);
    ProbeViewResult result;
    result.histogram = table->latencyHistogram(rows, 60);
    if (groupBy) {
        view->grouped = true;
        view->groupBy = *groupBy;
        view->groups = table->group(rows, *groupBy);
    } else {
        view->rows = std::move(rows);
    }
    view->applySort();
    result.entryId = selectedEntry;
    result.currentRow = rowOfEntry(*view, selectedEntry);
    result.view = view;
    return result;
}

// Runs in a worker: the same rows or groups in another order (the filter, and so the
// histogram, did not change).
ProbeViewResult applySort(std::shared_ptr<const ProbeView> shown, int sortColumn, bool descending, qint64 selectedEntry)
{
    auto view = std::make_shared<ProbeView>(*shown);
    view->sortColumn = sortColumn;
    view->sortDescending = descending;
    view->applySort();
    ProbeViewResult result;
    result.entryId = selectedEntry;
    result.currentRow = rowOfEntry(*view, selectedEntry);
    result.view = view;
    return result;
}

ProbeViewResult viewFailed(const QString& problem)
{
    ProbeViewResult result;
    result.problem = problem;
    return result;
}
} // namespace

ProbeTablePanel::ProbeTablePanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new ProbeCallModel(this))
{
    buildControls();
}

ProbeTablePanel::~ProbeTablePanel() = default;

void ProbeTablePanel::buildControls()
{
    m_probe = new QComboBox(this);
    m_glob = new QLineEdit(this);
    m_glob->setPlaceholderText(tr("path glob, e.g. /etc/*"));
    m_failed = new QCheckBox(tr("Failed only"), this);
    m_pid = new QLineEdit(this);
    m_pid->setPlaceholderText(tr("PID"));
    m_pid->setValidator(new QIntValidator(1, 1 << 30, m_pid));
    m_comm = new QLineEdit(this);
    m_comm->setPlaceholderText(tr("task name"));
    m_minLatencyUs = new QSpinBox(this);
    m_minLatencyUs->setRange(0, 100'000'000);
    m_minLatencyUs->setSuffix(tr(" µs"));
    m_minLatencyUs->setPrefix(tr("latency ≥ "));
    m_groupBy = new QComboBox(this);
    m_groupBy->addItems({ tr("No grouping"), tr("Group by path"), tr("Group by task"), tr("Group by return") });
    m_view = new QTableView(this);
    m_view->setModel(m_model);
    // Unsorted at first (time order); a third click on a header goes back to it.
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->horizontalHeader()->setSortIndicatorClearable(true);
    m_view->setSortingEnabled(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    m_histogram = new QCustomPlot(this);
    m_histogram->setMinimumHeight(120);
    m_histogram->xAxis->setLabel(tr("latency (µs)"));
    m_histogram->yAxis->setLabel(tr("calls"));
    m_status = new QLabel(this);

    auto* filters = new QHBoxLayout;
    for (QWidget* widget : std::initializer_list<QWidget*> { m_probe, m_glob, m_failed, m_pid, m_comm, m_minLatencyUs, m_groupBy })
        filters->addWidget(widget);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_histogram);
    splitter->setStretchFactor(0, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(splitter);
    layout->addWidget(m_status);

    connect(m_probe, &QComboBox::currentTextChanged, this, &ProbeTablePanel::loadProbe);
    for (QLineEdit* edit : { m_glob, m_pid, m_comm })
        connect(edit, &QLineEdit::editingFinished, this, &ProbeTablePanel::refilter);
    connect(m_failed, &QCheckBox::toggled, this, &ProbeTablePanel::refilter);
    connect(m_minLatencyUs, &QSpinBox::valueChanged, this, &ProbeTablePanel::refilter);
    connect(m_groupBy, &QComboBox::currentIndexChanged, this, [this] {
        clearSort(); // the columns change
        refilter();
    });
    connect(m_model, &ProbeCallModel::sortRequested, this, &ProbeTablePanel::sortBy);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (!m_selection || !current.isValid() || m_model->isGrouped() || m_restoringSelection)
            return;
        const qint64 id = current.data(ProbeCallModel::EventIdRole).toLongLong();
        if (id > 0)
            m_selection->setCurrentEvent(id, current.data(ProbeCallModel::TimestampRole).toLongLong());
    });
}

void ProbeTablePanel::setSelection(TimeSelection* selection) { m_selection = selection; }

QStringList ProbeTablePanel::probes() const { return m_probes; }

void ProbeTablePanel::setRecording(RecordingPtr recording)
{
    m_recording = std::move(recording);
    m_table.reset();
    m_model->setView(nullptr);
    m_probes.clear();
    m_loading = false;
    const quint64 generation = ++m_generation;
    if (!m_recording) {
        m_probe->clear();
        return;
    }
    using Names = Storage::Result<QStringList>;
    auto* watcher = new QFutureWatcher<Names>(this);
    connect(watcher, &QFutureWatcher<Names>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        const Names names = watcher->result();
        if (!names) {
            m_status->setText(names.error().message);
            return;
        }
        m_probes = names.value();
        const QSignalBlocker blocker(m_probe);
        m_probe->clear();
        m_probe->addItems(m_probes);
        Q_EMIT probesChanged(m_probes);
        m_status->setText(m_probes.isEmpty() ? tr("This recording has no kprobes or uprobes.") : QString());
        if (!m_probes.isEmpty())
            loadProbe(m_probes.first());
    });
    watcher->setFuture(QtConcurrent::run(Storage::guarded(m_recording->path, [path = m_recording->path]() -> Names {
        QStringList names;
        auto reader = Storage::RecordingReader::open(path);
        if (!reader)
            return reader.error();
        for (const Engine::ProbePair& pair : Engine::findProbePairs(*reader.value()))
            names << (pair.entry ? pair.entry : pair.ret)->qualifiedName();
        return names;
    })));
}

void ProbeTablePanel::selectProbe(const QString& name) { m_probe->setCurrentText(name); }

void ProbeTablePanel::loadProbe(const QString& name)
{
    if (!m_recording || name.isEmpty())
        return;
    const quint64 generation = ++m_generation;
    m_loading = true;
    clearSort(); // another probe, other columns
    m_status->setText(tr("Loading %1…").arg(name));
    using Loaded = Storage::Result<std::shared_ptr<const Engine::ProbeCallTable>>;
    auto* watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, generation, name] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_loading = false;
        const Loaded loaded = watcher->result();
        if (!loaded.ok()) {
            m_status->setText(loaded.error().message);
            return;
        }
        m_table = loaded.value();
        Q_EMIT tableLoaded(int(m_table->size()));
        refilter();
    });
    watcher->setFuture(
        QtConcurrent::run(Storage::guarded(m_recording->path, [path = m_recording->path, name]() -> Loaded {
            auto reader = Storage::RecordingReader::open(path);
            if (!reader)
                return reader.error();
            const auto pair = Engine::findProbePair(*reader.value(), name);
            if (!pair)
                return Storage::Error { QCoreApplication::translate("ProbeTablePanel", "no probe named %1").arg(name) };
            return Engine::ProbeCallTable::load(*reader.value(), *pair);
        })));
}

Engine::ProbeCallTable::Filter ProbeTablePanel::currentFilter() const
{
    Engine::ProbeCallTable::Filter filter;
    filter.pathGlob = m_glob->text().trimmed();
    filter.failedOnly = m_failed->isChecked();
    if (!m_pid->text().isEmpty())
        filter.pid = m_pid->text().toInt();
    filter.comm = m_comm->text().trimmed();
    filter.minLatencyNs = qint64(m_minLatencyUs->value()) * 1000;
    return filter;
}

std::optional<Engine::ProbeCallTable::GroupBy> ProbeTablePanel::currentGroupBy() const
{
    switch (m_groupBy->currentIndex()) {
    case 1:
        return Engine::ProbeCallTable::GroupBy::Path;
    case 2:
        return Engine::ProbeCallTable::GroupBy::Task;
    case 3:
        return Engine::ProbeCallTable::GroupBy::Return;
    default:
        return std::nullopt;
    }
}

void ProbeTablePanel::setFilter(const Engine::ProbeCallTable::Filter& filter, std::optional<Engine::ProbeCallTable::GroupBy> groupBy)
{
    const QSignalBlocker b1(m_glob), b2(m_failed), b3(m_pid), b4(m_comm), b5(m_minLatencyUs), b6(m_groupBy);
    if (groupBy != currentGroupBy())
        clearSort(); // the columns change
    m_glob->setText(filter.pathGlob);
    m_failed->setChecked(filter.failedOnly);
    m_pid->setText(filter.pid ? QString::number(*filter.pid) : QString());
    m_comm->setText(filter.comm);
    m_minLatencyUs->setValue(int(filter.minLatencyNs / 1000));
    m_groupBy->setCurrentIndex(!groupBy ? 0 : *groupBy == Engine::ProbeCallTable::GroupBy::Path ? 1 : *groupBy == Engine::ProbeCallTable::GroupBy::Task ? 2 : 3);
    refilter();
}

void ProbeTablePanel::refilter()
{
    if (!m_table)
        return;
    watchView(QtConcurrent::run(Storage::guarded(
        m_recording ? m_recording->path : QString(),
        [table = m_table, filter = currentFilter(), groupBy = currentGroupBy(),
            start = m_recording ? qint64(m_recording->summary.firstTs) : 0, column = m_sortColumn,
            descending = m_sortOrder == Qt::DescendingOrder,
            entry = currentEntryId()] { return applyFilter(table, filter, groupBy, start, column, descending, entry); },
        viewFailed)));
}

void ProbeTablePanel::sortBy(int column, Qt::SortOrder order)
{
    m_sortColumn = column;
    m_sortOrder = order;
    resort();
}

void ProbeTablePanel::resort()
{
    if (m_loading || !m_table)
        return; // the load's filter sorts
    const std::shared_ptr<const ProbeView> shown = m_model->view();
    // A filter on its way would be superseded: it runs again, with the new order.
    if (!shown || m_shownGeneration != m_generation) {
        refilter();
        return;
    }
    watchView(QtConcurrent::run(Storage::guarded(
        m_recording ? m_recording->path : QString(),
        [shown, column = m_sortColumn, descending = m_sortOrder == Qt::DescendingOrder, entry = currentEntryId()] {
            return applySort(shown, column, descending, entry);
        },
        viewFailed)));
}

void ProbeTablePanel::clearSort()
{
    m_sortColumn = -1;
    m_sortOrder = Qt::AscendingOrder;
    const QSignalBlocker blocker(m_view->horizontalHeader()); // no sort request for this
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
}

qint64 ProbeTablePanel::currentEntryId() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() && !m_model->isGrouped() ? current.data(ProbeCallModel::EventIdRole).toLongLong() : 0;
}

void ProbeTablePanel::watchView(QFuture<ProbeViewResult> future)
{
    const quint64 generation = ++m_generation;
    auto* watcher = new QFutureWatcher<ProbeViewResult>(this);
    connect(watcher, &QFutureWatcher<ProbeViewResult>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_shownGeneration = generation;
        showView(watcher->result());
    });
    watcher->setFuture(future);
}

void ProbeTablePanel::showView(const ProbeViewResult& result)
{
    const std::shared_ptr<const ProbeView>& view = result.view;
    if (!view) {
        m_status->setText(result.problem);
        return;
    }
    const int currentColumn = std::max(0, m_view->currentIndex().column());
    // Unless the user picked another call meanwhile, the selected call stays selected.
    const bool selectionKept = result.entryId > 0 && currentEntryId() == result.entryId;
    m_model->setView(view);
    if (selectionKept && result.currentRow >= 0) {
        m_restoringSelection = true;
        m_view->setCurrentIndex(m_model->index(result.currentRow, currentColumn));
        m_view->scrollTo(m_view->currentIndex());
        m_restoringSelection = false;
    }
    m_status->setText(view->grouped ? tr("%n group(s)", nullptr, view->rowCount()) : tr("%n call(s) of %1", nullptr, view->rowCount()).arg(m_table->size()));
    if (result.histogram)
        showHistogram(*result.histogram);
    Q_EMIT viewChanged(view->rowCount());
}

void ProbeTablePanel::showHistogram(const Engine::ProbeCallTable::Histogram& histogram)
{
    m_histogram->clearPlottables();
    auto* bars = new QCPBars(m_histogram->xAxis, m_histogram->yAxis);
    QVector<double> keys, values;
    for (std::size_t i = 0; i < histogram.counts.size(); ++i) {
        keys << double(histogram.fromNs + qint64(i) * histogram.binNs + histogram.binNs / 2) / 1e3;
        values << double(histogram.counts[i]);
    }
    bars->setData(keys, values, true);
    bars->setWidth(double(histogram.binNs) / 1e3);
    m_histogram->rescaleAxes();
    m_histogram->replot(QCustomPlot::rpQueuedReplot);
}

void ProbeTablePanel::exportCsv(const QString& path)
{
    const std::shared_ptr<const ProbeView> view = m_model->view();
    if (!view) {
        Q_EMIT exportFinished(false, tr("Nothing to export."));
        return;
    }
    auto* watcher = new QFutureWatcher<Storage::Result<qint64>>(this);
    connect(watcher, &QFutureWatcher<Storage::Result<qint64>>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        const auto result = watcher->result();
        Q_EMIT exportFinished(result.ok(), result.ok() ? tr("%1 rows written to %2").arg(result.value()).arg(path) : result.error().message);
    });
    watcher->setFuture(
        QtConcurrent::run(Storage::guarded(path, [view, path] { return writeProbeViewCsv(*view, path); })));
}

} // namespace Gui
