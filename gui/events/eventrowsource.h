// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "eventfieldtext.h"
#include "eventfilter.h"
#include "eventrowmap.h"
#include "eventrowreader.h"
#include "openedrecording.h"
#include "result.h"
#include "sqlitedb.h"

#include <QHash>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace Gui {

// One row of the events table as text, ready for data().
struct EventRowText {
    qint64 id = 0;
    qint64 ts = 0;
    QString time;
    int cpu = 0;
    QString task;
    QString event;
    QString fields;
};

// The events table's reads: counts, row maps and rows as text, over its own read-only
// connection, opened on first use. Not thread-safe: used by one task at a time (the model runs
// all of them on a private single-thread pool), never by the GUI thread.
class EventRowSource {
public:
    using Cancelled = std::function<bool()>;

    explicit EventRowSource(RecordingPtr recording);

    // The rows a filter selects. Errors: a bad expression (with its column), SQLite errors.
    Storage::Result<EventRowMap> rowMap(const Storage::EventFilter& filter, const Cancelled& cancelled);
    Storage::Result<std::vector<EventRowText>> rows(const EventRowMap& map, qint64 firstRow, qint64 count);
    // The first row after `fromRow` (before it when backwards) whose task or fields contain
    // text (case-insensitive); -1 when none.
    Storage::Result<qint64> find(const EventRowMap& map, const QString& text, qint64 fromRow, bool backwards,
        const Cancelled& cancelled);

    // "1.234567890": seconds since the recording's first event.
    static QString formatTime(qint64 ns);
    QString path() const { return m_recording ? m_recording->path : QString(); }

private:
    Storage::Status open();

    RecordingPtr m_recording;
    std::unique_ptr<Storage::Database> m_db;
    std::unique_ptr<Storage::EventRowReader> m_rows;
    std::unique_ptr<Storage::EventFieldText> m_fields;
    QHash<int, QString> m_typeNames;
};

} // namespace Gui
