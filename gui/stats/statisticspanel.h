// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "openedrecording.h"
#include "statisticsmodel.h"

#include <QPointer>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QTableView;
class QTimer;

namespace Gui {

class StatisticsBarChart;
class TimeSelection;

// The statistics panel: event counts per type, task or CPU for the whole recording or the
// selected time range (following TimeSelection::rangeChanged), as a table and a bar chart of
// the largest groups, and each CPU's utilisation over the same range. Queries run in a worker
// on their own connection; a newer request cancels older ones, whose results are dropped by
// generation id. GUI thread only.
class StatisticsPanel : public QWidget {
    Q_OBJECT
public:
    enum class Scope { WholeFile, SelectedRange }; // SelectedRange falls back to the whole file
    static constexpr int chartBars = 10;

    explicit StatisticsPanel(QWidget* parent = nullptr);
    ~StatisticsPanel() override;

    void setRecording(Gui::RecordingPtr recording);
    void setSelection(Gui::TimeSelection* selection);
    void setGrouping(StatisticsModel::Grouping grouping);
    void setScope(Scope scope);
    Scope scope() const { return m_scope; }

    StatisticsModel* model() const { return m_model; }
    StatisticsBarChart* countChart() const { return m_countChart; }
    StatisticsBarChart* utilisationChart() const { return m_utilisationChart; }
    // True while a query for the current recording and range is pending or running.
    bool isBusy() const;

Q_SIGNALS:
    // The table and charts show the statistics of the current recording and range.
    void statisticsUpdated();
    void statisticsFailed(const QString& message);

private:
    struct Reply;

    void buildControls();
    void scheduleQuery();
    void startQuery();
    void showReply(const Reply& reply);
    void updateCountChart();
    void updateUtilisationChart();
    void setStatus(const QString& text);
    Storage::EventFilter currentFilter() const;
    QString scopeText() const;

    RecordingPtr m_recording;
    QPointer<TimeSelection> m_selection;
    Scope m_scope = Scope::SelectedRange;
    StatisticsModel* m_model;
    QComboBox* m_groupingBox;
    QComboBox* m_scopeBox;
    QLabel* m_statusLabel;
    QTableView* m_view;
    StatisticsBarChart* m_countChart;
    StatisticsBarChart* m_utilisationChart;
    QTimer* m_debounce;
    quint64 m_generation = 0;
    // The generation workers compare against to stop early; shared with them.
    std::shared_ptr<std::atomic<quint64>> m_latest;
    bool m_busy = false;
    // The whole recording's statistics, kept: going back to them (scope, cleared range) is
    // then instant even for tens of millions of events.
    std::optional<Storage::Statistics> m_wholeFile;
};

} // namespace Gui
