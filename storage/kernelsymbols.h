// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QString>

#include <cstdint>
#include <string>
#include <vector>

namespace Storage {

// One kernel address and its name as the kernel prints it (%ps).
struct KernelSymbol {
    std::uint64_t address = 0;
    std::string name;
};

// Adds rows to the `kernel_symbol(addr INTEGER PRIMARY KEY, name TEXT NOT NULL)` table of a
// finished recording, creating the table when the file has none; addr holds the u64 address
// as its int64 bit pattern, as the event field tables store addresses. A row for an address the
// table has already is replaced. One transaction; any thread (opens its own connection).
Status writeKernelSymbols(const QString& recordingPath, const std::vector<KernelSymbol>& symbols);

} // namespace Storage
