// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QFile>
#include <QString>

#include <cstdint>
#include <string_view>
#include <vector>

namespace Engine {

// Writes one CPU's events as the kernel's ring buffer holds them (what trace_pipe_raw gives and
// trace.dat stores): pages of pageSize bytes, each a u64 timestamp, a 64-bit commit word (bytes
// of data) and the events, each behind a u32 header (type_len in the low 5 bits, time delta in
// the high 27; payloads over 112 bytes with type_len 0 and a length word; time extends for
// deltas of 2^27 ns or more), as header_page and header_event below describe. Full pages go to
// the file as they fill, so memory stays one page. Owned by one thread.
class RingBufferPages {
public:
    static constexpr int pageSize = 4096;
    // The kernel's own header_page and header_event of a 64-bit little-endian kernel with 4 KiB
    // pages (the layout this class writes).
    static const char* headerPage();
    static const char* headerEvent();

    explicit RingBufferPages(const QString& path);
    Storage::Status open();
    // Appends an event stamped ts (ns, not before the previous one; earlier ones are moved to the
    // previous time). Payloads longer than a page can hold are refused.
    Storage::Status append(std::uint64_t ts, std::string_view payload);
    // Writes the last page; the file is then complete.
    Storage::Status finish();
    std::int64_t events() const { return m_events; }
    std::uint64_t bytes() const { return m_written; }

private:
    Storage::Status flushPage();
    void putU32(std::uint32_t value);

    QFile m_file;
    std::vector<char> m_page;
    std::size_t m_used = 0; // bytes of event data in the page
    std::uint64_t m_pageTs = 0;
    std::uint64_t m_lastTs = 0;
    bool m_pageOpen = false;
    std::int64_t m_events = 0;
    std::uint64_t m_written = 0;
};

} // namespace Engine
