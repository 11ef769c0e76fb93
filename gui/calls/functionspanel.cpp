// SPDX-License-Identifier: GPL-3.0-or-later
#include "functionspanel.h"

#include "busyindicator.h"
#include "callscopebar.h"
#include "callsource.h"
#include "calltext.h"
#include "failure.h"
#include "timeaxisticker.h"

#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "customplot.h"

namespace Gui {

namespace {
    struct HistogramReply {
        std::int32_t function = -1;
        LatencyHistogram histogram;
    };

} // namespace

FunctionsPanel::FunctionsPanel(CallSource* source, QWidget* parent)
    : QWidget(parent)
    , m_source(source)
    , m_model(new FunctionStatsModel(this))
{
    buildControls();
    connectSource();
    showMessage(m_source->recording() ? QString() : tr("No recording."));
}

FunctionsPanel::~FunctionsPanel() = default;

void FunctionsPanel::buildControls()
{
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter functions…"));
    m_filter->setClearButtonEnabled(true);
    m_export = new QToolButton(this);
    m_export->setText(tr("Export CSV…"));
    m_busy = new BusyIndicator(this);
    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSortIndicator(FunctionStatsModel::TotalColumn, Qt::DescendingOrder);
    m_view->setSortingEnabled(true);
    m_view->horizontalHeader()->setSectionResizeMode(FunctionStatsModel::FunctionColumn, QHeaderView::Stretch);
    for (int column = FunctionStatsModel::CallsColumn; column < FunctionStatsModel::NumColumns; ++column)
        m_view->horizontalHeader()->resizeSection(column, 90);
    m_histogram = new QCustomPlot(this);
    m_histogram->setMinimumSize(200, 120);
    m_histogram->xAxis->setLabel(tr("call duration (logarithmic buckets)"));
    m_histogram->yAxis->setLabel(tr("calls"));

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_histogram);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    m_message = new QLabel(this);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_message);
    m_pages->addWidget(splitter);
    m_status = new QLabel(this);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new CallScopeBar(m_source, this));
    controls->addWidget(m_filter, 1);
    controls->addWidget(m_export);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_pages, 1);
    // Work under way shows beside the status line, not in the controls: the panel's minimum width
    // (and so the window's) must not change while loading.
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_busy);
    layout->addLayout(statusRow);

    connect(m_filter, &QLineEdit::textChanged, this, &FunctionsPanel::setFilterText);
    connect(m_export, &QToolButton::clicked, this, &FunctionsPanel::chooseExportFile);
    connect(m_busy, &BusyIndicator::cancelRequested, this, [this] {
        ++m_generation;
        m_computing = false;
        m_source->cancel();
        updateBusy();
    });
    connect(
        m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
            if (current.isValid())
                showHistogram(current.data(FunctionStatsModel::FunctionRole).toInt());
        });
}

void FunctionsPanel::connectSource()
{
    connect(m_source, &CallSource::recordingChanged, this, [this] {
        ++m_generation;
        m_computing = false;
        showMessage(m_source->recording() ? QString() : tr("No recording."));
    });
    connect(m_source, &CallSource::loadStarted, this, &FunctionsPanel::updateBusy);
    connect(m_source, &CallSource::loadCancelled, this, [this] {
        updateBusy();
        if (!m_model->statistics())
            showMessage(tr("Loading the function calls was cancelled; open the recording again to load them."));
    });
    connect(m_source, &CallSource::loadFailed, this, [this](const QString& message) {
        updateBusy();
        showMessage(message);
    });
    connect(m_source, &CallSource::callsLoaded, this, [this] {
        if (m_source->hasCalls()) {
            computeStatistics();
            return;
        }
        updateBusy();
        showMessage(CallText::noCalls());
    });
}

bool FunctionsPanel::isBusy() const { return m_computing || m_source->isLoading(); }

QString FunctionsPanel::message() const
{
    return m_pages->currentWidget() == m_message ? m_message->text() : QString();
}

void FunctionsPanel::updateBusy()
{
    m_busy->setBusy(isBusy(), m_source->isLoading() ? tr("Loading calls…") : tr("Computing statistics…"));
}

void FunctionsPanel::showMessage(const QString& text)
{
    m_message->setText(text.isEmpty() ? tr("Loading function calls…") : text);
    m_pages->setCurrentWidget(m_message);
    m_model->setStatistics(nullptr);
    plotHistogram({}, {});
    m_status->clear();
    m_filter->setEnabled(false);
    m_export->setEnabled(false);
}

void FunctionsPanel::computeStatistics()
{
    const std::shared_ptr<const Storage::LoadedCalls> calls = m_source->calls();
    const quint64 generation = ++m_generation;
    m_computing = true;
    updateBusy();
    using Data = Storage::Result<std::shared_ptr<const FunctionStatsData>>;
    auto* watcher = new QFutureWatcher<Data>(this);
    connect(watcher, &QFutureWatcher<Data>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_computing = false;
        updateBusy();
        const Data data = watcher->result();
        if (!data) {
            m_status->setText(data.error().message);
            return;
        }
        // The selected function stays selected (and its histogram follows the new scope).
        const QModelIndex current = m_view->currentIndex();
        const QString selected = current.isValid() ? current.siblingAtColumn(0).data().toString() : QString();
        m_model->setStatistics(data.value());
        m_pages->setCurrentIndex(1);
        m_filter->setEnabled(true);
        m_export->setEnabled(true);
        plotHistogram({}, {});
        selectFunction(selected.isEmpty() && m_model->rowCount() ? m_model->index(0, 0).data().toString() : selected);
        updateStatus();
        Q_EMIT statisticsShown();
    });
    watcher->setFuture(QtConcurrent::run(Storage::guarded(recordingPath(), [calls]() -> Data {
        auto data = std::make_shared<FunctionStatsData>();
        data->calls = calls;
        data->functions = Engine::functionStatistics(*calls);
        return std::shared_ptr<const FunctionStatsData>(std::move(data));
    })));
}

QString FunctionsPanel::recordingPath() const
{
    return m_source->recording() ? m_source->recording()->path : QString();
}

void FunctionsPanel::updateStatus()
{
    const auto data = m_model->statistics();
    if (!data) {
        m_status->clear();
        return;
    }
    m_status->setText(tr("%1 of %n function(s) shown · %2 calls in %3", nullptr, int(data->functions.size()))
                          .arg(m_model->rowCount())
                          .arg(CallText::count(qint64(data->calls->size())), m_source->scopeText()));
}

void FunctionsPanel::setFilterText(const QString& text)
{
    if (m_filter->text() != text) {
        const QSignalBlocker blocker(m_filter);
        m_filter->setText(text);
    }
    m_model->setFilterText(text.trimmed());
    updateStatus();
}

void FunctionsPanel::selectFunction(const QString& name)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        if (index.data().toString() == name) {
            m_view->setCurrentIndex(index);
            m_view->scrollTo(index);
            return;
        }
    }
}

void FunctionsPanel::showHistogram(std::int32_t function)
{
    const auto data = m_model->statistics();
    if (!data || function < 0)
        return;
    const quint64 generation = ++m_histogramGeneration;
    auto* watcher = new QFutureWatcher<HistogramReply>(this);
    connect(watcher, &QFutureWatcher<HistogramReply>::finished, this, [this, watcher, generation, data] {
        watcher->deleteLater();
        if (generation != m_histogramGeneration || data != m_model->statistics())
            return;
        const HistogramReply reply = watcher->result();
        if (reply.function < 0) // the worker failed
            return;
        plotHistogram(data->calls->functionNames[std::size_t(reply.function)], reply.histogram);
    });
    watcher->setFuture(QtConcurrent::run(Storage::guarded(
        recordingPath(),
        [calls = data->calls, function] {
            return HistogramReply { function, LatencyHistogram::build(Engine::callDurations(*calls, function)) };
        },
        [](const QString&) { return HistogramReply {}; })));
}

void FunctionsPanel::plotHistogram(const QString& function, const LatencyHistogram& histogram)
{
    m_shownHistogram = histogram;
    m_histogram->clearPlottables();
    // Buckets on a linear axis by index, labelled at each power of ten: QCPBars cannot size bars
    // on a logarithmic axis.
    auto* bars = new QCPBars(m_histogram->xAxis, m_histogram->yAxis);
    bars->setWidth(0.9);
    bars->setPen(Qt::NoPen);
    bars->setBrush(QColor(224, 120, 40));
    QVector<double> keys, values;
    double highest = 0;
    for (std::size_t i = 0; i < histogram.counts.size(); ++i) {
        keys << double(i) + 0.5;
        values << double(histogram.counts[i]);
        highest = std::max(highest, double(histogram.counts[i]));
    }
    bars->setData(keys, values, true);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (std::size_t edge = 0; edge < histogram.edges.size(); ++edge) {
        if (histogram.isDecade(edge))
            ticker->addTick(double(edge), TimeAxisTicker::formatDuration(double(histogram.edges[edge]), 0));
    }
    m_histogram->xAxis->setTicker(ticker);
    m_histogram->xAxis->setRange(0, std::max<double>(1, double(histogram.counts.size())));
    m_histogram->yAxis->setRange(0, std::max(1.0, highest * 1.1));
    // Call counts are whole numbers: no 0.5 ticks on a short axis.
    auto counts = QSharedPointer<QCPAxisTickerFixed>::create();
    counts->setTickStep(1.0);
    counts->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_histogram->yAxis->setTicker(counts);
    m_histogram->xAxis->setLabel(function.isEmpty()
            ? tr("call duration (logarithmic buckets)")
            : tr("duration of %n call(s) of %1", nullptr, int(histogram.calls)).arg(function));
    m_histogram->replot(QCustomPlot::rpQueuedReplot);
    if (!function.isEmpty())
        Q_EMIT histogramShown(function);
}

void FunctionsPanel::chooseExportFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Function Statistics"), QString(), tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        exportCsv(path);
}

void FunctionsPanel::exportCsv(const QString& path)
{
    const auto data = m_model->statistics();
    if (!data) {
        Q_EMIT exportFinished(false, tr("Nothing to export."));
        return;
    }
    auto* watcher = new QFutureWatcher<Storage::Result<qint64>>(this);
    connect(watcher, &QFutureWatcher<Storage::Result<qint64>>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        const auto result = watcher->result();
        const QString message = result.ok()
            ? tr("%n row(s) written to %1", nullptr, int(result.value())).arg(path)
            : tr("Cannot export the function statistics to %1: %2").arg(path, result.error().message);
        m_status->setText(message);
        Q_EMIT exportFinished(result.ok(), message);
    });
    watcher->setFuture(QtConcurrent::run(Storage::guarded(
        path, [data, rows = m_model->shownRows(), path] { return writeFunctionStatsCsv(*data, rows, path); })));
}

} // namespace Gui
