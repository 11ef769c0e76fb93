// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeselection.h"

namespace Gui {

TimeSelection::TimeSelection(QObject* parent)
    : QObject(parent)
{
}

void TimeSelection::setRange(qint64 start, qint64 end)
{
    if (end <= start)
        start = end = 0;
    if (start == m_rangeStart && end == m_rangeEnd)
        return;
    m_rangeStart = start;
    m_rangeEnd = end;
    Q_EMIT rangeChanged(start, end);
}

void TimeSelection::setCurrentEvent(qint64 eventId, qint64 ts)
{
    if (eventId == m_eventId && ts == m_eventTs)
        return;
    m_eventId = eventId;
    m_eventTs = ts;
    Q_EMIT currentEventChanged(eventId, ts);
}

} // namespace Gui
