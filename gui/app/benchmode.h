// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTimer>

#include <vector>

namespace Gui {

class MainWindow;

// `ftlens --bench FILE`: open, first paint, then a fixed script of zoom/pan steps, each timed as
// one immediate replot once the timeline has its data; prints one JSON line. A step whose data
// does not come within the step timeout (or comes later) is not timed: it is counted in
// `timeouts`, never folded into the frame percentiles, and the exit code says so. GUI thread only.
class BenchMode : public QObject {
    Q_OBJECT
public:
    using Range = QPair<qint64, qint64>;
    static constexpr int stepCount = 200;
    // Exit codes: all steps timed; the run failed (no recording, no first paint); some steps' data
    // never came in time (the figures cover the others).
    enum ExitCode { Success = 0, Failed = 1, StepsTimedOut = 3 };

    // `clock` was started when the process started: open_ms and first_paint_ms count from there.
    // stepTimeoutMs: how long a step waits for its data (--bench-timeout).
    BenchMode(MainWindow* window, QElapsedTimer clock, int stepTimeoutMs);

    void start(const QString& file);

    // Geometric zoom from [first, last] towards a point down to a few microseconds (single
    // events), with short pans on the way. Deterministic.
    static QList<Range> script(qint64 first, qint64 last, int steps = stepCount);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void onDataReady();
    void onStepTimeout();
    void dataArrived();
    void stepTimedOut();
    void measureFrame();
    void nextStep();
    void report();
    void fail(const QString& message);

    MainWindow* m_window;
    QElapsedTimer m_clock;
    QElapsedTimer m_stepClock; // since the current step asked for its range
    QTimer m_stepTimeout;
    int m_stepTimeoutMs;
    QList<Range> m_script;
    std::vector<double> m_frameMs;
    double m_openMs = -1;
    double m_firstPaintMs = -1;
    int m_step = -1; // -1: waiting for the first paint
    int m_timeouts = 0;
    bool m_waiting = false;
    bool m_done = false;
};

} // namespace Gui
