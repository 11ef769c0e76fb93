// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test): a recording with N function calls (default 1,000,000) shaped like a
// kernel function_graph trace — 64 tasks on 8 CPUs entering through 40 system calls into 2,000
// functions, each with up to 6 habitual callees, nesting to depth 24 — then
//  - the time from file to picture: loadCalls + CallTree::topDown + the flame graph layout at
//    1600 px (target ≤ 2 s), and the bottom-up tree and function statistics for reference;
//  - the flame graph's paint time, 1600x400 offscreen, over 100 repaints each of: the whole
//    tree, the tree with a search highlight, zoomed into the heaviest top-level call, and a
//    repaint after each resize (layout rebuilt every time). p50 target ≤ 16 ms; p95 reported.
// Prints ms and one JSON line.
//   bench_flamegraph [--calls N] [--keep FILE] [--png FILE]
#include "calltable.h"
#include "calltreedata.h"
#include "flamegraphlayout.h"
#include "flamegraphwidget.h"
#include "percentile.h"
#include "recordingwriter.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <random>

using Storage::CallRow;

namespace {
constexpr int functionCount = 2000;
constexpr int entryPoints = 40;
constexpr int maxDepth = 24;
constexpr int tasks = 64;
constexpr int cpus = 8;
constexpr int repaints = 100;

std::vector<std::string> functionNames()
{
    static const char* const prefixes[] = { "vfs_", "ext4_", "__x64_sys_", "do_", "mm_", "tcp_", "sched_", "irq_",
        "kmem_", "blk_", "pipe_", "futex_", "page_", "dput_", "security_", "xfs_", "nfs_", "sock_", "udp_", "rcu_" };
    static const char* const verbs[] = { "read", "write", "open", "lookup", "alloc", "free", "wait", "wake", "map",
        "unmap", "flush", "lock", "unlock", "copy", "get", "put", "queue", "poll", "sync", "check", "init", "exit",
        "fault", "submit", "complete" };
    std::vector<std::string> names;
    for (int i = 0; names.size() < std::size_t(functionCount); ++i) {
        for (const char* prefix : prefixes) {
            for (const char* verb : verbs)
                names.push_back(std::string(prefix) + verb + (i ? "_" + std::to_string(i) : std::string()));
        }
    }
    names.resize(functionCount);
    return names;
}

// Nested calls in entry order (parents first, ids increasing with time). Functions call their
// habitual callees (lower-numbered ones more often), so paths repeat as in real kernels while
// the tree still has tens of thousands of distinct paths.
class Generator {
public:
    explicit Generator(std::int64_t calls)
        : m_target(calls)
        , m_callees(functionCount)
    {
        for (int f = 0; f < functionCount; ++f) {
            const int n = int(m_random() % 7);
            for (int i = 0; i < n; ++i)
                m_callees[std::size_t(f)].push_back(entryPoints + int(m_random() % (functionCount - entryPoints)));
        }
    }

    std::vector<CallRow> generate(const std::vector<std::int64_t>& functionIds)
    {
        m_rows.reserve(std::size_t(m_target));
        std::vector<std::int64_t> clock(cpus, 1'000'000'000);
        while (std::int64_t(m_rows.size()) < m_target) {
            const int task = int(m_random() % tasks);
            const int cpu = task % cpus;
            // Entry points by popularity: a few system calls take most of the time.
            const int entry = int(std::min<std::uint64_t>(m_random() % 64, m_random() % 64) % entryPoints);
            clock[std::size_t(cpu)] += call(0, entry, 1000 + task, cpu, 0, clock[std::size_t(cpu)]) + 500;
        }
        m_rows.resize(std::size_t(m_target)); // a cut subtree keeps its parents' figures: fine here
        for (CallRow& row : m_rows)
            row.function = functionIds[std::size_t(row.function)];
        // Keep ids in time order across CPUs, as the recorder does.
        std::stable_sort(m_rows.begin(), m_rows.end(), [](const CallRow& a, const CallRow& b) { return a.ts < b.ts; });
        std::vector<std::int64_t> newId(m_rows.size() + 1);
        for (std::size_t i = 0; i < m_rows.size(); ++i)
            newId[std::size_t(m_rows[i].id)] = std::int64_t(i) + 1;
        for (std::size_t i = 0; i < m_rows.size(); ++i) {
            m_rows[i].id = std::int64_t(i) + 1;
            m_rows[i].parentId = m_rows[i].parentId ? newId[std::size_t(m_rows[i].parentId)] : 0;
        }
        return std::move(m_rows);
    }

private:
    std::int64_t call(std::int64_t parentId, int function, int pid, int cpu, int depth, std::int64_t ts)
    {
        const std::size_t index = m_rows.size();
        CallRow row;
        row.id = std::int64_t(index) + 1;
        row.parentId = parentId;
        row.ts = ts;
        row.cpu = cpu;
        row.pid = pid;
        row.depth = depth;
        row.function = function; // an index until the end
        m_rows.push_back(row);
        std::int64_t elapsed = 40 + std::int64_t(m_random() % 300);
        std::int64_t children = 0;
        const auto& callees = m_callees[std::size_t(function)];
        // Mean fan-out a little under 1 below the top: deep chains, bushy near the entry.
        const int fanOut = callees.empty() || depth + 1 >= maxDepth ? 0
            : depth < 2                                             ? 1 + int(m_random() % 4)
                                                                    : int(m_random() % 5) / 2;
        for (int i = 0; i < fanOut && std::int64_t(m_rows.size()) < m_target; ++i) {
            const std::size_t pick = std::min<std::size_t>(m_random() % callees.size(), m_random() % callees.size());
            const std::int64_t dur = call(row.id, callees[pick], pid, cpu, depth + 1, ts + elapsed);
            elapsed += dur + 15;
            children += dur;
        }
        m_rows[index].dur = elapsed;
        m_rows[index].self = elapsed - children;
        m_rows[index].flags = children == 0 ? Storage::CallFlag::Leaf : 0;
        return elapsed;
    }

    std::int64_t m_target;
    std::mt19937_64 m_random { 7 };
    std::vector<std::vector<int>> m_callees;
    std::vector<CallRow> m_rows;
};

bool writeRecording(const QString& path, std::int64_t calls)
{
    {
        auto writer = Storage::RecordingWriter::create(path);
        if (!writer)
            return false;
        Storage::Status s = writer.value()->setMeta("cpus", std::to_string(cpus));
        for (int task = 0; task < tasks && s; ++task)
            s = writer.value()->setTask(1000 + task, 1000 + task, "worker" + std::to_string(task));
        if (!s || !writer.value()->finish())
            return false;
    }
    auto table = Storage::CallTableWriter::open(path);
    if (!table)
        return false;
    std::vector<std::int64_t> ids;
    for (const std::string& name : functionNames())
        ids.push_back(table->intern(name).value());
    const std::vector<CallRow> rows = Generator(calls).generate(ids);
    const Storage::Status s = table->write(rows);
    if (!s)
        std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
    return s.ok();
}

double ms(const QElapsedTimer& timer) { return double(timer.nsecsElapsed()) / 1e6; }

// Paints the widget `repaints` times into an image (what a repaint does, without a screen);
// before each, step() may change the widget. Returns the per-repaint times in ms.
std::vector<double> timePaints(Gui::FlameGraphWidget& widget, const std::function<void(int)>& step)
{
    QImage image(widget.size(), QImage::Format_ARGB32_Premultiplied);
    std::vector<double> times;
    for (int i = 0; i < repaints; ++i) {
        if (step)
            step(i);
        QElapsedTimer timer;
        timer.start();
        widget.render(&image);
        times.push_back(ms(timer));
    }
    return times;
}
} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("calls"), QStringLiteral("Calls in the recording."), QStringLiteral("N"),
        QStringLiteral("1000000") });
    parser.addOption({ QStringLiteral("keep"), QStringLiteral("Keep the recording as FILE."), QStringLiteral("FILE") });
    parser.addOption(
        { QStringLiteral("png"), QStringLiteral("Save the flame graph as FILE."), QStringLiteral("FILE") });
    parser.process(app);
    const std::int64_t calls = parser.value(QStringLiteral("calls")).toLongLong();

    QTemporaryDir dir;
    const QString path = parser.isSet(QStringLiteral("keep")) ? parser.value(QStringLiteral("keep"))
                                                              : dir.filePath(QStringLiteral("calls.ftlens"));
    QElapsedTimer timer;
    timer.start();
    if (!writeRecording(path, calls)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        return 1;
    }
    const double writeMs = ms(timer);

    timer.restart();
    auto loaded = Storage::loadCalls(path, {});
    if (!loaded) {
        std::fprintf(stderr, "%s\n", qPrintable(loaded.error().message));
        return 1;
    }
    const auto shared = std::make_shared<const Storage::LoadedCalls>(std::move(loaded.value()));
    const double loadMs = ms(timer);
    timer.restart();
    const Gui::CallTreePtr tree = Gui::buildCallTree(shared, Gui::CallTreeMode::TopDown);
    const double topDownMs = ms(timer);
    timer.restart();
    const Gui::FlameGraphLayout layout = Gui::FlameGraphLayout::build(*tree, 0, 1600);
    const double layoutMs = ms(timer);
    timer.restart();
    const Gui::CallTreePtr bottomUp = Gui::buildCallTree(shared, Gui::CallTreeMode::BottomUp);
    const double bottomUpMs = ms(timer);
    timer.restart();
    const auto functions = Engine::functionStatistics(*shared);
    const double statisticsMs = ms(timer);

    Gui::FlameGraphWidget widget;
    widget.resize(1600, 400);
    widget.setTree(tree);
    const std::vector<double> whole = timePaints(widget, {});
    const double firstPaintMs = whole.front();
    widget.setSearchText(QStringLiteral("read"));
    const std::vector<double> search = timePaints(widget, {});
    widget.setSearchText(QString());
    widget.zoomTo(tree->node(0).children.front());
    const std::vector<double> zoomed = timePaints(widget, {});
    widget.zoomTo(0);
    const std::vector<double> resized = timePaints(widget, [&](int i) { widget.resize(1600 - i % 2, 400); });
    if (parser.isSet(QStringLiteral("png"))) {
        widget.resize(1600, 400);
        widget.grab().save(parser.value(QStringLiteral("png")));
    }

    const double pipelineMs = loadMs + topDownMs + layoutMs;
    std::printf("calls %lld, tree nodes %zu (bottom-up %zu), functions %zu, depth %d, frames at 1600 px %zu\n",
        static_cast<long long>(calls), tree->size(), bottomUp->size(), functions.size(), tree->maxDepth,
        layout.frames().size());
    std::printf(
        "write %.0f ms; loadCalls %.1f + topDown %.1f + flame layout %.2f = %.1f ms (target <= 2000); bottomUp %.1f, "
        "functionStatistics %.1f ms\n",
        writeMs, loadMs, topDownMs, layoutMs, pipelineMs, bottomUpMs, statisticsMs);
    const auto report = [](const char* what, const std::vector<double>& t) {
        std::printf("paint 1600x400 %-22s p50 %.2f ms, p95 %.2f ms, max %.2f ms\n", what, Engine::percentile(t, 0.5),
            Engine::percentile(t, 0.95), *std::max_element(t.begin(), t.end()));
    };
    std::printf("first paint (layout + labels) %.2f ms\n", firstPaintMs);
    report("whole tree", whole);
    report("search highlight", search);
    report("zoomed", zoomed);
    report("resized each time", resized);
    QJsonObject json;
    const auto put = [&json](const char* key, double value) { json.insert(QLatin1String(key), value); };
    put("calls", double(calls));
    put("nodes", double(tree->size()));
    put("frames", double(layout.frames().size()));
    put("load_ms", loadMs);
    put("topdown_ms", topDownMs);
    put("layout_ms", layoutMs);
    put("pipeline_ms", pipelineMs);
    put("bottomup_ms", bottomUpMs);
    put("statistics_ms", statisticsMs);
    put("first_paint_ms", firstPaintMs);
    put("paint_p50_ms", Engine::percentile(whole, 0.5));
    put("paint_p95_ms", Engine::percentile(whole, 0.95));
    put("search_paint_p50_ms", Engine::percentile(search, 0.5));
    put("search_paint_p95_ms", Engine::percentile(search, 0.95));
    put("zoomed_paint_p50_ms", Engine::percentile(zoomed, 0.5));
    put("resize_paint_p50_ms", Engine::percentile(resized, 0.5));
    put("resize_paint_p95_ms", Engine::percentile(resized, 0.95));
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    return 0;
}
