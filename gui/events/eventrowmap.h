// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "eventidset.h"
#include "eventquery.h"

#include <QtGlobal>

#include <memory>

namespace Gui {

// Row -> event id for one filter: an id range (no per-event condition, so row = id - first)
// or the matching ids (Storage::EventIdSet, 1.4 MB for 10M events). Immutable once built,
// shared between the GUI thread and the model's worker.
struct EventRowMap {
    Storage::IdRange range;
    std::shared_ptr<const Storage::EventIdSet> ids; // null: every id of range

    qint64 rowCount() const { return ids ? ids->count() : range.size(); }
    qint64 idAt(qint64 row) const
    {
        if (row < 0 || row >= rowCount())
            return -1;
        return ids ? ids->idAt(row) : range.first + row;
    }
    // The row of id, or of the first matching event after it (rowCount() when none).
    qint64 rowOf(qint64 id) const
    {
        if (ids)
            return ids->rowOf(id);
        return qBound<qint64>(0, id - range.first, rowCount());
    }
};

} // namespace Gui
