// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordingreader.h"

#include <QString>

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace Storage {

// A value bound to one `?` of a compiled SQL fragment, in order of appearance.
using SqlValue = std::variant<std::int64_t, std::string>;

// A piece of SQL with anonymous `?` parameters and their values, in order.
struct SqlFragment {
    std::string sql;
    std::vector<SqlValue> params;
    // True when no event of the type can match (the type's table need not be read at all).
    bool alwaysFalse = false;
    // True when it reads the `event` row (cpu, pid, ts, comm), so the query must join it.
    bool usesEvent = false;
};

// Binds the values of fragments in order, starting at `?` number `first`; returns the next number.
int bindSqlValues(Statement& statement, const std::vector<SqlValue>& values, int first = 1);

// A field expression over events: comparisons `FIELD OP VALUE` (== != < <= > >= on numbers and
// strings, ~ and !~ for globs), combined with && || ! and parentheses. Values are integers
// (decimal, 0x hex, negative) or double-quoted strings (\" \\ \n \t escapes). Fields are the
// kernel's field names of the event types, plus the common columns cpu, pid, comm, ts (a type's
// own field of that name wins; common_cpu, common_pid, common_comm, common_ts always mean the
// common column).
//
// A comparison on a field the type does not have is unknown, like SQL NULL: never true, and its
// negation is not true either, so an expression needing that field is false for the type (mixed
// types filter naturally), while `comm == "bash" || prev_state == 1` still matches other types'
// events of bash. Fields that are NULL in a row behave the same way.
//
// A plain value, parsed once (GUI thread) and compiled on any thread.
class FilterExpression {
public:
    enum class Op { Eq, Ne, Lt, Le, Gt, Ge, Glob, NotGlob };

    // Parses text; an empty or blank text is the valid expression that matches everything.
    static FilterExpression parse(const QString& text);

    bool isValid() const { return m_errorColumn == 0; }
    bool isEmpty() const { return isValid() && m_root < 0; }
    // 1-based column (in characters) of a syntax error, 0 when valid.
    int errorColumn() const { return m_errorColumn; }
    const QString& errorMessage() const { return m_errorMessage; }
    // "column 12: expected a value after '=='".
    QString errorText() const;
    // The field names the expression mentions, in order of first appearance.
    QStringList fieldNames() const;

    // The expression as an SQL condition over one event type's field table aliased `fieldAlias`
    // joined with `event` aliased `eventAlias` (for cpu, pid, ts, comm). Valid expressions only.
    SqlFragment compile(const EventTypeInfo& type, const std::string& fieldAlias = "f",
        const std::string& eventAlias = "e") const;

private:
    friend class FilterParser;
    struct Node {
        enum class Kind { And, Or, Not, Compare };
        Kind kind = Kind::Compare;
        int left = -1;
        int right = -1;
        QString field;
        Op op = Op::Eq;
        SqlValue value;
    };
    struct Compiled;

    Compiled compileNode(int index, const EventTypeInfo& type, const std::string& fieldAlias,
        const std::string& eventAlias) const;

    std::vector<Node> m_nodes;
    int m_root = -1;
    int m_errorColumn = 0;
    QString m_errorMessage;
};

} // namespace Storage
