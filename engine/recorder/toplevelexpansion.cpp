// SPDX-License-Identifier: GPL-3.0-or-later
#include "toplevelexpansion.h"

#include "tracefsroot.h"

#include <QRegularExpression>

namespace Recorder {

TopLevelExpansion::TopLevelExpansion(QString tracefsRoot)
    : m_root(std::move(tracefsRoot))
{
    auto text = readTracefsFile(m_root + QLatin1String("/buffer_size_kb"));
    static const QRegularExpression pending(QStringLiteral("^(\\d+) \\(expanded: (\\d+)\\)"));
    if (!text)
        return;
    const auto match = pending.match(QString::fromLatin1(text->trimmed()));
    m_currentKb = match.captured(1).toLatin1();
    m_expandedKb = match.captured(2).toLatin1();
}

void TopLevelExpansion::restore()
{
    if (m_expandedKb.isEmpty())
        return;
    // Only the bare old size means the expansion was skipped; any other size someone chose.
    const QString file = m_root + QLatin1String("/buffer_size_kb");
    if (auto text = readTracefsFile(file); text && text->trimmed() == m_currentKb)
        (void)writeTracefsFile(file, m_expandedKb);
    m_expandedKb.clear();
}

} // namespace Recorder
