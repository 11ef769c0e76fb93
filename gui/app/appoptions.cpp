// SPDX-License-Identifier: GPL-3.0-or-later
#include "appoptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>

#include <cstdio>

namespace Gui {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Gui::AppOptions)
};

std::nullopt_t fail(const QString& message)
{
    std::fprintf(stderr, "ftlens: %s\n", qUtf8Printable(message));
    return std::nullopt;
}
} // namespace

QSize AppOptions::parseSize(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{2,5})x(\\d{2,5})$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return {};
    return QSize(match.captured(1).toInt(), match.captured(2).toInt());
}

std::optional<std::pair<qint64, qint64>> AppOptions::parseRange(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d+):(\\d+)$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 from = match.captured(1).toLongLong();
    const qint64 to = match.captured(2).toLongLong();
    if (to <= from)
        return std::nullopt;
    return std::make_pair(from, to);
}

std::optional<AppOptions> AppOptions::parse(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("ftlens: timeline analyzer for ftrace recordings. "
                                            "Without FILE, opens the bundled demo recording."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        Tr::tr("Render the window once FILE is loaded, save it to OUT.png and exit."), Tr::tr("OUT.png"));
    const QCommandLineOption size(QStringLiteral("size"), Tr::tr("Window size for --screenshot (default 1600x1000)."),
        Tr::tr("WxH"));
    const QCommandLineOption bench(QStringLiteral("bench"),
        Tr::tr("Open FILE, paint, run 200 scripted zoom/pan steps and print timings as one JSON line."));
    const QCommandLineOption range(QStringLiteral("range"),
        Tr::tr("Time range for --screenshot, in ns from the recording's start (default: all)."), Tr::tr("FROM:TO"));
    const QCommandLineOption benchTimeout(QStringLiteral("bench-timeout"),
        Tr::tr("For --bench: how long a step waits for the timeline's data (default 5000). A step whose data comes "
               "later is not timed; it is counted in \"timeouts\" and the exit code is 3."),
        Tr::tr("MS"));
    parser.addOptions({ screenshot, size, range, bench, benchTimeout });
    parser.addPositionalArgument(Tr::tr("FILE"), Tr::tr("Recordings (.ftlens) to open."), Tr::tr("[FILE...]"));
    parser.process(arguments);

    AppOptions options;
    options.files = parser.positionalArguments();
    if (parser.isSet(size)) {
        options.size = parseSize(parser.value(size));
        if (!options.size.isValid())
            return fail(Tr::tr("--size wants WIDTHxHEIGHT, e.g. 1600x1000, not “%1”").arg(parser.value(size)));
    }
    if (parser.isSet(range)) {
        options.range = parseRange(parser.value(range));
        if (!options.range)
            return fail(Tr::tr("--range wants FROM:TO in ns with FROM < TO, not “%1”").arg(parser.value(range)));
    }
    if (parser.isSet(benchTimeout)) {
        bool ok = false;
        options.benchStepTimeoutMs = parser.value(benchTimeout).toInt(&ok);
        if (!ok || options.benchStepTimeoutMs < 0 || !parser.isSet(bench))
            return fail(Tr::tr("--bench-timeout wants a number of ms (0 or more) and --bench, not “%1”")
                            .arg(parser.value(benchTimeout)));
    }
    if (parser.isSet(screenshot) && parser.isSet(bench))
        return fail(Tr::tr("--screenshot and --bench cannot be combined"));
    if (parser.isSet(screenshot) || parser.isSet(bench)) {
        options.mode = parser.isSet(bench) ? Mode::Bench : Mode::Screenshot;
        options.screenshotPath = parser.value(screenshot);
        if (options.files.size() > 1)
            return fail(Tr::tr("--screenshot and --bench take one FILE"));
    }
    return options;
}

} // namespace Gui
