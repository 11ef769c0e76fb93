// SPDX-License-Identifier: GPL-3.0-or-later
#include "benchmode.h"

#include "mainwindow.h"
#include "panelset.h"
#include "percentile.h"

#include <QFile>
#include <QRegularExpression>

#include "customplot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace Gui {

namespace {
constexpr int minOpenTimeoutMs = 20'000; // opening includes any first-open index build
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

// A figure in ms or MiB, or null where there is none (no frames timed, nothing measured).
QByteArray figure(double value)
{
    return std::isfinite(value) && value >= 0 ? QByteArray::number(value, 'f', 2) : QByteArrayLiteral("null");
}
} // namespace

BenchMode::BenchMode(MainWindow* window, QElapsedTimer clock, int stepTimeoutMs)
    : QObject(window)
    , m_window(window)
    , m_clock(clock)
    , m_stepTimeoutMs(std::max(0, stepTimeoutMs))
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
    m_stepTimeout.start(std::max(minOpenTimeoutMs, 4 * m_stepTimeoutMs));
    m_window->openFile(file);
}

void BenchMode::onDataReady()
{
    if (!m_waiting || !m_window->recording() || m_done)
        return;
    // The data came, but after the step's deadline (its timer may not have fired yet): the user
    // waited that long, so the step is a timeout, not a frame.
    if (m_step >= 0 && m_stepClock.nsecsElapsed() > qint64(m_stepTimeoutMs) * 1'000'000)
        return stepTimedOut();
    dataArrived();
}

void BenchMode::dataArrived()
{
    m_waiting = false;
    m_stepTimeout.stop();
    // Not measured inside the signal: the timeline may still be finishing its own update.
    QTimer::singleShot(0, this, &BenchMode::measureFrame);
}

void BenchMode::onStepTimeout()
{
    if (!m_window->recording())
        return fail(tr("the recording did not open in time"));
    if (m_step < 0)
        return fail(tr("the timeline had no data %1 s after the recording opened").arg(m_stepTimeout.interval() / 1000));
    stepTimedOut();
}

void BenchMode::stepTimedOut()
{
    ++m_timeouts;
    m_waiting = false;
    m_stepTimeout.stop();
    nextStep();
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
        m_frameMs.push_back(frame.nsecsElapsed() / 1e6);
    nextStep();
}

void BenchMode::nextStep()
{
    ++m_step;
    if (m_step >= m_script.size())
        return report();
    m_waiting = true;
    m_stepClock.start();
    const Range range = m_script.at(m_step);
    m_window->panels()->setVisibleRange(range.first, range.second);
    if (m_window->panels()->timelineHasData())
        return dataArrived(); // served from what the timeline already holds: no dataReady comes
    m_stepTimeout.start(m_stepTimeoutMs);
}

void BenchMode::report()
{
    m_done = true;
    // Written by hand to keep the documented key order (QJsonObject sorts its keys).
    const QByteArray json = "{\"open_ms\":" + figure(m_openMs) + ",\"first_paint_ms\":" + figure(m_firstPaintMs)
        + ",\"frame_ms_p50\":" + figure(Engine::percentile(m_frameMs, 0.50)) + ",\"frame_ms_p95\":"
        + figure(Engine::percentile(m_frameMs, 0.95)) + ",\"peak_rss_mib\":" + figure(peakRssMib())
        + ",\"steps\":" + QByteArray::number(m_script.size()) + ",\"frames\":" + QByteArray::number(qsizetype(m_frameMs.size()))
        + ",\"timeouts\":" + QByteArray::number(m_timeouts) + "}\n";
    std::fwrite(json.constData(), 1, std::size_t(json.size()), stdout);
    std::fflush(stdout);
    if (m_timeouts == 0) {
        Q_EMIT finished(Success);
        return;
    }
    std::fprintf(stderr, "ftlens: %s\n",
        qUtf8Printable(tr("%1 of %2 steps got no timeline data within %3 ms: not timed, not in the frame figures")
                .arg(m_timeouts)
                .arg(m_script.size())
                .arg(m_stepTimeoutMs)));
    Q_EMIT finished(StepsTimedOut);
}

void BenchMode::fail(const QString& message)
{
    if (m_done)
        return;
    m_done = true;
    m_stepTimeout.stop();
    std::fprintf(stderr, "ftlens: %s\n", qUtf8Printable(message));
    Q_EMIT finished(Failed);
}

} // namespace Gui
