// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probedefinition.h"
#include "result.h"

#include <QString>

#include <cstdint>
#include <memory>

namespace Recorder {

// The file a uprobe goes into, opened once by the helper (as root) and used only through that
// descriptor: the symbol is resolved on it, the place is checked against it, and the kernel is
// given /proc/self/fd/N, which the kernel resolves (in the helper's own context, when it parses
// the definition) to this very inode. So what is probed is exactly what was checked, whatever
// happens to the name in between — a rename, a symlink swapped in, a "%2" in it.
// Only regular files are opened: the name is first opened with O_PATH, which opens nothing (no
// device's open, no FIFO that blocks), and reopened for reading through /proc once it is known
// to be a regular file. Owned by the recording; keep it until the kernel has the definition.
class UprobeTarget {
public:
    // Opens def.path and finds the probed place: def.fileOffset, or SYMBOL's offset + OFFS. The
    // place must lie in an executable segment (PT_LOAD with PF_X), and SYMBOL+OFFS inside the
    // symbol. Errors start with "column N: " (def.whereColumn) where they concern the place.
    static Storage::Result<std::unique_ptr<UprobeTarget>> open(const ProbeDefinition& def);
    ~UprobeTarget();
    UprobeTarget(const UprobeTarget&) = delete;
    UprobeTarget& operator=(const UprobeTarget&) = delete;

    std::uint64_t fileOffset() const { return m_fileOffset; }
    QString kernelPath() const;

private:
    UprobeTarget() = default;
    Storage::Status locate(const ProbeDefinition& def);

    int m_fd = -1;
    std::uint64_t m_fileOffset = 0;
};

} // namespace Recorder
