// SPDX-License-Identifier: GPL-3.0-or-later
#include "indexcache.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

namespace Storage::IndexCache {

namespace {
constexpr qint64 defaultLimitMib = 2048;
constexpr int unusedDays = 30;
constexpr qint64 samplePage = 4096;
constexpr int samples = 8;
const QLatin1String suffix(".ftlens-index");

// A directory this user may keep private files in: a real directory (not a symlink), owned by
// the effective user, writable by nobody else. Created 0700 when missing.
bool privateDirectory(const QString& path)
{
    const QByteArray native = QFile::encodeName(path);
    if (::mkdir(native.constData(), 0700) != 0 && errno != EEXIST)
        return false;
    struct stat st {};
    if (::lstat(native.constData(), &st) != 0)
        return false;
    return S_ISDIR(st.st_mode) && st.st_uid == ::geteuid() && (st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

QString computeDirectory()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    if (!base.isEmpty() && QDir().mkpath(base)) {
        const QString ftlens = base + QLatin1String("/ftlens");
        const QString index = ftlens + QLatin1String("/index");
        if (privateDirectory(ftlens) && privateDirectory(index))
            return index;
    }
    // No usable cache directory: one of this process only (QTemporaryDir makes it 0700 under a
    // random name), removed when it exits.
    static QTemporaryDir fallback;
    return fallback.isValid() ? fallback.path() : QString();
}

void addIdentity(QCryptographicHash& hash, const QString& path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) {
        hash.addData("-\n");
        return;
    }
    const qint64 values[] = { qint64(st.st_dev), qint64(st.st_ino), qint64(st.st_size), qint64(st.st_mtim.tv_sec),
        qint64(st.st_mtim.tv_nsec) };
    hash.addData(QByteArrayView(reinterpret_cast<const char*>(values), sizeof(values)));
}

bool addContent(QCryptographicHash& hash, const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const qint64 size = file.size();
    for (int i = 0; i <= samples; ++i) {
        const qint64 offset = std::max<qint64>(0, (size - samplePage) * i / samples) & ~(samplePage - 1);
        if (!file.seek(offset))
            return false;
        hash.addData(file.read(samplePage));
    }
    return true;
}
} // namespace

QString directory()
{
    // Looked up each time (a few system calls): the user may clean ~/.cache while the app runs.
    return computeDirectory();
}

QString pathFor(const QString& recordingPath)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData("ftlens index cache 2\n");
    addIdentity(hash, recordingPath);
    addIdentity(hash, recordingPath + QLatin1String("-wal"));
    if (!addContent(hash, recordingPath))
        return {};
    const QString dir = directory();
    if (dir.isEmpty())
        return {};
    return dir + QLatin1Char('/') + QString::fromLatin1(hash.result().toHex().left(40)) + suffix;
}

void touch(const QString& cacheFile) { (void)::utime(QFile::encodeName(cacheFile).constData(), nullptr); }

qint64 limitBytes()
{
    bool ok = false;
    const qint64 mib = qEnvironmentVariable("FTLENS_INDEX_CACHE_MB").toLongLong(&ok);
    return (ok && mib >= 0 ? mib : defaultLimitMib) * 1024 * 1024;
}

void prune(const QString& keep)
{
    const QString dir = directory();
    if (dir.isEmpty())
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString kept = QFileInfo(keep).fileName();
    // Oldest use first.
    QFileInfoList files = QDir(dir).entryInfoList(QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDir::Time | QDir::Reversed);
    qint64 total = 0;
    QFileInfoList live;
    for (const QFileInfo& file : files) {
        if (file.fileName() == kept) {
            total += file.size();
            continue;
        }
        const bool index = file.fileName().endsWith(suffix);
        const qint64 age = file.lastModified().secsTo(now);
        // A build's temporary file: its builder died if it is this old.
        if ((!index && age > 24 * 3600) || (index && age > unusedDays * 24 * 3600)) {
            QFile::remove(file.filePath());
            continue;
        }
        if (index)
            live.append(file);
        total += file.size();
    }
    const qint64 limit = limitBytes();
    for (const QFileInfo& file : std::as_const(live)) {
        if (total <= limit)
            break;
        if (QFile::remove(file.filePath()))
            total -= file.size();
    }
}

} // namespace Storage::IndexCache
