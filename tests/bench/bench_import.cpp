// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test): generates N lines of kprobe + kretprobe ftrace text (as `cat trace`
// prints do_sys_open entry/return probes on several CPUs and tasks) into a temporary file, then
// times the parse alone (the importer's first pass) and the whole `import` into a recording.
// Prints lines/s for both, the file sizes and a JSON summary.
//   bench_import [--lines N] [--keep DIR]
#include "ftracetextimporter.h"
#include "ftracetextscanner.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>
#include <ctime>

namespace {

const char* const paths[] = { "/etc/ld.so.cache", "/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/locale/locale-archive",
    "supervise/status.new", "/proc/self/stat", "/nonexistent/file" };

// One entry and one return line per call; calls of 16 tasks spread over 4 CPUs.
bool generate(const QString& path, qint64 lines)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QByteArray chunk;
    chunk.reserve(1 << 22);
    char line[256];
    file.write("# tracer: nop\n#\n# entries-in-buffer/entries-written: 0/0   #P:4\n#\n");
    for (qint64 i = 0; i < lines; ++i) {
        const qint64 call = i / 2;
        const int pid = 1000 + int(call % 16);
        const int cpu = pid % 4;
        const qint64 us = 6593278000000 + i * 3;
        const int n = (i % 2 == 0)
            ? std::snprintf(line, sizeof line,
                "       supervise-%d  [%03d] d... %lld.%06lld: myopen: (do_sys_open+0x0/0x220) filename=\"%s\" flags=0x%x mode=0x1a4\n",
                pid, cpu, us / 1000000, us % 1000000, paths[call % 6], call % 3 ? 0x8000 : 0x88241)
            : std::snprintf(line, sizeof line,
                "       supervise-%d  [%03d] d... %lld.%06lld: myopen_ret: (SyS_open+0x1e/0x20 <- do_sys_open) ret=%lld\n",
                pid, cpu, us / 1000000, us % 1000000, call % 6 == 5 ? -2LL : 3 + call % 20);
        chunk.append(line, n);
        if (chunk.size() > (1 << 22) - 256) {
            file.write(chunk);
            chunk.clear();
        }
    }
    file.write(chunk);
    return file.error() == QFile::NoError;
}

double scanSeconds(const QString& path, qint64& linesOut)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const uchar* data = file.map(0, file.size());
    QElapsedTimer timer;
    timer.start();
    Engine::FtraceTextScanner scanner;
    scanner.scan(std::string_view(reinterpret_cast<const char*>(data), std::size_t(file.size())), {}, 100);
    linesOut = scanner.lines();
    return timer.nsecsElapsed() / 1e9;
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({ QStringLiteral("lines"), QStringLiteral("Lines of text to generate (default 5000000)."), QStringLiteral("N") });
    parser.addOption({ QStringLiteral("keep"), QStringLiteral("Write the text and the recording here and keep them."), QStringLiteral("DIR") });
    parser.addHelpOption();
    parser.process(app);
    const qint64 lines = parser.isSet(QStringLiteral("lines")) ? parser.value(QStringLiteral("lines")).toLongLong() : 5000000;
    QTemporaryDir temp;
    const QString dir = parser.isSet(QStringLiteral("keep")) ? parser.value(QStringLiteral("keep")) : temp.path();
    const QString text = dir + QStringLiteral("/bench_import.txt");
    const QString recording = dir + QStringLiteral("/bench_import.ftlens");
    QTextStream out(stdout);

    if (!generate(text, lines)) {
        QTextStream(stderr) << "bench_import: cannot write " << text << '\n';
        return 1;
    }
    const qint64 textBytes = QFileInfo(text).size();
    qint64 scanned = 0;
    const double scanS = scanSeconds(text, scanned);
    out << QStringLiteral("parse:  %1 lines of %2 MB in %3 s: %4 lines/s")
               .arg(scanned).arg(textBytes / 1e6, 0, 'f', 1).arg(scanS, 0, 'f', 3).arg(qint64(scanned / scanS))
        << Qt::endl;

    // CPU time as well as wall time: on a shared machine the wall time mostly measures the others.
    QElapsedTimer timer;
    timer.start();
    const std::clock_t cpuStart = std::clock();
    auto result = Engine::FtraceTextImporter().importFile(text, recording);
    const double importS = timer.nsecsElapsed() / 1e9;
    const double importCpuS = double(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    if (!result) {
        QTextStream(stderr) << "bench_import: " << result.error().message << '\n';
        return 1;
    }
    const qint64 recordingBytes = QFileInfo(recording).size();
    out << QStringLiteral("import: %1 lines -> %2 events in %3 s (%4 s CPU): %5 lines/s (%6 per CPU second); recording %7 MB")
               .arg(result->lines).arg(result->events).arg(importS, 0, 'f', 3).arg(importCpuS, 0, 'f', 3)
               .arg(qint64(result->lines / importS)).arg(qint64(result->lines / importCpuS))
               .arg(recordingBytes / 1e6, 0, 'f', 1)
        << Qt::endl;
    const QJsonObject summary {
        { QStringLiteral("lines"), qint64(result->lines) },
        { QStringLiteral("text_bytes"), textBytes },
        { QStringLiteral("parse_s"), scanS },
        { QStringLiteral("parse_lines_per_s"), scanned / scanS },
        { QStringLiteral("import_s"), importS },
        { QStringLiteral("import_lines_per_s"), result->lines / importS },
        { QStringLiteral("import_cpu_s"), importCpuS },
        { QStringLiteral("recording_bytes"), recordingBytes },
    };
    out << QJsonDocument(summary).toJson(QJsonDocument::Compact) << Qt::endl;
    return 0;
}
