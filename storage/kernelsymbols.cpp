// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernelsymbols.h"

#include "sqlitedb.h"

#include <QCoreApplication>

#include <sqlite3.h>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

Status insertAll(Database& db, const std::vector<KernelSymbol>& symbols)
{
    auto insert = db.prepare("INSERT OR REPLACE INTO kernel_symbol (addr, name) VALUES (?, ?)");
    if (!insert)
        return insert.error();
    for (const KernelSymbol& symbol : symbols) {
        insert->bindInt(1, static_cast<std::int64_t>(symbol.address));
        insert->bindText(2, symbol.name);
        if (insert->step() != SQLITE_DONE)
            return db.error(Tr::tr("cannot write the kernel symbol names"));
        insert->reset();
    }
    return {};
}
} // namespace

Status writeKernelSymbols(const QString& recordingPath, const std::vector<KernelSymbol>& symbols)
{
    auto db = Database::open(recordingPath, Database::Mode::ReadWrite);
    if (!db)
        return db.error();
    if (Status s = db->exec("BEGIN; CREATE TABLE IF NOT EXISTS kernel_symbol (addr INTEGER PRIMARY KEY, name TEXT NOT NULL);"); !s)
        return s;
    if (Status s = insertAll(db.value(), symbols); !s) {
        (void)db->exec("ROLLBACK");
        return s;
    }
    return db->exec("COMMIT");
}

} // namespace Storage
