// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"

#include "callindex.h"
#include "timelineindex.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>

#include <unistd.h>

namespace Cli {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

void addOptions(QCommandLineParser& parser)
{
    parser.setApplicationDescription(Tr::tr("Writes the timeline index and the call index into a recording that lacks "
                                            "them (an older file, one written without them, one whose recording was "
                                            "killed), so that it opens without building anything. Opening such a "
                                            "recording never changes it: the app keeps what it builds in the index cache."));
    parser.addPositionalArgument(QStringLiteral("FILE"), Tr::tr("The recording."));
    parser.addOptions(indexOptions());
    parser.addHelpOption();
}

// Progress on a terminal's stderr, at most once a percent.
Storage::IndexProgress progressPrinter(const QString& what)
{
    if (!::isatty(STDERR_FILENO))
        return {};
    auto last = std::make_shared<int>(-1);
    return [what, last](double fraction) {
        const int percent = int(fraction * 100);
        if (percent != *last) {
            *last = percent;
            QTextStream(stderr) << '\r' << Tr::tr("%1: %2%").arg(what).arg(percent) << Qt::flush;
        }
        return true;
    };
}
} // namespace

QList<QCommandLineOption> indexOptions()
{
    return { { QStringLiteral("cache"), Tr::tr("Build into the index cache instead, leaving FILE as it is.") } };
}

int buildIndex(const QStringList& arguments)
{
    QCommandLineParser parser;
    addOptions(parser);
    QTextStream err(stderr);
    if (!parser.parse(arguments)) {
        err << Tr::tr("ftlens-cli index: %1").arg(parser.errorText()) << '\n';
        return Usage;
    }
    if (printHelpIfAsked(parser))
        return Success;
    if (parser.positionalArguments().size() != 1) {
        err << Tr::tr("ftlens-cli index: give exactly one FILE") << '\n';
        return Usage;
    }
    const QString path = parser.positionalArguments().constFirst();
    const auto place = parser.isSet(QStringLiteral("cache")) ? Storage::IndexPlace::Cache : Storage::IndexPlace::File;
    const qint64 sizeBefore = QFileInfo(path).size();
    const bool hadThem = place == Storage::IndexPlace::File && Storage::fileHasTimelineIndex(path) && Storage::fileHasCallIndex(path);
    QElapsedTimer timer;
    timer.start();
    Storage::Status timeline = Storage::buildTimelineIndex(path, progressPrinter(Tr::tr("timeline index")), place);
    Storage::Status calls = timeline ? Storage::buildCallIndex(path, progressPrinter(Tr::tr("call index")), place) : timeline;
    if (::isatty(STDERR_FILENO))
        err << '\r';
    if (!calls) {
        err << Tr::tr("ftlens-cli: %1").arg(calls.error().message) << '\n';
        return Failure;
    }
    QTextStream out(stdout);
    if (hadThem)
        out << Tr::tr("%1: the file holds its indexes already").arg(path) << '\n';
    else if (place == Storage::IndexPlace::Cache)
        out << Tr::tr("%1: indexes in the cache file %2 (%3 s)")
                   .arg(path, Storage::timelineIndexCachePath(path), QString::number(timer.elapsed() / 1000.0, 'f', 2))
            << '\n';
    else
        out << Tr::tr("%1: indexes written into the file, %2 bytes added (%3 s)")
                   .arg(path)
                   .arg(QFileInfo(path).size() - sizeBefore)
                   .arg(QString::number(timer.elapsed() / 1000.0, 'f', 2))
            << '\n';
    return Success;
}

} // namespace Cli
