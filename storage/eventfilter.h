// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <limits>

namespace Storage {

// Which events a view shows or an export writes: the same value drives the events panel, the
// timeline's dimming, the statistics of a range and `ftlens-cli export`, so that they agree.
// Empty lists mean "all". Times are trace-clock ns, [from, to).
struct EventFilter {
    QStringList eventTypes; // "system:event"
    QList<int> cpus;
    QList<int> pids;
    std::int64_t from = std::numeric_limits<std::int64_t>::min();
    std::int64_t to = std::numeric_limits<std::int64_t>::max();
    QString expression; // field expression, e.g. `prev_state == 1 && next_comm ~ "kworker*"`

    bool isEmpty() const
    {
        return eventTypes.isEmpty() && cpus.isEmpty() && pids.isEmpty() && expression.isEmpty()
            && from == std::numeric_limits<std::int64_t>::min() && to == std::numeric_limits<std::int64_t>::max();
    }
    bool operator==(const EventFilter&) const = default;
};

} // namespace Storage
