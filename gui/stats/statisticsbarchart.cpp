// SPDX-License-Identifier: GPL-3.0-or-later
#include "statisticsbarchart.h"

namespace Gui {

namespace {
// Long comms and type names would push the plot into a corner.
QString elided(const QString& label) { return label.size() > 24 ? label.left(23) + QChar(0x2026) : label; }
} // namespace

StatisticsBarChart::StatisticsBarChart(const QString& valueLabel, QWidget* parent)
    : QCustomPlot(parent)
    , m_bars(new QCPBars(xAxis, yAxis))
    , m_ticker(new QCPAxisTickerText)
{
    m_bars->setWidth(0.7);
    m_bars->setPen(Qt::NoPen);
    m_bars->setBrush(palette().color(QPalette::Highlight));
    xAxis->setTicker(m_ticker);
    xAxis->setTickLabelRotation(40);
    xAxis->setSubTicks(false);
    xAxis->grid()->setVisible(false);
    yAxis->setLabel(valueLabel);
    setMinimumHeight(160);
    setNoAntialiasingOnDrag(true);
}

void StatisticsBarChart::setBars(const QStringList& labels, const QVector<double>& values, double maximum)
{
    QVector<double> keys;
    m_ticker->clear();
    for (int i = 0; i < labels.size(); ++i) {
        keys.append(i + 1);
        m_ticker->addTick(i + 1, elided(labels.at(i)));
    }
    m_bars->setData(keys, values, true);
    xAxis->setRange(0.3, labels.size() + 0.7);
    double top = maximum;
    if (top <= 0) {
        for (double value : values)
            top = std::max(top, value);
        top = top > 0 ? top * 1.1 : 1;
    }
    yAxis->setRange(0, top);
    replot(QCustomPlot::rpQueuedReplot);
}

} // namespace Gui
