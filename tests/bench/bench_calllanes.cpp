// SPDX-License-Identifier: GPL-3.0-or-later
// bench_calllanes [--calls N] [--keep FILE] [--png DIR]: writes a recording of N function calls
// (default 1,000,000; no events, as an imported function_graph text: one busy task with nested
// calls down to depth 9 and two quieter ones), builds its timeline index, then its call index
// (its own build time, and the bytes it adds to the file), opens it in a TimelineView
// (1200x600, offscreen; the three tasks get call lanes on their own), then replots over 40 zoom
// steps: 20 zoomed out (the whole recording down to a fiftieth, summaries) and 20 zoomed in
// (1 ms down to 20 us, single calls). For each step it times the query (until the lanes for the
// range arrived) and a replot with the new data (p50/p95: Engine::percentile). Prints one JSON
// line.
#include "callindex.h"
#include "calllanesplottable.h"
#include "calltable.h"
#include "customplot.h"
#include "openedrecording.h"
#include "percentile.h"
#include "recordingreader.h"
#include "recordingwriter.h"
#include "timelineindex.h"
#include "timelineview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace {

constexpr std::int64_t base = 1'000'000'000'000;
constexpr int functionCount = 400;

double timeReplot(QCustomPlot* plot)
{
    QElapsedTimer timer;
    timer.start();
    plot->replot(QCustomPlot::rpImmediateRefresh);
    return double(timer.nsecsElapsed()) / 1e6;
}

// Children fill part of [from, to): up to four, each with its own subtree, down to depth 9.
void generate(QRandomGenerator& rng, std::vector<Storage::CallRow>& rows, int pid, std::int64_t parent, int depth,
    std::int64_t from, std::int64_t to, std::int64_t firstFunction)
{
    const std::int64_t span = to - from;
    if (depth > 9 || span < 400)
        return;
    const int children = 1 + int(rng.bounded(4));
    const std::int64_t slot = span / children;
    for (int i = 0; i < children; ++i) {
        const std::int64_t ts = from + i * slot + 1 + std::int64_t(rng.bounded(std::uint32_t(std::max<std::int64_t>(1, slot / 8))));
        const std::int64_t dur = std::max<std::int64_t>(50, slot * (40 + rng.bounded(50)) / 100);
        Storage::CallRow row;
        row.id = std::int64_t(rows.size()) + 1;
        row.parentId = parent;
        row.ts = ts;
        row.dur = std::min(dur, to - ts - 1);
        row.pid = pid;
        row.cpu = pid % 4;
        row.depth = depth;
        row.function = firstFunction + std::int64_t(rng.bounded(functionCount));
        rows.push_back(row);
        generate(rng, rows, pid, row.id, depth + 1, ts, ts + row.dur, firstFunction);
    }
}

QString writeRecording(const QString& path, std::int64_t calls)
{
    {
        auto created = Storage::RecordingWriter::create(path);
        if (!created)
            return created.error().message;
        for (const int pid : { 1000, 1001, 1002 })
            (void)(*created)->setTask(pid, pid, "task" + std::to_string(pid));
        (void)(*created)->setMeta("cpus", "4");
        if (Storage::Status s = (*created)->finish(); !s)
            return s.error().message;
    }
    auto writer = Storage::CallTableWriter::open(path);
    if (!writer)
        return writer.error().message;
    std::int64_t firstFunction = 0;
    for (int f = 0; f < functionCount; ++f) {
        auto id = writer->intern("function_" + std::to_string(f));
        if (!id)
            return id.error().message;
        firstFunction = f == 0 ? *id : firstFunction; // interned in order: ids are consecutive
    }
    QRandomGenerator rng(1);
    std::vector<Storage::CallRow> rows;
    rows.reserve(std::size_t(calls) + 1000);
    // The busy task: frames of 200 us every 220 us; the others: a frame every 2 ms.
    std::int64_t t = base;
    for (std::int64_t frame = 0; std::int64_t(rows.size()) < calls; ++frame, t += 220'000) {
        const int pid = frame % 10 == 9 ? 1001 + int(frame / 10 % 2) : 1000;
        Storage::CallRow top;
        top.id = std::int64_t(rows.size()) + 1;
        top.ts = t;
        top.dur = 200'000;
        top.pid = pid;
        top.cpu = pid % 4;
        top.function = firstFunction;
        rows.push_back(top);
        generate(rng, rows, pid, top.id, 1, t, t + top.dur, firstFunction);
    }
    rows.resize(std::size_t(calls));
    for (Storage::CallRow& row : rows)
        row.parentId = row.parentId <= calls ? row.parentId : 0;
    Storage::Status s = writer->write(rows);
    return s ? QString() : s.error().message;
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

struct Step {
    double fetchMs;
    double replotMs;
    bool summary;
};

// Shows [from, to), waits for its lanes, and times that wait and a replot with them.
bool runStep(Gui::TimelineView& view, QSignalSpy& ready, qint64 from, qint64 to, Step& step)
{
    view.setVisibleRange(from, to);
    QElapsedTimer wait;
    wait.start();
    while (!view.hasDataForVisibleRange()) {
        if (!ready.wait(60000))
            return false;
    }
    step.fetchMs = double(wait.nsecsElapsed()) / 1e6;
    step.replotMs = timeReplot(view.plot());
    const Storage::CallLane* lane = view.callLanes()->laneData(0);
    step.summary = lane && lane->isSummary();
    return true;
}

void report(QJsonObject& out, const char* name, const std::vector<Step>& steps)
{
    std::vector<double> fetch, replot;
    int summaries = 0;
    for (const Step& step : steps) {
        fetch.push_back(step.fetchMs);
        replot.push_back(step.replotMs);
        summaries += step.summary ? 1 : 0;
    }
    const QString prefix = QLatin1String(name) + QLatin1Char('_');
    out[prefix + QLatin1String("replot_ms_p50")] = Engine::percentile(replot, 0.5);
    out[prefix + QLatin1String("replot_ms_p95")] = Engine::percentile(replot, 0.95);
    out[prefix + QLatin1String("query_ms_p50")] = Engine::percentile(fetch, 0.5);
    out[prefix + QLatin1String("query_ms_p95")] = Engine::percentile(fetch, 0.95);
    out[prefix + QLatin1String("summary_steps")] = summaries;
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    auto option = [&](const char* name) {
        const int i = args.indexOf(QLatin1String(name));
        return i > 0 ? args.value(i + 1) : QString();
    };
    const std::int64_t calls = option("--calls").isEmpty() ? 1'000'000 : option("--calls").toLongLong();
    const QString pngDir = option("--png");
    QTemporaryDir dir;
    const QString path = option("--keep").isEmpty() ? dir.filePath(QStringLiteral("calls.ftlens")) : option("--keep");
    QJsonObject out;
    QElapsedTimer timer;
    timer.start();
    QFile::remove(path);
    if (const QString problem = writeRecording(path, calls); !problem.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(problem));
        return 1;
    }
    out[QStringLiteral("calls")] = double(calls);
    out[QStringLiteral("write_ms")] = double(timer.restart());
    // The timeline index first, on its own: the call index's figures are its own time and the
    // bytes it adds to the file, not the two indexes together.
    if (Storage::Status s = Storage::buildTimelineIndex(path); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
        return 1;
    }
    out[QStringLiteral("timeline_index_build_ms")] = double(timer.elapsed());
    const qint64 sizeBefore = QFileInfo(path).size();
    if (Storage::hasCallIndex(path)) {
        std::fprintf(stderr, "the call index was built before it was timed\n");
        return 1;
    }
    timer.restart();
    if (Storage::Status s = Storage::buildCallIndex(path); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
        return 1;
    }
    out[QStringLiteral("call_index_build_ms")] = double(timer.elapsed());
    if (!Storage::hasCallIndex(path)) {
        std::fprintf(stderr, "no call index was built\n");
        return 1;
    }
    out[QStringLiteral("call_index_mib")] = double(QFileInfo(path).size() - sizeBefore) / 1048576.0;
    out[QStringLiteral("file_mib")] = double(QFileInfo(path).size()) / 1048576.0;

    const Gui::RecordingPtr recording = openRecording(path);
    if (!recording)
        return 1;
    Gui::TimelineView view;
    view.resize(1200, 600);
    view.show();
    QSignalSpy ready(&view, &Gui::TimelineView::dataReady);
    timer.restart();
    view.setRecording(recording);
    while (!view.hasDataForVisibleRange() || view.callLanes()->lanes().isEmpty()) {
        if (!ready.wait(60000)) {
            std::fprintf(stderr, "no lane data\n");
            return 1;
        }
    }
    out[QStringLiteral("first_data_ms")] = double(timer.elapsed());
    const auto [first, end] = view.visibleRange();
    const double span = double(end - first);
    std::vector<Step> zoomedOut, zoomedIn;
    for (int i = 0; i < 20; ++i) {
        // From the whole recording to a fiftieth of it, the centre drifting.
        const double duration = span * std::pow(1.0 / 50, double(i) / 19);
        const qint64 from = first + qint64((span - duration) * (0.2 + 0.6 * i / 19.0));
        Step step {};
        if (!runStep(view, ready, from, from + qint64(duration), step))
            return 1;
        zoomedOut.push_back(step);
        if (!pngDir.isEmpty() && i % 10 == 0)
            view.plot()->savePng(pngDir + QStringLiteral("/out%1.png").arg(i, 2, 10, QLatin1Char('0')));
    }
    for (int i = 0; i < 20; ++i) {
        // From 1 ms to 20 us, at different places.
        const double duration = 1e6 * std::pow(0.02, double(i) / 19);
        const qint64 from = first + qint64((span - duration) * (0.1 + 0.8 * i / 19.0));
        Step step {};
        if (!runStep(view, ready, from, from + qint64(duration), step))
            return 1;
        zoomedIn.push_back(step);
        if (!pngDir.isEmpty() && i % 10 == 0)
            view.plot()->savePng(pngDir + QStringLiteral("/in%1.png").arg(i, 2, 10, QLatin1Char('0')));
    }
    report(out, "zoomed_out", zoomedOut);
    report(out, "zoomed_in", zoomedIn);
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
