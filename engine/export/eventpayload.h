// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

struct tep_event;
struct tep_format_field;

namespace Engine {

// Lays out one event's record as the kernel writes it, per a libtraceevent format: the common
// fields, each field at its offset in its size (little endian), fixed char and byte arrays
// copied in (cut to their size), __data_loc and __rel_loc data appended after the fixed part with
// its location word. Reuses its buffer between events; owned by one thread.
class EventPayload {
public:
    void begin(const tep_event* event, int pid, int flags, int preemptCount);
    void setInt(const tep_format_field* field, std::int64_t value);
    void setText(const tep_format_field* field, std::string_view text);
    void setBytes(const tep_format_field* field, std::string_view bytes);
    // An array of addresses at field's offset, as many as given (the kernel's stack records hold
    // more than their format's [8]); they are the last thing of the record.
    void setAddresses(const tep_format_field* field, const std::vector<std::uint64_t>& addresses);
    std::string_view bytes() const { return m_bytes; }

private:
    void put(std::size_t offset, std::uint64_t value, int size);

    std::string m_bytes;
};

} // namespace Engine
