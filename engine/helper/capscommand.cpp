// SPDX-License-Identifier: GPL-3.0-or-later
#include "capscommand.h"

#include "capabilities.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>

namespace Helper {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Helper)
};

enum ExitCode { Success = 0, Failure = 1, Usage = 2 };

void write(std::FILE* stream, const QByteArray& bytes)
{
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stream);
    std::fflush(stream);
}

int fail(const QString& message, ExitCode code)
{
    write(stderr, QStringLiteral("ftlens-helper: %1\n").arg(message).toLocal8Bit());
    return code;
}

QString usageText()
{
    return Tr::tr("usage: ftlens-helper caps [--json] [--tracefs DIR]\n\n"
                  "Reports which tracers, probes and tracing features this kernel allows, and why the others are missing.\n\n"
                  "  --json          one line of JSON instead of a table\n"
                  "  --tracefs DIR   use DIR as the tracing directory instead of finding (or mounting) tracefs\n");
}
} // namespace

QList<QCommandLineOption> capsOptions()
{
    return {
        { QStringLiteral("json"), Tr::tr("Print one line of JSON.") },
        { QStringLiteral("tracefs"), Tr::tr("The tracing directory."), QStringLiteral("DIR") },
    };
}

int runCaps(const QStringList& arguments)
{
    QCommandLineParser parser;
    const QString json = QStringLiteral("json");
    const QString tracefs = QStringLiteral("tracefs");
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, Tr::tr("Show this help."));
    parser.addOptions(capsOptions());
    parser.addOption(help);
    // parse(), not process(): process() would exit on its own, with its own codes and wording.
    if (!parser.parse(arguments))
        return fail(parser.errorText(), Usage);
    if (parser.isSet(help)) {
        write(stdout, usageText().toLocal8Bit());
        return Success;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(Tr::tr("caps: unexpected argument '%1'").arg(parser.positionalArguments().constFirst()), Usage);
    if (parser.isSet(tracefs) && parser.value(tracefs).isEmpty())
        return fail(Tr::tr("caps: --tracefs needs a directory"), Usage);

    const Storage::Result<Recorder::Capabilities> caps = Recorder::detectCapabilities(parser.value(tracefs), true);
    if (!caps.ok())
        return fail(caps.error().message, Failure);
    if (parser.isSet(json))
        write(stdout, QJsonDocument(Recorder::capabilitiesToJson(caps.value())).toJson(QJsonDocument::Compact) + '\n');
    else
        write(stdout, Recorder::capabilitiesToText(caps.value()).toLocal8Bit());
    return Success;
}

} // namespace Helper
