// SPDX-License-Identifier: GPL-3.0-or-later
#include "benchmode.h"

#include "mainwindow.h"
#include "panelset.h"

#include <QFile>
#include <QRegularExpression>

#include "customplot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace Gui {

namespace {
constexpr int stepTimeoutMs = 5'000;
constexpr double finalWidthNs = 5'000;

double peakRssMib()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    static const QRegularExpression hwm(QStringLiteral("VmHWM:\\s+(\\d+) kB"));
    const QRegularExpressionMatch match = hwm.match(QString::fromLatin1(status.readAll()));
    return match.hasMatch() ? match.captured(1).toDouble() / 1024.0 : -1;
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<qsizetype>(std::ceil(p * values.size())) - 1;
    return values.at(std::clamp<qsizetype>(index, 0, values.size() - 1));
}
} // namespace

BenchMode::BenchMode(MainWindow* window, QElapsedTimer clock)
    : QObject(window)
    , m_window(window)
    , m_clock(clock)
{
    m_stepTimeout.setSingleShot(true);
    connect(&m_stepTimeout, &QTimer::timeout, this, &BenchMode::onStepTimeout);
    connect(m_window->panels(), &PanelSet::timelineDataReady, this, &BenchMode::onDataReady);
    connect(m_window, &MainWindow::recordingOpened, this, [this](const RecordingPtr& recording) {
        m_openMs = m_clock.nsecsElapsed() / 1e6;
        m_script = script(recording->summary.firstTs, recording->summary.lastTs);
    });
    connect(m_window, &MainWindow::openFailed, this, [this](const QString&, const QString& problem) { fail(problem); });
}

QList<BenchMode::Range> BenchMode::script(qint64 first, qint64 last, int steps)
{
    const double full = std::max<double>(last - first, finalWidthNs);
    const double focus = first + 0.41 * full; // the point the zoom heads for
    const double middle = first + 0.5 * full;
    QList<Range> ranges;
    for (int i = 0; i < steps; ++i) {
        const double width = full * std::pow(finalWidthNs / full, double(i) / std::max(1, steps - 1));
        // Zooming around a fixed point keeps it at the same place on screen, so the centre
        // moves towards it in proportion to the zoom; every tenth pair of steps pans a little.
        double centre = focus + (middle - focus) * (width / full);
        if (i % 10 == 4)
            centre += 0.3 * width;
        else if (i % 10 == 5)
            centre -= 0.3 * width;
        ranges.append({ qint64(centre - width / 2), qint64(centre + width / 2) });
    }
    return ranges;
}

void BenchMode::start(const QString& file)
{
    m_window->resize(1600, 1000);
    m_window->show();
    m_waiting = true;
    m_stepTimeout.start(stepTimeoutMs * 4); // opening includes any first-open index build
    m_window->openFile(file);
}

void BenchMode::onDataReady()
{
    if (!m_waiting || !m_window->recording() || m_done)
        return;
    m_waiting = false;
    m_stepTimeout.stop();
    // Not measured inside the signal: the timeline may still be finishing its own update.
    QTimer::singleShot(0, this, &BenchMode::measureFrame);
}

void BenchMode::onStepTimeout()
{
    if (!m_window->recording())
        return fail(tr("the recording did not open in time"));
    ++m_dataTimeouts;
    m_waiting = false;
    measureFrame();
}

void BenchMode::measureFrame()
{
    QCustomPlot* plot = m_window->panels()->timelinePlot();
    if (!plot)
        return fail(tr("no timeline to measure"));
    QElapsedTimer frame;
    frame.start();
    plot->replot(QCustomPlot::rpImmediateRefresh);
    if (m_step < 0)
        m_firstPaintMs = m_clock.nsecsElapsed() / 1e6;
    else
        m_frameMs.append(frame.nsecsElapsed() / 1e6);
    nextStep();
}

void BenchMode::nextStep()
{
    ++m_step;
    if (m_step >= m_script.size())
        return report();
    m_waiting = true;
    m_stepTimeout.start(stepTimeoutMs);
    const Range range = m_script.at(m_step);
    m_window->panels()->setVisibleRange(range.first, range.second);
    if (m_window->panels()->timelineHasData())
        onDataReady(); // served from what the timeline already holds: no dataReady comes
}

void BenchMode::report()
{
    m_done = true;
    // Written by hand to keep the documented key order (QJsonObject sorts its keys).
    std::printf("{\"open_ms\":%.2f,\"first_paint_ms\":%.2f,\"frame_ms_p50\":%.2f,\"frame_ms_p95\":%.2f,"
                "\"peak_rss_mib\":%.2f}\n",
        m_openMs, m_firstPaintMs, percentile(m_frameMs, 0.50), percentile(m_frameMs, 0.95), peakRssMib());
    std::fflush(stdout);
    if (m_dataTimeouts > 0)
        std::fprintf(stderr, "ftlens: %d steps timed out waiting for the timeline's data\n", m_dataTimeouts);
    Q_EMIT finished(0);
}

void BenchMode::fail(const QString& message)
{
    if (m_done)
        return;
    m_done = true;
    m_stepTimeout.stop();
    std::fprintf(stderr, "ftlens: %s\n", qUtf8Printable(message));
    Q_EMIT finished(1);
}

} // namespace Gui
