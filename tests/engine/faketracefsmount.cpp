// SPDX-License-Identifier: GPL-3.0-or-later
// statfs (and statfs64) as the test executable sees them: the real system call, then the type of
// a marked directory reported as tracefs (faketracefsmount.h).
#include "faketracefsmount.h"

#include <QFile>
#include <QStringList>

#include <linux/magic.h>
#include <mutex>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace {
std::mutex s_mutex;
QStringList& marked()
{
    static QStringList dirs;
    return dirs;
}

bool isMarked(const char* path)
{
    const QString name = QFile::decodeName(path);
    std::lock_guard lock(s_mutex);
    for (const QString& dir : marked()) {
        if (name == dir || name.startsWith(dir + QLatin1Char('/')))
            return true;
    }
    return false;
}

int fakeStatfs(const char* path, struct statfs* buffer)
{
    const int rc = int(::syscall(SYS_statfs, path, buffer));
    if (rc == 0 && isMarked(path))
        buffer->f_type = TRACEFS_MAGIC;
    return rc;
}
} // namespace

namespace TestSupport {

void markAsTracefs(const QString& dir)
{
    std::lock_guard lock(s_mutex);
    marked() << dir;
}

void unmarkAsTracefs(const QString& dir)
{
    std::lock_guard lock(s_mutex);
    marked().removeAll(dir);
}

} // namespace TestSupport

extern "C" int statfs(const char* path, struct statfs* buffer) { return fakeStatfs(path, buffer); }
// Callers built with _FILE_OFFSET_BITS=64 call this one; on 64-bit Linux both structs are alike.
extern "C" int statfs64(const char* path, struct statfs64* buffer)
{
    static_assert(sizeof(struct statfs64) == sizeof(struct statfs));
    return fakeStatfs(path, reinterpret_cast<struct statfs*>(buffer));
}
