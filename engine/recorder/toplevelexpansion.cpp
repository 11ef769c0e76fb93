// SPDX-License-Identifier: GPL-3.0-or-later
#include "toplevelexpansion.h"

#include "tracefsroot.h"

#include <QRegularExpression>

namespace Recorder {

TopLevelExpansion::TopLevelExpansion(QString tracefsRoot)
    : m_root(std::move(tracefsRoot))
{
    auto text = readTracefsFile(m_root + QLatin1String("/buffer_size_kb"));
    static const QRegularExpression pending(QStringLiteral("\\(expanded: (\\d+)\\)"));
    if (text)
        m_expandedKb = pending.match(QString::fromLatin1(text.value())).captured(1).toLatin1();
}

void TopLevelExpansion::restore()
{
    if (m_expandedKb.isEmpty())
        return;
    const QString file = m_root + QLatin1String("/buffer_size_kb");
    if (auto text = readTracefsFile(file); text && !text->contains("(expanded:"))
        (void)writeTracefsFile(file, m_expandedKb);
    m_expandedKb.clear();
}

} // namespace Recorder
