// SPDX-License-Identifier: GPL-3.0-or-later
#include "indextarget.h"

#include "timelineindex.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <sqlite3.h>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};
} // namespace

bool isRecordingWritable(const QString& path)
{
    const QFileInfo info(path);
    return info.isWritable() && QFileInfo(info.absolutePath()).isWritable();
}

Result<Database> openIndexTarget(const QString& path, std::string& src, const QString& what)
{
    if (isRecordingWritable(path)) {
        src = "main";
        return Database::open(path, Database::Mode::ReadWrite);
    }
    const QString cache = timelineIndexCachePath(path);
    if (!QDir().mkpath(QFileInfo(cache).absolutePath()))
        return Error { Tr::tr("%1: cannot create the cache directory for the %2").arg(cache, what) };
    auto db = Database::open(cache, Database::Mode::Create);
    if (!db)
        return db;
    auto attach = db->prepare("ATTACH DATABASE ?1 AS src");
    if (!attach)
        return attach.error();
    attach->bindText(1, path.toStdString());
    if (attach->step() != SQLITE_DONE)
        return db->error(Tr::tr("cannot read the recording %1").arg(path));
    if (Status s = db->exec("CREATE TABLE IF NOT EXISTS main.meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID"); !s)
        return s.error();
    src = "src";
    return db;
}

} // namespace Storage
