// SPDX-License-Identifier: GPL-3.0-or-later
#include "opendecoders.h"

#include <QStringList>

#include <cerrno>
#include <cstring>

namespace Engine {

namespace {
struct Flag {
    std::uint64_t bit;
    const char* name;
};

// asm-generic/fcntl.h values, the ones x86_64 and arm64 share (bit order as strace prints).
constexpr Flag openFlags[] = {
    { 00000100, "O_CREAT" },
    { 00000200, "O_EXCL" },
    { 00000400, "O_NOCTTY" },
    { 00001000, "O_TRUNC" },
    { 00002000, "O_APPEND" },
    { 00004000, "O_NONBLOCK" },
    { 00010000, "O_DSYNC" },
    { 00020000, "FASYNC" },
    { 00040000, "O_DIRECT" },
    { 00100000, "O_LARGEFILE" },
    { 00200000, "O_DIRECTORY" },
    { 00400000, "O_NOFOLLOW" },
    { 01000000, "O_NOATIME" },
    { 02000000, "O_CLOEXEC" },
    { 04000000, "__O_SYNC" },
    { 010000000, "O_PATH" },
    { 020000000, "__O_TMPFILE" },
};

constexpr int atFdCwd = -100;
constexpr std::uint64_t fmodeExec = 040;          // __FMODE_EXEC
constexpr std::uint64_t fmodeNoNotify = 0x4000000; // __FMODE_NONOTIFY
} // namespace

bool isKnownOpenFlags(std::uint64_t flags)
{
    std::uint64_t known = 3 | fmodeExec | fmodeNoNotify;
    for (const Flag& flag : openFlags)
        known |= flag.bit;
    return (flags & ~known) == 0;
}

QString openFlagsText(std::uint64_t flags)
{
    QStringList parts;
    const std::uint64_t access = flags & 3;
    parts << (access == 0 ? QStringLiteral("O_RDONLY") : access == 1 ? QStringLiteral("O_WRONLY") : access == 2 ? QStringLiteral("O_RDWR")
                                                                                                                  : QStringLiteral("O_ACCMODE"));
    std::uint64_t rest = flags & ~std::uint64_t(3);
    // O_SYNC is __O_SYNC|O_DSYNC; O_TMPFILE is __O_TMPFILE|O_DIRECTORY: print them as users write them.
    if ((rest & (04000000 | 00010000)) == (04000000 | 00010000)) {
        parts << QStringLiteral("O_SYNC");
        rest &= ~std::uint64_t(04000000 | 00010000);
    }
    if ((rest & (020000000 | 00200000)) == (020000000 | 00200000)) {
        parts << QStringLiteral("O_TMPFILE");
        rest &= ~std::uint64_t(020000000 | 00200000);
    }
    for (const Flag& flag : openFlags) {
        if (rest & flag.bit) {
            parts << QLatin1String(flag.name);
            rest &= ~flag.bit;
        }
    }
    if (rest)
        parts << QStringLiteral("0x%1").arg(rest, 0, 16);
    return parts.join(QLatin1Char('|'));
}

QString modeText(std::uint64_t mode) { return mode ? QStringLiteral("0%1").arg(mode, 0, 8) : QStringLiteral("0"); }

QString dirFdText(std::int64_t dfd)
{
    // A 32-bit -100 read as an unsigned 32- or 64-bit field arrives as 0xffffff9c.
    if (dfd == atFdCwd || dfd == 0xffffff9cLL)
        return QStringLiteral("AT_FDCWD");
    return QString::number(dfd);
}

QString errnoName(int error)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 32))
    if (const char* name = strerrorname_np(error))
        return QString::fromLatin1(name);
#endif
    return {};
}

QString returnText(std::int64_t ret)
{
    // The kernel's negative errno range (MAX_ERRNO = 4095).
    if (ret < 0 && ret >= -4095) {
        const QString name = errnoName(int(-ret));
        return name.isEmpty() ? QString::number(ret) : QStringLiteral("%1 %2").arg(ret).arg(name);
    }
    return QString::number(ret);
}

ValueDecoder decoderForField(const QString& where, const QString& name)
{
    // flags/mode mean open(2)'s only at open-like places (do_sys_open, open64, sys_enter_openat, ...).
    const bool openLike = where.contains(QLatin1String("open"), Qt::CaseInsensitive);
    const QString lower = name.toLower();
    if (lower == QLatin1String("ret") || lower == QLatin1String("retval"))
        return ValueDecoder::Return;
    if (!openLike)
        return ValueDecoder::None;
    if (lower == QLatin1String("flags"))
        return ValueDecoder::OpenFlags;
    if (lower == QLatin1String("mode"))
        return ValueDecoder::Mode;
    if (lower == QLatin1String("dfd"))
        return ValueDecoder::DirFd;
    return ValueDecoder::None;
}

QString decode(ValueDecoder decoder, std::int64_t value)
{
    switch (decoder) {
    case ValueDecoder::OpenFlags:
        return openFlagsText(std::uint64_t(value));
    case ValueDecoder::Mode:
        return modeText(std::uint64_t(value));
    case ValueDecoder::DirFd:
        return dirFdText(value);
    case ValueDecoder::Return:
        return returnText(value);
    case ValueDecoder::None:
        break;
    }
    return QString::number(value);
}

} // namespace Engine
