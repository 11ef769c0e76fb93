// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"

#include "synthrecording.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>

#include <algorithm>
#include <limits>
#include <optional>

namespace Cli {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

// A whole number option in [minimum, maximum]; nullopt (with a message on err) otherwise.
std::optional<qint64> numberOption(const QCommandLineParser& parser, const QString& name, qint64 fallback,
    qint64 minimum, qint64 maximum, QTextStream& err)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value < minimum || value > maximum) {
        err << Tr::tr("ftlens-cli synth: --%1 must be a whole number from %2 to %3, not '%4'")
                   .arg(name)
                   .arg(minimum)
                   .arg(maximum)
                   .arg(parser.value(name))
            << '\n';
        return std::nullopt;
    }
    return value;
}

void addOptions(QCommandLineParser& parser)
{
    parser.setApplicationDescription(Tr::tr("Writes a synthetic recording (scheduler slices, wake-ups, openat "
                                            "syscalls, many tasks) for scale work."));
    parser.addOptions(synthOptions());
    parser.addHelpOption();
}

void printResult(const QString& path, const Synth::SynthResult& result, qint64 elapsedMs)
{
    const double seconds = std::max<qint64>(elapsedMs, 1) / 1000.0;
    const qint64 bytes = QFileInfo(path).size();
    QTextStream(stdout) << Tr::tr("%1: %2 events over %3 s of trace in %4 s (%5 events/s), %6 bytes (%7 bytes/event)%8")
                               .arg(path)
                               .arg(result.events)
                               .arg(QString::number(result.durationNs / 1e9, 'f', 3))
                               .arg(QString::number(seconds, 'f', 2))
                               .arg(qRound64(result.events / seconds))
                               .arg(bytes)
                               .arg(QString::number(result.events > 0 ? double(bytes) / result.events : 0.0, 'f', 1))
                               .arg(result.indexBuilt ? Tr::tr(", timeline index built") : QString())
                        << '\n';
}
} // namespace

QList<QCommandLineOption> synthOptions()
{
    return {
        { QStringLiteral("events"), Tr::tr("Number of events."), QStringLiteral("N") },
        { QStringLiteral("cpus"), Tr::tr("Number of CPUs."), QStringLiteral("C") },
        { QStringLiteral("tasks"), Tr::tr("Number of tasks (default 200)."), QStringLiteral("T") },
        { QStringLiteral("seed"), Tr::tr("Random seed (default 1)."), QStringLiteral("S") },
        { QStringLiteral("duration-ms"), Tr::tr("Stretch or squeeze the recording to this duration (default: as simulated)."),
            QStringLiteral("D") },
        { { QStringLiteral("o"), QStringLiteral("output") }, Tr::tr("The recording to write."), QStringLiteral("FILE") },
        { QStringLiteral("no-index"), Tr::tr("Do not build the timeline index (it is then built on first open).") },
    };
}

int synth(const QStringList& arguments)
{
    QCommandLineParser parser;
    addOptions(parser);
    QTextStream err(stderr);
    if (!parser.parse(arguments)) {
        err << Tr::tr("ftlens-cli synth: %1").arg(parser.errorText()) << '\n';
        return Usage;
    }
    if (printHelpIfAsked(parser))
        return Success;
    for (const char* required : { "events", "cpus", "o" }) {
        if (!parser.isSet(QLatin1String(required))) {
            err << Tr::tr("ftlens-cli synth: --events N, --cpus C and -o FILE are required") << '\n';
            return Usage;
        }
    }
    const auto events = numberOption(parser, QStringLiteral("events"), 0, 0, qint64(1) << 40, err);
    const auto cpus = numberOption(parser, QStringLiteral("cpus"), 0, 1, 4096, err);
    const auto tasks = numberOption(parser, QStringLiteral("tasks"), 200, 1, 1'000'000, err);
    const auto seed = numberOption(parser, QStringLiteral("seed"), 1, 0, std::numeric_limits<qint64>::max(), err);
    const auto durationMs = numberOption(parser, QStringLiteral("duration-ms"), 0, 1, qint64(1) << 40, err);
    if (!events || !cpus || !tasks || !seed || !durationMs)
        return Usage;

    Synth::SynthOptions options;
    options.events = *events;
    options.cpus = static_cast<int>(*cpus);
    options.tasks = static_cast<int>(*tasks);
    options.seed = static_cast<std::uint64_t>(*seed);
    options.durationMs = *durationMs;
    options.buildIndex = !parser.isSet(QStringLiteral("no-index"));
    const QString path = parser.value(QStringLiteral("o"));
    QElapsedTimer timer;
    timer.start();
    auto result = Synth::writeSyntheticRecording(path, options);
    if (!result) {
        err << Tr::tr("ftlens-cli: %1").arg(result.error().message) << '\n';
        return Failure;
    }
    printResult(path, result.value(), timer.elapsed());
    return Success;
}

} // namespace Cli
