// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test): a recording with N function calls (default 1,000,000; 8 tasks on 4
// CPUs, nested up to depth 12 over 300 functions, each function calling from four fixed callees,
// mostly the first, as real code does; each task's last chain cut), then the median of R runs (default 5) of
// loadCalls (whole file and one task), CallTree::topDown, CallTree::bottomUp and
// functionStatistics, and one `export --table calls` to /dev/null. Prints ms and a JSON line.
//   bench_calltree [--calls N] [--runs R] [--keep FILE]
#include "callcsvexport.h"
#include "calltable.h"
#include "calltree.h"
#include "percentile.h"
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
#include <array>
#include <ctime>
#include <functional>
#include <random>

using Storage::CallRow;
using Storage::noTime;

namespace {
constexpr int functionCount = 300;
constexpr int maxDepth = 12;
constexpr int tasks = 8;

std::vector<std::string> functionNames()
{
    static const char* const prefixes[] = { "vfs_", "ext4_", "__x64_sys_", "do_", "mm_", "tcp_", "sched_", "irq_", "kmem_", "blk_",
        "pipe_", "futex_", "page_", "dput_", "security_" };
    static const char* const verbs[] = { "read", "write", "open", "lookup", "alloc", "free", "wait", "wake", "map", "unmap",
        "flush", "lock", "unlock", "copy", "get", "put", "queue", "poll", "sync", "check" };
    std::vector<std::string> names;
    for (const char* prefix : prefixes) {
        for (const char* verb : verbs)
            names.push_back(std::string(prefix) + verb);
    }
    names.resize(functionCount);
    return names;
}

// Nested calls of several tasks, in entry order (parents before children, as the writer stores
// them). Each function calls from 4 fixed callees, mostly the same, so paths repeat as in a
// real call graph.
class Generator {
public:
    explicit Generator(std::int64_t calls)
        : m_target(calls)
    {
        for (auto& callees : m_callees) {
            for (std::int64_t& callee : callees)
                callee = std::int64_t(m_random() % functionCount);
        }
    }

    std::vector<CallRow> generate(const std::vector<std::int64_t>& functionIds)
    {
        m_functionIds = &functionIds;
        m_rows.reserve(std::size_t(m_target));
        std::int64_t ts = 1'000'000'000;
        std::vector<std::size_t> lastTop(tasks, m_rows.max_size());
        while (std::int64_t(m_rows.size()) < m_target) {
            const int task = int(m_random() % tasks);
            lastTop[std::size_t(task)] = m_rows.size();
            // Top-level calls are the system call entries (the first 20 functions).
            ts += call(0, std::int64_t(m_random() % 20), 1000 + task, task % 4, 0, ts) + 200;
        }
        m_rows.resize(std::size_t(m_target));
        for (std::size_t i = 0; i < m_rows.size(); ++i)
            m_rows[i].function = (*m_functionIds)[std::size_t(m_rows[i].function)];
        for (const std::size_t top : lastTop) {
            if (top < m_rows.size())
                cutLastChain(top);
        }
        return std::move(m_rows);
    }

private:
    // Appends a call and its subtree; returns its duration.
    std::int64_t call(std::int64_t parentId, std::int64_t function, int pid, int cpu, int depth, std::int64_t ts)
    {
        const std::size_t index = m_rows.size();
        CallRow row;
        row.id = std::int64_t(index) + 1;
        row.parentId = parentId;
        row.ts = ts;
        row.cpu = cpu;
        row.pid = pid;
        row.depth = depth;
        row.function = function; // an index here, a string id at the end
        m_rows.push_back(row);
        std::int64_t elapsed = 50 + std::int64_t(m_random() % 200);
        std::int64_t children = 0;
        // Fan-out 0, 1 or 2 (mean 1): most subtrees small, some reaching the depth limit.
        const int fanOut = depth + 1 >= maxDepth ? 0 : int(m_random() % 9) / 3;
        for (int i = 0; i < fanOut && std::int64_t(m_rows.size()) < m_target; ++i) {
            const std::int64_t callee = m_callees[std::size_t(function)][pickCallee()];
            const std::int64_t dur = call(row.id, callee, pid, cpu, depth + 1, ts + elapsed);
            elapsed += dur + 20;
            children += dur;
        }
        m_rows[index].dur = elapsed;
        m_rows[index].self = elapsed - children;
        m_rows[index].flags = children == 0 ? Storage::CallFlag::Leaf : 0;
        return elapsed;
    }

    // Callees by habit: the first of a function's four half the time, then a quarter, ...
    std::size_t pickCallee()
    {
        const std::uint64_t r = m_random() % 15;
        return r < 8 ? 0 : r < 12 ? 1 : r < 14 ? 2 : 3;
    }

    // The recording stopped inside the task's last call: no exits from there down its first chain.
    void cutLastChain(std::size_t top)
    {
        for (std::size_t i = top; i < m_rows.size(); ++i) {
            if (i != top && m_rows[i].parentId != m_rows[i - 1].id)
                break;
            m_rows[i].dur = noTime;
            m_rows[i].self = noTime;
            m_rows[i].flags = Storage::CallFlag::NoExit;
        }
    }

    std::int64_t m_target;
    std::mt19937_64 m_random { 42 };
    std::array<std::array<std::int64_t, 4>, functionCount> m_callees {};
    std::vector<CallRow> m_rows;
    const std::vector<std::int64_t>* m_functionIds = nullptr;
};

QString writeRecording(const QString& path, std::int64_t calls)
{
    auto writer = Storage::RecordingWriter::create(path);
    if (!writer)
        return writer.error().message;
    for (int task = 0; task < tasks; ++task)
        (void)writer.value()->setTask(1000 + task, 1000 + task, "worker" + std::to_string(task));
    if (Storage::Status s = writer.value()->finish(); !s)
        return s.error().message;
    writer.value().reset();
    auto table = Storage::CallTableWriter::open(path);
    if (!table)
        return table.error().message;
    std::vector<std::int64_t> ids;
    for (const std::string& name : functionNames())
        ids.push_back(table->intern(name).value());
    const std::vector<CallRow> rows = Generator(calls).generate(ids);
    const Storage::Status s = table->write(rows);
    return s ? QString() : s.error().message;
}

double cpuMs()
{
    timespec now {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

// Median wall and CPU ms of runs calls of run(): CPU time as well because the machine may be
// shared (wall time then includes waiting for a core).
struct Figure {
    double wall = 0;
    double cpu = 0;
};

Figure measure(int runs, const std::function<void()>& run)
{
    std::vector<double> wall;
    std::vector<double> cpu;
    QElapsedTimer timer;
    for (int i = 0; i < runs; ++i) {
        const double cpuStart = cpuMs();
        timer.start();
        run();
        wall.push_back(double(timer.nsecsElapsed()) / 1e6);
        cpu.push_back(cpuMs() - cpuStart);
    }
    return { Engine::percentile(wall, 0.5), Engine::percentile(cpu, 0.5) };
}

QString text(const Figure& figure)
{
    return QStringLiteral("%1 ms (cpu %2 ms)").arg(figure.wall, 7, 'f', 1).arg(figure.cpu, 7, 'f', 1);
}

QJsonObject json(const Figure& figure) { return { { QStringLiteral("wall_ms"), figure.wall }, { QStringLiteral("cpu_ms"), figure.cpu } }; }
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({ QStringLiteral("calls"), QStringLiteral("Function calls."), QStringLiteral("N"), QStringLiteral("1000000") });
    parser.addOption({ QStringLiteral("runs"), QStringLiteral("Runs per figure (median)."), QStringLiteral("R"), QStringLiteral("5") });
    parser.addOption({ QStringLiteral("keep"), QStringLiteral("Write the recording here and keep it."), QStringLiteral("FILE") });
    parser.addHelpOption();
    parser.process(app);
    QTextStream out(stdout);
    QTemporaryDir tmp;
    const QString path = parser.isSet(QStringLiteral("keep")) ? parser.value(QStringLiteral("keep")) : tmp.filePath(QStringLiteral("calls.ftlens"));
    const std::int64_t callCount = parser.value(QStringLiteral("calls")).toLongLong();
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());

    QElapsedTimer timer;
    timer.start();
    if (const QString error = writeRecording(path, callCount); !error.isEmpty()) {
        QTextStream(stderr) << "bench_calltree: " << error << '\n';
        return 1;
    }
    const double writeMs = double(timer.elapsed());
    out << QStringLiteral("recording with %1 calls written in %2 s\n").arg(callCount).arg(writeMs / 1000.0, 0, 'f', 2);

    Storage::LoadedCalls calls;
    const Figure load = measure(runs, [&] { calls = std::move(Storage::loadCalls(path, {}).value()); });
    Storage::CallScope task;
    task.pid = 1003;
    std::size_t taskCalls = 0;
    const Figure loadTask = measure(runs, [&] { taskCalls = Storage::loadCalls(path, task).value().size(); });
    std::size_t topDownNodes = 0;
    std::size_t bottomUpNodes = 0;
    std::size_t functions = 0;
    const Figure topDown = measure(runs, [&] { topDownNodes = Engine::CallTree::topDown(calls).nodes().size(); });
    const Figure bottomUp = measure(runs, [&] { bottomUpNodes = Engine::CallTree::bottomUp(calls).nodes().size(); });
    const Figure statistics = measure(runs, [&] { functions = Engine::functionStatistics(calls).size(); });
    auto reader = Storage::RecordingReader::open(path);
    bool exported = false;
    const Figure exportCsv = measure(1, [&] { exported = reader && Storage::exportCallsCsv(*reader.value(), {}, QStringLiteral("/dev/null")); });
    int maxDepthSeen = 0;
    for (const std::int32_t depth : calls.depth)
        maxDepthSeen = std::max(maxDepthSeen, depth);

    out << QStringLiteral("loadCalls (whole file):      %1, %2 calls, depth up to %3\n").arg(text(load)).arg(calls.size()).arg(maxDepthSeen);
    out << QStringLiteral("loadCalls (one task):        %1, %2 calls\n").arg(text(loadTask)).arg(taskCalls);
    out << QStringLiteral("CallTree::topDown:           %1, %2 nodes\n").arg(text(topDown)).arg(topDownNodes);
    out << QStringLiteral("CallTree::bottomUp:          %1, %2 nodes\n").arg(text(bottomUp)).arg(bottomUpNodes);
    out << QStringLiteral("functionStatistics:          %1, %2 functions\n").arg(text(statistics)).arg(functions);
    out << QStringLiteral("export --table calls (once): %1%2\n").arg(text(exportCsv), exported ? QString() : QStringLiteral(" FAILED"));
    out << QJsonDocument(QJsonObject { { QStringLiteral("calls"), qint64(calls.size()) }, { QStringLiteral("runs"), runs },
                              { QStringLiteral("write_ms"), writeMs }, { QStringLiteral("load"), json(load) },
                              { QStringLiteral("load_task"), json(loadTask) }, { QStringLiteral("top_down"), json(topDown) },
                              { QStringLiteral("bottom_up"), json(bottomUp) }, { QStringLiteral("function_statistics"), json(statistics) },
                              { QStringLiteral("export_calls_csv"), json(exportCsv) }, { QStringLiteral("top_down_nodes"), qint64(topDownNodes) },
                              { QStringLiteral("bottom_up_nodes"), qint64(bottomUpNodes) }, { QStringLiteral("functions"), qint64(functions) } })
               .toJson(QJsonDocument::Compact)
        << '\n';
    return exported ? 0 : 1;
}
