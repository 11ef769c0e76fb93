// SPDX-License-Identifier: GPL-3.0-or-later
// bench_index --events N --cpus C --duration-ms D [--dir DIR] [--keep] [--no-rebuild]
// The timeline index at scale, on synthetic recordings (ftlens-cli synth's): writes one with the
// index (as the helper does, in the writer's thread) and one without, and reports for each
// its writing time; then the index's own build time (built again from the events of the second,
// the same code fed from a scan), the whole file's bytes per event, the index's bytes, and the
// first open of the indexed file: open, summary, and the whole recording's lanes for 8 CPUs at
// 1600 px (what the first paint waits for). Peak RSS of this process at the end. Disk: both files
// at once (about 2 x 60 bytes per event; --no-rebuild writes only the first). Prints one JSON line.
#include "indexsize.h"
#include "recordingreader.h"
#include "synthrecording.h"
#include "timelineindex.h"
#include "timelinequery.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdio>
#include <sys/resource.h>

namespace {

double peakRssMib()
{
    struct rusage usage {};
    return ::getrusage(RUSAGE_SELF, &usage) == 0 ? double(usage.ru_maxrss) / 1024.0 : -1; // ru_maxrss: KiB
}

bool synth(const QString& path, const Synth::SynthOptions& options, QJsonObject& out, const QString& key)
{
    QElapsedTimer timer;
    timer.start();
    auto result = Synth::writeSyntheticRecording(path, options);
    if (!result) {
        std::fprintf(stderr, "%s\n", qPrintable(result.error().message));
        return false;
    }
    out[key] = double(timer.elapsed());
    return true;
}

// Open, summary, and the lanes of the whole recording at 1600 px, as the timeline's first paint.
bool firstOpen(const QString& path, QJsonObject& out)
{
    QElapsedTimer timer;
    timer.start();
    auto reader = Storage::RecordingReader::open(path);
    if (!reader || !(*reader)->summary())
        return false;
    const Storage::RecordingSummary summary = *(*reader)->summary();
    out[QStringLiteral("open_summary_ms")] = double(timer.nsecsElapsed()) / 1e6;
    auto query = Storage::TimelineQuery::open(path);
    if (!query) {
        std::fprintf(stderr, "%s\n", qPrintable(query.error().message));
        return false;
    }
    Storage::TimelineRequest request { summary.firstTs, summary.lastTs + 1, double(summary.lastTs + 1 - summary.firstTs) / 1600, {}, {} };
    for (int cpu = 0; cpu < summary.cpus; ++cpu)
        request.cpus.push_back(cpu);
    auto data = (*query)->fetch(request);
    if (!data)
        return false;
    out[QStringLiteral("first_lanes_ms")] = double(timer.nsecsElapsed()) / 1e6;
    out[QStringLiteral("first_lanes_raw")] = data->raw;
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    auto option = [&](const char* name, qint64 fallback) {
        const int i = args.indexOf(QLatin1String(name));
        return i > 0 ? args.value(i + 1).toLongLong() : fallback;
    };
    Synth::SynthOptions options;
    options.events = option("--events", 1'000'000);
    options.cpus = int(option("--cpus", 8));
    options.durationMs = option("--duration-ms", 0);
    const int dirAt = args.indexOf(QStringLiteral("--dir"));
    QTemporaryDir temp(dirAt > 0 ? args.value(dirAt + 1) + QLatin1String("/bench_index-XXXXXX") : QDir::tempPath() + QLatin1String("/bench_index-XXXXXX"));
    temp.setAutoRemove(!args.contains(QStringLiteral("--keep")));
    const QString indexed = temp.filePath(QStringLiteral("indexed.ftlens"));
    const QString plain = temp.filePath(QStringLiteral("plain.ftlens"));
    QJsonObject out;
    out[QStringLiteral("events")] = double(options.events);
    out[QStringLiteral("cpus")] = options.cpus;
    out[QStringLiteral("duration_ms")] = double(options.durationMs);
    if (!synth(indexed, options, out, QStringLiteral("write_with_index_ms")))
        return 1;
    const qint64 bytes = QFileInfo(indexed).size();
    out[QStringLiteral("file_mib")] = double(bytes) / 1048576.0;
    out[QStringLiteral("file_bytes_per_event")] = double(bytes) / double(std::max<qint64>(1, options.events));
    const qint64 indexBytes = Bench::timelineIndexBytes(indexed);
    out[QStringLiteral("index_mib")] = double(indexBytes) / 1048576.0;
    out[QStringLiteral("index_bytes_per_event")] = double(indexBytes) / double(std::max<qint64>(1, options.events));
    if (!args.contains(QStringLiteral("--no-rebuild"))) {
        options.buildIndex = false;
        if (!synth(plain, options, out, QStringLiteral("write_without_index_ms")))
            return 1;
        QElapsedTimer timer;
        timer.start();
        if (Storage::Status s = Storage::buildTimelineIndex(plain, {}, Storage::IndexPlace::File); !s) {
            std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
            return 1;
        }
        out[QStringLiteral("index_build_from_events_ms")] = double(timer.elapsed());
        out[QStringLiteral("peak_disk_mib")] = double(bytes + QFileInfo(plain).size()) / 1048576.0;
        QFile::remove(plain);
    }
    if (!firstOpen(indexed, out)) {
        std::fprintf(stderr, "cannot open %s\n", qPrintable(indexed));
        return 1;
    }
    out[QStringLiteral("peak_rss_mib")] = peakRssMib();
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    if (args.contains(QStringLiteral("--keep")))
        std::fprintf(stderr, "kept %s\n", qPrintable(indexed));
    return 0;
}
