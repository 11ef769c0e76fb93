// SPDX-License-Identifier: GPL-3.0-or-later
#include "stringinterner.h"

#include <cstring>

namespace Storage {

namespace {
constexpr std::size_t blockSize = 64 * 1024;
}

std::string_view StringInterner::store(std::string_view text)
{
    if (text.empty())
        return {};
    if (text.size() > blockSize / 4) { // a block of its own, so blocks are never mostly unused
        m_blocks.push_back(std::make_unique_for_overwrite<char[]>(text.size()));
        std::memcpy(m_blocks.back().get(), text.data(), text.size());
        return { m_blocks.back().get(), text.size() };
    }
    if (text.size() > m_blockFree) {
        m_blocks.push_back(std::make_unique_for_overwrite<char[]>(blockSize));
        m_blockNext = m_blocks.back().get();
        m_blockFree = blockSize;
    }
    char* data = m_blockNext;
    std::memcpy(data, text.data(), text.size());
    m_blockNext += text.size();
    m_blockFree -= text.size();
    return { data, text.size() };
}

std::int64_t StringInterner::add(std::string_view text)
{
    const std::int64_t id = m_nextId++;
    m_insert.beginRow();
    m_insert.setInt(0, id);
    m_insert.setText(1, text);
    note(m_insert.endRow());
    m_ids.emplace(store(text), id);
    return id;
}

} // namespace Storage
