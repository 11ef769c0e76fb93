// SPDX-License-Identifier: GPL-3.0-or-later
#include "probedefinition.h"

#include "uprobedefinition.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>

#include <sys/utsname.h>

namespace Recorder {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Recorder)
};

Storage::Error at(qsizetype index, const QString& message)
{
    return Storage::Error { Tr::tr("column %1: %2").arg(index + 1).arg(message) };
}

std::optional<std::uint64_t> number(const QString& text)
{
    bool ok = false;
    const std::uint64_t value = text.startsWith(QLatin1String("0x"), Qt::CaseInsensitive) ? text.mid(2).toULongLong(&ok, 16)
                                                                                           : text.toULongLong(&ok, 10);
    return ok ? std::optional<std::uint64_t>(value) : std::nullopt;
}

struct Token {
    QString text;
    qsizetype start = 0;
    qsizetype end = 0;
};

Token nextToken(const QString& text, qsizetype from)
{
    qsizetype start = from;
    while (start < text.size() && text[start].isSpace())
        ++start;
    qsizetype end = start;
    while (end < text.size() && !text[end].isSpace())
        ++end;
    return { text.mid(start, end - start), start, end };
}

// [p|r[MAXACTIVE]][:[GRP/]EVENT] as the first token; false when the token is not a prefix.
std::optional<Storage::Error> parsePrefix(const Token& token, ProbeDefinition& def, bool returnOption, bool& isPrefix)
{
    static const QRegularExpression prefixRe(QStringLiteral("^([pr])(\\d*)(?::(.*))?$"));
    const auto match = prefixRe.match(token.text);
    isPrefix = match.hasMatch();
    if (!isPrefix)
        return std::nullopt;
    const bool prefixIsReturn = match.captured(1) == QLatin1String("r");
    const QString option = def.kind == ProbeDefinition::Kind::Kprobe ? (returnOption ? QStringLiteral("--kretprobe") : QStringLiteral("--kprobe"))
                                                                      : (returnOption ? QStringLiteral("--uretprobe") : QStringLiteral("--uprobe"));
    if (prefixIsReturn != returnOption)
        return at(token.start, prefixIsReturn ? Tr::tr("'r' makes a return probe, but %1 takes entry probes").arg(option)
                                              : Tr::tr("'p' makes an entry probe, but %1 takes return probes").arg(option));
    if (!match.captured(2).isEmpty()) {
        if (!prefixIsReturn || def.kind == ProbeDefinition::Kind::Uprobe)
            return at(token.start + 1, Tr::tr("MAXACTIVE is only for kretprobes (r<N>:...)"));
        def.maxActive = match.captured(2).toInt();
    }
    def.event = match.captured(3);
    return std::nullopt;
}

std::optional<Storage::Error> checkEventName(const QString& name, qsizetype column)
{
    if (name.contains(QLatin1Char('/')))
        return at(column, Tr::tr("group names are chosen by ftlens; write only the event name"));
    if (!name.isEmpty() && !isValidEventName(name))
        return at(column, Tr::tr("'%1' is not a valid event name (letters, digits, _; at most 64)").arg(name));
    return std::nullopt;
}

std::optional<Storage::Error> parseKprobePlace(const Token& token, ProbeDefinition& def)
{
    if (token.text.startsWith(QLatin1String("0x"), Qt::CaseInsensitive)) {
        def.address = number(token.text);
        return def.address ? std::nullopt : std::optional(at(token.start, Tr::tr("'%1' is not an address").arg(token.text)));
    }
    static const QRegularExpression placeRe(
        QStringLiteral("^(?:([A-Za-z_][A-Za-z0-9_-]*):)?([A-Za-z_.][A-Za-z0-9_.]*)(?:\\+(0x[0-9a-fA-F]+|\\d+))?$"));
    const auto match = placeRe.match(token.text);
    if (!match.hasMatch())
        return at(token.start, Tr::tr("'%1' is not [MOD:]SYMBOL[+OFFS] or an address").arg(token.text));
    def.module = match.captured(1);
    def.symbol = match.captured(2);
    def.offset = match.hasCaptured(3) ? number(match.captured(3)).value_or(0) : 0;
    if (def.isReturn && def.offset != 0)
        return at(token.start, Tr::tr("a return probe sits at a function's entry: no +OFFS"));
    return std::nullopt;
}

std::optional<Storage::Error> parseUprobePlace(const Token& token, ProbeDefinition& def)
{
    const qsizetype colon = token.text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0 || colon == token.text.size() - 1)
        return at(token.start, Tr::tr("the place '%1' is not PATH:SYMBOL or PATH:0xOFFSET").arg(token.text));
    def.path = token.text.left(colon);
    if (!def.path.startsWith(QLatin1Char('/')))
        return at(token.start, Tr::tr("the path '%1' is not absolute").arg(def.path));
    if (!QFileInfo(def.path).isFile())
        return at(token.start, Tr::tr("%1: no such file").arg(def.path));
    const qsizetype whereStart = token.start + colon + 1;
    def.whereColumn = whereStart;
    QString where = token.text.mid(colon + 1);
    static const QRegularExpression refRe(QStringLiteral("^(.*)\\((0x[0-9a-fA-F]+|\\d+)\\)$"));
    if (const auto ref = refRe.match(where); ref.hasMatch()) {
        def.refCtrOffset = number(ref.captured(2));
        where = ref.captured(1);
    }
    if (!where.isEmpty() && where.front().isDigit()) {
        def.fileOffset = number(where);
        return def.fileOffset ? std::nullopt : std::optional(at(whereStart, Tr::tr("'%1' is not an offset").arg(where)));
    }
    static const QRegularExpression symbolRe(QStringLiteral("^([A-Za-z_][A-Za-z0-9_.@]*)(?:\\+(0x[0-9a-fA-F]+|[0-9]+))?$"));
    const auto match = symbolRe.match(where);
    if (!match.hasMatch())
        return at(whereStart, Tr::tr("'%1' is not a symbol name or SYMBOL+OFFSET").arg(where));
    def.symbol = match.captured(1);
    def.offset = match.hasCaptured(2) ? number(match.captured(2)).value_or(0) : 0;
    return std::nullopt;
}
} // namespace

QString machineArch()
{
    utsname uts {};
    uname(&uts);
    return QString::fromLatin1(uts.machine);
}

Storage::Result<ProbeDefinition> parseProbeDefinition(const QString& text, ProbeDefinition::Kind kind, bool returnOption,
    const QString& arch)
{
    // A control character (NUL above all) in an immediate string or a path would cut or split
    // the line the kernel reads after ftlens validated it: none may reach the kernel.
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i].category() == QChar::Other_Control && !text[i].isSpace()) {
            const QString code = QStringLiteral("%1").arg(text[i].unicode(), 4, 16, QLatin1Char('0')).toUpper();
            return at(i, Tr::tr("control character U+%1 in the definition").arg(code));
        }
    }
    ProbeDefinition def;
    def.kind = kind;
    def.isReturn = returnOption;
    Token token = nextToken(text, 0);
    if (token.text.isEmpty())
        return Storage::Error { Tr::tr("empty probe definition") };
    bool isPrefix = false;
    if (auto error = parsePrefix(token, def, returnOption, isPrefix))
        return *error;
    qsizetype nameColumn = token.start + 2;
    const bool placeFirst = kind == ProbeDefinition::Kind::Uprobe ? token.text.contains(QLatin1Char(':'))
                                                                   : (token.text.contains(QLatin1Char('+'))
                                                                         || token.text.startsWith(QLatin1String("0x")));
    if (!isPrefix && !placeFirst) {
        // "EVENT PLACE ..." unless the single word is the place itself (a kprobe on SYMBOL).
        const Token following = nextToken(text, token.end);
        const bool followingIsPlace = !following.text.isEmpty() && !following.text.contains(QLatin1Char('='))
            && !following.text.startsWith(QLatin1Char('%')) && !following.text.startsWith(QLatin1Char('$'))
            && !following.text.startsWith(QLatin1Char('+')) && !following.text.startsWith(QLatin1Char('@'))
            && !following.text.startsWith(QLatin1Char('-'));
        if (followingIsPlace) {
            def.event = token.text;
            nameColumn = token.start;
            isPrefix = true;
        }
    }
    if (auto error = checkEventName(def.event, nameColumn))
        return *error;
    if (isPrefix)
        token = nextToken(text, token.end);
    if (token.text.isEmpty())
        return at(text.size(), kind == ProbeDefinition::Kind::Uprobe ? Tr::tr("the place PATH:SYMBOL or PATH:0xOFFSET is missing")
                                                                     : Tr::tr("the place SYMBOL[+OFFS] or MEMADDR is missing"));
    if (auto error = kind == ProbeDefinition::Kind::Uprobe ? parseUprobePlace(token, def) : parseKprobePlace(token, def))
        return *error;
    const FetchContext context { kind == ProbeDefinition::Kind::Uprobe ? FetchContext::Kind::Uprobe : FetchContext::Kind::Kprobe,
        def.isReturn, def.offset == 0 && !def.address, arch.isEmpty() ? machineArch() : arch };
    auto args = parseFetchArgs(text, token.end, context);
    if (!args)
        return args.error();
    def.args = std::move(args.value());
    return def;
}

QString ProbeDefinition::defaultEventName() const
{
    QString base = !symbol.isEmpty() ? symbol.section(QLatin1Char('@'), 0, 0)
        : kind == Kind::Uprobe       ? QStringLiteral("p_%1_0x%2").arg(QFileInfo(path).completeBaseName(), QString::number(fileOffset.value_or(0), 16))
                                     : QStringLiteral("p_0x%1").arg(address.value_or(0), 0, 16);
    if (!symbol.isEmpty() && offset != 0)
        base += QStringLiteral("_%1").arg(offset);
    base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_]")), QStringLiteral("_"));
    if (base.isEmpty() || base.front().isDigit())
        base.prepend(QLatin1Char('p'));
    // Event names are at most 64 characters; long (C++ mangled) symbols are cut.
    return isReturn ? base.left(56) + QLatin1String("__return") : base.left(64);
}

QByteArray ProbeDefinition::kernelLine(const QString& group, const QString& kernelPath) const
{
    const QString name = event.isEmpty() ? defaultEventName() : event;
    QString line = (isReturn ? QStringLiteral("r") : QStringLiteral("p")) + (maxActive > 0 ? QString::number(maxActive) : QString())
        + QLatin1Char(':') + group + QLatin1Char('/') + name + QLatin1Char(' ');
    if (kind == Kind::Uprobe) {
        // Concatenated, never through arg(): a path may hold "%1" or "%2" itself.
        line += (kernelPath.isEmpty() ? path : kernelPath) + QLatin1String(":0x") + QString::number(fileOffset.value_or(0), 16);
        if (refCtrOffset)
            line += QStringLiteral("(0x%1)").arg(*refCtrOffset, 0, 16);
    } else if (address) {
        line += QStringLiteral("0x%1").arg(*address, 0, 16);
    } else {
        line += (module.isEmpty() ? QString() : module + QLatin1Char(':')) + symbol
            + (offset ? QStringLiteral("+%1").arg(offset) : QString());
    }
    for (const FetchArg& arg : args)
        line += QLatin1Char(' ') + arg.text();
    return line.toUtf8();
}

} // namespace Recorder
