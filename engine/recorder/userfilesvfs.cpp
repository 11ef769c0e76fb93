// SPDX-License-Identifier: GPL-3.0-or-later
#include "userfilesvfs.h"

#include "fscredentials.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <sys/stat.h>

namespace Recorder {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Recorder)
};

struct State {
    sqlite3_vfs vfs {};
    sqlite3_vfs* real = nullptr;
    UserAccount user;
    bool registered = false;
};

State& state()
{
    static State s;
    return s;
}

// Our file: SQLite allocates szOsFile bytes, this header and then the unix VFS's own file.
struct UserFile {
    sqlite3_file base;
    sqlite3_file* real;
    const char* name; // valid until xClose (SQLite's guarantee for main files)
};

sqlite3_file* realOf(sqlite3_file* file) { return reinterpret_cast<UserFile*>(file)->real; }

// Runs call with the user's filesystem identity; failing to switch fails the step.
template <typename Call>
int asUser(int failure, Call&& call)
{
    FsCredentials as(&state().user);
    if (!as.ok())
        return failure;
    return call();
}

bool isSymlink(const char* path)
{
    struct stat st {};
    return path && ::lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

// Steps that use the file's name: the directory fsync (unix opens the directory by name), the
// -shm file (opened, and deleted at the end, by name) and closing (may unlink).
int fileClose(sqlite3_file* f)
{
    sqlite3_file* real = realOf(f);
    return asUser(SQLITE_IOERR_CLOSE, [real] { return real->pMethods->xClose(real); });
}
int fileSync(sqlite3_file* f, int flags)
{
    sqlite3_file* real = realOf(f);
    return asUser(SQLITE_IOERR_FSYNC, [real, flags] { return real->pMethods->xSync(real, flags); });
}
int fileShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** out)
{
    sqlite3_file* real = realOf(f);
    const char* name = reinterpret_cast<UserFile*>(f)->name;
    return asUser(SQLITE_IOERR_SHMOPEN, [=] {
        if (name && isSymlink((std::string(name) + "-shm").c_str()))
            return SQLITE_IOERR_SHMOPEN;
        return real->pMethods->xShmMap(real, region, size, extend, out);
    });
}
int fileShmUnmap(sqlite3_file* f, int deleteFlag)
{
    sqlite3_file* real = realOf(f);
    return asUser(SQLITE_IOERR_SHMMAP, [real, deleteFlag] { return real->pMethods->xShmUnmap(real, deleteFlag); });
}

// The rest only use the open descriptor: passed through.
int fileRead(sqlite3_file* f, void* b, int n, sqlite3_int64 o) { return realOf(f)->pMethods->xRead(realOf(f), b, n, o); }
int fileWrite(sqlite3_file* f, const void* b, int n, sqlite3_int64 o) { return realOf(f)->pMethods->xWrite(realOf(f), b, n, o); }
int fileTruncate(sqlite3_file* f, sqlite3_int64 size) { return realOf(f)->pMethods->xTruncate(realOf(f), size); }
int fileSize(sqlite3_file* f, sqlite3_int64* size) { return realOf(f)->pMethods->xFileSize(realOf(f), size); }
int fileLock(sqlite3_file* f, int lock) { return realOf(f)->pMethods->xLock(realOf(f), lock); }
int fileUnlock(sqlite3_file* f, int lock) { return realOf(f)->pMethods->xUnlock(realOf(f), lock); }
int fileCheckReserved(sqlite3_file* f, int* out) { return realOf(f)->pMethods->xCheckReservedLock(realOf(f), out); }
int fileControl(sqlite3_file* f, int op, void* arg) { return realOf(f)->pMethods->xFileControl(realOf(f), op, arg); }
int fileSectorSize(sqlite3_file* f) { return realOf(f)->pMethods->xSectorSize(realOf(f)); }
int fileDevice(sqlite3_file* f) { return realOf(f)->pMethods->xDeviceCharacteristics(realOf(f)); }
int fileShmLock(sqlite3_file* f, int offset, int n, int flags) { return realOf(f)->pMethods->xShmLock(realOf(f), offset, n, flags); }
void fileShmBarrier(sqlite3_file* f) { realOf(f)->pMethods->xShmBarrier(realOf(f)); }
int fileFetch(sqlite3_file* f, sqlite3_int64 o, int n, void** p) { return realOf(f)->pMethods->xFetch(realOf(f), o, n, p); }
int fileUnfetch(sqlite3_file* f, sqlite3_int64 o, void* p) { return realOf(f)->pMethods->xUnfetch(realOf(f), o, p); }

// One table per io_methods version, so SQLite never calls a method the unix file lacks.
const sqlite3_io_methods* methodsFor(int version)
{
    static const sqlite3_io_methods tables[3] = {
        { 1, fileClose, fileRead, fileWrite, fileTruncate, fileSync, fileSize, fileLock, fileUnlock, fileCheckReserved,
            fileControl, fileSectorSize, fileDevice, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr },
        { 2, fileClose, fileRead, fileWrite, fileTruncate, fileSync, fileSize, fileLock, fileUnlock, fileCheckReserved,
            fileControl, fileSectorSize, fileDevice, fileShmMap, fileShmLock, fileShmBarrier, fileShmUnmap, nullptr, nullptr },
        { 3, fileClose, fileRead, fileWrite, fileTruncate, fileSync, fileSize, fileLock, fileUnlock, fileCheckReserved,
            fileControl, fileSectorSize, fileDevice, fileShmMap, fileShmLock, fileShmBarrier, fileShmUnmap, fileFetch, fileUnfetch },
    };
    return &tables[std::clamp(version, 1, 3) - 1];
}

int vfsOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* outFlags)
{
    auto* ours = reinterpret_cast<UserFile*>(file);
    ours->base.pMethods = nullptr;
    ours->real = reinterpret_cast<sqlite3_file*>(ours + 1);
    ours->name = (flags & SQLITE_OPEN_MAIN_DB) ? name : nullptr;
    sqlite3_vfs* real = state().real;
    const int rc = asUser(SQLITE_CANTOPEN, [&] {
        if ((flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL)) && isSymlink(name))
            return SQLITE_CANTOPEN;
        return real->xOpen(real, name, ours->real, flags, outFlags);
    });
    if (ours->real->pMethods)
        ours->base.pMethods = methodsFor(ours->real->pMethods->iVersion);
    return rc;
}

int vfsDelete(sqlite3_vfs*, const char* name, int syncDir)
{
    sqlite3_vfs* real = state().real;
    return asUser(SQLITE_IOERR_DELETE, [=] { return real->xDelete(real, name, syncDir); });
}

int vfsAccess(sqlite3_vfs*, const char* name, int flags, int* out)
{
    sqlite3_vfs* real = state().real;
    return asUser(SQLITE_IOERR_ACCESS, [=] { return real->xAccess(real, name, flags, out); });
}

int vfsFullPathname(sqlite3_vfs*, const char* name, int size, char* out)
{
    sqlite3_vfs* real = state().real;
    return asUser(SQLITE_CANTOPEN, [=] { return real->xFullPathname(real, name, size, out); });
}

// Everything else (loading extensions, randomness, time) is the unix VFS's own.
void* vfsDlOpen(sqlite3_vfs*, const char* name) { return state().real->xDlOpen(state().real, name); }
void vfsDlError(sqlite3_vfs*, int n, char* out) { state().real->xDlError(state().real, n, out); }
void (*vfsDlSym(sqlite3_vfs*, void* handle, const char* symbol))(void) { return state().real->xDlSym(state().real, handle, symbol); }
void vfsDlClose(sqlite3_vfs*, void* handle) { state().real->xDlClose(state().real, handle); }
int vfsRandomness(sqlite3_vfs*, int n, char* out) { return state().real->xRandomness(state().real, n, out); }
int vfsSleep(sqlite3_vfs*, int us) { return state().real->xSleep(state().real, us); }
int vfsCurrentTime(sqlite3_vfs*, double* out) { return state().real->xCurrentTime(state().real, out); }
int vfsLastError(sqlite3_vfs*, int n, char* out) { return state().real->xGetLastError(state().real, n, out); }
int vfsCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) { return state().real->xCurrentTimeInt64(state().real, out); }
} // namespace

Storage::Status useUserFilesVfs(const UserAccount& user)
{
    State& s = state();
    s.user = user;
    if (s.registered)
        return {};
    s.real = sqlite3_vfs_find("unix");
    if (!s.real || s.real->iVersion < 2)
        return Storage::Error { Tr::tr("SQLite has no unix VFS to write recordings through") };
    s.vfs.iVersion = 2;
    s.vfs.szOsFile = int(sizeof(UserFile)) + s.real->szOsFile;
    s.vfs.mxPathname = s.real->mxPathname;
    s.vfs.zName = "ftlens-user-files";
    s.vfs.xOpen = vfsOpen;
    s.vfs.xDelete = vfsDelete;
    s.vfs.xAccess = vfsAccess;
    s.vfs.xFullPathname = vfsFullPathname;
    s.vfs.xDlOpen = vfsDlOpen;
    s.vfs.xDlError = vfsDlError;
    s.vfs.xDlSym = vfsDlSym;
    s.vfs.xDlClose = vfsDlClose;
    s.vfs.xRandomness = vfsRandomness;
    s.vfs.xSleep = vfsSleep;
    s.vfs.xCurrentTime = vfsCurrentTime;
    s.vfs.xGetLastError = vfsLastError;
    s.vfs.xCurrentTimeInt64 = vfsCurrentTimeInt64;
    if (sqlite3_vfs_register(&s.vfs, 1) != SQLITE_OK)
        return Storage::Error { Tr::tr("cannot register the SQLite VFS that writes recordings as %1").arg(user.name) };
    s.registered = true;
    return {};
}

void stopUserFilesVfs()
{
    State& s = state();
    if (!s.registered)
        return;
    sqlite3_vfs_unregister(&s.vfs);
    if (s.real)
        sqlite3_vfs_register(s.real, 1);
    s.registered = false;
}

} // namespace Recorder
