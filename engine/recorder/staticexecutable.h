// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace Recorder {

// Whether an ELF executable is statically linked: it has no PT_INTERP program header, so no
// dynamic loader ever maps a shared library into it (busybox-static's applets, Go programs).
// nullopt when the file cannot be read or is no ELF executable. Reads only the ELF and program
// headers, with every offset and count checked.
std::optional<bool> isStaticallyLinked(const QString& path);

// The file exec would run for program (a name without '/') searching the directories of path (as
// PATH lists them), or program itself.
QString resolveProgram(const QString& program, const QString& path);

} // namespace Recorder
