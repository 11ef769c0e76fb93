// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "openedrecording.h"
#include "probecallmodel.h"
#include "probecalltable.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableView;

namespace Gui {

class TimeSelection;
struct ProbeViewResult;

// The argument table of a probe, like perf probe + opensnoop in one view: pick a probe (entry
// and return paired per task), filter by path glob, failures, PID, task and latency, group by
// path, task or return value with latency statistics, see the latency histogram, export
// exactly what is shown. Clicking a header sorts by that column (again: descending, a third
// time: back to time order), in the table in a worker like the filters, so exports follow the
// order shown; the selected call stays selected. Selecting a call selects its event on the
// timeline. Loading, filtering and sorting run in workers; results from superseded requests are
// dropped. GUI thread only.
class ProbeTablePanel : public QWidget {
    Q_OBJECT
public:
    explicit ProbeTablePanel(QWidget* parent = nullptr);
    ~ProbeTablePanel() override;

    void setRecording(RecordingPtr recording);
    void setSelection(TimeSelection* selection);
    ProbeCallModel* model() const { return m_model; }
    // The probes offered (entry probe names, or lone return probes).
    QStringList probes() const;
    void selectProbe(const QString& name);
    void setFilter(const Engine::ProbeCallTable::Filter& filter, std::optional<Engine::ProbeCallTable::GroupBy> groupBy);
    // Writes what the table shows, in a worker; exportFinished reports the outcome.
    void exportCsv(const QString& path);

Q_SIGNALS:
    void probesChanged(const QStringList& probes);
    void tableLoaded(int calls);
    void viewChanged(int rows);
    void exportFinished(bool ok, const QString& message);

private:
    void buildControls();
    void loadProbe(const QString& name);
    void refilter();
    void sortBy(int column, Qt::SortOrder order);
    void resort();
    void clearSort();
    void watchView(QFuture<ProbeViewResult> future);
    void showView(const ProbeViewResult& result);
    qint64 currentEntryId() const;
    void showHistogram(const Engine::ProbeCallTable::Histogram& histogram);
    Engine::ProbeCallTable::Filter currentFilter() const;
    std::optional<Engine::ProbeCallTable::GroupBy> currentGroupBy() const;

    RecordingPtr m_recording;
    QPointer<TimeSelection> m_selection;
    std::shared_ptr<const Engine::ProbeCallTable> m_table;
    ProbeCallModel* m_model = nullptr;
    QComboBox* m_probe = nullptr;
    QLineEdit* m_glob = nullptr;
    QCheckBox* m_failed = nullptr;
    QLineEdit* m_pid = nullptr;
    QLineEdit* m_comm = nullptr;
    QSpinBox* m_minLatencyUs = nullptr;
    QComboBox* m_groupBy = nullptr;
    QTableView* m_view = nullptr;
    QCustomPlot* m_histogram = nullptr;
    QLabel* m_status = nullptr;
    quint64 m_generation = 0;      // of the newest load/filter/sort request
    quint64 m_shownGeneration = 0; // of the view shown: below m_generation while one is coming
    bool m_loading = false;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    bool m_restoringSelection = false; // the timeline already shows the call selected again
    QStringList m_probes;
};

} // namespace Gui
