// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sqlitedb.h"

#include <QString>
#include <QStringList>

#include <sqlite3.h>

// Test support: what a recording file holds, as text, read through a plain read-only connection.
// Any thread.
namespace TestSupport {

// Each row of a query as its columns' text joined by spaces (NULL as "-"); an error as its message.
inline QStringList recordingRows(const QString& file, const QString& sql)
{
    QStringList lines;
    auto db = Storage::Database::open(file, Storage::Database::Mode::ReadOnly);
    if (!db)
        return { db.error().message };
    auto statement = db->prepare(sql.toStdString());
    if (!statement)
        return { statement.error().message };
    while (statement->step() == SQLITE_ROW) {
        QStringList columns;
        for (int column = 0; column < sqlite3_column_count(statement->handle()); ++column)
            columns << (statement->columnIsNull(column) ? QStringLiteral("-") : statement->columnString(column));
        lines << columns.join(QLatin1Char(' '));
    }
    return lines;
}

// The meta value of key (empty when there is none).
inline QString recordingMeta(const QString& file, const char* key)
{
    return recordingRows(file, QStringLiteral("SELECT value FROM meta WHERE key = '%1'").arg(QLatin1String(key))).value(0);
}

} // namespace TestSupport
