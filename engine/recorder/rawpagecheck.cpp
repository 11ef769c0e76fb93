// SPDX-License-Identifier: GPL-3.0-or-later
#include "rawpagecheck.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <optional>

namespace Recorder {

namespace {
// The commit word: data length in the low 27 bits (kbuffer-parse.c's COMMIT_MASK), flags above.
constexpr unsigned long commitMask = (1ul << 27) - 1;
constexpr unsigned long missedEventsFlag = 1ul << 31;
constexpr unsigned long missedStoredFlag = 1ul << 30;

// Record types (the 5-bit type_len of each record header) that are not events.
constexpr unsigned typePadding = 29;
constexpr unsigned typeTimeExtend = 30;
constexpr unsigned typeTimeStamp = 31;

unsigned long commitWord(const std::vector<char>& page)
{
    unsigned long commit = 0;
    std::memcpy(&commit, page.data() + 8, sizeof commit);
    return commit;
}

std::uint32_t u32At(const char* p)
{
    std::uint32_t value = 0;
    std::memcpy(&value, p, sizeof value);
    return value;
}

// type_len is the low 5 bits of the header as a little-endian kernel writes it, the high 5 bits
// as a big-endian one does (kbuffer's type_len4host).
unsigned typeLen(std::uint32_t header)
{
    return std::endian::native == std::endian::little ? header & 0x1f : header >> 27;
}

// Where the record at pos ends, computed as kbuffer's translate_data() does; nullopt when kbuffer
// would read outside the data (length bytes, in a page with room bytes after its header) or step
// backwards. A padding record whose length runs past the data ends the page, as kbuffer sees it.
std::optional<std::size_t> recordEnd(const char* data, std::size_t length, std::size_t room, std::size_t pos)
{
    if (pos + 4 > length)
        return std::nullopt;
    const unsigned type = typeLen(u32At(data + pos));
    if (type == typePadding) {
        if (pos + 8 > room)
            return std::nullopt;
        const auto size = static_cast<std::int32_t>(u32At(data + pos + 4));
        return size < 0 ? std::nullopt : std::optional<std::size_t>(pos + 4 + std::size_t(size));
    }
    if (type == typeTimeExtend || type == typeTimeStamp)
        return pos + 8 <= length ? std::optional<std::size_t>(pos + 8) : std::nullopt;
    if (type == 0) {
        // A u32 length word (payload + 4) follows the header, the payload rounded up to 4 bytes.
        if (pos + 8 > length)
            return std::nullopt;
        std::int64_t size = static_cast<std::int32_t>(u32At(data + pos + 4) - 4u);
        size = (size + 3) & ~std::int64_t(3);
        if (size <= 0 || pos + 8 + std::size_t(size) > length)
            return std::nullopt;
        return pos + 8 + std::size_t(size);
    }
    const std::size_t end = pos + 4 + 4 * std::size_t(type);
    return end <= length ? std::optional<std::size_t>(end) : std::nullopt;
}
} // namespace

RawPageCheck checkRawPage(const std::vector<char>& page)
{
    RawPageCheck check;
    if (page.size() < rawPageHeaderSize) {
        check.state = RawPageCheck::State::Broken;
        return check;
    }
    const unsigned long commit = commitWord(page);
    const std::size_t room = page.size() - rawPageHeaderSize;
    const std::size_t length = commit & commitMask;
    if (length > room) {
        check.state = RawPageCheck::State::Broken;
        return check;
    }
    const char* data = page.data() + rawPageHeaderSize;
    std::size_t pos = 0;
    while (pos < length) {
        const std::optional<std::size_t> end = recordEnd(data, length, room, pos);
        if (!end) {
            check.state = RawPageCheck::State::Truncated;
            break;
        }
        pos = *end;
    }
    check.usableBytes = std::min(pos, length);
    check.missedCountOutside = (commit & missedStoredFlag) && length + sizeof(unsigned long) > room;
    return check;
}

void cutRawPage(std::vector<char>& page, const RawPageCheck& check)
{
    if (check.state == RawPageCheck::State::Broken)
        return;
    unsigned long commit = commitWord(page);
    // Behind a cut the stored count would be read from the middle of the dropped records.
    if (check.state == RawPageCheck::State::Truncated || check.missedCountOutside)
        commit &= ~missedStoredFlag;
    commit = (commit & ~commitMask) | check.usableBytes;
    std::memcpy(page.data() + 8, &commit, sizeof commit);
}

std::int64_t missedBeforeRawPage(const std::vector<char>& page)
{
    if (page.size() < rawPageHeaderSize)
        return 0;
    const unsigned long commit = commitWord(page);
    if (!(commit & missedEventsFlag))
        return 0;
    // kbuffer_missed_events() reports nothing once the page's first record was a time extend,
    // and -1 when the count did not fit on the page: that is still at least one.
    const std::size_t countAt = rawPageHeaderSize + (commit & commitMask);
    unsigned long count = 0;
    if ((commit & missedStoredFlag) && countAt + sizeof count <= page.size())
        std::memcpy(&count, page.data() + countAt, sizeof count);
    return count > 0 ? std::int64_t(count) : 1;
}

} // namespace Recorder
