// SPDX-License-Identifier: GPL-3.0-or-later
// ftlens-cli: the unprivileged command line over recordings.
#include "clicommands.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ftlens-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FTLENS_VERSION));
    return Cli::run(QCoreApplication::arguments());
}
