// SPDX-License-Identifier: GPL-3.0-or-later
#include "forwardcursor.h"

#include <QCoreApplication>

#include <sqlite3.h>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};
} // namespace

Status ForwardCursor::step()
{
    const int rc = m_statement.step();
    if (rc == SQLITE_ROW) {
        m_current = m_statement.columnInt(0);
        return {};
    }
    m_current = done;
    if (rc == SQLITE_DONE)
        return {};
    // Messages name the file: the cursor is all a reader of a damaged recording sees of it.
    const char* file = sqlite3_db_filename(sqlite3_db_handle(m_statement.handle()), "main");
    return Error { Tr::tr("%1: cannot read events: %2")
                       .arg(QString::fromUtf8(file ? file : ""), QString::fromUtf8(sqlite3_errstr(rc))) };
}

Result<bool> ForwardCursor::seek(std::int64_t id)
{
    // Behind the wanted id but started at or before it: stepping is cheapest for a few rows.
    const bool canStep = m_current >= 0 && m_current <= id && m_seekedFrom <= id;
    int steps = 0;
    while (canStep && m_current < id && steps < maxSteps) {
        if (Status s = step(); !s)
            return s.error();
        ++steps;
    }
    if (!canStep || m_current < id) {
        m_statement.reset();
        m_statement.bindInt(1, id);
        m_seekedFrom = id;
        if (Status s = step(); !s)
            return s.error();
    }
    return m_current == id;
}

} // namespace Storage
