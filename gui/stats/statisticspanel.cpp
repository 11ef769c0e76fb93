// SPDX-License-Identifier: GPL-3.0-or-later
#include "statisticspanel.h"

#include "failure.h"
#include "statisticsbarchart.h"
#include "timeselection.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Gui {

// What a worker hands back: a plain default-constructible value for QFuture.
struct StatisticsPanel::Reply {
    quint64 generation = 0;
    bool ok = false;
    bool wholeFile = false;
    QString error;
    Storage::Statistics statistics;
    qint64 elapsedMs = 0;
};

namespace {
// Range drags emit many changes; only the last one within this delay is queried.
constexpr int debounceMs = 60;

QString durationText(qint64 ns)
{
    if (ns >= 1'000'000'000)
        return QCoreApplication::translate("Gui::StatisticsPanel", "%1 s").arg(QLocale().toString(ns / 1e9, 'f', 3));
    if (ns >= 1'000'000)
        return QCoreApplication::translate("Gui::StatisticsPanel", "%1 ms").arg(QLocale().toString(ns / 1e6, 'f', 3));
    return QCoreApplication::translate("Gui::StatisticsPanel", "%1 us").arg(QLocale().toString(ns / 1e3, 'f', 1));
}
} // namespace

StatisticsPanel::StatisticsPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new StatisticsModel(this))
    , m_groupingBox(new QComboBox(this))
    , m_scopeBox(new QComboBox(this))
    , m_statusLabel(new QLabel(this))
    , m_view(new QTableView(this))
    , m_countChart(new StatisticsBarChart(tr("Events"), this))
    , m_utilisationChart(new StatisticsBarChart(tr("CPU utilisation (%)"), this))
    , m_debounce(new QTimer(this))
    , m_latest(std::make_shared<std::atomic<quint64>>(0))
{
    buildControls();
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(debounceMs);
    connect(m_debounce, &QTimer::timeout, this, &StatisticsPanel::startQuery);
    connect(m_model, &QAbstractItemModel::modelReset, this, &StatisticsPanel::updateCountChart);
}

StatisticsPanel::~StatisticsPanel()
{
    // Running workers see a generation that is no longer theirs and stop at their next check.
    m_latest->store(0);
}

bool StatisticsPanel::isBusy() const { return m_busy || m_debounce->isActive(); }

void StatisticsPanel::buildControls()
{
    m_groupingBox->addItem(tr("By event type"), int(StatisticsModel::Grouping::EventType));
    m_groupingBox->addItem(tr("By task"), int(StatisticsModel::Grouping::Task));
    m_groupingBox->addItem(tr("By CPU"), int(StatisticsModel::Grouping::Cpu));
    m_scopeBox->addItem(tr("Whole recording"), int(Scope::WholeFile));
    m_scopeBox->addItem(tr("Selected range"), int(Scope::SelectedRange));
    m_scopeBox->setCurrentIndex(1);
    connect(m_groupingBox, &QComboBox::currentIndexChanged, this,
        [this] { setGrouping(StatisticsModel::Grouping(m_groupingBox->currentData().toInt())); });
    connect(m_scopeBox, &QComboBox::currentIndexChanged, this, [this] { setScope(Scope(m_scopeBox->currentData().toInt())); });

    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(StatisticsModel::NameColumn, QHeaderView::Stretch);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* controls = new QHBoxLayout;
    controls->addWidget(m_groupingBox);
    controls->addWidget(m_scopeBox);
    controls->addWidget(m_statusLabel, 1);
    auto* charts = new QSplitter(Qt::Horizontal, this);
    charts->addWidget(m_countChart);
    charts->addWidget(m_utilisationChart);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(charts);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(controls);
    layout->addWidget(split, 1);
}

void StatisticsPanel::setRecording(RecordingPtr recording)
{
    m_recording = std::move(recording);
    m_wholeFile.reset();
    m_model->clear();
    updateUtilisationChart();
    if (!m_recording) {
        m_latest->store(++m_generation); // cancels whatever runs
        m_busy = false;
        setStatus(QString());
        return;
    }
    startQuery();
}

void StatisticsPanel::setSelection(TimeSelection* selection)
{
    if (m_selection)
        disconnect(m_selection, nullptr, this, nullptr);
    m_selection = selection;
    if (m_selection) {
        connect(m_selection, &TimeSelection::rangeChanged, this, [this] {
            if (m_scope == Scope::SelectedRange)
                scheduleQuery();
        });
    }
    if (m_scope == Scope::SelectedRange)
        scheduleQuery();
}

void StatisticsPanel::setGrouping(StatisticsModel::Grouping grouping)
{
    m_groupingBox->setCurrentIndex(m_groupingBox->findData(int(grouping)));
    m_model->setGrouping(grouping);
}

void StatisticsPanel::setScope(Scope scope)
{
    m_scopeBox->setCurrentIndex(m_scopeBox->findData(int(scope)));
    if (scope == m_scope)
        return;
    m_scope = scope;
    scheduleQuery();
}

Storage::EventFilter StatisticsPanel::currentFilter() const
{
    Storage::EventFilter filter;
    if (m_scope == Scope::SelectedRange && m_selection && m_selection->hasRange()) {
        filter.from = m_selection->rangeStart();
        filter.to = m_selection->rangeEnd();
    }
    return filter;
}

QString StatisticsPanel::scopeText() const
{
    const Storage::EventFilter filter = currentFilter();
    if (filter.from == std::numeric_limits<std::int64_t>::min())
        return m_scope == Scope::SelectedRange ? tr("whole recording (no range selected)") : tr("whole recording");
    return tr("range of %1").arg(durationText(filter.to - filter.from));
}

void StatisticsPanel::scheduleQuery()
{
    if (m_recording)
        m_debounce->start();
}

void StatisticsPanel::startQuery()
{
    m_debounce->stop();
    if (!m_recording)
        return;
    const quint64 generation = ++m_generation;
    m_latest->store(generation);
    const Storage::EventFilter filter = currentFilter();
    if (filter.isEmpty() && m_wholeFile) {
        showReply({ generation, true, true, {}, *m_wholeFile, 0 });
        return;
    }
    m_busy = true;
    setStatus(tr("Counting events in the %1…").arg(scopeText()));
    auto* watcher = new QFutureWatcher<Reply>(this);
    connect(watcher, &QFutureWatcher<Reply>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Reply reply = watcher->result();
        if (reply.generation == m_generation) // older replies are stale
            showReply(reply);
    });
    // The worker opens its own read-only connection (one per thread) and polls the shared
    // generation, so a newer request makes it stop early.
    const auto failed = [generation](const QString& message) {
        return Reply { generation, false, false, message, {}, 0 };
    };
    watcher->setFuture(QtConcurrent::run(Storage::guarded(
        m_recording->path,
        [path = m_recording->path, filter, generation, latest = m_latest]() -> Reply {
            QElapsedTimer timer;
            timer.start();
            Reply reply;
            reply.generation = generation;
            reply.wholeFile = filter.isEmpty();
            auto reader = Storage::RecordingReader::open(path);
            if (!reader) {
                reply.error = reader.error().message;
                return reply;
            }
            Storage::StatisticsQuery query(**reader);
            auto statistics = query.run(filter, [&latest, generation] { return latest->load() != generation; });
            reply.ok = statistics.ok();
            if (statistics)
                reply.statistics = std::move(*statistics);
            else
                reply.error = statistics.error().message;
            reply.elapsedMs = timer.elapsed();
            return reply;
        },
        failed)));
}

void StatisticsPanel::showReply(const Reply& reply)
{
    m_busy = false;
    if (!reply.ok) {
        setStatus(tr("Statistics failed: %1").arg(reply.error));
        Q_EMIT statisticsFailed(reply.error);
        return;
    }
    if (reply.wholeFile)
        m_wholeFile = reply.statistics;
    m_model->setStatistics(reply.statistics);
    updateUtilisationChart();
    setStatus(tr("%1 events in the %2 (%3 ms)")
                  .arg(QLocale().toString(reply.statistics.total), scopeText())
                  .arg(reply.elapsedMs));
    Q_EMIT statisticsUpdated();
}

void StatisticsPanel::updateCountChart()
{
    QStringList labels;
    QVector<double> values;
    for (int row = 0; row < std::min(chartBars, m_model->rowCount()); ++row) {
        labels.append(m_model->label(row));
        values.append(double(m_model->count(row)));
    }
    m_countChart->setBars(labels, values);
}

void StatisticsPanel::updateUtilisationChart()
{
    QStringList labels;
    QVector<double> values;
    for (const Storage::CpuUtilisation& cpu : m_model->statistics().utilisation) {
        labels.append(tr("CPU %1").arg(cpu.cpu));
        values.append(100.0 * cpu.fraction());
    }
    m_utilisationChart->setBars(labels, values, 100.0);
}

void StatisticsPanel::setStatus(const QString& text) { m_statusLabel->setText(text); }

} // namespace Gui
