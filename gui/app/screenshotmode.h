// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QSize>
#include <QString>
#include <QTimer>

#include <optional>
#include <utility>

namespace Gui {

class MainWindow;

// `ftlens --screenshot OUT.png [--size WxH] [--range FROM:TO] FILE`: shows the window at that size, waits until
// the recording is open and the timeline has drawn its data (or 10 s), grabs the window, saves
// it and reports an exit code. GUI thread only.
class ScreenshotMode : public QObject {
    Q_OBJECT
public:
    ScreenshotMode(MainWindow* window, const QString& outputPath, QSize size);

    // Shows [start + from, start + to] instead of the whole recording.
    void setRange(qint64 from, qint64 to);
    void start(const QString& file);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void onOpened();
    void onDataReady();
    void onTimeout();
    void capture();
    void finish(int exitCode, const QString& message = {});

    MainWindow* m_window;
    QString m_outputPath;
    QSize m_size;
    QTimer m_timeout;
    std::optional<std::pair<qint64, qint64>> m_range;
    bool m_rangeShown = false;
    bool m_done = false;
};

} // namespace Gui
