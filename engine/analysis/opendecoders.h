// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstdint>
#include <optional>

namespace Engine {

// Readable forms of the values of open(2)-like calls, as the kernel and strace spell them.
// Pure functions; any thread. Values are Linux's generic ones (x86_64, arm64 and most others).

// "O_RDONLY|O_CLOEXEC|O_LARGEFILE" (unknown bits kept as a trailing hex number).
QString openFlagsText(std::uint64_t flags);
// Whether every set bit is one the kernel's open paths use: the access mode, the O_* flags above
// and the internal __FMODE_EXEC (exec opens) and __FMODE_NONOTIFY (fanotify). Tells a value's
// reading in the right base from one in the wrong base (32768 read as hex sets bit 3, unused).
bool isKnownOpenFlags(std::uint64_t flags);
// "0644" (and "0" for 0).
QString modeText(std::uint64_t mode);
// "AT_FDCWD" for -100 in any width, else the number.
QString dirFdText(std::int64_t dfd);
// "ENOENT" for 2; empty when unknown.
QString errnoName(int error);
// "-2 ENOENT" for a negative errno, the number otherwise.
QString returnText(std::int64_t ret);

// The decoder that applies to an argument or field `name` of an event or probe at `where` (its
// name or place): ret everywhere; flags, mode and dfd where the place is open-like.
enum class ValueDecoder { None, OpenFlags, Mode, DirFd, Return };
ValueDecoder decoderForField(const QString& where, const QString& name);
QString decode(ValueDecoder decoder, std::int64_t value);

} // namespace Engine
