// SPDX-License-Identifier: GPL-3.0-or-later
// bench_timeline FILE [--png DIR]: builds the timeline index if the recording has none (time and
// size), opens FILE in a TimelineView (1200x600, offscreen), then zooms in 200 scripted steps
// from the whole recording down to about a microsecond, panning on the way. For each step it
// times a replot with the previous data (what the user sees while the query runs) and, once
// the lanes for the new range arrived, a replot with it. Prints one JSON line.
#include "cpulanesplottable.h"
#include "customplot.h"
#include "openedrecording.h"
#include "percentile.h"
#include "recordingreader.h"
#include "timelineindex.h"
#include "timelineview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace {

double timeReplot(QCustomPlot* plot)
{
    QElapsedTimer timer;
    timer.start();
    plot->replot(QCustomPlot::rpImmediateRefresh);
    return double(timer.nsecsElapsed()) / 1e6;
}

Gui::RecordingPtr openRecording(const QString& path)
{
    auto reader = Storage::RecordingReader::open(path);
    if (!reader)
        return {};
    auto summary = (*reader)->summary();
    if (!summary)
        return {};
    auto recording = std::make_shared<Gui::OpenedRecording>();
    recording->path = path;
    recording->meta = (*reader)->meta();
    recording->eventTypes = (*reader)->eventTypes();
    recording->summary = *summary;
    recording->cpus = summary->cpus;
    return recording;
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_timeline FILE [--png DIR]\n");
        return 2;
    }
    const QString path = args.at(1);
    const QString pngDir = args.indexOf(QStringLiteral("--png")) > 0 ? args.value(args.indexOf(QStringLiteral("--png")) + 1) : QString();
    QJsonObject out;
    const qint64 sizeBefore = QFileInfo(path).size();
    if (!Storage::hasTimelineIndex(path)) {
        QElapsedTimer timer;
        timer.start();
        if (Storage::Status s = Storage::buildTimelineIndex(path); !s) {
            std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
            return 1;
        }
        out[QStringLiteral("index_build_ms")] = double(timer.elapsed());
        out[QStringLiteral("index_mib")] = double(QFileInfo(path).size() - sizeBefore) / 1048576.0;
    }
    out[QStringLiteral("file_mib")] = double(QFileInfo(path).size()) / 1048576.0;

    const Gui::RecordingPtr recording = openRecording(path);
    if (!recording)
        return 1;
    out[QStringLiteral("events")] = double(recording->summary.events);
    Gui::TimelineView view;
    view.resize(1200, 600);
    view.show();
    QObject::connect(&view, &Gui::TimelineView::failed, [](const QString& message) {
        std::fprintf(stderr, "failed: %s\n", qPrintable(message));
    });
    QSignalSpy ready(&view, &Gui::TimelineView::dataReady);
    QElapsedTimer firstData;
    firstData.start();
    view.setRecording(recording);
    if (!ready.wait(60000)) {
        std::fprintf(stderr, "no lane data\n");
        return 1;
    }
    out[QStringLiteral("first_data_ms")] = double(firstData.elapsed());

    std::vector<double> stale, fresh, fetch;
    const qint64 first = recording->summary.firstTs;
    const qint64 span = std::max<qint64>(1, recording->summary.lastTs - first);
    const int steps = 200;
    int rawSteps = 0;
    for (int i = 0; i < steps; ++i) {
        // Geometric zoom from the whole span to ~1 us, centre drifting across the recording.
        const double duration = std::max(1000.0, double(span) * std::pow(1000.0 / double(span), double(i) / (steps - 1)));
        const double centre = double(first) + double(span) * (0.3 + 0.4 * double(i) / steps);
        const qint64 from = qint64(centre - duration / 2);
        view.setVisibleRange(from, from + qint64(duration));
        stale.push_back(timeReplot(view.plot()));
        QElapsedTimer wait;
        wait.start();
        while (!view.hasDataForVisibleRange()) {
            if (!ready.wait(60000)) {
                std::fprintf(stderr, "no lane data at step %d\n", i);
                return 1;
            }
        }
        fetch.push_back(double(wait.nsecsElapsed()) / 1e6);
        fresh.push_back(timeReplot(view.plot()));
        rawSteps += view.lanes()->data()->raw ? 1 : 0;
        if (!pngDir.isEmpty() && i % 40 == 0)
            view.plot()->savePng(pngDir + QStringLiteral("/step%1.png").arg(i, 3, 10, QLatin1Char('0')));
    }
    std::vector<double> all = stale;
    all.insert(all.end(), fresh.begin(), fresh.end());
    out[QStringLiteral("frame_ms_p50")] = Engine::percentile(all, 0.5);
    out[QStringLiteral("frame_ms_p95")] = Engine::percentile(all, 0.95);
    out[QStringLiteral("frame_ms_max")] = Engine::percentile(all, 1.0);
    out[QStringLiteral("fresh_frame_ms_p50")] = Engine::percentile(fresh, 0.5);
    out[QStringLiteral("fresh_frame_ms_p95")] = Engine::percentile(fresh, 0.95);
    out[QStringLiteral("query_ms_p50")] = Engine::percentile(fetch, 0.5);
    out[QStringLiteral("query_ms_p95")] = Engine::percentile(fetch, 0.95);
    out[QStringLiteral("raw_steps")] = rawSteps;
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
