// SPDX-License-Identifier: GPL-3.0-or-later
#include "callindex.h"

#include "callindexbuilder.h"
#include "calltable.h"
#include "sqlitedb.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

constexpr const char* cacheAlias = "callidx";

// Current: built by this version from the call table the recording holds now (the writer
// replaces the table and its `calls` count together). The call count is the recording's.
bool isCurrent(Database& db, const std::string& indexSchema)
{
    return indexMetaValue(db, indexSchema, "call_index") == QString::number(CallIndex::version)
        && indexMetaValue(db, indexSchema, "call_index_calls") == indexMetaValue(db, "main", "calls");
}

enum class State { NoCalls, InFile, InCache, Missing };

State indexState(const QString& path)
{
    auto db = Database::open(path, Database::Mode::ReadOnly);
    if (!db || !CallTable::exists(*db))
        return State::NoCalls;
    if (isCurrent(*db, "main"))
        return State::InFile;
    return attachIndexCache(*db, cacheAlias, isCurrent) ? State::InCache : State::Missing;
}
} // namespace

bool needsCallIndex(const QString& path) { return indexState(path) == State::Missing; }

bool hasCallIndex(const QString& path)
{
    const State state = indexState(path);
    return state == State::InFile || state == State::InCache;
}

bool fileHasCallIndex(const QString& path)
{
    auto db = Database::open(path, Database::Mode::ReadOnly);
    return db && (!CallTable::exists(*db) || isCurrent(*db, "main"));
}

Status buildCallIndexIn(Database& db, const std::string& src, const IndexProgress& progress)
{
    return CallIndexBuilder(db, src, progress).run();
}

Status buildCallIndex(const QString& path, const IndexProgress& progress, IndexPlace place)
{
    if (!QFileInfo::exists(path))
        return Error { Tr::tr("%1: no such file").arg(path) };
    const State state = indexState(path);
    if (state == State::NoCalls || state == State::InFile || (state == State::InCache && place == IndexPlace::Cache))
        return {};
    auto target = IndexTarget::open(path, place, Tr::tr("call index"));
    if (!target)
        return target.error();
    if (Status s = buildCallIndexIn(target->db(), target->source(), progress); !s)
        return s;
    if (Status s = target->commit(); !s)
        return s;
    if (progress)
        progress(1.0);
    return {};
}

Result<QString> attachCallIndex(Database& db)
{
    if (isCurrent(db, "main"))
        return QStringLiteral("main");
    if (attachIndexCache(db, cacheAlias, isCurrent))
        return QString::fromLatin1(cacheAlias);
    return Error { Tr::tr("%1: the recording has no call index yet").arg(db.path()) };
}

} // namespace Storage
