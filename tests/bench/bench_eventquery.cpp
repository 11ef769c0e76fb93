// SPDX-License-Identifier: GPL-3.0-or-later
// bench_eventquery FILE: figures for the events panel on a large recording (make one with
// `ftlens-cli synth --events 10000000 --cpus 8 -o FILE`): the time to materialise the ids of
// several filters (and their memory), counts, and the time to show the rows around random
// positions through Gui::EventTableModel (a chunk load each, never the whole table).
// Prints one JSON line per figure; not a test.
#include "eventquery.h"
#include "eventrowsource.h"
#include "eventtablemodel.h"
#include "percentile.h"
#include "recordingreader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

namespace {

double peakRssMib()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

void print(const QString& json)
{
    QTextStream(stdout) << json << '\n';
}

int benchFilters(Storage::RecordingReader& reader)
{
    const struct {
        const char* name;
        Storage::EventFilter filter;
    } cases[] = {
        { "all", {} },
        { "cpu 3", { {}, { 3 }, {}, std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(), {} } },
        { "sched_switch", { { QStringLiteral("sched:sched_switch") }, {}, {}, std::numeric_limits<std::int64_t>::min(),
                              std::numeric_limits<std::int64_t>::max(), {} } },
        { "prev_state == 1", { {}, {}, {}, std::numeric_limits<std::int64_t>::min(),
                                 std::numeric_limits<std::int64_t>::max(), QStringLiteral("prev_state == 1") } },
        { "next_comm ~ \"kworker*\" || ret < 0", { {}, {}, {}, std::numeric_limits<std::int64_t>::min(),
                                                   std::numeric_limits<std::int64_t>::max(),
                                                   QStringLiteral("next_comm ~ \"kworker*\" || ret < 0") } },
    };
    for (const auto& c : cases) {
        QElapsedTimer timer;
        timer.start();
        auto query = Storage::EventQuery::create(reader.eventTypes(), c.filter);
        if (!query) {
            print(QStringLiteral("{\"error\": \"%1\"}").arg(query.error().message));
            return 1;
        }
        auto range = query->idRange(reader.database());
        std::int64_t matches = range ? range->size() : -1;
        if (range && !query->selectsIdRange()) {
            auto ids = query->matchingIds(reader.database(), *range);
            matches = ids ? ids->count() : -1;
        }
        const qint64 materialiseMs = timer.elapsed();
        timer.restart();
        auto count = range ? query->count(reader.database(), *range) : Storage::Result<std::int64_t>(-1);
        print(QStringLiteral("{\"filter\": \"%1\", \"matches\": %2, \"materialise_ms\": %3, \"count_ms\": %4, "
                             "\"count\": %5, \"peak_rss_mib\": %6}")
                  .arg(QString::fromUtf8(c.name).replace(QLatin1Char('"'), QLatin1Char('\'')))
                  .arg(matches)
                  .arg(materialiseMs)
                  .arg(timer.elapsed())
                  .arg(count ? *count : -1)
                  .arg(peakRssMib(), 0, 'f', 1));
    }
    return 0;
}

// Jumps to random rows and waits until the row shows data: a chunk load each.
void benchScrolling(const Gui::RecordingPtr& recording, const Storage::EventFilter& filter, const char* name)
{
    Gui::EventTableModel model;
    QElapsedTimer timer;
    timer.start();
    QSignalSpy counted(&model, &Gui::EventTableModel::countFinished);
    model.setRecording(recording);
    model.setFilter(filter);
    while (!model.isReady())
        counted.wait(10000);
    const qint64 countMs = timer.elapsed();
    std::mt19937 random(3);
    std::vector<double> times;
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    for (int i = 0; i < 200 && model.rowCount() > 0; ++i) {
        const int row = static_cast<int>(random() % static_cast<unsigned>(model.rowCount()));
        const QModelIndex index = model.index(row, Gui::EventTableModel::FieldsColumn);
        timer.restart();
        model.data(index); // what a view's paint does: asks, gets "loading…", a chunk loads
        while (!model.data(index, Gui::EventTableModel::LoadedRole).toBool())
            changed.wait(1000);
        times.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    print(QStringLiteral("{\"scroll\": \"%1\", \"rows\": %2, \"count_ms\": %3, \"jump_ms_p50\": %4, "
                         "\"jump_ms_p95\": %5, \"jump_ms_max\": %6, \"peak_rss_mib\": %7}")
              .arg(QString::fromUtf8(name))
              .arg(model.rowCount())
              .arg(countMs)
              .arg(Engine::percentile(times, 0.5), 0, 'f', 2)
              .arg(Engine::percentile(times, 0.95), 0, 'f', 2)
              .arg(Engine::percentile(times, 1.0), 0, 'f', 2)
              .arg(peakRssMib(), 0, 'f', 1));
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_eventquery FILE.ftlens\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    auto reader = Storage::RecordingReader::open(path);
    if (!reader) {
        std::fprintf(stderr, "%s\n", qPrintable(reader.error().message));
        return 1;
    }
    if (const int rc = benchFilters(**reader); rc != 0)
        return rc;
    auto recording = std::make_shared<Gui::OpenedRecording>();
    recording->path = path;
    recording->eventTypes = (*reader)->eventTypes();
    if (auto summary = (*reader)->summary())
        recording->summary = summary.value();
    benchScrolling(recording, {}, "all");
    Storage::EventFilter filter;
    filter.expression = QStringLiteral("prev_state == 1");
    benchScrolling(recording, filter, "prev_state == 1");
    return 0;
}
