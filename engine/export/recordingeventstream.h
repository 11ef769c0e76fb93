// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordingreader.h"
#include "result.h"
#include "sqlitedb.h"

#include <cstdint>
#include <map>
#include <memory>

namespace Engine {

// Walks every event of a recording in id (time) order together with its stored fields: one
// cursor over `event` and one per type over its field table (text fields resolved to their
// strings), advanced in step, so nothing is loaded whole whatever the recording's size. Owned by
// one thread, with the reader it was made from.
class RecordingEventStream {
public:
    struct Event {
        std::int64_t id = 0;
        std::int64_t ts = 0;
        int cpu = 0;
        int pid = 0;
        int typeId = 0;
        int flags = 0;
        int preemptCount = 0;
    };

    static Storage::Result<std::unique_ptr<RecordingEventStream>> open(Storage::RecordingReader& reader);

    // The next event; false at the end (or on an error, then error() says which).
    bool next(Event& event);
    // The current event's fields: field i of its type is column i + 1 (column 0: event_id); null
    // when the type has no row for it.
    const Storage::Statement* fields() const { return m_current; }
    const Storage::Status& error() const { return m_error; }

private:
    struct TypeCursor {
        Storage::Statement rows;
        bool atRow = false;
        bool done = false;
    };

    Storage::RecordingReader* m_reader = nullptr;
    Storage::Statement m_events;
    std::map<int, TypeCursor> m_types;
    const Storage::Statement* m_current = nullptr;
    Storage::Status m_error;
};

} // namespace Engine
