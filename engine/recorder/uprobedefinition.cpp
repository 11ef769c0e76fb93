// SPDX-License-Identifier: GPL-3.0-or-later
#include "uprobedefinition.h"

#include <QCoreApplication>
#include <QFileInfo>
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

std::optional<std::uint64_t> parseNumber(const QString& text)
{
    bool ok = false;
    const std::uint64_t value = text.startsWith(QLatin1String("0x"), Qt::CaseInsensitive)
        ? text.mid(2).toULongLong(&ok, 16)
        : text.toULongLong(&ok, 10);
    return ok ? std::optional<std::uint64_t>(value) : std::nullopt;
}

// Splits PATH:PLACE at the last colon and reads PLACE as an offset or SYMBOL[+OFFS].
Storage::Status parsePlace(const QString& text, const QString& place, UprobeDefinition& def)
{
    const qsizetype colon = place.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0 || colon == place.size() - 1)
        return definitionError(text, Tr::tr("the place '%1' is not PATH:SYMBOL or PATH:0xOFFSET").arg(place));
    def.path = place.left(colon);
    const QString where = place.mid(colon + 1);
    if (!def.path.startsWith(QLatin1Char('/')))
        return definitionError(text, Tr::tr("the path '%1' is not absolute").arg(def.path));
    if (!QFileInfo(def.path).isFile())
        return definitionError(text, Tr::tr("%1: no such file").arg(def.path));
    if (where.front().isDigit()) {
        def.fileOffset = parseNumber(where);
        if (!def.fileOffset)
            return definitionError(text, Tr::tr("'%1' is not an offset").arg(where));
        return {};
    }
    static const QRegularExpression symbolRe(QStringLiteral("^([A-Za-z_][A-Za-z0-9_.@]*)(?:\\+(0x[0-9a-fA-F]+|[0-9]+))?$"));
    const auto match = symbolRe.match(where);
    if (!match.hasMatch())
        return definitionError(text, Tr::tr("'%1' is not a symbol name or SYMBOL+OFFSET").arg(where));
    def.symbol = match.captured(1);
    if (match.hasCaptured(2))
        def.symbolOffset = parseNumber(match.captured(2)).value_or(0);
    return {};
}

QString defaultEventName(const UprobeDefinition& def)
{
    QString base = def.symbol.isEmpty() ? QStringLiteral("p_%1_0x%2")
                                              .arg(QFileInfo(def.path).completeBaseName())
                                              .arg(*def.fileOffset, 0, 16)
                                        : def.symbol.section(QLatin1Char('@'), 0, 0);
    base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_]")), QStringLiteral("_"));
    if (base.isEmpty() || base.front().isDigit())
        base.prepend(QLatin1Char('p'));
    // Event names are at most 64 characters; long (C++ mangled) symbols are cut.
    return def.isReturn ? base.left(56) + QLatin1String("__return") : base.left(64);
}
} // namespace

bool isValidEventName(const QString& name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,63}$"));
    return re.match(name).hasMatch();
}

Storage::Result<UprobeDefinition> parseUprobeDefinition(const QString& text, bool returnProbe)
{
    const QStringList tokens = text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    if (tokens.isEmpty())
        return definitionError(text, Tr::tr("empty definition"));
    UprobeDefinition def;
    def.isReturn = returnProbe;
    qsizetype next = 0;
    static const QRegularExpression prefixRe(QStringLiteral("^([pr])(?::(.*))?$"));
    const auto prefix = prefixRe.match(tokens[0]);
    if (prefix.hasMatch()) {
        const bool prefixIsReturn = prefix.captured(1) == QLatin1String("r");
        if (prefixIsReturn != returnProbe)
            return definitionError(text,
                returnProbe ? Tr::tr("'p' makes an entry probe, but --uretprobe takes return probes (use --uprobe)")
                            : Tr::tr("'r' makes a return probe, but --uprobe takes entry probes (use --uretprobe)"));
        def.event = prefix.captured(2);
        next = 1;
    } else if (!tokens[0].contains(QLatin1Char(':'))) {
        def.event = tokens[0]; // EVENT PLACE ...
        next = 1;
    }
    if (def.event.contains(QLatin1Char('/')))
        return definitionError(text, Tr::tr("group names are chosen by ftlens; write only the event name"));
    if (!def.event.isEmpty() && !isValidEventName(def.event))
        return definitionError(text, Tr::tr("'%1' is not a valid event name (letters, digits, _)").arg(def.event));
    if (next >= tokens.size())
        return definitionError(text, Tr::tr("the place PATH:SYMBOL or PATH:0xOFFSET is missing"));
    if (Storage::Status s = parsePlace(text, tokens[next], def); !s)
        return s.error();
    static const QRegularExpression argRe(QStringLiteral("^(?:[A-Za-z_][A-Za-z0-9_]*=)?[^=\\s]+$"));
    for (qsizetype i = next + 1; i < tokens.size(); ++i) {
        if (!argRe.match(tokens[i]).hasMatch())
            return definitionError(text, Tr::tr("'%1' is not a fetch argument (NAME=FETCHARG[:TYPE])").arg(tokens[i]));
        def.fetchArgs << tokens[i];
    }
    if (def.event.isEmpty())
        def.event = defaultEventName(def);
    return def;
}

QByteArray UprobeDefinition::kernelLine(const QString& group) const
{
    QString line = QStringLiteral("%1:%2/%3 %4:0x%5")
                       .arg(isReturn ? QLatin1Char('r') : QLatin1Char('p'))
                       .arg(group, event, path)
                       .arg(fileOffset.value_or(0), 0, 16);
    for (const QString& arg : fetchArgs)
        line += QLatin1Char(' ') + arg;
    return line.toUtf8();
}

} // namespace Recorder
