// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace Gui {

// The selection shared by every view of one recording (timeline, events, statistics): the
// selected time range, the current event, the A/B markers. Views write it and follow its
// signals; nobody holds another view. Times are trace-clock nanoseconds. GUI thread only.
class TimeSelection : public QObject {
    Q_OBJECT
public:
    explicit TimeSelection(QObject* parent = nullptr);

    bool hasRange() const { return m_rangeEnd > m_rangeStart; }
    qint64 rangeStart() const { return m_rangeStart; }
    qint64 rangeEnd() const { return m_rangeEnd; }
    qint64 currentEventId() const { return m_eventId; }
    qint64 currentEventTs() const { return m_eventTs; }

public Q_SLOTS:
    void setRange(qint64 start, qint64 end); // empty (end <= start) clears it
    void clearRange() { setRange(0, 0); }
    // An event chosen in one view; the others centre on / select it.
    void setCurrentEvent(qint64 eventId, qint64 ts);

Q_SIGNALS:
    void rangeChanged(qint64 start, qint64 end);
    void currentEventChanged(qint64 eventId, qint64 ts);

private:
    qint64 m_rangeStart = 0;
    qint64 m_rangeEnd = 0;
    qint64 m_eventId = 0;
    qint64 m_eventTs = 0;
};

} // namespace Gui
