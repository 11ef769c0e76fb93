// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace FuzzSupport {

// Reads a fuzz input as a sequence of small decisions (structure-aware targets): each read
// takes bytes from the front; past the end every read gives 0 and empty text, so any input
// decodes to something. Plain value; one thread.
class ByteReader {
public:
    ByteReader(const std::uint8_t* data, std::size_t size)
        : m_data(data)
        , m_size(size)
    {
    }
    bool atEnd() const { return m_pos >= m_size; }
    std::uint8_t byte() { return atEnd() ? 0 : m_data[m_pos++]; }
    // One of n choices (n > 0).
    std::size_t choice(std::size_t n) { return byte() % n; }
    std::uint16_t u16() { return std::uint16_t(byte() | byte() << 8); }
    std::uint64_t u64()
    {
        std::uint64_t value = 0;
        for (int i = 0; i < 8; ++i)
            value |= std::uint64_t(byte()) << (8 * i);
        return value;
    }
    double real()
    {
        const std::uint64_t bits = u64();
        double value;
        std::memcpy(&value, &bits, sizeof value);
        return value;
    }
    // Up to maxLength bytes, its length read first.
    std::string_view bytes(std::size_t maxLength)
    {
        const std::size_t length = std::min<std::size_t>(choice(maxLength + 1), m_size - std::min(m_pos, m_size));
        const std::string_view out(reinterpret_cast<const char*>(m_data + m_pos), length);
        m_pos += length;
        return out;
    }

private:
    const std::uint8_t* m_data;
    std::size_t m_size;
    std::size_t m_pos = 0;
};

} // namespace FuzzSupport
