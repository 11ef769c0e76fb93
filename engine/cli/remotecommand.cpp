// SPDX-License-Identifier: GPL-3.0-or-later
// ftlens-cli remote TARGET ACTION ...: the helper's service from the command line.
#include "clicommands.h"
#include "remotesession.h"
#include "startrequest.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>

namespace Cli {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

using Action = RemoteRequest::Action;

const std::pair<const char*, Action> actions[] = { { "caps", Action::Caps }, { "record", Action::Record }, { "status", Action::Status },
    { "list", Action::List }, { "fetch", Action::Fetch }, { "delete", Action::Delete } };

QString description()
{
    return Tr::tr("Talks to ftlens-helper's service. TARGET: unix:PATH (a running 'ftlens-helper serve --unix PATH') or "
                  "pkexec (starts 'pkexec %1 serve --stdio'; polkit asks for the password).\n"
                  "ACTION:\n"
                  "  caps               the kernel's capability report (JSON)\n"
                  "  record ARGS        record with the options of 'ftlens-helper record' (-e, -f, --uprobe, -p, -P, -d, -b, ...,\n"
                  "                     -- COMMAND), wait for the end (Ctrl-C stops it), then fetch it to -o FILE\n"
                  "                     (default trace.ftlens); the COMMAND runs as you, in this directory\n"
                  "  status             the running recording: time, events, events/s, bytes, lost per CPU\n"
                  "  list               the recordings kept by the helper, one a line, its id first\n"
                  "  fetch ID -o FILE   a recording into FILE (SHA-256 checked; an interrupted fetch resumes)\n"
                  "  delete ID          remove a recording from the helper")
        .arg(ServiceClient::HelperTarget::installedHelperPath());
}

int usageError(const QString& message)
{
    QTextStream(stderr) << "ftlens-cli remote: " << message << '\n' << Tr::tr("(ftlens-cli remote --help explains it)") << '\n';
    return Usage;
}

// record's own arguments: -o FILE and --force are the CLI's (where the fetched file goes); the
// rest is record's options, as the start message carries them.
Storage::Result<RemoteRequest> parseRecord(RemoteRequest request, QStringList args)
{
    request.output = QStringLiteral("trace.ftlens");
    const qsizetype commandStart = args.indexOf(QStringLiteral("--"));
    for (qsizetype i = 0; i < (commandStart < 0 ? args.size() : commandStart);) {
        if (args.at(i) == QLatin1String("--force")) {
            request.force = true;
            args.removeAt(i);
        } else if ((args.at(i) == QLatin1String("-o") || args.at(i) == QLatin1String("--output")) && i + 1 < args.size()) {
            request.output = args.at(i + 1);
            args.remove(i, 2);
        } else {
            i += args.at(i).startsWith(QLatin1Char('-')) && i + 1 < args.size() ? 2 : 1; // an option and its value
        }
    }
    auto fields = Protocol::startFieldsFromArguments(args);
    if (!fields)
        return fields.error();
    request.start = fields.value();
    return request;
}
} // namespace

QList<QCommandLineOption> remoteOptions()
{
    return {
        { { QStringLiteral("o"), QStringLiteral("output") }, Tr::tr("fetch, record: the local file for the recording."), QStringLiteral("FILE") },
        { QStringLiteral("force"), Tr::tr("fetch, record: replace FILE if it exists.") },
    };
}

int remote(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(description());
    parser.addHelpOption();
    parser.addOptions(remoteOptions());
    parser.addPositionalArgument(QStringLiteral("TARGET"), Tr::tr("unix:PATH or pkexec"));
    parser.addPositionalArgument(QStringLiteral("ACTION"), Tr::tr("caps, record ARGS, status, list, fetch ID, delete ID"), QStringLiteral("ACTION [ARGS...]"));
    // Only the part before record's own arguments is ours.
    const qsizetype recordAt = arguments.indexOf(QStringLiteral("record"));
    const QStringList own = recordAt == 2 ? arguments.mid(0, 3) : arguments;
    if (!parser.parse(own))
        return usageError(parser.errorText());
    if (printHelpIfAsked(parser))
        return Success;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 2)
        return usageError(Tr::tr("give a TARGET and an ACTION"));
    auto target = ServiceClient::HelperTarget::parse(positional.at(0));
    if (!target)
        return usageError(target.error().message);
    RemoteRequest request;
    request.target = target.value();
    const auto action = std::find_if(std::begin(actions), std::end(actions), [&](const auto& a) { return positional.at(1) == QLatin1String(a.first); });
    if (action == std::end(actions))
        return usageError(Tr::tr("unknown action '%1'").arg(positional.at(1)));
    request.action = action->second;
    request.output = parser.value(QStringLiteral("output"));
    request.force = parser.isSet(QStringLiteral("force"));
    const QStringList rest = positional.mid(2);
    if (request.action == Action::Record) {
        auto parsed = parseRecord(request, arguments.mid(3));
        if (!parsed)
            return usageError(parsed.error().message);
        request = parsed.value();
    } else if (request.action == Action::Fetch || request.action == Action::Delete) {
        if (rest.size() != 1)
            return usageError(Tr::tr("%1 takes one recording id").arg(positional.at(1)));
        request.recording = rest.first();
        if (request.action == Action::Fetch && request.output.isEmpty())
            return usageError(Tr::tr("fetch needs -o FILE"));
    } else if (!rest.isEmpty()) {
        return usageError(Tr::tr("unexpected '%1'").arg(rest.first()));
    }
    if ((request.action == Action::Fetch || request.action == Action::Record) && QFileInfo::exists(request.output) && !request.force)
        return usageError(Tr::tr("%1 exists; give --force to replace it").arg(request.output));
    return RemoteSession(request).exec();
}

} // namespace Cli
