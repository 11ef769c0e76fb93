// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test): N paired probe calls (default 5,000,000: 10,000,000 probe events) in
// a recording, loaded into Engine::ProbeCallTable; then every filter and grouping of the
// argument table, and sorts by its columns (what a header click costs: a copy of the shown rows
// plus the sort), 20 times each. A column's first sort also sorts the whole table by it (kept
// for the next ones): it is timed apart ("first"). Prints per-operation p50/p95 in ms and a JSON
// summary (p95_ms_sort_operations: over every sort run after the first; sort_first_ms).
//   bench_probetable [--calls N] [--keep FILE]
#include "percentile.h"
#include "probecalltable.h"
#include "probepairing.h"
#include "recordingreader.h"
#include "recordingwriter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <random>

using Engine::ProbeCallTable;
using Storage::Schema::FieldStorage;

namespace {
bool writeRecording(const QString& path, std::int64_t calls)
{
    auto writer = Storage::RecordingWriter::create(path);
    if (!writer)
        return false;
    Storage::EventTypeSpec entry { "kprobes", "open", "kprobe", 1, "p:g/open do_sys_open", "",
        { { "__probe_ip", "unsigned long", FieldStorage::UInt, 8 }, { "dfd", "s32", FieldStorage::Int, 4 },
            { "filename", "__data_loc char[]", FieldStorage::Text, 4 }, { "flags", "u32", FieldStorage::UInt, 4 },
            { "mode", "u16", FieldStorage::UInt, 2 } } };
    Storage::EventTypeSpec ret { "kprobes", "open_ret", "kretprobe", 2, "r:g/open_ret do_sys_open", "",
        { { "__probe_func", "unsigned long", FieldStorage::UInt, 8 }, { "__probe_ret_ip", "unsigned long", FieldStorage::UInt, 8 },
            { "ret", "s64", FieldStorage::Int, 8 } } };
    const int e = writer.value()->addEventType(entry).value();
    const int r = writer.value()->addEventType(ret).value();
    std::mt19937_64 random(42);
    std::vector<std::string> paths;
    for (int i = 0; i < 20000; ++i)
        paths.push_back("/usr/lib/x86_64-linux-gnu/lib" + std::to_string(i) + (i % 7 == 0 ? ".stat" : ".so"));
    std::lognormal_distribution<double> latency(8.0, 1.2);
    // What opens pass most (read, read+cloexec, write+create+trunc, directories): several
    // decoded texts to sort by.
    const std::int64_t openFlags[] = { 0x88000, 0x80000, 0x241, 0x98800, 0x8000, 0x80241, 0x0 };
    std::int64_t ts = 1'000'000'000;
    for (std::int64_t i = 0; i < calls; ++i) {
        const int pid = 1000 + int(random() % 200);
        const std::int64_t lat = std::int64_t(latency(random)) + 100;
        const bool fails = random() % 4 == 0;
        writer.value()->beginEvent(e, ts, int(i % 8), pid, 0, 0);
        writer.value()->setInt(1, -100);
        writer.value()->setText(2, paths[random() % paths.size()]);
        writer.value()->setInt(3, openFlags[i % std::size(openFlags)]);
        writer.value()->setInt(4, 0);
        if (!writer.value()->endEvent())
            return false;
        writer.value()->beginEvent(r, ts + lat, int(i % 8), pid, 0, 0);
        writer.value()->setInt(2, fails ? -2 : 3 + int(random() % 100));
        if (!writer.value()->endEvent())
            return false;
        ts += lat + 50;
        if (i % 100000 == 0 && !writer.value()->commit())
            return false;
    }
    for (int pid = 1000; pid < 1200; ++pid)
        (void)writer.value()->setTask(pid, pid, "task" + std::to_string(pid % 40));
    return bool(writer.value()->finish());
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({ QStringLiteral("calls"), QStringLiteral("Paired calls."), QStringLiteral("N"), QStringLiteral("5000000") });
    parser.addOption({ QStringLiteral("keep"), QStringLiteral("Write the recording here and keep it."), QStringLiteral("FILE") });
    parser.addHelpOption();
    parser.process(app);
    QTextStream out(stdout);
    QTemporaryDir tmp;
    const QString path = parser.isSet(QStringLiteral("keep")) ? parser.value(QStringLiteral("keep")) : tmp.filePath(QStringLiteral("calls.ftlens"));
    const std::int64_t calls = parser.value(QStringLiteral("calls")).toLongLong();
    QElapsedTimer timer;
    timer.start();
    if (!writeRecording(path, calls)) {
        QTextStream(stderr) << "bench_probetable: cannot write " << path << '\n';
        return 1;
    }
    out << QStringLiteral("recording with %1 calls written in %2 s\n").arg(calls).arg(timer.elapsed() / 1000.0);
    auto reader = Storage::RecordingReader::open(path);
    auto pair = Engine::findProbePair(*reader.value(), QStringLiteral("open"));
    timer.restart();
    auto table = ProbeCallTable::load(*reader.value(), *pair);
    if (!table) {
        QTextStream(stderr) << table.error().message << '\n';
        return 1;
    }
    const double loadMs = double(timer.nsecsElapsed()) / 1e6;
    out << QStringLiteral("table of %1 calls loaded in %2 ms\n").arg(table.value()->size()).arg(loadMs, 0, 'f', 0);

    const ProbeCallTable& t = *table.value();
    const std::vector<std::pair<QString, std::function<void()>>> operations = {
        { QStringLiteral("filter path glob"), [&] { (void)t.select({ QStringLiteral("*.stat"), false, {}, {}, 0 }); } },
        { QStringLiteral("filter failed only"), [&] { (void)t.select({ {}, true, {}, {}, 0 }); } },
        { QStringLiteral("filter pid"), [&] { (void)t.select({ {}, false, 1042, {}, 0 }); } },
        { QStringLiteral("filter comm"), [&] { (void)t.select({ {}, false, {}, QStringLiteral("task7"), 0 }); } },
        { QStringLiteral("filter latency above 10us"), [&] { (void)t.select({ {}, false, {}, {}, 10000 }); } },
        { QStringLiteral("group by path"), [&] { (void)t.group(t.select({}), ProbeCallTable::GroupBy::Path); } },
        { QStringLiteral("group by task"), [&] { (void)t.group(t.select({}), ProbeCallTable::GroupBy::Task); } },
        { QStringLiteral("group by return"), [&] { (void)t.group(t.select({}), ProbeCallTable::GroupBy::Return); } },
        { QStringLiteral("failed, grouped by path"), [&] { (void)t.group(t.select({ {}, true, {}, {}, 0 }), ProbeCallTable::GroupBy::Path); } },
        { QStringLiteral("latency histogram"), [&] { (void)t.latencyHistogram(t.select({}), 100); } },
    };
    using Sort = ProbeCallTable::Sort;
    using Column = ProbeCallTable::SortColumn;
    const std::vector<std::uint32_t> all = t.select({});
    const std::vector<std::uint32_t> failed = t.select({ {}, true, {}, {}, 0 });
    std::vector<std::uint32_t> shuffled = all; // as a sorted view leaves them
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937_64(7));
    const int pathArg = int(t.argumentNames().indexOf(QStringLiteral("filename")));
    const int flagsArg = int(t.argumentNames().indexOf(QStringLiteral("flags")));
    auto sortAll = [&](const std::vector<std::uint32_t>& shown, Sort sort) {
        return [&shown, sort, &t] {
            std::vector<std::uint32_t> rows = shown;
            t.sort(rows, sort);
        };
    };
    const std::vector<std::pair<QString, std::function<void()>>> sorts = {
        { QStringLiteral("sort by latency"), sortAll(all, Sort { Column::Latency, -1, false }) },
        { QStringLiteral("sort by latency, descending"), sortAll(all, Sort { Column::Latency, -1, true }) },
        { QStringLiteral("sort by time, descending"), sortAll(all, Sort { Column::Time, -1, true }) },
        { QStringLiteral("sort by ret"), sortAll(all, Sort { Column::Ret, -1, false }) },
        { QStringLiteral("sort by path (text)"), sortAll(all, Sort { Column::Argument, pathArg, false }) },
        { QStringLiteral("sort by task"), sortAll(all, Sort { Column::Task, -1, false }) },
        { QStringLiteral("sort by cpu"), sortAll(all, Sort { Column::Cpu, -1, false }) },
        { QStringLiteral("sort by flags (decoded)"), sortAll(all, Sort { Column::DecodedArgument, flagsArg, true }) },
        { QStringLiteral("failed only, by latency"), sortAll(failed, Sort { Column::Latency, -1, true }) },
        { QStringLiteral("back to time order"), sortAll(shuffled, Sort { Column::Row, -1, false }) },
    };
    QJsonObject perOperation;
    QJsonObject firstRuns;
    auto measure = [&](const std::vector<std::pair<QString, std::function<void()>>>& runs, bool firstApart) {
        std::vector<double> every;
        for (const auto& [name, run] : runs) {
            if (firstApart) {
                timer.restart();
                run();
                const double first = double(timer.nsecsElapsed()) / 1e6;
                firstRuns.insert(name, first);
                out << QStringLiteral("%1: first %2 ms\n").arg(name, -28).arg(first, 0, 'f', 1);
            }
            std::vector<double> times;
            for (int i = 0; i < 20; ++i) {
                timer.restart();
                run();
                times.push_back(double(timer.nsecsElapsed()) / 1e6);
            }
            every.insert(every.end(), times.begin(), times.end());
            out << QStringLiteral("%1: p50 %2 ms, p95 %3 ms\n").arg(name, -28).arg(Engine::percentile(times, 0.5), 0, 'f', 1).arg(Engine::percentile(times, 0.95), 0, 'f', 1);
            perOperation.insert(name, Engine::percentile(times, 0.95));
            out.flush();
        }
        return every;
    };
    const std::vector<double> filterTimes = measure(operations, false);
    const std::vector<double> sortTimes = measure(sorts, true);
    out << QJsonDocument(QJsonObject { { QStringLiteral("calls"), qint64(t.size()) }, { QStringLiteral("load_ms"), loadMs },
                              { QStringLiteral("p95_ms_all_operations"), Engine::percentile(filterTimes, 0.95) },
                              { QStringLiteral("p95_ms_sort_operations"), Engine::percentile(sortTimes, 0.95) }, { QStringLiteral("sort_first_ms"), firstRuns },
                              { QStringLiteral("p95_ms"), perOperation } })
               .toJson(QJsonDocument::Compact)
        << '\n';
    return 0;
}
