// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstddef>
#include <cstdint>
#include <string_view>

// What every fuzz target shares: a private scratch directory, inputs written to files there, and
// a quiet Qt (warnings about bad input are expected by the thousand and would slow the run).
// One fuzzing process runs one input at a time: single thread.
namespace FuzzSupport {

// Called once, from LLVMFuzzerInitialize (defined in fuzzsupport.cpp for every target):
// installs the message handler, creates the scratch directory (under /dev/shm where it can, else
// $TMPDIR; removed at exit) and points the cache directory there too, so the readers' index
// cache files never reach the user's ~/.cache.
void initialize();

// "<scratch>/name"; initialize() must have run.
QString scratchPath(const QString& name);

// Removes a recording and everything SQLite or the readers may have put beside it (-wal, -shm,
// -journal, the CSV exports), so each input starts from nothing.
void removeRecording(const QString& path);

// Writes bytes to path (replacing it); false when the file cannot be written.
bool writeFile(const QString& path, const std::uint8_t* data, std::size_t size);

// The input as text, as the parsers see it.
inline std::string_view asText(const std::uint8_t* data, std::size_t size)
{
    return { reinterpret_cast<const char*>(data), size };
}

// Calls line(view) for each '\n'-separated line of text (the last one may have no newline).
template <typename Line>
void forEachLine(std::string_view text, Line line)
{
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos)
            end = text.size();
        line(text.substr(pos, end - pos));
        pos = end + 1;
    }
}

// An invariant a target checks on what a parser returned: when it fails, the input is a bug
// even though nothing crashed. Prints what and aborts, so libFuzzer keeps the input.
void require(bool condition, const char* what);

} // namespace FuzzSupport
