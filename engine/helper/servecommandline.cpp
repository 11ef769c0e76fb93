// SPDX-License-Identifier: GPL-3.0-or-later
#include "servecommandline.h"

#include <QCoreApplication>

namespace Helper {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Helper)
};
} // namespace

const QList<ServeOption>& serveOptions()
{
    static const QList<ServeOption> options {
        { QStringLiteral("--stdio"), QString(), Tr::tr("speak the protocol on stdin and stdout, for the one client that started\n"
                                                       "                      the helper (pkexec ftlens-helper serve --stdio)") },
        { QStringLiteral("--unix"), QStringLiteral("PATH"), Tr::tr("listen on a Unix socket at PATH for root and the --group") },
        { QStringLiteral("--group"), QStringLiteral("NAME"), Tr::tr("who besides root may use the socket (default: ftlens)") },
        { QStringLiteral("--data-dir"), QStringLiteral("DIR"), Tr::tr("where recordings are kept, named by the helper\n"
                                                                      "                      (default: /var/lib/ftlens/recordings)") },
    };
    return options;
}

QString serveUsage()
{
    QString text = Tr::tr("usage: ftlens-helper serve (--stdio | --unix PATH) [--group NAME] [--data-dir DIR]\n\n"
                          "Serves the recording protocol: clients ask for recordings, watch them and fetch them;\n"
                          "a COMMAND runs as the client's user. One recording at a time.\n\n");
    for (const ServeOption& option : serveOptions()) {
        const QString spelled = option.valueName.isEmpty() ? option.name : option.name + QLatin1Char(' ') + option.valueName;
        text += QStringLiteral("  %1%2\n").arg(spelled.leftJustified(20), option.help);
    }
    return text;
}

Storage::Result<ServeOptions> parseServeArguments(const QStringList& arguments)
{
    ServeOptions options;
    bool stdio = false;
    bool socket = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& arg = arguments.at(i);
        if (arg == QLatin1String("--stdio")) {
            stdio = true;
            continue;
        }
        const bool known = arg == QLatin1String("--unix") || arg == QLatin1String("--group") || arg == QLatin1String("--data-dir");
        if (!known)
            return Storage::Error { Tr::tr("serve: unknown argument '%1'").arg(arg) };
        if (i + 1 >= arguments.size() || arguments.at(i + 1).isEmpty())
            return Storage::Error { Tr::tr("serve: %1 needs a value").arg(arg) };
        const QString value = arguments.at(++i);
        if (arg == QLatin1String("--unix")) {
            socket = true;
            options.socketPath = value;
        } else if (arg == QLatin1String("--group")) {
            options.group = value;
        } else {
            options.dataDir = value;
        }
    }
    if (stdio == socket)
        return Storage::Error { Tr::tr("serve: give exactly one of --stdio and --unix PATH") };
    options.transport = stdio ? ServeOptions::Transport::Stdio : ServeOptions::Transport::Unix;
    return options;
}

} // namespace Helper
