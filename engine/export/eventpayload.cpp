// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventpayload.h"

#include <event-parse.h>

#include <algorithm>
#include <cstring>

namespace Engine {

namespace {
// Bytes up to the end of the last fixed field: where dynamic data starts.
std::size_t fixedSize(const tep_event* event)
{
    std::size_t end = 8;
    for (const tep_format_field* f = event->format.common_fields; f; f = f->next)
        end = std::max(end, std::size_t(f->offset + f->size));
    for (const tep_format_field* f = event->format.fields; f; f = f->next)
        end = std::max(end, std::size_t(f->offset + f->size));
    return end;
}

void setCommon(EventPayload& payload, const tep_event* event, const char* name, std::int64_t value)
{
    if (const tep_format_field* field = tep_find_common_field(const_cast<tep_event*>(event), name))
        payload.setInt(field, value);
}
} // namespace

void EventPayload::begin(const tep_event* event, int pid, int flags, int preemptCount)
{
    m_bytes.assign(fixedSize(event), '\0');
    setCommon(*this, event, "common_type", event->id);
    setCommon(*this, event, "common_flags", flags);
    setCommon(*this, event, "common_preempt_count", preemptCount);
    setCommon(*this, event, "common_pid", pid);
}

void EventPayload::put(std::size_t offset, std::uint64_t value, int size)
{
    if (offset + std::size_t(size) > m_bytes.size())
        m_bytes.resize(offset + std::size_t(size), '\0');
    for (int i = 0; i < size; ++i)
        m_bytes[offset + std::size_t(i)] = char((value >> (8 * i)) & 0xff);
}

void EventPayload::setInt(const tep_format_field* field, std::int64_t value)
{
    if (field->size == 1 || field->size == 2 || field->size == 4 || field->size == 8)
        put(std::size_t(field->offset), std::uint64_t(value), field->size);
}

void EventPayload::setBytes(const tep_format_field* field, std::string_view bytes)
{
    if (field->flags & TEP_FIELD_IS_DYNAMIC) {
        const std::size_t at = m_bytes.size();
        const std::size_t length = std::min<std::size_t>(bytes.size(), 0xffff);
        if (at > 0xffff)
            return; // a location word cannot reach it: the field stays empty
        m_bytes.append(bytes.substr(0, length));
        // __rel_loc counts from the end of its 4-byte word.
        const std::size_t stored = (field->flags & TEP_FIELD_IS_RELATIVE) ? at - std::size_t(field->offset + field->size) : at;
        put(std::size_t(field->offset), (std::uint64_t(length) << 16) | stored, 4);
        return;
    }
    const std::size_t length = std::min<std::size_t>(bytes.size(), std::size_t(field->size));
    std::memcpy(m_bytes.data() + field->offset, bytes.data(), length);
}

void EventPayload::setText(const tep_format_field* field, std::string_view text)
{
    if (field->flags & TEP_FIELD_IS_DYNAMIC) {
        std::string withNul(text.substr(0, 0xfffe));
        withNul.push_back('\0');
        setBytes(field, withNul);
        return;
    }
    setBytes(field, text); // a fixed char array: NUL padded already, cut to its size
}

void EventPayload::setAddresses(const tep_format_field* field, const std::vector<std::uint64_t>& addresses)
{
    const int width = field->elementsize == 4 ? 4 : 8;
    m_bytes.resize(std::size_t(field->offset), '\0');
    for (std::size_t i = 0; i < addresses.size(); ++i)
        put(std::size_t(field->offset) + i * std::size_t(width), addresses[i], width);
}

} // namespace Engine
