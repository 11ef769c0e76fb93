// SPDX-License-Identifier: GPL-3.0-or-later
// ftlens-cli: the unprivileged command line over recordings.
#include "clicommands.h"
#include "failure.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ftlens-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FTLENS_VERSION));
    // The commands return errors as values; what still throws (an allocation a damaged file
    // made too large) ends the command with its message instead of an abort.
    const QStringList arguments = QCoreApplication::arguments();
    return Storage::catchFailure(
        arguments.mid(1).join(QLatin1Char(' ')), [&] { return Cli::run(arguments); },
        [](const QString& message) {
            QTextStream(stderr) << QStringLiteral("ftlens-cli %1").arg(message) << '\n';
            return int(Cli::Failure);
        });
}
