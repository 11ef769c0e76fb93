// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test): the whole `ftlens-helper record ... -- WORKLOAD` command against
// `perf record -e <the same events> -- WORKLOAD`, run alternately, on a single process doing
// N open() calls (half on missing files) while syscalls:sys_enter_openat/sys_exit_openat are
// recorded. Prints one line per run and a JSON summary. Needs root and perf.
//   bench_record [--rounds R] [--opens N] [--buffer-kb KB] [--keep DIR]
#include "percentile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <unistd.h>

namespace {

struct Timed {
    double seconds = 0;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Timed timed(const QString& program, const QStringList& arguments)
{
    QProcess process;
    QElapsedTimer timer;
    timer.start();
    process.start(program, arguments);
    process.waitForFinished(-1);
    Timed result { timer.nsecsElapsed() / 1e9, process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        process.readAllStandardOutput(), process.readAllStandardError() };
    return result;
}

QString sibling(const QString& relative)
{
    return QFileInfo(QCoreApplication::applicationDirPath() + QLatin1Char('/') + relative).canonicalFilePath();
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("ftlens-helper record vs perf record on an open() storm"));
    parser.addOption({ QStringLiteral("rounds"), QStringLiteral("Alternating rounds."), QStringLiteral("R"), QStringLiteral("5") });
    parser.addOption({ QStringLiteral("opens"), QStringLiteral("open() calls per run."), QStringLiteral("N"), QStringLiteral("1000000") });
    parser.addOption({ QStringLiteral("buffer-kb"), QStringLiteral("Pass -b KB to the helper (default: its own default)."),
        QStringLiteral("KB") });
    parser.addOption({ QStringLiteral("keep"), QStringLiteral("Keep the recordings in DIR."), QStringLiteral("DIR") });
    parser.addHelpOption();
    parser.process(app);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (::geteuid() != 0) {
        err << "bench_record: needs root (tracefs, perf tracepoints)\n";
        return 2;
    }
    const QString perf = QStandardPaths::findExecutable(QStringLiteral("perf"));
    if (perf.isEmpty()) {
        err << "bench_record: perf is not installed (Debian package linux-perf)\n";
        return 2;
    }
    const QString helper = sibling(QStringLiteral("../bin/ftlens-helper"));
    const QString cli = sibling(QStringLiteral("../bin/ftlens-cli"));
    const QString workload = sibling(QStringLiteral("ftlens-test-opener-static"));
    QTemporaryDir tmp;
    const QString dir = parser.isSet(QStringLiteral("keep")) ? parser.value(QStringLiteral("keep")) : tmp.path();
    const QStringList work { workload, QStringLiteral("--repeat"), parser.value(QStringLiteral("opens")),
        QStringLiteral("/etc/hostname"), QStringLiteral("/nonexistent/ftlens-bench") };
    const QStringList traced { QStringLiteral("syscalls:sys_enter_openat"), QStringLiteral("syscalls:sys_exit_openat") };

    const double bare = timed(work.first(), work.mid(1)).seconds;
    out << QStringLiteral("workload alone: %1 s (%2 opens)\n").arg(bare, 0, 'f', 3).arg(parser.value(QStringLiteral("opens")));

    std::vector<double> helperTimes, perfTimes, ratios;
    qint64 events = 0, lost = 0, bytes = 0;
    const int rounds = parser.value(QStringLiteral("rounds")).toInt();
    for (int round = 0; round < rounds; ++round) {
        const QString file = QStringLiteral("%1/bench-%2.ftlens").arg(dir).arg(round);
        QStringList args { QStringLiteral("record"), QStringLiteral("-e"), traced[0], QStringLiteral("-e"), traced[1],
            QStringLiteral("-o"), file };
        if (parser.isSet(QStringLiteral("buffer-kb")))
            args << QStringLiteral("-b") << parser.value(QStringLiteral("buffer-kb"));
        const Timed ours = timed(helper, args + QStringList { QStringLiteral("--") } + work);
        const Timed theirs = timed(perf, QStringList { QStringLiteral("record"), QStringLiteral("-q"), QStringLiteral("-e"),
                                              traced[0], QStringLiteral("-e"), traced[1], QStringLiteral("-o"),
                                              dir + QLatin1String("/perf.data"), QStringLiteral("--") }
                + work);
        if (ours.exitCode != 0 || theirs.exitCode != 0) {
            err << "bench_record: a run failed:\n" << ours.err << theirs.err;
            return 1;
        }
        const QJsonObject info
            = QJsonDocument::fromJson(timed(cli, { QStringLiteral("info"), file, QStringLiteral("--json") }).out).object();
        events = info.value(QStringLiteral("events")).toInteger();
        lost = std::max(lost, info.value(QStringLiteral("lost_events")).toInteger());
        bytes = QFileInfo(file).size();
        helperTimes.push_back(ours.seconds);
        perfTimes.push_back(theirs.seconds);
        ratios.push_back(ours.seconds / theirs.seconds);
        out << QStringLiteral("round %1: ftlens-helper %2 s, perf record %3 s, ratio %4, %5 events, %6 lost, %7 bytes/event\n")
                   .arg(round + 1)
                   .arg(ours.seconds, 0, 'f', 3)
                   .arg(theirs.seconds, 0, 'f', 3)
                   .arg(ours.seconds / theirs.seconds, 0, 'f', 3)
                   .arg(events)
                   .arg(info.value(QStringLiteral("lost_events")).toInteger())
                   .arg(double(bytes) / std::max<qint64>(events, 1), 0, 'f', 1);
        if (!parser.isSet(QStringLiteral("keep")))
            QFile::remove(file);
        out.flush();
    }
    const QJsonObject summary {
        { QStringLiteral("helper_s_median"), Engine::percentile(helperTimes, 0.5) },
        { QStringLiteral("perf_s_median"), Engine::percentile(perfTimes, 0.5) },
        { QStringLiteral("ratio_median"), Engine::percentile(ratios, 0.5) },
        { QStringLiteral("events"), events },
        { QStringLiteral("lost_events_max"), lost },
        { QStringLiteral("events_per_s"), events / Engine::percentile(helperTimes, 0.5) },
        { QStringLiteral("bytes_per_event"), double(bytes) / std::max<qint64>(events, 1) },
        { QStringLiteral("workload_alone_s"), bare },
    };
    out << QJsonDocument(summary).toJson(QJsonDocument::Compact) << '\n';
    return 0;
}
