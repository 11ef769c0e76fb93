// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Recorder {

// The functions the kernel lets ftrace filter on, as available_filter_functions lists them
// ("name" or "name [module]" per line), and whether a -l/-n/-g name or glob matches one. Globs
// follow the kernel's rules for set_ftrace_filter: *, ? and [...]. Plain value, any thread.
class FunctionList {
public:
    static FunctionList parse(const QByteArray& text);

    bool contains(const QString& name) const { return m_names.contains(name); }
    // True when pattern names a listed function or, as a glob, matches at least one.
    bool matches(const QString& pattern) const;
    qsizetype size() const { return m_names.size(); }

private:
    QSet<QString> m_names;
    QStringList m_ordered; // for glob matching
};

// True when pattern has a glob character the kernel's filter files understand.
bool isFunctionGlob(const QString& pattern);
// The syntax ftlens accepts for -l/-n/-g/--graph-notrace: a function name or glob (letters, digits,
// _ . $ and the glob characters). The kernel's "!name", ":mod:" and "name:command" forms are not
// taken: they change filters of others or attach actions. Empty when fine, else why not.
QString functionPatternProblem(const QString& pattern);

} // namespace Recorder
