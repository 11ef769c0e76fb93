// SPDX-License-Identifier: GPL-3.0-or-later
#include "uprobedefinition.h"

#include "probedefinition.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Recorder {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Recorder)
};

Storage::Error definitionError(const QString& text, const QString& why)
{
    return Storage::Error { Tr::tr("bad probe definition '%1': %2").arg(text, why) };
}
} // namespace

bool isValidEventName(const QString& name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,63}$"));
    return re.match(name).hasMatch();
}

Storage::Result<UprobeDefinition> parseUprobeDefinition(const QString& text, bool returnProbe)
{
    auto probe = parseProbeDefinition(text, ProbeDefinition::Kind::Uprobe, returnProbe);
    if (!probe)
        return definitionError(text, probe.error().message);
    UprobeDefinition def;
    def.isReturn = returnProbe;
    def.event = probe->event.isEmpty() ? probe->defaultEventName() : probe->event;
    def.path = probe->path;
    def.symbol = probe->symbol;
    def.symbolOffset = probe->offset;
    def.fileOffset = probe->fileOffset;
    for (const FetchArg& arg : probe->args)
        def.fetchArgs << arg.text();
    return def;
}

QByteArray UprobeDefinition::kernelLine(const QString& group) const
{
    // Concatenated, never through arg(): a path may hold "%1" or "%2" itself.
    QString line = (isReturn ? QLatin1String("r:") : QLatin1String("p:")) + group + QLatin1Char('/') + event + QLatin1Char(' ') + path
        + QLatin1String(":0x") + QString::number(fileOffset.value_or(0), 16);
    for (const QString& arg : fetchArgs)
        line += QLatin1Char(' ') + arg;
    return line.toUtf8();
}

} // namespace Recorder
