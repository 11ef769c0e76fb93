// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "customplot.h"

#include <QStringList>
#include <QVector>

namespace Gui {

// A labelled bar chart (event counts of the top groups, utilisation per CPU) on QCustomPlot.
// Shows what it is given; computes nothing. GUI thread only.
class StatisticsBarChart : public QCustomPlot {
    Q_OBJECT
public:
    explicit StatisticsBarChart(const QString& valueLabel, QWidget* parent = nullptr);

    // One bar per label. maximum > 0 fixes the value axis (percentages); otherwise it fits.
    void setBars(const QStringList& labels, const QVector<double>& values, double maximum = 0);
    int barCount() const { return m_bars->data()->size(); }

private:
    QCPBars* m_bars;
    QSharedPointer<QCPAxisTickerText> m_ticker;
};

} // namespace Gui
