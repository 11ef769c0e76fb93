// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QList>
#include <QString>

#include <cstdint>

namespace Recorder {

// Resolves a function symbol of an ELF file (executable or shared library) to the file offset
// that uprobe_events takes (PATH:0xOFFSET). Looks in .symtab, then .dynsym; a version suffix in
// the symbol ("name@VER", "name@@VER") is ignored, and among several versions of a name the
// default one wins. ELF32 and ELF64, either byte order. The file is untrusted: every offset and
// size is checked, and every failure is an Error naming the file and what is wrong.
Storage::Result<std::uint64_t> resolveSymbolOffset(const QString& elfPath, const QString& symbol);

// A function of an ELF file: where its code starts in the file, and its length (st_size; 0 where
// the symbol table does not say).
struct ElfFunction {
    std::uint64_t fileOffset = 0;
    std::uint64_t size = 0;
};
// File offsets [begin, end).
struct ElfRange {
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
};

// The same lookup as resolveSymbolOffset(), on a file opened by the caller (who keeps the
// descriptor; its file position moves). path only names the file in messages.
Storage::Result<ElfFunction> findFunction(int fd, const QString& path, const QString& symbol);
// Where the file's executable code lies: the file-backed part of each PT_LOAD segment with PF_X.
Storage::Result<QList<ElfRange>> executableRanges(int fd, const QString& path);

} // namespace Recorder
