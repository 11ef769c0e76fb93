// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Helper {

// `ftlens-helper serve`: the helper as a service speaking the protocol (README, "The helper as a
// service") over one transport.
struct ServeOptions {
    enum class Transport { Stdio, Unix };
    Transport transport = Transport::Stdio;
    QString socketPath;                                   // --unix PATH
    QString group = QStringLiteral("ftlens");             // --group: who besides root may use the socket
    QString dataDir = QStringLiteral("/var/lib/ftlens/recordings"); // --data-dir
};

struct ServeOption {
    QString name;
    QString valueName; // empty for a flag
    QString help;
};
// Every option `serve` accepts (the parser, `serve --help` and `ftlens-helper --help` use it).
const QList<ServeOption>& serveOptions();

// The arguments after "serve". Exactly one of --stdio and --unix PATH.
Storage::Result<ServeOptions> parseServeArguments(const QStringList& arguments);
QString serveUsage();

} // namespace Helper
