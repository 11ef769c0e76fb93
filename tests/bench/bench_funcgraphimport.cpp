// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test): generates N lines of function_graph text as `cat trace` prints it with
// the CPU and proc columns (nested calls up to depth 10 on 4 CPUs and 16 tasks, leaves, closing
// braces with overhead marks, task-switch separators) and times the whole `import` into a
// recording with its call table. Prints lines/s, calls/s and a JSON summary.
//   bench_funcgraphimport [--lines N] [--keep DIR]
#include "ftracetextimporter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdio>
#include <vector>

namespace {

const char* const functions[] = { "vfs_read", "rw_verify_area", "security_file_permission", "apparmor_file_permission",
    "__fsnotify_parent", "new_sync_read", "generic_file_read_iter", "pagecache_get_page", "find_get_entry",
    "_cond_resched", "touch_atime", "current_time", "ktime_get_coarse_real_ts64", "__sb_start_write", "copy_page_to_iter" };
constexpr int functionCount = int(sizeof functions / sizeof functions[0]);

class Generator {
public:
    explicit Generator(QFile& file)
        : m_file(file)
    {
        m_chunk.reserve(1 << 22);
    }

    void line(const char* format, auto... args)
    {
        char text[256];
        const int n = std::snprintf(text, sizeof text, format, args...);
        m_chunk.append(text, n);
        if (m_chunk.size() > (1 << 22) - 256)
            flush();
        ++m_lines;
    }
    void flush()
    {
        m_file.write(m_chunk);
        m_chunk.clear();
    }
    qint64 lines() const { return m_lines; }

private:
    QFile& m_file;
    QByteArray m_chunk;
    qint64 m_lines = 0;
};

// One call at depth with its subtree; returns its duration in ns.
qint64 call(Generator& out, int cpu, const char* task, int depth, quint64& seed, qint64 budget)
{
    auto next = [&seed] { return (seed = seed * 6364136223846793005ULL + 1442695040888963407ULL) >> 33; };
    const char* name = functions[next() % functionCount];
    const int indent = depth * 2;
    if (depth >= 10 || next() % 3 == 0 || out.lines() + 2 >= budget) {
        const qint64 ns = 50 + qint64(next() % 900);
        out.line("%2d) %s |   %llu.%03llu us    |  %*s%s();\n", cpu, task, ns / 1000, ns % 1000, indent, "", name);
        return ns;
    }
    out.line("%2d) %s |               |  %*s%s() {\n", cpu, task, indent, "", name);
    qint64 ns = 100;
    const int children = 1 + int(next() % 4);
    for (int i = 0; i < children && out.lines() + 2 < budget; ++i)
        ns += call(out, cpu, task, depth + 1, seed, budget);
    const char mark = ns > 100000 ? '!' : ns > 10000 ? '+' : ' ';
    out.line("%2d) %s | %c %llu.%03llu us    |  %*s}\n", cpu, task, mark, ns / 1000, ns % 1000, indent, "");
    return ns;
}

bool generate(const QString& path, qint64 lines)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    Generator out(file);
    file.write("# tracer: function_graph\n#\n# CPU  TASK/PID         DURATION                  FUNCTION CALLS\n"
               "# |     |    |           |   |                     |   |   |   |\n");
    quint64 seed = 42;
    char task[32];
    for (int round = 0; out.lines() < lines; ++round) {
        const int cpu = round % 4;
        const int pid = 2000 + round % 16;
        std::snprintf(task, sizeof task, "%8s-%-5d", "reader", pid);
        if (round % 8 == 0 && out.lines() + 3 < lines) {
            out.line(" ------------------------------------------\n");
            out.line(" %d)  kworker-%d  =>  reader-%d \n", cpu, 100 + cpu, pid);
            out.line(" ------------------------------------------\n");
        }
        call(out, cpu, task, 0, seed, lines);
    }
    out.flush();
    return file.error() == QFile::NoError;
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("lines"), QStringLiteral("Lines of text (default 5000000)."), QStringLiteral("N"), QStringLiteral("5000000") });
    parser.addOption({ QStringLiteral("keep"), QStringLiteral("Keep the text and recording in DIR."), QStringLiteral("DIR") });
    parser.process(app);

    QTemporaryDir temp;
    const QString dir = parser.isSet(QStringLiteral("keep")) ? parser.value(QStringLiteral("keep")) : temp.path();
    const QString text = dir + QStringLiteral("/funcgraph.txt");
    const QString out = dir + QStringLiteral("/funcgraph.ftlens");
    if (!generate(text, parser.value(QStringLiteral("lines")).toLongLong())) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(text));
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    auto result = Engine::FtraceTextImporter().importFile(text, out);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (!result) {
        std::fprintf(stderr, "%s\n", qPrintable(result.error().message));
        return 1;
    }
    std::printf("import: %lld lines, %lld calls, %lld unparsed in %.2f s: %.0f lines/s, %.0f calls/s\n", (long long)result->lines,
        (long long)result->calls, (long long)result->unparsedLines, seconds, double(result->lines) / seconds, double(result->calls) / seconds);
    std::printf("text %.1f MB, recording %.1f MB\n", double(QFileInfo(text).size()) / 1e6, double(QFileInfo(out).size()) / 1e6);
    const QJsonObject summary { { QStringLiteral("lines"), double(result->lines) }, { QStringLiteral("calls"), double(result->calls) },
        { QStringLiteral("seconds"), seconds }, { QStringLiteral("lines_per_s"), double(result->lines) / seconds } };
    std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
    return result->unparsedLines == 0 ? 0 : 2;
}
