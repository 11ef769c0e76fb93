// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "sqlitedb.h"

#include <QString>

#include <optional>
#include <string>

namespace Storage {

// Where an index derived from a recording (timeline index, call index) is built:
// Cache: the recording's index cache file (IndexCache), the default, which leaves the recording
// untouched; File: the recording itself, only when the user asks (`ftlens-cli index`, File >
// Optimize).
enum class IndexPlace { Cache, File };

// A connection an index is built in, inside one transaction, so that a failed or cancelled build
// leaves everything as it was. For the cache, a new file is written under a temporary name and
// only put in place by commit(); an existing cache file gets the new tables in place. The
// recording is read through source(): "main" when building into it, else attached read-only as
// "src". Owned by the building thread.
class IndexTarget {
public:
    static Result<IndexTarget> open(const QString& recordingPath, IndexPlace place, const QString& what);
    IndexTarget(IndexTarget&&) noexcept;
    IndexTarget& operator=(IndexTarget&&) noexcept;
    ~IndexTarget();

    Database& db() { return m_db; }
    const std::string& source() const { return m_source; }
    IndexPlace place() const { return m_place; }
    Status commit();

private:
    IndexTarget() = default;
    Status begin(const QString& recordingPath);
    void abandon();

    Database m_db;
    std::string m_source = "main";
    IndexPlace m_place = IndexPlace::Cache;
    QString m_finalPath; // a new cache file: where commit() puts it
    QString m_tempPath;
    bool m_open = false;
};

// Makes the index cache file of the recording db has open readable through db as `alias` when it
// exists and `isCurrent(db, alias)` says it holds what is wanted; true when attached.
bool attachIndexCache(Database& db, const char* alias, bool (*isCurrent)(Database&, const std::string&));

// A meta value of the given schema ("main", an attached alias); empty when absent.
QString indexMetaValue(Database& db, const std::string& schema, const char* key);

} // namespace Storage
