// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventspanel.h"

#include "checklistbutton.h"
#include "eventcsvexport.h"
#include "eventtablemodel.h"
#include "failure.h"
#include "filterexpression.h"
#include "filterfields.h"
#include "timeselection.h"

#include <QFile>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QPromise>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Gui {

namespace {
// Runs in a worker with its own connection: the same call as `ftlens-cli export`.
void writeCsv(QPromise<QString>& promise, const QString& recordingPath, const Storage::EventFilter& filter,
    const QString& outputPath)
{
    const auto failed = [](const QString& message) { return message; };
    promise.addResult(Storage::catchFailure(
        recordingPath,
        [&]() -> QString {
            auto reader = Storage::RecordingReader::open(recordingPath);
            if (!reader)
                return reader.error().message;
            auto rows = Storage::exportEventsCsv(*reader.value(), filter, outputPath, [&promise](std::int64_t written) {
                promise.setProgressValue(static_cast<int>(qMin<std::int64_t>(written, INT_MAX)));
                return !promise.isCanceled();
            });
            return rows ? QString() : rows.error().message;
        },
        failed));
}
} // namespace

EventsPanel::EventsPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new EventTableModel(this))
    , m_view(new QTableView(this))
    , m_cpuButton(new CheckListButton(tr("CPU"), this))
    , m_typeButton(new CheckListButton(tr("Events"), this))
    , m_taskEdit(new QLineEdit(this))
    , m_expressionEdit(new QLineEdit(this))
    , m_searchEdit(new QLineEdit(this))
    , m_errorLabel(new QLabel(this))
    , m_countLabel(new QLabel(this))
{
    buildControls();
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    // Fixed row heights: the view never measures rows, so millions of them cost nothing.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) { currentRowChanged(current.row()); });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        if (m_pendingPublishRow >= 0)
            publishCurrentRow();
    });
    connect(m_model, &EventTableModel::countFinished, this, [this](qint64 rows) {
        m_countLabel->setText(tr("%n events", nullptr, static_cast<int>(qMin<qint64>(rows, INT_MAX))));
        if (m_pendingFollowId >= 0)
            followCurrentEvent(std::exchange(m_pendingFollowId, -1));
    });
    connect(m_model, &EventTableModel::queryFailed, this, &EventsPanel::showError);
    connect(m_model, &EventTableModel::textFound, this, [this](int row) {
        if (row < 0)
            m_countLabel->setText(tr("“%1” not found").arg(m_searchEdit->text()));
        else
            selectRow(row);
    });
}

void EventsPanel::buildControls()
{
    m_taskEdit->setPlaceholderText(tr("PIDs"));
    m_taskEdit->setToolTip(tr("Only these tasks: process ids separated by spaces or commas"));
    m_taskEdit->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('0')) * 16);
    m_expressionEdit->setPlaceholderText(tr("Filter, e.g. prev_state == 1 && next_comm ~ \"kworker*\""));
    m_expressionEdit->setClearButtonEnabled(true);
    m_searchEdit->setPlaceholderText(tr("Search task or fields"));
    m_searchEdit->setClearButtonEnabled(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #c01c28"));
    m_errorLabel->hide();
    auto* previous = new QPushButton(tr("Previous"), this);
    auto* next = new QPushButton(tr("Next"), this);
    auto* exportButton = new QPushButton(tr("Export…"), this);

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_cpuButton);
    filters->addWidget(m_typeButton);
    filters->addWidget(m_taskEdit);
    filters->addWidget(m_expressionEdit, 1);
    auto* search = new QHBoxLayout;
    search->addWidget(m_searchEdit, 1);
    search->addWidget(previous);
    search->addWidget(next);
    search->addWidget(m_countLabel);
    search->addStretch();
    search->addWidget(exportButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(filters);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_view, 1);
    layout->addLayout(search);

    connect(m_cpuButton, &CheckListButton::selectionChanged, this, &EventsPanel::applyFilter);
    connect(m_typeButton, &CheckListButton::selectionChanged, this, &EventsPanel::applyFilter);
    connect(m_taskEdit, &QLineEdit::editingFinished, this, &EventsPanel::applyFilter);
    connect(m_expressionEdit, &QLineEdit::editingFinished, this, &EventsPanel::applyFilter);
    connect(m_searchEdit, &QLineEdit::returnPressed, this, &EventsPanel::findNext);
    connect(next, &QPushButton::clicked, this, &EventsPanel::findNext);
    connect(previous, &QPushButton::clicked, this, &EventsPanel::findPrevious);
    connect(exportButton, &QPushButton::clicked, this, qOverload<>(&EventsPanel::exportCsv));
}

void EventsPanel::setRecording(Gui::RecordingPtr recording)
{
    m_recording = std::move(recording);
    QStringList cpuNames;
    QVariantList cpus;
    for (const int cpu : m_recording ? m_recording->summary.cpuIds : std::vector<int> {}) {
        cpuNames << QString::number(cpu);
        cpus << cpu;
    }
    m_cpuButton->setItems(cpuNames, cpus);
    QStringList typeNames;
    for (const Storage::EventTypeInfo& type : m_recording ? m_recording->eventTypes : std::vector<Storage::EventTypeInfo> {})
        typeNames << type.qualifiedName();
    m_typeButton->setItems(typeNames, QVariantList(typeNames.cbegin(), typeNames.cend()));
    m_taskEdit->clear();
    m_expressionEdit->clear();
    m_errorLabel->hide();
    m_controlsFilter = {};
    m_countLabel->setText(m_recording ? tr("counting…") : QString());
    m_model->setRecording(m_recording);
    m_model->setFilter(filter());
    Q_EMIT filterChanged(filter());
}

void EventsPanel::setSelection(Gui::TimeSelection* selection)
{
    if (m_selection)
        m_selection->disconnect(this);
    m_selection = selection;
    if (!selection)
        return;
    connect(selection, &TimeSelection::rangeChanged, this, &EventsPanel::applyFilter);
    connect(selection, &TimeSelection::currentEventChanged, this,
        [this](qint64 eventId) { followCurrentEvent(eventId); });
}

Storage::EventFilter EventsPanel::filter() const
{
    Storage::EventFilter filter = m_controlsFilter;
    if (m_selection && m_selection->hasRange()) {
        filter.from = m_selection->rangeStart();
        filter.to = m_selection->rangeEnd();
    }
    return filter;
}

bool EventsPanel::parseControls(Storage::EventFilter& filter)
{
    for (const QVariant& cpu : m_cpuButton->checkedValues())
        filter.cpus << cpu.toInt();
    for (const QVariant& type : m_typeButton->checkedValues())
        filter.eventTypes << type.toString();
    const QStringList pids = m_taskEdit->text().split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts);
    for (const QString& text : pids) {
        bool ok = false;
        filter.pids << text.toInt(&ok);
        if (!ok) {
            showError(tr("PIDs: '%1' is not a process id").arg(text));
            return false;
        }
    }
    // Parsed as typed, so that the error's column is the line edit's.
    const auto expression = Storage::FilterExpression::parse(m_expressionEdit->text());
    if (!expression.isValid()) {
        showError(tr("Filter: %1").arg(expression.errorText()));
        m_expressionEdit->setCursorPosition(expression.errorColumn() - 1);
        return false;
    }
    if (Storage::Status s = checkFields(expression, filter.eventTypes); !s) {
        showError(tr("Filter: %1").arg(s.error().message));
        return false;
    }
    filter.expression = m_expressionEdit->text().trimmed();
    return true;
}

// A field none of the chosen event types has (all of the recording's when none is chosen) would
// list no events: it is an error naming the fields they have, shown before any query runs.
Storage::Status EventsPanel::checkFields(const Storage::FilterExpression& expression, const QStringList& typeNames) const
{
    if (!m_recording || expression.isEmpty())
        return {};
    std::vector<Storage::EventTypeInfo> types;
    for (const Storage::EventTypeInfo& type : m_recording->eventTypes) {
        if (typeNames.isEmpty() || typeNames.contains(type.qualifiedName()))
            types.push_back(type);
    }
    return Storage::checkFilterFields(expression, types, !typeNames.isEmpty());
}

void EventsPanel::applyFilter()
{
    Storage::EventFilter controls;
    if (!parseControls(controls))
        return; // keep listing by the last good filter
    m_errorLabel->hide();
    m_controlsFilter = controls;
    const Storage::EventFilter next = filter();
    if (next == m_model->filter())
        return;
    m_countLabel->setText(tr("counting…"));
    m_model->setFilter(next);
    Q_EMIT filterChanged(next);
}

bool EventsPanel::setExpression(const QString& expression)
{
    m_expressionEdit->setText(expression);
    applyFilter();
    return m_errorLabel->isHidden();
}

void EventsPanel::setTaskPids(const QList<int>& pids)
{
    QStringList texts;
    for (const int pid : pids)
        texts << QString::number(pid);
    m_taskEdit->setText(texts.join(QLatin1Char(' ')));
    applyFilter();
}

QString EventsPanel::errorText() const { return m_errorLabel->isHidden() ? QString() : m_errorLabel->text(); }

void EventsPanel::showError(const QString& message)
{
    m_errorLabel->setText(message);
    m_errorLabel->show();
}

void EventsPanel::find(bool backwards)
{
    const int from = m_view->currentIndex().isValid() ? m_view->currentIndex().row() : (backwards ? m_model->rowCount() : -1);
    m_model->findText(m_searchEdit->text(), from, backwards);
}

void EventsPanel::selectRow(int row)
{
    const QModelIndex index = m_model->index(row, EventTableModel::TimeColumn);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void EventsPanel::currentRowChanged(int row)
{
    if (m_following || row < 0)
        return;
    m_pendingPublishRow = row;
    m_model->fetchRow(row);
    publishCurrentRow();
}

// The current event needs its timestamp, known once the row's chunk is loaded.
void EventsPanel::publishCurrentRow()
{
    const QModelIndex index = m_model->index(m_pendingPublishRow, 0);
    if (!index.isValid() || !m_model->data(index, EventTableModel::LoadedRole).toBool())
        return;
    m_pendingPublishRow = -1;
    if (m_selection)
        m_selection->setCurrentEvent(m_model->eventIdAt(index.row()),
            m_model->data(index, EventTableModel::TimestampRole).toLongLong());
}

void EventsPanel::followCurrentEvent(qint64 eventId)
{
    if (!m_model->isReady()) {
        m_pendingFollowId = eventId;
        return;
    }
    const int row = m_model->rowForEvent(eventId);
    if (row < 0 || m_model->eventIdAt(m_view->currentIndex().row()) == eventId)
        return;
    m_following = true;
    selectRow(row);
    m_following = false;
}

void EventsPanel::exportCsv()
{
    if (!m_recording)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export events as CSV"), QString(),
        tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        exportCsv(path);
}

void EventsPanel::exportCsv(const QString& path)
{
    if (!m_recording) {
        Q_EMIT exportFinished(false, tr("No recording is open."));
        return;
    }
    auto* progress = new QProgressDialog(tr("Exporting events to %1…").arg(path), tr("Cancel"), 0,
        m_model->isReady() ? qMax(1, m_model->rowCount()) : 0, this);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(500);
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::progressValueChanged, progress, &QProgressDialog::setValue);
    connect(progress, &QProgressDialog::canceled, watcher, &QFutureWatcher<QString>::cancel);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, progress, path] {
        const bool cancelled = watcher->isCanceled() || watcher->future().resultCount() == 0;
        const QString error = cancelled ? tr("export cancelled") : watcher->future().result();
        if (cancelled && path != QLatin1String("-"))
            QFile::remove(path); // a partial file would look like a complete export
        progress->deleteLater();
        watcher->deleteLater();
        Q_EMIT exportFinished(error.isEmpty(), error);
    });
    watcher->setFuture(QtConcurrent::run(writeCsv, m_recording->path, filter(), path));
}

} // namespace Gui
