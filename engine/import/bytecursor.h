// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace Engine {

// Reads numbers and strings from a block of a binary file, never past its end: every read says
// whether the bytes were there, and the position stays where it was when they were not. Offsets
// are the file's (base is where the block starts in it), so messages can name them. Plain value
// over bytes it does not own; any thread.
class ByteCursor {
public:
    ByteCursor(std::string_view bytes, std::uint64_t base, bool bigEndian)
        : m_bytes(bytes)
        , m_base(base)
        , m_bigEndian(bigEndian)
    {
    }

    std::uint64_t offset() const { return m_base + m_pos; }
    std::uint64_t remaining() const { return m_bytes.size() - m_pos; }
    std::uint64_t end() const { return m_base + m_bytes.size(); }
    bool atEnd() const { return m_pos == m_bytes.size(); }

    bool u8(std::uint8_t& out) { return number(1, out); }
    bool u16(std::uint16_t& out) { return number(2, out); }
    bool u32(std::uint32_t& out) { return number(4, out); }
    bool u64(std::uint64_t& out) { return number(8, out); }

    bool bytes(std::uint64_t size, std::string_view& out)
    {
        if (size > remaining())
            return false;
        out = m_bytes.substr(m_pos, size);
        m_pos += size;
        return true;
    }
    bool skip(std::uint64_t size)
    {
        std::string_view ignored;
        return bytes(size, ignored);
    }
    // A NUL-terminated string of at most maxLength characters (the NUL is consumed, not returned).
    bool cstring(std::string_view& out, std::size_t maxLength)
    {
        const std::string_view rest = m_bytes.substr(m_pos, maxLength + 1);
        const std::size_t nul = rest.find('\0');
        if (nul == std::string_view::npos)
            return false;
        out = rest.substr(0, nul);
        m_pos += nul + 1;
        return true;
    }

private:
    template <typename T>
    bool number(int size, T& out)
    {
        if (std::uint64_t(size) > remaining())
            return false;
        std::uint64_t value = 0;
        for (int i = 0; i < size; ++i) {
            const auto byte = std::uint8_t(m_bytes[m_pos + std::size_t(m_bigEndian ? i : size - 1 - i)]);
            value = (value << 8) | byte;
        }
        out = T(value);
        m_pos += std::size_t(size);
        return true;
    }

    std::string_view m_bytes;
    std::uint64_t m_base = 0;
    std::size_t m_pos = 0;
    bool m_bigEndian = false;
};

} // namespace Engine
