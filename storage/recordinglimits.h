// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

// What a recording (or a text made into one) may hold, so that no number read from a file sizes
// or loops anything beyond what its data is: values outside these ranges are refused where they
// enter (import) and checked before they index anything (readers).
namespace Storage::Limits {

// CPU ids 0..maxCpus-1: the kernel's NR_CPUS is at most 8192 (x86-64 with MAXSMP).
constexpr int maxCpus = 8192;
inline bool isCpu(std::int64_t cpu) { return cpu >= 0 && cpu < maxCpus; }

// Timestamps 0..maxTimestampNs: 2^62 ns is 146 years of a trace clock's uptime (or of the TAI
// clock since 1970), and the sum of two such values (a start and a duration) still fits in 64 bits.
constexpr std::int64_t maxTimestampNs = (std::int64_t(1) << 62) - 1;
inline bool isTimestamp(std::int64_t ts) { return ts >= 0 && ts <= maxTimestampNs; }

// What one text import may make: event types (each is a table; SQLite's schema work per table
// grows with their number, and a kernel has a few thousand tracepoints), and fields of one type
// (a kernel event has a few dozen, a probe at most 128 arguments; SQLite stops at 2000 columns).
constexpr int maxImportedEventTypes = 2048;
constexpr int maxFieldsPerEventType = 512;

// A row of the `event` or `call` table takes more than this many bytes of the file (cell, pointer,
// header of seven or more columns): a file of N bytes cannot hold more than N / this rows,
// whatever its ids or counts claim.
constexpr std::int64_t minRowBytes = 8;

} // namespace Storage::Limits
