// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace Recorder {

// What of one ring-buffer page (as trace_pipe_raw hands it out) libtraceevent's kbuffer may walk
// without reading outside the page: kbuffer trusts the commit word and every record's length, so
// a damaged page would send it reading elsewhere (or backwards, for ever). The check walks the
// records the way kbuffer does, with bounds. Plain function, any thread.
struct RawPageCheck {
    enum class State {
        Whole,     // every record lies inside the page's data
        Truncated, // records from usableBytes on do not: the page is readable up to there only
        Broken,    // the header itself is impossible (page too short, data longer than the page)
    };
    State state = State::Whole;
    std::size_t usableBytes = 0; // event data (from the end of the header) holding whole records
    // RB_MISSED_STORED is set but the count would lie outside the page: kbuffer must not read it.
    bool missedCountOutside = false;
};

// Bytes before the event data: the u64 time stamp and the commit word (a long on this host, as
// kbuffer reads it with KBUFFER_LSIZE_SAME_AS_HOST).
constexpr std::size_t rawPageHeaderSize = 8 + sizeof(unsigned long);

RawPageCheck checkRawPage(const std::vector<char>& page);

// Makes the page what kbuffer may walk: its commit cut to check.usableBytes (flags kept), the
// stored-count flag cleared where the count is not (or no longer) where kbuffer would read it.
void cutRawPage(std::vector<char>& page, const RawPageCheck& check);

// Events the kernel lost before this page, from its commit word: RB_MISSED_EVENTS (bit 31) says
// some were, RB_MISSED_STORED (bit 30) that their count follows the data. At least one when the
// count is not stored.
std::int64_t missedBeforeRawPage(const std::vector<char>& page);

} // namespace Recorder
