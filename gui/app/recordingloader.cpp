// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordingloader.h"

#include "callindex.h"
#include "failure.h"
#include "recordedcalls.h"
#include "recordingreader.h"
#include "timelineindex.h"
#include "traceimport.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>

namespace Gui {

namespace {
// What crosses from the worker to the GUI thread: a value, default-constructible for QFuture.
struct LoadOutcome {
    RecordingPtr recording;
    QString problem;
    QString importable; // not empty: what the file is, a trace to import rather than a recording
};

LoadOutcome runLoad(const QString& path, const std::function<bool(double)>& indexProgress)
{
    auto result = Storage::catchFailure(path, [&] { return loadRecording(path, indexProgress); });
    if (result)
        return LoadOutcome { result.value(), {}, {} };
    // Not a recording: maybe what another tool wrote (looked at only now, so opening a recording
    // costs nothing more).
    if (auto format = Engine::detectTraceFileFormat(path, true); format && !QFileInfo(path).suffix().startsWith(QLatin1String("ftlens")))
        return LoadOutcome { nullptr, result.error().message, Engine::traceFormatDescription(format.value()) };
    return LoadOutcome { nullptr, result.error().message, {} };
}

Storage::Result<Storage::RecordingSummary> readSummary(const QString& path)
{
    auto reader = Storage::RecordingReader::open(path);
    if (!reader)
        return reader.error();
    return reader.value()->summary();
}
} // namespace

Storage::Result<RecordingPtr> loadRecording(const QString& path, const std::function<bool(double)>& indexProgress)
{
    // A helper killed before it built the call table left the function tracer's events without
    // their calls: build them first, so the meta read below counts them. A read-only file keeps
    // its events (the call views then say there are no calls).
    if (Engine::needsRecordedCalls(path) && QFileInfo(path).isWritable()) {
        // indexProgress(-1) asks only whether to go on (no progress to show for this step).
        auto built = Engine::buildRecordedCalls(path, [&indexProgress] { return indexProgress && !indexProgress(-1); });
        if (!built && indexProgress && !indexProgress(-1))
            return Storage::Error { QCoreApplication::translate("RecordingLoader", "%1: opening cancelled").arg(path) };
    }
    // A damaged file is refused here, with what is wrong with it, before anything builds on it.
    auto reader = Storage::RecordingReader::open(path);
    if (!reader)
        return reader.error();
    if (Storage::Status s = reader.value()->checkEventIds(); !s)
        return s.error();
    auto recording = std::make_shared<OpenedRecording>();
    recording->path = path;
    recording->meta = reader.value()->meta();
    recording->eventTypes = reader.value()->eventTypes();
    reader.value().reset();
    // A recording without its indexes gets them built into the index cache here (one progress
    // range, half each when both are built), never into the file: opening changes nothing.
    // A failure is not the recording's: the timeline retries and reports it in its own place.
    const bool buildTimeline = !Storage::hasTimelineIndex(path);
    const bool buildCalls = Storage::needsCallIndex(path);
    const double split = !buildTimeline ? 0 : buildCalls ? 0.5 : 1;
    auto part = [&indexProgress](double from, double share) -> Storage::IndexProgress {
        return [&indexProgress, from, share](double fraction) { return !indexProgress || indexProgress(from + fraction * share); };
    };
    const auto cancelled = [&] {
        return indexProgress && !indexProgress(-1)
            ? Storage::Error { QCoreApplication::translate("RecordingLoader", "%1: opening cancelled").arg(path) }
            : std::optional<Storage::Error>();
    };
    if (buildTimeline && !Storage::buildTimelineIndex(path, part(0, split)).ok()) {
        if (auto error = cancelled())
            return *error;
    }
    if (buildCalls && !Storage::buildCallIndex(path, part(split, 1 - split)).ok()) {
        if (auto error = cancelled())
            return *error;
    }
    // After the index: the CPUs with events are then read from it rather than from the events.
    auto summary = readSummary(path);
    if (!summary)
        return summary.error();
    recording->summary = summary.value();
    recording->cpus = summary->cpus;
    return RecordingPtr(std::move(recording));
}

RecordingLoader::RecordingLoader(QObject* parent)
    : QObject(parent)
{
}

void RecordingLoader::load(const QString& path)
{
    const quint64 generation = m_generation;
    ++m_pending;
    Q_EMIT loadStarted(path);
    // The watcher is our child: if the window goes away first, the result is simply dropped.
    auto* watcher = new QFutureWatcher<LoadOutcome>(this);
    connect(watcher, &QFutureWatcher<LoadOutcome>::finished, this, [this, watcher, path, generation] {
        watcher->deleteLater();
        --m_pending;
        if (generation != m_generation)
            return;
        const LoadOutcome outcome = watcher->result();
        if (outcome.recording)
            Q_EMIT loaded(outcome.recording);
        else if (!outcome.importable.isEmpty())
            Q_EMIT importableFileOpened(path, outcome.importable);
        else
            Q_EMIT loadFailed(path, outcome.problem);
    });
    // Progress reaches the GUI thread queued, at most once per percent.
    auto lastPercent = std::make_shared<std::atomic<int>>(-1);
    auto progress = [this, path, generation, lastPercent, cancelled = m_cancelled](double fraction) {
        if (cancelled->load())
            return false;
        const int percent = int(fraction * 100);
        if (fraction >= 0 && lastPercent->exchange(percent) != percent) {
            QMetaObject::invokeMethod(this, [this, path, percent, generation] {
                if (generation == m_generation)
                    Q_EMIT indexProgress(path, percent);
            }, Qt::QueuedConnection);
        }
        return true;
    };
    watcher->setFuture(QtConcurrent::run(runLoad, path, std::function<bool(double)>(progress)));
}

} // namespace Gui
