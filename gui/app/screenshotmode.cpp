// SPDX-License-Identifier: GPL-3.0-or-later
#include "screenshotmode.h"

#include "mainwindow.h"
#include "panelset.h"

#include <QDir>
#include <QImage>
#include <QPixmap>

#include "customplot.h"

#include <cstdio>

namespace Gui {

namespace {
constexpr int timeoutMs = 10'000;
}

ScreenshotMode::ScreenshotMode(MainWindow* window, const QString& outputPath, QSize size)
    : QObject(window)
    , m_window(window)
    , m_outputPath(outputPath)
    , m_size(size)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &ScreenshotMode::onTimeout);
    connect(m_window, &MainWindow::recordingOpened, this, &ScreenshotMode::onOpened);
    connect(m_window->panels(), &PanelSet::timelineDataReady, this, &ScreenshotMode::onDataReady);
    connect(m_window, &MainWindow::openFailed, this,
        [this](const QString&, const QString& problem) { finish(1, problem); });
}

void ScreenshotMode::start(const QString& file)
{
    m_window->resize(m_size);
    m_window->show();
    m_timeout.start(timeoutMs);
    m_window->openFile(file);
}

void ScreenshotMode::setRange(qint64 from, qint64 to)
{
    m_range = std::make_pair(from, to);
}

void ScreenshotMode::onOpened()
{
    if (!m_range)
        return;
    // After the panels took the recording (they are set before this signal), on a clean stack.
    QTimer::singleShot(0, this, [this] {
        const qint64 start = m_window->recording()->summary.firstTs;
        m_rangeShown = true;
        m_window->panels()->setVisibleRange(start + m_range->first, start + m_range->second);
        if (m_window->panels()->timelineHasData())
            onDataReady();
    });
}

void ScreenshotMode::onDataReady()
{
    if (m_range && !m_rangeShown)
        return; // the whole recording's data, before the range is applied
    // Data for the empty window (before the recording is set) does not count. The zero timer
    // lets pending layout and paint events of the other panels run before the grab.
    if (m_window->recording() && !m_done)
        QTimer::singleShot(0, this, &ScreenshotMode::capture);
}

void ScreenshotMode::onTimeout()
{
    if (!m_window->recording())
        return finish(1, tr("the recording did not open within %1 s").arg(timeoutMs / 1000));
    std::fprintf(stderr, "ftlens: the timeline did not report its data within %d s; saving what is shown\n",
        timeoutMs / 1000);
    capture();
}

void ScreenshotMode::capture()
{
    if (m_done)
        return;
    // The call views load in the background too; wait for them (until the timeout).
    if (m_timeout.isActive() && m_window->panels()->callViewsBusy()) {
        // Later, so the panels' pending layout and paint events run before the grab.
        connect(
            m_window->panels(), &PanelSet::callViewsSettled, this,
            [this] { QTimer::singleShot(0, this, &ScreenshotMode::capture); }, Qt::SingleShotConnection);
        return;
    }
    if (QCustomPlot* plot = m_window->panels()->timelinePlot())
        plot->replot(QCustomPlot::rpImmediateRefresh);
    const QImage image = m_window->grab().toImage();
    if (!image.save(m_outputPath, "PNG"))
        return finish(1, tr("%1: cannot save the screenshot").arg(QDir::toNativeSeparators(m_outputPath)));
    finish(0);
}

void ScreenshotMode::finish(int exitCode, const QString& message)
{
    if (m_done)
        return;
    m_done = true;
    m_timeout.stop();
    if (!message.isEmpty())
        std::fprintf(stderr, "ftlens: %s\n", qUtf8Printable(message));
    Q_EMIT finished(exitCode);
}

} // namespace Gui
