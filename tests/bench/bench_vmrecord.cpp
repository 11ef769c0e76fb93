// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test): ftlens-helper record against trace-cmd record, side by side in one
// guest booted by tests/vm/ftlens-vm on Debian 12's kernel, taking turns on the same workload
// (the static opener doing N opens, half of a missing file): function_graph below do_sys_openat2
// (--graph-opens of them: each open is ~300 graph events, hours per run under TCG at 100,000), and
// the openat syscall events of bench_record. TCG makes absolute times meaningless, so the
// figures are ratios: whole-command time (ftlens / trace-cmd, median of the rounds), events
// recorded and lost, bytes per event of the files written. Prints one line per run and a JSON
// summary per case; a run that failed or timed out is reported as such, never left out silently.
//   bench_vmrecord [--opens N] [--graph-opens N] [--rounds R] [--mem MB] [--scratch GB] [--keep DIR]
#include "percentile.h"
#include "vmguest.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTemporaryDir>
#include <QTextStream>

namespace {

// One line of the guest's bench.txt: tool case round seconds events lost bytes status.
struct RunFigures {
    QString tool;
    QString name;
    double seconds = 0;
    double events = 0;
    double lost = 0;
    double bytes = 0;
    int status = -1;
};

QList<RunFigures> parseRuns(const QByteArray& text)
{
    QList<RunFigures> runs;
    for (const QByteArray& line : text.split('\n')) {
        const QList<QByteArray> f = line.simplified().split(' ');
        if (f.size() == 8)
            runs.append({ QString::fromUtf8(f[0]), QString::fromUtf8(f[1]), f[3].toDouble(), f[4].toDouble(), f[5].toDouble(),
                f[6].toDouble(), f[7].toInt() });
    }
    return runs;
}

double median(std::vector<double> values) { return values.empty() ? 0 : Engine::percentile(values, 0.5); }

// Medians of one tool's runs of one case; failed runs are counted, not measured.
struct Summary {
    double seconds = 0, events = 0, lost = 0, bytesPerEvent = 0;
    int runs = 0, failed = 0;
};

Summary summarise(const QList<RunFigures>& runs, const QString& tool, const QString& name)
{
    std::vector<double> seconds, events, lost, perEvent;
    Summary s;
    for (const RunFigures& run : runs) {
        if (run.tool != tool || run.name != name)
            continue;
        ++s.runs;
        if (run.status != 0) {
            ++s.failed;
            continue;
        }
        seconds.push_back(run.seconds);
        events.push_back(run.events);
        lost.push_back(run.lost);
        if (run.events > 0)
            perEvent.push_back(run.bytes / run.events);
    }
    s.seconds = median(seconds);
    s.events = median(events);
    s.lost = median(lost);
    s.bytesPerEvent = median(perEvent);
    return s;
}

QJsonObject toJson(const QString& name, const Summary& ours, const Summary& theirs)
{
    return { { QStringLiteral("case"), name }, { QStringLiteral("time_ratio_median"), theirs.seconds > 0 ? ours.seconds / theirs.seconds : 0 },
        { QStringLiteral("ftlens_runs"), ours.runs }, { QStringLiteral("ftlens_failed"), ours.failed },
        { QStringLiteral("trace_cmd_runs"), theirs.runs }, { QStringLiteral("trace_cmd_failed"), theirs.failed },
        { QStringLiteral("ftlens_events"), ours.events }, { QStringLiteral("trace_cmd_events"), theirs.events },
        { QStringLiteral("ftlens_lost"), ours.lost }, { QStringLiteral("trace_cmd_lost"), theirs.lost },
        { QStringLiteral("ftlens_bytes_per_event"), ours.bytesPerEvent },
        { QStringLiteral("trace_cmd_bytes_per_event"), theirs.bytesPerEvent } };
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("ftlens-helper record vs trace-cmd record in a QEMU guest"));
    parser.addOption({ QStringLiteral("opens"), QStringLiteral("open() calls per run."), QStringLiteral("N"), QStringLiteral("100000") });
    parser.addOption({ QStringLiteral("graph-opens"), QStringLiteral("open() calls per function_graph run (default: --opens)."),
        QStringLiteral("N") });
    parser.addOption({ QStringLiteral("rounds"), QStringLiteral("Alternating rounds."), QStringLiteral("R"), QStringLiteral("3") });
    parser.addOption({ QStringLiteral("mem"), QStringLiteral("Guest memory."), QStringLiteral("MB"), QStringLiteral("2048") });
    parser.addOption({ QStringLiteral("scratch"), QStringLiteral("A guest disk for the files written."), QStringLiteral("GB"),
        QStringLiteral("16") });
    parser.addOption({ QStringLiteral("keep"), QStringLiteral("Keep the guest's /out in DIR."), QStringLiteral("DIR") });
    parser.addHelpOption();
    parser.process(app);
    const QString graphOpens = parser.isSet(QStringLiteral("graph-opens")) ? parser.value(QStringLiteral("graph-opens"))
                                                                            : parser.value(QStringLiteral("opens"));
    QTemporaryDir temporary;
    const QString out = parser.isSet(QStringLiteral("keep")) ? parser.value(QStringLiteral("keep")) : temporary.path();
    QTextStream console(stdout);
    const VmGuest::Run run = VmGuest::run(VmGuest::harness(),
        { QStringLiteral("--build"), QStringLiteral(FTLENS_BIN_DIR "/.."), QStringLiteral("--out"), out, QStringLiteral("--in"),
            QStringLiteral(FTLENS_SOURCE_DIR "/tests/vm/guest"), QStringLiteral("--mem"), parser.value(QStringLiteral("mem")),
            QStringLiteral("--scratch"), parser.value(QStringLiteral("scratch")),
            QStringLiteral("--timeout"), QStringLiteral("14400"), QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("/in/guest/bench.sh"),
            parser.value(QStringLiteral("opens")), parser.value(QStringLiteral("rounds")), graphOpens },
        {}, 4 * 3600 * 1000);
    const QByteArray lines = VmGuest::readFile(out + QLatin1String("/bench.txt"));
    console << "tool case round seconds events lost bytes status\n" << lines;
    if (run.exitCode != 0)
        console << QStringLiteral("the guest did not finish (ftlens-vm exit status %1): %2\n")
                       .arg(run.exitCode)
                       .arg(QString::fromUtf8(run.err.trimmed().split('\n').constLast()));
    const QList<RunFigures> runs = parseRuns(lines);
    for (const QString& name : { QStringLiteral("function_graph"), QStringLiteral("syscalls") }) {
        QJsonObject summary = toJson(name, summarise(runs, QStringLiteral("ftlens"), name),
            summarise(runs, QStringLiteral("trace-cmd"), name));
        summary.insert(QStringLiteral("opens"), (name == QLatin1String("syscalls") ? parser.value(QStringLiteral("opens")) : graphOpens).toLongLong());
        console << QJsonDocument(summary).toJson(QJsonDocument::Compact) << '\n';
    }
    return run.exitCode == 0 ? 0 : 1;
}
