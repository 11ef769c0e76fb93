// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "functionstatsmodel.h"
#include "latencyhistogram.h"

#include <QWidget>

class QCustomPlot;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace Gui {

class BusyIndicator;
class CallSource;

// The "Functions" panel: per-function statistics (calls, total, self, average, min, max,
// unfinished) of the shared CallSource's scope, sortable and filtered by name; the selected
// function's latency histogram in logarithmic buckets; Export writes exactly the rows and order
// shown. Statistics and histograms are computed in workers, newest request wins. GUI thread only.
class FunctionsPanel : public QWidget {
    Q_OBJECT
public:
    explicit FunctionsPanel(CallSource* source, QWidget* parent = nullptr);
    ~FunctionsPanel() override;

    FunctionStatsModel* model() const { return m_model; }
    QTableView* tableView() const { return m_view; }
    QCustomPlot* histogramPlot() const { return m_histogram; }
    const LatencyHistogram& histogram() const { return m_shownHistogram; }
    void setFilterText(const QString& text);
    void selectFunction(const QString& name);
    void exportCsv(const QString& path);
    bool isBusy() const;
    QString message() const;

Q_SIGNALS:
    void statisticsShown();
    void histogramShown(const QString& function);
    void exportFinished(bool ok, const QString& message);

private:
    void buildControls();
    void connectSource();
    void computeStatistics();
    void showMessage(const QString& text);
    void showHistogram(std::int32_t function);
    void plotHistogram(const QString& function, const LatencyHistogram& histogram);
    void updateBusy();
    void updateStatus();
    QString recordingPath() const;
    void chooseExportFile();

    CallSource* m_source;
    FunctionStatsModel* m_model;
    QLineEdit* m_filter = nullptr;
    QToolButton* m_export = nullptr;
    BusyIndicator* m_busy = nullptr;
    QStackedWidget* m_pages = nullptr;
    QLabel* m_message = nullptr;
    QTableView* m_view = nullptr;
    QCustomPlot* m_histogram = nullptr;
    QLabel* m_status = nullptr;
    LatencyHistogram m_shownHistogram;
    bool m_computing = false;
    quint64 m_generation = 0;
    quint64 m_histogramGeneration = 0;
};

} // namespace Gui
