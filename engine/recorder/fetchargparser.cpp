// SPDX-License-Identifier: GPL-3.0-or-later
#include "fetchargparser.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Recorder {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Recorder)
};

// The kernel's limit on array fetch arguments (MAX_ARRAY_LEN).
constexpr int maxArrayLength = 64;

// Thrown-free recursive descent over one token; `pos` indexes the whole definition.
class FetchParser {
public:
    FetchParser(const QString& text, const FetchContext& context)
        : m_text(text)
        , m_context(context)
    {
    }

    // Parses FETCHARG at pos; on success pos is past it. Sets m_error otherwise.
    bool parseFetch(qsizetype& pos, qsizetype end, bool nested);
    bool isMemoryReference() const { return m_lastKind == Kind::Memory; }
    bool isComm() const { return m_lastKind == Kind::Comm; }
    bool isImmediateString() const { return m_lastKind == Kind::ImmediateString; }
    const QString& error() const { return m_error; }
    bool fail(qsizetype pos, const QString& message)
    {
        m_error = Tr::tr("column %1: %2").arg(pos + 1).arg(message);
        return false;
    }

private:
    enum class Kind { Register, Memory, Variable, Comm, Immediate, ImmediateString };
    bool parseRegister(qsizetype& pos, qsizetype end);
    bool parseAt(qsizetype& pos, qsizetype end);
    bool parseVariable(qsizetype& pos, qsizetype end);
    bool parseImmediate(qsizetype& pos, qsizetype end);
    bool parseDereference(qsizetype& pos, qsizetype end);
    bool parseNumber(qsizetype& pos, qsizetype end);
    QString word(qsizetype pos, qsizetype end, const QString& extra = {}) const;

    const QString& m_text;
    const FetchContext& m_context;
    QString m_error;
    Kind m_lastKind = Kind::Register;
};

QString FetchParser::word(qsizetype pos, qsizetype end, const QString& extra) const
{
    qsizetype i = pos;
    while (i < end && (m_text[i].isLetterOrNumber() || m_text[i] == QLatin1Char('_') || extra.contains(m_text[i])))
        ++i;
    return m_text.mid(pos, i - pos);
}

bool FetchParser::parseNumber(qsizetype& pos, qsizetype end)
{
    const bool hex = m_text.mid(pos, 2).compare(QLatin1String("0x"), Qt::CaseInsensitive) == 0;
    qsizetype i = hex ? pos + 2 : pos;
    const qsizetype digitsStart = i;
    while (i < end && (hex ? isxdigit(m_text[i].toLatin1()) : m_text[i].isDigit()))
        ++i;
    if (i == digitsStart)
        return fail(pos, Tr::tr("expected a number"));
    pos = i;
    return true;
}

bool FetchParser::parseRegister(qsizetype& pos, qsizetype end)
{
    const qsizetype start = pos;
    const QString name = word(pos + 1, end);
    if (name.isEmpty())
        return fail(pos + 1, Tr::tr("expected a register name after '%'"));
    const QStringList known = registerNames(m_context.arch);
    if (!known.isEmpty() && !known.contains(name)) {
        const QString hint = name.size() > 2 && known.contains(name.mid(1)) ? Tr::tr(" (did you mean %%1?)").arg(name.mid(1))
                                                                            : QString();
        return fail(start, Tr::tr("unknown register '%%1' for %2%3").arg(name, m_context.arch, hint));
    }
    pos += 1 + name.size();
    m_lastKind = Kind::Register;
    return true;
}

bool FetchParser::parseAt(qsizetype& pos, qsizetype end)
{
    const qsizetype start = pos++;
    m_lastKind = Kind::Memory;
    if (pos < end && m_text[pos] == QLatin1Char('+')) {
        if (m_context.kind != FetchContext::Kind::Uprobe)
            return fail(start, Tr::tr("@+OFFSET (a file offset) is for uprobes only"));
        ++pos;
        return parseNumber(pos, end);
    }
    if (pos < end && m_text[pos].isDigit())
        return parseNumber(pos, end);
    const QString symbol = word(pos, end, QStringLiteral("."));
    if (symbol.isEmpty())
        return fail(pos, Tr::tr("expected an address or a symbol after '@'"));
    if (m_context.kind == FetchContext::Kind::Uprobe)
        return fail(start, Tr::tr("@SYMBOL is for kprobes only; uprobes take @ADDR or @+OFFSET"));
    pos += symbol.size();
    if (pos < end && (m_text[pos] == QLatin1Char('+') || m_text[pos] == QLatin1Char('-'))) {
        ++pos;
        return parseNumber(pos, end);
    }
    return true;
}

bool FetchParser::parseVariable(qsizetype& pos, qsizetype end)
{
    const qsizetype start = pos;
    const QString name = word(pos + 1, end);
    static const QRegularExpression stackRe(QStringLiteral("^stack(\\d*)$"));
    static const QRegularExpression argRe(QStringLiteral("^arg(\\d+)$"));
    m_lastKind = Kind::Variable;
    if (name == QLatin1String("retval")) {
        if (!m_context.isReturn)
            return fail(start, Tr::tr("$retval is only for return probes (r)"));
    } else if (name == QLatin1String("comm")) {
        m_lastKind = Kind::Comm;
    } else if (const auto arg = argRe.match(name); arg.hasMatch()) {
        if (arg.captured(1).toInt() < 1)
            return fail(start, Tr::tr("$argN counts from 1"));
        if (m_context.kind == FetchContext::Kind::Uprobe)
            return fail(start, Tr::tr("$argN is not available for uprobes; use the registers of the calling convention"));
        if (!m_context.atFunctionEntry)
            return fail(start, Tr::tr("$argN is only available at a function's entry (no +OFFSET)"));
    } else if (!stackRe.match(name).hasMatch()) {
        return fail(start, Tr::tr("unknown variable '$%1' (expected $stack, $stackN, $argN, $retval or $comm)").arg(name));
    }
    pos += 1 + name.size();
    return true;
}

bool FetchParser::parseImmediate(qsizetype& pos, qsizetype end)
{
    ++pos;
    if (pos < end && m_text[pos] == QLatin1Char('"')) {
        const qsizetype close = m_text.indexOf(QLatin1Char('"'), pos + 1);
        if (close < 0 || close >= end)
            return fail(pos, Tr::tr("unterminated immediate string"));
        pos = close + 1;
        m_lastKind = Kind::ImmediateString;
        return true;
    }
    if (pos < end && m_text[pos] == QLatin1Char('-'))
        ++pos;
    m_lastKind = Kind::Immediate;
    return parseNumber(pos, end);
}

bool FetchParser::parseDereference(qsizetype& pos, qsizetype end)
{
    ++pos; // + or -
    if (pos < end && m_text[pos] == QLatin1Char('u'))
        ++pos;
    if (!parseNumber(pos, end))
        return false;
    if (pos >= end || m_text[pos] != QLatin1Char('('))
        return fail(pos, Tr::tr("expected '(' after the offset of a dereference"));
    ++pos;
    if (!parseFetch(pos, end, true))
        return false;
    if (pos >= end || m_text[pos] != QLatin1Char(')'))
        return fail(pos, Tr::tr("expected ')'"));
    ++pos;
    m_lastKind = Kind::Memory;
    return true;
}

bool FetchParser::parseFetch(qsizetype& pos, qsizetype end, bool nested)
{
    if (pos >= end)
        return fail(pos, Tr::tr("expected a fetch argument"));
    switch (m_text[pos].toLatin1()) {
    case '%':
        return parseRegister(pos, end);
    case '@':
        return parseAt(pos, end);
    case '$':
        return parseVariable(pos, end);
    case '\\':
        if (nested)
            return fail(pos, Tr::tr("an immediate value cannot be dereferenced"));
        return parseImmediate(pos, end);
    case '+':
    case '-':
        return parseDereference(pos, end);
    default:
        return fail(pos, Tr::tr("expected %REG, @ADDR, @SYMBOL, $stack, $argN, $retval, $comm, \\IMM or +|-OFFS(FETCHARG)"));
    }
}

// TYPE: a basic type, bN@O/C, optionally [N]. `column` is the type's first character.
std::optional<QString> checkType(const QString& type, qsizetype column, const FetchParser& fetch, const FetchContext& context)
{
    static const QRegularExpression arrayRe(QStringLiteral("^(.*)\\[(\\d+)\\]$"));
    QString base = type;
    if (const auto array = arrayRe.match(type); array.hasMatch()) {
        const int length = array.captured(2).toInt();
        if (length < 1 || length > maxArrayLength)
            return Tr::tr("column %1: array length %2 is not between 1 and %3").arg(column + 1).arg(length).arg(maxArrayLength);
        base = array.captured(1);
    }
    static const QStringList basic { QStringLiteral("u8"), QStringLiteral("u16"), QStringLiteral("u32"), QStringLiteral("u64"),
        QStringLiteral("s8"), QStringLiteral("s16"), QStringLiteral("s32"), QStringLiteral("s64"), QStringLiteral("x8"),
        QStringLiteral("x16"), QStringLiteral("x32"), QStringLiteral("x64"), QStringLiteral("char"), QStringLiteral("symbol"),
        QStringLiteral("%pd"), QStringLiteral("%pD") };
    static const QStringList strings { QStringLiteral("string"), QStringLiteral("ustring"), QStringLiteral("symstr") };
    static const QRegularExpression bitfieldRe(QStringLiteral("^b(\\d+)@(\\d+)/(\\d+)$"));
    if (base == QLatin1String("symstr") && context.kind == FetchContext::Kind::Uprobe)
        return Tr::tr("column %1: '%2' is for kprobes only").arg(column + 1).arg(base);
    if (strings.contains(base)) {
        if (!fetch.isMemoryReference() && !fetch.isComm() && !fetch.isImmediateString())
            return Tr::tr("column %1: '%2' needs a memory reference such as +0(%di), @ADDR or $comm").arg(column + 1).arg(base);
        return std::nullopt;
    }
    if (fetch.isComm())
        return Tr::tr("column %1: $comm is a string: its type can only be string").arg(column + 1);
    // These resolve kernel symbols and dentries: the kernel takes them for kprobes only.
    static const QStringList kernelOnly { QStringLiteral("symbol"), QStringLiteral("%pd"), QStringLiteral("%pD") };
    if (context.kind == FetchContext::Kind::Uprobe && kernelOnly.contains(base))
        return Tr::tr("column %1: '%2' is for kprobes only").arg(column + 1).arg(base);
    if (basic.contains(base))
        return std::nullopt;
    if (const auto bits = bitfieldRe.match(base); bits.hasMatch()) {
        const int width = bits.captured(1).toInt();
        const int offset = bits.captured(2).toInt();
        const int container = bits.captured(3).toInt();
        if (container != 8 && container != 16 && container != 32 && container != 64)
            return Tr::tr("column %1: a bitfield's container is 8, 16, 32 or 64 bits, not %2").arg(column + 1).arg(container);
        if (width < 1 || width + offset > container)
            return Tr::tr("column %1: %2 bits at bit %3 do not fit in %4 bits").arg(column + 1).arg(width).arg(offset).arg(container);
        return std::nullopt;
    }
    return Tr::tr("column %1: unknown type '%2' (u8..u64, s8..s64, x8..x64, char, string, ustring, symbol, symstr, "
                  "%pd, %pD, bWIDTH@OFFSET/SIZE, TYPE[N])")
        .arg(column + 1)
        .arg(base);
}

Storage::Result<FetchArg> parseOne(const QString& text, qsizetype start, qsizetype end, const FetchContext& context)
{
    FetchArg arg;
    arg.column = int(start + 1);
    qsizetype pos = start;
    static const QRegularExpression nameRe(QStringLiteral("^([A-Za-z_][A-Za-z0-9_]*)="));
    const QString token = text.mid(start, end - start);
    if (const auto name = nameRe.match(token); name.hasMatch()) {
        arg.name = name.captured(1);
        pos += name.capturedLength(0);
    } else if (const qsizetype eq = token.indexOf(QLatin1Char('=')); eq >= 0 && !token.startsWith(QLatin1Char('\\'))) {
        return Storage::Error { Tr::tr("column %1: '%2' is not an argument name (letters, digits, _)")
                                    .arg(start + 1)
                                    .arg(token.left(eq)) };
    }
    FetchParser parser(text, context);
    const qsizetype fetchStart = pos;
    if (!parser.parseFetch(pos, end, false))
        return Storage::Error { parser.error() };
    arg.fetch = text.mid(fetchStart, pos - fetchStart);
    if (pos < end) {
        if (text[pos] != QLatin1Char(':'))
            return Storage::Error { Tr::tr("column %1: unexpected '%2' after the fetch argument").arg(pos + 1).arg(text[pos]) };
        arg.type = text.mid(pos + 1, end - pos - 1);
        if (arg.type.isEmpty())
            return Storage::Error { Tr::tr("column %1: expected a type after ':'").arg(pos + 2) };
        if (auto problem = checkType(arg.type, pos + 1, parser, context))
            return Storage::Error { *problem };
    } else if (parser.isComm()) {
        arg.type = QStringLiteral("string");
    }
    return arg;
}
} // namespace

QString FetchArg::text() const
{
    QString out = name.isEmpty() ? fetch : name + QLatin1Char('=') + fetch;
    return type.isEmpty() ? out : out + QLatin1Char(':') + type;
}

QStringList registerNames(const QString& arch)
{
    if (arch == QLatin1String("x86_64"))
        return { QStringLiteral("ax"), QStringLiteral("bx"), QStringLiteral("cx"), QStringLiteral("dx"), QStringLiteral("si"),
            QStringLiteral("di"), QStringLiteral("bp"), QStringLiteral("sp"), QStringLiteral("r8"), QStringLiteral("r9"),
            QStringLiteral("r10"), QStringLiteral("r11"), QStringLiteral("r12"), QStringLiteral("r13"), QStringLiteral("r14"),
            QStringLiteral("r15"), QStringLiteral("ip"), QStringLiteral("flags"), QStringLiteral("cs"), QStringLiteral("ss"),
            QStringLiteral("ds"), QStringLiteral("es"), QStringLiteral("fs"), QStringLiteral("gs"), QStringLiteral("orig_ax") };
    if (arch == QLatin1String("aarch64") || arch == QLatin1String("arm64")) {
        QStringList names;
        for (int i = 0; i <= 30; ++i)
            names << QStringLiteral("x%1").arg(i);
        return names << QStringLiteral("sp") << QStringLiteral("pc") << QStringLiteral("pstate");
    }
    return {}; // unknown: the kernel decides
}

Storage::Result<std::vector<FetchArg>> parseFetchArgs(const QString& definition, qsizetype from, const FetchContext& context)
{
    std::vector<FetchArg> args;
    qsizetype pos = from;
    while (pos < definition.size()) {
        while (pos < definition.size() && definition[pos].isSpace())
            ++pos;
        if (pos >= definition.size())
            break;
        qsizetype end = pos;
        while (end < definition.size() && !definition[end].isSpace())
            ++end;
        auto arg = parseOne(definition, pos, end, context);
        if (!arg)
            return arg.error();
        for (const FetchArg& other : args) {
            if (!arg->name.isEmpty() && other.name == arg->name)
                return Storage::Error { Tr::tr("column %1: a second argument named '%2'").arg(pos + 1).arg(arg->name) };
        }
        args.push_back(arg.value());
        pos = end;
    }
    return args;
}

} // namespace Recorder
