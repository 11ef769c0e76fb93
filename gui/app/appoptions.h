// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace Gui {

// The app's command line, parsed with QCommandLineParser:
//   ftlens [FILE...]  |  ftlens --screenshot OUT.png [--size WxH] FILE  |  ftlens --bench [--bench-timeout MS] FILE
struct AppOptions {
    enum class Mode { Interactive, Screenshot, Bench };

    Mode mode = Mode::Interactive;
    QStringList files;
    QString screenshotPath;
    QSize size { 1600, 1000 };
    // --range FROM:TO (ns from the recording's start): what the screenshot shows.
    std::optional<std::pair<qint64, qint64>> range;
    // --bench-timeout MS: how long a bench step waits for the timeline's data (BenchMode's default).
    int benchStepTimeoutMs = 5'000;

    // Exits the process for --help/--version like QCommandLineParser::process(); on a bad
    // command line prints the reason to stderr and returns nothing.
    static std::optional<AppOptions> parse(const QStringList& arguments);
    // "1600x1000" -> QSize; invalid QSize when malformed.
    static QSize parseSize(const QString& text);
    static std::optional<std::pair<qint64, qint64>> parseRange(const QString& text);
};

} // namespace Gui
