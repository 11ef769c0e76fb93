// SPDX-License-Identifier: GPL-3.0-or-later
#include "functionlist.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <fnmatch.h>

namespace Recorder {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Recorder)
};
} // namespace

FunctionList FunctionList::parse(const QByteArray& text)
{
    FunctionList list;
    for (const QByteArray& line : text.split('\n')) {
        const QByteArray name = line.trimmed().split(' ').value(0).split('\t').value(0);
        if (name.isEmpty())
            continue;
        const QString function = QString::fromLatin1(name);
        // The same name can be listed more than once (static functions of several files).
        if (!list.m_names.contains(function)) {
            list.m_names.insert(function);
            list.m_ordered.append(function);
        }
    }
    return list;
}

bool FunctionList::matches(const QString& pattern) const
{
    if (!isFunctionGlob(pattern))
        return m_names.contains(pattern);
    const QByteArray glob = pattern.toLatin1();
    for (const QString& name : m_ordered) {
        if (fnmatch(glob.constData(), name.toLatin1().constData(), 0) == 0)
            return true;
    }
    return false;
}

bool isFunctionGlob(const QString& pattern)
{
    return pattern.contains(QLatin1Char('*')) || pattern.contains(QLatin1Char('?')) || pattern.contains(QLatin1Char('['));
}

QString functionPatternProblem(const QString& pattern)
{
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9_.$*?\\[\\]-]+$"));
    if (pattern.isEmpty())
        return Tr::tr("an empty function name");
    if (pattern.startsWith(QLatin1Char('!')))
        return Tr::tr("'!' removes functions from a filter; give the functions to trace, or use -n");
    if (pattern.contains(QLatin1Char(':')))
        return Tr::tr("the kernel's ':mod:' and 'function:command' forms are not taken; give a function name or glob");
    if (!allowed.match(pattern).hasMatch())
        return Tr::tr("not a function name or glob (letters, digits, _ . $ and * ? [ ])");
    return {};
}

} // namespace Recorder
