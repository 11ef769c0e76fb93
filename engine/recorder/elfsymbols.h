// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QString>

#include <cstdint>

namespace Recorder {

// Resolves a function symbol of an ELF file (executable or shared library) to the file offset
// that uprobe_events takes (PATH:0xOFFSET). Looks in .symtab, then .dynsym; a version suffix in
// the symbol ("name@VER", "name@@VER") is ignored, and among several versions of a name the
// default one wins. ELF32 and ELF64, either byte order. The file is untrusted: every offset and
// size is checked, and every failure is an Error naming the file and what is wrong.
Storage::Result<std::uint64_t> resolveSymbolOffset(const QString& elfPath, const QString& symbol);

} // namespace Recorder
