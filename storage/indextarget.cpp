// SPDX-License-Identifier: GPL-3.0-or-later
#include "indextarget.h"

#include "indexcache.h"
#include "schema.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>
#include <QUrl>

#include <sqlite3.h>

#include <cstdio>
#include <utility>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};
} // namespace

IndexTarget::IndexTarget(IndexTarget&& other) noexcept
    : m_db(std::move(other.m_db))
    , m_source(std::move(other.m_source))
    , m_place(other.m_place)
    , m_finalPath(std::move(other.m_finalPath))
    , m_tempPath(std::move(other.m_tempPath))
    , m_open(std::exchange(other.m_open, false))
{
}

IndexTarget& IndexTarget::operator=(IndexTarget&& other) noexcept
{
    if (this != &other) {
        abandon();
        m_db = std::move(other.m_db);
        m_source = std::move(other.m_source);
        m_place = other.m_place;
        m_finalPath = std::move(other.m_finalPath);
        m_tempPath = std::move(other.m_tempPath);
        m_open = std::exchange(other.m_open, false);
    }
    return *this;
}

IndexTarget::~IndexTarget() { abandon(); }

Result<IndexTarget> IndexTarget::open(const QString& recordingPath, IndexPlace place, const QString& what)
{
    IndexTarget target;
    target.m_place = place;
    if (place == IndexPlace::File) {
        if (!QFileInfo(recordingPath).isWritable())
            return Error { Tr::tr("%1: cannot write the %2 into the recording: the file is not writable").arg(recordingPath, what) };
        auto db = Database::open(recordingPath, Database::Mode::ReadWrite);
        if (!db)
            return db.error();
        target.m_db = std::move(*db);
        target.m_source = "main";
    } else {
        const QString cache = IndexCache::pathFor(recordingPath);
        if (cache.isEmpty())
            return Error { Tr::tr("%1: no place for the %2: the recording cannot be read or there is no cache directory")
                               .arg(recordingPath, what) };
        QString path = cache;
        if (!QFileInfo::exists(cache)) {
            // A new cache file appears only complete: built under a name of its own, then renamed.
            QTemporaryFile temp(QFileInfo(cache).absolutePath() + QLatin1String("/build-XXXXXX.tmp"));
            temp.setAutoRemove(false);
            if (!temp.open())
                return Error { Tr::tr("%1: cannot create a file in the index cache %2: %3")
                                   .arg(recordingPath, QFileInfo(cache).absolutePath(), temp.errorString()) };
            target.m_tempPath = temp.fileName();
            target.m_finalPath = cache;
            path = target.m_tempPath;
        }
        auto db = Database::open(path, Database::Mode::ReadWrite);
        if (!db) {
            QFile::remove(target.m_tempPath);
            return db.error();
        }
        target.m_db = std::move(*db);
        target.m_source = "src";
    }
    if (Status s = target.begin(recordingPath); !s)
        return s.error();
    return target;
}

Status IndexTarget::begin(const QString& recordingPath)
{
    if (m_source == "src") {
        // A new file needs no journal: it is thrown away unless the build completes.
        if (!m_tempPath.isEmpty()) {
            if (Status s = m_db.exec("PRAGMA journal_mode=OFF"); !s)
                return s;
        }
        if (Status s = m_db.exec("PRAGMA synchronous=OFF"); !s)
            return s;
        auto attach = m_db.prepare("ATTACH DATABASE ?1 AS src");
        if (!attach)
            return attach.error();
        // Read-only, so the recording (and any -wal of a killed recording) stays as it is.
        attach->bindText(1, "file:" + QUrl::toPercentEncoding(QFileInfo(recordingPath).absoluteFilePath(), "/").toStdString()
                + "?mode=ro");
        if (attach->step() != SQLITE_DONE)
            return m_db.error(Tr::tr("cannot read the recording %1").arg(recordingPath));
    }
    if (Status s = m_db.exec("PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY; BEGIN IMMEDIATE"); !s)
        return s;
    m_open = true;
    if (m_source == "src")
        return m_db.exec("CREATE TABLE IF NOT EXISTS main.meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID");
    return {};
}

Status IndexTarget::commit()
{
    if (Status s = m_db.exec("COMMIT"); !s)
        return s;
    m_open = false;
    if (m_tempPath.isEmpty())
        return {};
    m_db.close();
    if (std::rename(QFile::encodeName(m_tempPath).constData(), QFile::encodeName(m_finalPath).constData()) != 0) {
        QFile::remove(m_tempPath);
        return Error { Tr::tr("%1: cannot put the index in place").arg(m_finalPath) };
    }
    m_tempPath.clear();
    IndexCache::prune(m_finalPath);
    return {};
}

void IndexTarget::abandon()
{
    if (m_open && m_db.handle())
        (void)m_db.exec("ROLLBACK");
    m_open = false;
    if (!m_tempPath.isEmpty()) {
        m_db.close();
        QFile::remove(m_tempPath);
        m_tempPath.clear();
    }
}

QString indexMetaValue(Database& db, const std::string& schema, const char* key)
{
    auto q = db.prepare("SELECT value FROM " + schema + ".meta WHERE key = ?1");
    if (!q)
        return {};
    q->bindText(1, key);
    return q->step() == SQLITE_ROW ? q->columnString(0) : QString();
}

bool attachIndexCache(Database& db, const char* alias, bool (*isCurrent)(Database&, const std::string&))
{
    const QString cache = IndexCache::pathFor(db.path());
    if (cache.isEmpty() || !QFileInfo::exists(cache))
        return false;
    auto attach = db.prepare(std::string("ATTACH DATABASE ?1 AS ") + alias);
    if (!attach)
        return false;
    attach->bindText(1, cache.toStdString());
    if (attach->step() != SQLITE_DONE)
        return false;
    if (isCurrent(db, alias)) {
        IndexCache::touch(cache);
        return true;
    }
    (void)db.exec((std::string("DETACH DATABASE ") + alias).c_str());
    return false;
}

} // namespace Storage
