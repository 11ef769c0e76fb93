// SPDX-License-Identifier: GPL-3.0-or-later
#include "ringbufferpages.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstring>

namespace Engine {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Engine)
};

constexpr std::size_t headerSize = 16; // timestamp, commit
constexpr std::size_t dataSize = RingBufferPages::pageSize - headerSize;
constexpr std::uint32_t maxDelta = (1u << 27) - 1;
constexpr std::uint32_t typeTimeExtend = 30;
constexpr std::size_t maxSmallPayload = 28 * 4;

void putLittleEndian(char* out, std::uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out[i] = char((value >> (8 * i)) & 0xff);
}
} // namespace

const char* RingBufferPages::headerPage()
{
    return "\tfield: u64 timestamp;\toffset:0;\tsize:8;\tsigned:0;\n"
           "\tfield: local_t commit;\toffset:8;\tsize:8;\tsigned:1;\n"
           "\tfield: int overwrite;\toffset:8;\tsize:1;\tsigned:1;\n"
           "\tfield: char data;\toffset:16;\tsize:4080;\tsigned:0;\n";
}

const char* RingBufferPages::headerEvent()
{
    return "# compressed entry header\n"
           "\ttype_len    :    5 bits\n"
           "\ttime_delta  :   27 bits\n"
           "\tarray       :   32 bits\n"
           "\n"
           "\tpadding     : type == 29\n"
           "\ttime_extend : type == 30\n"
           "\ttime_stamp : type == 31\n"
           "\tdata max type_len  == 28\n";
}

RingBufferPages::RingBufferPages(const QString& path)
    : m_file(path)
    , m_page(pageSize, '\0')
{
}

Storage::Status RingBufferPages::open()
{
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Storage::Error { Tr::tr("%1: cannot write: %2").arg(m_file.fileName(), m_file.errorString()) };
    return {};
}

void RingBufferPages::putU32(std::uint32_t value)
{
    putLittleEndian(m_page.data() + headerSize + m_used, value, 4);
    m_used += 4;
}

Storage::Status RingBufferPages::append(std::uint64_t ts, std::string_view payload)
{
    ts = std::max(ts, m_lastTs);
    const std::size_t padded = (payload.size() + 3) & ~std::size_t(3);
    const bool small = padded > 0 && padded <= maxSmallPayload;
    const std::size_t eventBytes = 4 + (small ? 0 : 4) + padded;
    if (eventBytes + 8 > dataSize)
        return Storage::Error { Tr::tr("%1: an event of %2 bytes does not fit a ring-buffer page").arg(m_file.fileName()).arg(payload.size()) };
    std::uint64_t delta = m_pageOpen ? ts - m_lastTs : 0;
    const bool extend = delta > maxDelta;
    if (m_pageOpen && m_used + eventBytes + (extend ? 8 : 0) > dataSize) {
        if (Storage::Status s = flushPage(); !s)
            return s;
    }
    if (!m_pageOpen) {
        m_pageOpen = true;
        m_pageTs = ts;
        m_used = 0;
        delta = 0;
    } else if (extend) {
        putU32((std::uint32_t(delta & maxDelta) << 5) | typeTimeExtend);
        putU32(std::uint32_t(delta >> 27));
        delta = 0;
    }
    if (small) {
        putU32((std::uint32_t(delta) << 5) | std::uint32_t(padded / 4));
    } else {
        putU32(std::uint32_t(delta) << 5);
        putU32(std::uint32_t(padded + 4)); // the length word counts itself
    }
    char* out = m_page.data() + headerSize + m_used;
    std::memcpy(out, payload.data(), payload.size());
    std::memset(out + payload.size(), 0, padded - payload.size());
    m_used += padded;
    m_lastTs = ts;
    ++m_events;
    return {};
}

Storage::Status RingBufferPages::flushPage()
{
    putLittleEndian(m_page.data(), m_pageTs, 8);
    putLittleEndian(m_page.data() + 8, m_used, 8);
    std::memset(m_page.data() + headerSize + m_used, 0, dataSize - m_used);
    if (m_file.write(m_page.data(), pageSize) != pageSize)
        return Storage::Error { Tr::tr("%1: cannot write: %2").arg(m_file.fileName(), m_file.errorString()) };
    m_written += pageSize;
    m_pageOpen = false;
    m_used = 0;
    return {};
}

Storage::Status RingBufferPages::finish()
{
    if (m_pageOpen) {
        if (Storage::Status s = flushPage(); !s)
            return s;
    }
    if (!m_file.flush())
        return Storage::Error { Tr::tr("%1: cannot write: %2").arg(m_file.fileName(), m_file.errorString()) };
    m_file.close();
    return {};
}

} // namespace Engine
