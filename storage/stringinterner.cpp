// SPDX-License-Identifier: GPL-3.0-or-later
#include "stringinterner.h"

#include <sqlite3.h>

namespace Storage {

std::int64_t StringInterner::intern(std::string_view text)
{
    if (const auto it = m_ids.find(text); it != m_ids.end())
        return it->second;
    const std::int64_t id = m_nextId++;
    m_insert.bindInt(1, id);
    m_insert.bindText(2, text);
    const int rc = m_insert.step();
    m_insert.reset();
    if (rc != SQLITE_DONE)
        m_lastError = rc;
    m_ids.emplace(std::string(text), id);
    return id;
}

} // namespace Storage
