// SPDX-License-Identifier: GPL-3.0-or-later
#include "tracefsroot.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

namespace Recorder {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Recorder)
};

bool looksLikeTracingDir(const QString& dir)
{
    return QFileInfo::exists(dir + QLatin1String("/events")) && QFileInfo::exists(dir + QLatin1String("/trace_clock"));
}

QString fromMountTable()
{
    QFile mounts(QStringLiteral("/proc/self/mounts"));
    if (!mounts.open(QIODevice::ReadOnly))
        return {};
    QString debugfs;
    const QList<QByteArray> lines = mounts.readAll().split('\n');
    for (const QByteArray& line : lines) {
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() < 3)
            continue;
        const QString mountPoint = QString::fromLocal8Bit(parts[1]);
        if (parts[2] == "tracefs" && looksLikeTracingDir(mountPoint))
            return mountPoint;
        if (parts[2] == "debugfs" && debugfs.isEmpty() && looksLikeTracingDir(mountPoint + QLatin1String("/tracing")))
            debugfs = mountPoint + QLatin1String("/tracing");
    }
    return debugfs;
}

QString errnoText(int error) { return QString::fromLocal8Bit(std::strerror(error)); }

// No one but root (or this process's own user) can change what dir or any directory above it
// resolves to: each is owned by root or us and writable by no one else, unless it is sticky (as
// /tmp), where others cannot rename or remove what is not theirs.
Storage::Status checkNoOneElseCanMove(const QString& dir)
{
    for (QString path = dir; !path.isEmpty();) {
        struct stat st {};
        if (::lstat(QFile::encodeName(path).constData(), &st) != 0 || !S_ISDIR(st.st_mode))
            return Storage::Error { Tr::tr("%1: not a directory").arg(path) };
        const bool ownerOk = st.st_uid == 0 || st.st_uid == ::geteuid();
        const bool othersCanWrite = (st.st_mode & (S_IWGRP | S_IWOTH)) && !(st.st_mode & S_ISVTX);
        if (!ownerOk || othersCanWrite)
            return Storage::Error { Tr::tr("%1 is not a tracing directory the helper may use: %2 can be changed by user %3 or others")
                                        .arg(dir, path)
                                        .arg(st.st_uid) };
        if (path == QLatin1String("/"))
            break;
        path = QFileInfo(path).path();
    }
    return {};
}

// The helper writes into the tracing directory as root: it must really be the kernel's, as statfs
// tells (tracefs, or debugfs on old kernels where tracing/ is part of it), and stay so.
Storage::Result<TracefsRoot> verifiedRoot(const QString& dir, bool mountedByUs)
{
    const QString canonical = QFileInfo(dir).canonicalFilePath();
    if (canonical.isEmpty() || !looksLikeTracingDir(canonical))
        return Storage::Error { Tr::tr("tracefs not found at %1 (no events/ or trace_clock there)").arg(dir) };
    struct statfs fs {};
    if (::statfs(QFile::encodeName(canonical).constData(), &fs) != 0) {
        const int error = errno;
        return Storage::Error { Tr::tr("%1: statfs failed: %2").arg(dir, errnoText(error)) };
    }
    if (fs.f_type != TRACEFS_MAGIC && fs.f_type != DEBUGFS_MAGIC)
        return Storage::Error { Tr::tr("%1 is not tracefs or debugfs (statfs says filesystem type 0x%2): the helper writes only "
                                       "into the kernel's tracing directory")
                                    .arg(dir, QString::number(quint64(fs.f_type), 16)) };
    if (Storage::Status s = checkNoOneElseCanMove(canonical); !s)
        return s.error();
    return TracefsRoot { canonical, mountedByUs };
}
} // namespace

Storage::Result<TracefsRoot> findTracefs(const QString& explicitDir, bool mount)
{
    if (!explicitDir.isEmpty())
        return verifiedRoot(explicitDir, false);
    if (QString found = fromMountTable(); !found.isEmpty())
        return verifiedRoot(found, false);
    if (!mount)
        return Storage::Error { Tr::tr("tracefs is not mounted (see /proc/self/mounts)") };
    const char* target = "/sys/kernel/tracing";
    if (::mount("nodev", target, "tracefs", 0, nullptr) != 0) {
        const int error = errno;
        return Storage::Error { Tr::tr("tracefs is not mounted and mounting it at %1 failed: %2")
                                    .arg(QString::fromLatin1(target), errnoText(error)) };
    }
    if (!looksLikeTracingDir(QString::fromLatin1(target)))
        return Storage::Error { Tr::tr("tracefs mounted at %1 but it holds no tracing files").arg(QString::fromLatin1(target)) };
    return verifiedRoot(QString::fromLatin1(target), true);
}

Storage::Result<QByteArray> readTracefsFile(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        return Storage::Error { Tr::tr("%1: cannot read: %2").arg(path, errnoText(error)) };
    }
    QByteArray data;
    char buffer[16384];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            return Storage::Error { Tr::tr("%1: cannot read: %2").arg(path, errnoText(error)) };
        }
        if (n == 0)
            break;
        data.append(buffer, n);
    }
    ::close(fd);
    return data;
}

Storage::Status writeTracefsFile(const QString& path, const QByteArray& text, bool append)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CLOEXEC | (append ? O_APPEND : O_TRUNC));
    if (fd < 0) {
        const int error = errno;
        return Storage::Error { Tr::tr("%1: cannot open for writing: %2").arg(path, errnoText(error)) };
    }
    // The kernel's function filter files take one word per write() and report only its bytes as
    // written: the rest is written again until all of it is taken.
    int error = 0;
    for (qsizetype done = 0; done < text.size();) {
        const ssize_t n = ::write(fd, text.constData() + done, static_cast<size_t>(text.size() - done));
        if (n > 0) {
            done += n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        error = n < 0 ? errno : EIO;
        break;
    }
    ::close(fd);
    if (error != 0)
        return Storage::Error { Tr::tr("%1: writing '%2' failed: %3").arg(path, QString::fromUtf8(text.trimmed()), errnoText(error)) };
    return {};
}

} // namespace Recorder
