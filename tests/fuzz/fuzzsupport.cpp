// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzzsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace FuzzSupport {

namespace {
// Removed by its destructor when the process exits (libFuzzer too ends through exit()).
std::unique_ptr<QTemporaryDir> s_scratch;

void dropMessage(QtMsgType, const QMessageLogContext&, const QString&) { }
} // namespace

void initialize()
{
    if (s_scratch)
        return;
    qInstallMessageHandler(dropMessage);
    // On tmpfs where there is one: the readers' SQLite commits fsync, which on a disk costs more
    // than the rest of an input.
    const QFileInfo shm(QStringLiteral("/dev/shm"));
    const QString base = shm.isDir() && shm.isWritable() ? shm.filePath() : QDir::tempPath();
    s_scratch = std::make_unique<QTemporaryDir>(base + QStringLiteral("/ftlens-fuzz-XXXXXX"));
    require(s_scratch->isValid(), "cannot create the scratch directory under $TMPDIR");
    qputenv("XDG_CACHE_HOME", QFile::encodeName(s_scratch->filePath(QStringLiteral("cache"))));
}

QString scratchPath(const QString& name) { return s_scratch->filePath(name); }

void removeRecording(const QString& path)
{
    for (const char* suffix : { "", "-wal", "-shm", "-journal" })
        QFile::remove(path + QLatin1String(suffix));
}

bool writeFile(const QString& path, const std::uint8_t* data, std::size_t size)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(reinterpret_cast<const char*>(data), qint64(size)) == qint64(size);
}

void require(bool condition, const char* what)
{
    if (condition)
        return;
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
}

} // namespace FuzzSupport

// Every target's: libFuzzer calls it before the first input, the replay driver too.
extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    FuzzSupport::initialize();
    return 0;
}
