// SPDX-License-Identifier: GPL-3.0-or-later
#include "filterexpression.h"

#include <QCoreApplication>

#include <algorithm>
#include <optional>
#include <vector>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

enum class TokenKind { End, Name, Integer, String, Compare, And, Or, Not, Open, Close, Invalid };

struct Token {
    TokenKind kind = TokenKind::End;
    int column = 1; // 1-based
    QString text;   // as written (for messages), or the decoded string
    SqlValue value;
    FilterExpression::Op op = FilterExpression::Op::Eq;
};

bool isNameStart(QChar c) { return c.isLetter() || c == QLatin1Char('_'); }
bool isNameChar(QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('_'); }

// Why the syntax error: set by the tokenizer for malformed literals.
struct LexError {
    int column = 0;
    QString message;
};

// Splits the text into tokens; stops at the first malformed one.
class Lexer {
public:
    explicit Lexer(const QString& text)
        : m_text(text)
    {
    }
    Token next();
    LexError error;

private:
    Token make(TokenKind kind, int start, int length);
    Token number(int start);
    Token string(int start);
    Token fail(int column, const QString& message);

    const QString& m_text;
    int m_pos = 0;
};

Token Lexer::make(TokenKind kind, int start, int length)
{
    Token token;
    token.kind = kind;
    token.column = start + 1;
    token.text = m_text.mid(start, length);
    m_pos = start + length;
    return token;
}

Token Lexer::fail(int column, const QString& message)
{
    error = { column, message };
    Token token;
    token.kind = TokenKind::Invalid;
    token.column = column;
    return token;
}

Token Lexer::next()
{
    while (m_pos < m_text.size() && m_text.at(m_pos).isSpace())
        ++m_pos;
    const int start = m_pos;
    if (start >= m_text.size())
        return make(TokenKind::End, start, 0);
    const QChar c = m_text.at(start);
    const QChar c2 = start + 1 < m_text.size() ? m_text.at(start + 1) : QChar();
    using Op = FilterExpression::Op;
    auto compare = [&](Op op, int length) {
        Token token = make(TokenKind::Compare, start, length);
        token.op = op;
        return token;
    };
    if (isNameStart(c)) {
        int end = start + 1;
        while (end < m_text.size() && isNameChar(m_text.at(end)))
            ++end;
        return make(TokenKind::Name, start, end - start);
    }
    if (c.isDigit() || (c == QLatin1Char('-') && c2.isDigit()))
        return number(start);
    switch (c.unicode()) {
    case '"':
        return string(start);
    case '(':
        return make(TokenKind::Open, start, 1);
    case ')':
        return make(TokenKind::Close, start, 1);
    case '~':
        return compare(Op::Glob, 1);
    case '=':
        return c2 == QLatin1Char('=') ? compare(Op::Eq, 2) : fail(start + 1, Tr::tr("'=' is not an operator; use '=='"));
    case '!':
        if (c2 == QLatin1Char('='))
            return compare(Op::Ne, 2);
        if (c2 == QLatin1Char('~'))
            return compare(Op::NotGlob, 2);
        return make(TokenKind::Not, start, 1);
    case '<':
        return c2 == QLatin1Char('=') ? compare(Op::Le, 2) : compare(Op::Lt, 1);
    case '>':
        return c2 == QLatin1Char('=') ? compare(Op::Ge, 2) : compare(Op::Gt, 1);
    case '&':
        return c2 == QLatin1Char('&') ? make(TokenKind::And, start, 2) : fail(start + 1, Tr::tr("'&' is not an operator; use '&&'"));
    case '|':
        return c2 == QLatin1Char('|') ? make(TokenKind::Or, start, 2) : fail(start + 1, Tr::tr("'|' is not an operator; use '||'"));
    default:
        return fail(start + 1, Tr::tr("unexpected character '%1'").arg(c));
    }
}

Token Lexer::number(int start)
{
    int end = start + 1;
    while (end < m_text.size() && (m_text.at(end).isLetterOrNumber() || m_text.at(end) == QLatin1Char('_')))
        ++end;
    Token token = make(TokenKind::Integer, start, end - start);
    const bool negative = token.text.startsWith(QLatin1Char('-'));
    const QString digits = negative ? token.text.mid(1) : token.text;
    bool ok = false;
    if (digits.startsWith(QLatin1String("0x"), Qt::CaseInsensitive)) {
        // Hex covers the whole 64 bits (addresses, masks): stored reinterpreted, as the file does.
        const std::uint64_t bits = digits.mid(2).toULongLong(&ok, 16);
        const auto value = static_cast<std::int64_t>(bits);
        token.value = negative ? static_cast<std::int64_t>(0 - bits) : value;
        ok = ok && digits.size() > 2;
    } else {
        token.value = token.text.toLongLong(&ok, 10);
    }
    if (!ok)
        return fail(start + 1, Tr::tr("'%1' is not an integer (or is out of range)").arg(token.text));
    return token;
}

Token Lexer::string(int start)
{
    QString decoded;
    for (int i = start + 1; i < m_text.size(); ++i) {
        const QChar c = m_text.at(i);
        if (c == QLatin1Char('"')) {
            Token token = make(TokenKind::String, start, i + 1 - start);
            token.value = decoded.toStdString();
            token.text = decoded;
            return token;
        }
        if (c != QLatin1Char('\\')) {
            decoded += c;
            continue;
        }
        if (++i >= m_text.size())
            break;
        switch (m_text.at(i).unicode()) {
        case '"':
        case '\\':
            decoded += m_text.at(i);
            break;
        case 'n':
            decoded += QLatin1Char('\n');
            break;
        case 't':
            decoded += QLatin1Char('\t');
            break;
        default:
            return fail(i, Tr::tr("unknown escape '\\%1' in a string").arg(m_text.at(i)));
        }
    }
    return fail(start + 1, Tr::tr("string not terminated (missing '\"')"));
}

QString describe(const Token& token)
{
    return token.kind == TokenKind::End ? Tr::tr("the end") : QLatin1Char('\'') + token.text + QLatin1Char('\'');
}
} // namespace

// Recursive descent over: or := and ('||' and)*; and := unary ('&&' unary)*;
// unary := '!' unary | '(' or ')' | NAME OP VALUE.
class FilterParser {
public:
    FilterParser(const QString& text, FilterExpression& out)
        : m_lexer(text)
        , m_out(out)
    {
        advance();
    }

    void run()
    {
        if (m_token.kind == TokenKind::End)
            return;
        const int root = parseOr();
        if (root >= 0 && m_token.kind != TokenKind::End)
            fail(m_token.column, Tr::tr("unexpected %1 after the expression").arg(describe(m_token)));
        if (!failed())
            m_out.m_root = root;
        else
            m_out.m_nodes.clear();
    }

private:
    using Node = FilterExpression::Node;

    bool failed() const { return m_out.m_errorColumn != 0; }
    void advance()
    {
        m_token = m_lexer.next();
        if (m_token.kind == TokenKind::Invalid)
            fail(m_lexer.error.column, m_lexer.error.message);
    }
    int fail(int column, const QString& message)
    {
        if (!failed()) {
            m_out.m_errorColumn = column;
            m_out.m_errorMessage = message;
        }
        return -1;
    }
    int add(Node node)
    {
        m_out.m_nodes.push_back(std::move(node));
        return static_cast<int>(m_out.m_nodes.size()) - 1;
    }
    int binary(Node::Kind kind, int left, int right)
    {
        // The SQL an expression becomes nests as deep as its tree, and SQLite's parser stack
        // overflows at about 90 levels (a long '!!!…', found by fuzz_filterexpression).
        // A chain of one operator is written flat (compileNode): it does not nest.
        const bool chain = (kind == Node::Kind::And || kind == Node::Kind::Or) && left >= 0
            && m_out.m_nodes[std::size_t(left)].kind == kind;
        const int depth = std::max(chain ? depthOf(left) : 1 + depthOf(left), 1 + depthOf(right));
        if (depth > maxDepth)
            return fail(m_token.column, Tr::tr("the expression nests deeper than %1 levels").arg(maxDepth));
        m_depths.resize(m_out.m_nodes.size() + 1, 1);
        m_depths.back() = depth;
        Node node;
        node.kind = kind;
        node.left = left;
        node.right = right;
        return add(std::move(node));
    }

    int parseOr()
    {
        int left = parseAnd();
        while (!failed() && m_token.kind == TokenKind::Or) {
            const Token op = m_token;
            advance();
            const int right = operand(op, [this] { return parseAnd(); });
            left = failed() ? -1 : binary(Node::Kind::Or, left, right);
        }
        return failed() ? -1 : left;
    }

    int parseAnd()
    {
        int left = parseUnary();
        while (!failed() && m_token.kind == TokenKind::And) {
            const Token op = m_token;
            advance();
            const int right = operand(op, [this] { return parseUnary(); });
            left = failed() ? -1 : binary(Node::Kind::And, left, right);
        }
        return failed() ? -1 : left;
    }

    // The right operand of `op`, with a message naming op when it is missing.
    template <typename Parse>
    int operand(const Token& op, Parse parse)
    {
        if (!failed() && m_token.kind == TokenKind::End)
            return fail(m_token.column, Tr::tr("expected a comparison after '%1'").arg(op.text));
        return parse();
    }

    int depthOf(int node) const { return node >= 0 && std::size_t(node) < m_depths.size() ? m_depths[std::size_t(node)] : 1; }

    int parseUnary()
    {
        if (failed())
            return -1;
        // Each '!' and '(' recurses: bounded before the stack is.
        if ((m_token.kind == TokenKind::Not || m_token.kind == TokenKind::Open) && m_nesting >= maxDepth)
            return fail(m_token.column, Tr::tr("the expression nests deeper than %1 levels").arg(maxDepth));
        struct Nesting {
            int& n;
            explicit Nesting(int& counter) : n(++counter) { }
            ~Nesting() { --n; }
        } nesting(m_nesting);
        if (m_token.kind == TokenKind::Not) {
            const Token op = m_token;
            advance();
            const int inner = operand(op, [this] { return parseUnary(); });
            return failed() ? -1 : binary(Node::Kind::Not, inner, -1);
        }
        if (m_token.kind == TokenKind::Open) {
            const Token open = m_token;
            advance();
            const int inner = operand(open, [this] { return parseOr(); });
            if (failed())
                return -1;
            if (m_token.kind != TokenKind::Close)
                return fail(m_token.column,
                    Tr::tr("expected ')' for the '(' at column %1, found %2").arg(open.column).arg(describe(m_token)));
            advance();
            return inner;
        }
        return parseComparison();
    }

    int parseComparison()
    {
        if (m_token.kind != TokenKind::Name)
            return fail(m_token.column, Tr::tr("expected a field name, found %1").arg(describe(m_token)));
        Node node;
        node.field = m_token.text;
        advance();
        if (failed())
            return -1;
        if (m_token.kind != TokenKind::Compare)
            return fail(m_token.column,
                Tr::tr("expected a comparison operator (== != < <= > >= ~ !~) after '%1', found %2")
                    .arg(node.field, describe(m_token)));
        const Token op = m_token;
        node.op = op.op;
        advance();
        if (failed())
            return -1;
        if (m_token.kind != TokenKind::Integer && m_token.kind != TokenKind::String)
            return fail(m_token.column, Tr::tr("expected a value after '%1'").arg(op.text));
        node.value = m_token.value;
        advance();
        return failed() ? -1 : add(std::move(node));
    }

    static constexpr int maxDepth = 64;
    Lexer m_lexer;
    FilterExpression& m_out;
    std::vector<int> m_depths; // tree depth of each node, by index (1 for a comparison)
    int m_nesting = 0;
    Token m_token;
};

FilterExpression FilterExpression::parse(const QString& text)
{
    FilterExpression expression;
    FilterParser(text, expression).run();
    return expression;
}

QString FilterExpression::errorText() const
{
    return isValid() ? QString() : Tr::tr("column %1: %2").arg(m_errorColumn).arg(m_errorMessage);
}

QStringList FilterExpression::fieldNames() const
{
    QStringList names;
    for (const Node& node : m_nodes) {
        if (node.kind == Node::Kind::Compare && !names.contains(node.field))
            names << node.field;
    }
    return names;
}

int bindSqlValues(Statement& statement, const std::vector<SqlValue>& values, int first)
{
    for (const SqlValue& value : values) {
        if (const auto* i = std::get_if<std::int64_t>(&value))
            statement.bindInt(first++, *i);
        else
            statement.bindText(first++, std::get<std::string>(value));
    }
    return first;
}

// Compiling: SQL text plus which truth values it can take (Kleene logic), so that a type whose
// expression can never be true is skipped without reading its table.
namespace {
enum Truth { CanBeTrue = 1, CanBeFalse = 2, CanBeUnknown = 4 };

const char* sqlOperator(FilterExpression::Op op)
{
    using Op = FilterExpression::Op;
    switch (op) {
    case Op::Eq:
        return " = ";
    case Op::Ne:
        return " != ";
    case Op::Lt:
        return " < ";
    case Op::Le:
        return " <= ";
    case Op::Gt:
        return " > ";
    case Op::Ge:
        return " >= ";
    case Op::Glob:
    case Op::NotGlob:
        return " GLOB ";
    }
    return " = ";
}

// What a name refers to in one event type: an integer expression, or a string id expression
// with its text, or nothing.
struct Operand {
    enum class Kind { Missing, Number, Text };
    Kind kind = Kind::Missing;
    bool common = false;   // a column of `event`, not of the type's table
    std::string numberSql; // Number
    std::string idSql;     // Text: string id (may be empty when there is none, e.g. blobs)
    std::string textSql;   // Text (and Number rendered as text)
};

Operand resolve(const QString& name, const EventTypeInfo& type, const std::string& f, const std::string& e)
{
    Operand operand;
    for (const FieldInfo& field : type.fields) {
        if (field.name != name)
            continue;
        const std::string column = f + "." + quoteIdentifier(field.name.toStdString());
        switch (field.storage) {
        case Schema::FieldStorage::Int:
        case Schema::FieldStorage::UInt:
            operand.kind = Operand::Kind::Number;
            operand.numberSql = column;
            operand.textSql = "CAST(" + column + " AS TEXT)";
            break;
        case Schema::FieldStorage::Text:
            operand.kind = Operand::Kind::Text;
            operand.idSql = column;
            operand.textSql = "(SELECT str FROM string WHERE id = " + column + ")";
            break;
        case Schema::FieldStorage::Blob:
            operand.kind = Operand::Kind::Text;
            operand.textSql = "lower(hex(" + column + "))";
            break;
        }
        return operand;
    }
    QString common = name;
    if (common.startsWith(QLatin1String("common_")))
        common = common.mid(7);
    operand.common = true;
    if (common == QLatin1String("cpu") || common == QLatin1String("pid") || common == QLatin1String("ts")) {
        operand.kind = Operand::Kind::Number;
        operand.numberSql = e + "." + common.toStdString();
        operand.textSql = "CAST(" + operand.numberSql + " AS TEXT)";
    } else if (common == QLatin1String("comm")) {
        operand.kind = Operand::Kind::Text;
        operand.idSql = "(SELECT comm_id FROM task WHERE pid = " + e + ".pid)";
        operand.textSql = "(SELECT str FROM string WHERE id = " + operand.idSql + ")";
    }
    return operand;
}

// Integers written as strings ("42") compare as numbers with numeric fields.
std::optional<std::int64_t> asInteger(const SqlValue& value)
{
    if (const auto* i = std::get_if<std::int64_t>(&value))
        return *i;
    bool ok = false;
    const qlonglong n = QString::fromStdString(std::get<std::string>(value)).toLongLong(&ok, 10);
    return ok ? std::optional<std::int64_t>(n) : std::nullopt;
}

std::string asText(const SqlValue& value)
{
    if (const auto* i = std::get_if<std::int64_t>(&value))
        return std::to_string(*i);
    return std::get<std::string>(value);
}
} // namespace

struct FilterExpression::Compiled {
    std::string sql;
    std::vector<SqlValue> params;
    int truth = CanBeTrue | CanBeFalse | CanBeUnknown;
    bool usesEvent = false;
};

FilterExpression::Compiled FilterExpression::compileNode(
    int index, const EventTypeInfo& type, const std::string& f, const std::string& e) const
{
    const Node& node = m_nodes[static_cast<std::size_t>(index)];
    Compiled out;
    if (node.kind == Node::Kind::Not) {
        Compiled inner = compileNode(node.left, type, f, e);
        out.sql = "NOT " + inner.sql;
        out.params = std::move(inner.params);
        out.usesEvent = inner.usesEvent;
        out.truth = (inner.truth & CanBeUnknown) | ((inner.truth & CanBeTrue) ? CanBeFalse : 0)
            | ((inner.truth & CanBeFalse) ? CanBeTrue : 0);
        return out;
    }
    if (node.kind == Node::Kind::And || node.kind == Node::Kind::Or) {
        Compiled left = compileNode(node.left, type, f, e);
        Compiled right = compileNode(node.right, type, f, e);
        const bool isAnd = node.kind == Node::Kind::And;
        // A chain of one operator (a || b || c …, left-nested by the parser) is written flat:
        // SQLite's parser stack overflows at about 90 nested parentheses.
        std::string leftSql = std::move(left.sql);
        if (m_nodes[std::size_t(node.left)].kind == node.kind && leftSql.size() >= 2)
            leftSql = leftSql.substr(1, leftSql.size() - 2);
        out.sql = "(" + leftSql + (isAnd ? " AND " : " OR ") + right.sql + ")";
        out.params = std::move(left.params);
        out.params.insert(out.params.end(), right.params.begin(), right.params.end());
        out.usesEvent = left.usesEvent || right.usesEvent;
        const int l = left.truth;
        const int r = right.truth;
        // Kleene: AND is true only if both can be, false if either can be; OR the mirror image.
        const int dominant = isAnd ? CanBeFalse : CanBeTrue; // one side decides alone
        const int weak = isAnd ? CanBeTrue : CanBeFalse;     // both sides must agree
        const bool unknown = ((l & CanBeUnknown) && (r & (weak | CanBeUnknown)))
            || ((r & CanBeUnknown) && (l & (weak | CanBeUnknown)));
        out.truth = (((l | r) & dominant) ? dominant : 0) | ((l & r & weak) ? weak : 0) | (unknown ? CanBeUnknown : 0);
        return out;
    }
    const Operand operand = resolve(node.field, type, f, e);
    if (operand.kind == Operand::Kind::Missing) {
        out.sql = "NULL";
        out.truth = CanBeUnknown;
        return out;
    }
    out.usesEvent = operand.common;
    const bool glob = node.op == Op::Glob || node.op == Op::NotGlob;
    const std::optional<std::int64_t> number = asInteger(node.value);
    if (!operand.idSql.empty() && node.op != Op::Eq && !(operand.kind == Operand::Kind::Number && number && !glob)) {
        // Other comparisons on interned strings: the matching ids, found once in `string`, not
        // a string lookup per row.
        out.sql = "(" + operand.idSql + " IN (SELECT id FROM string WHERE str" + (node.op == Op::NotGlob ? " NOT" : "")
            + sqlOperator(node.op) + "?))";
        out.params.emplace_back(asText(node.value));
    } else if (glob) {
        out.sql = (node.op == Op::NotGlob ? "(NOT " : "(") + operand.textSql + " GLOB ?)";
        out.params.emplace_back(asText(node.value));
    } else if (operand.kind == Operand::Kind::Number && number) {
        out.sql = "(" + operand.numberSql + sqlOperator(node.op) + "?)";
        out.params.emplace_back(*number);
    } else if (node.op == Op::Eq && !operand.idSql.empty()) {
        // Equality on an interned string is an id comparison (one index lookup, not a string per row).
        out.sql = "(" + operand.idSql + " = (SELECT id FROM string WHERE str = ?))";
        out.params.emplace_back(asText(node.value));
    } else {
        out.sql = "(" + operand.textSql + sqlOperator(node.op) + "?)";
        out.params.emplace_back(asText(node.value));
    }
    return out;
}

SqlFragment FilterExpression::compile(const EventTypeInfo& type, const std::string& fieldAlias,
    const std::string& eventAlias) const
{
    SqlFragment fragment;
    if (!isValid()) {
        fragment.sql = "0";
        fragment.alwaysFalse = true;
        return fragment;
    }
    if (m_root < 0) {
        fragment.sql = "1";
        return fragment;
    }
    Compiled compiled = compileNode(m_root, type, fieldAlias, eventAlias);
    fragment.alwaysFalse = !(compiled.truth & CanBeTrue);
    fragment.sql = fragment.alwaysFalse ? std::string("0") : std::move(compiled.sql);
    if (!fragment.alwaysFalse) {
        fragment.params = std::move(compiled.params);
        fragment.usesEvent = compiled.usesEvent;
    }
    return fragment;
}

} // namespace Storage
