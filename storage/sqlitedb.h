// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <memory>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace Storage {

// A prepared statement: prepare once, then bind/step/reset. Owned by the thread that owns its Database.
class Statement {
public:
    Statement() = default;
    explicit Statement(sqlite3_stmt* stmt);
    Statement(Statement&&) noexcept;
    Statement& operator=(Statement&&) noexcept;
    ~Statement();

    bool isValid() const { return m_stmt != nullptr; }
    void bindInt(int index, std::int64_t value);
    void bindDouble(int index, double value);
    void bindText(int index, std::string_view text);
    void bindBlob(int index, std::string_view bytes);
    void bindNull(int index);

    // SQLITE_ROW, SQLITE_DONE or an error code.
    int step();
    void reset();

    std::int64_t columnInt(int column) const;
    double columnDouble(int column) const;
    std::string_view columnText(int column) const;
    QString columnString(int column) const;
    bool columnIsNull(int column) const;
    int columnType(int column) const;
    sqlite3_stmt* handle() const { return m_stmt; }

private:
    sqlite3_stmt* m_stmt = nullptr;
};

// One SQLite connection. Never shared between threads: each thread opens its own.
class Database {
public:
    enum class Mode { ReadOnly, ReadWrite, Create };

    static Result<Database> open(const QString& path, Mode mode);
    Database() = default;
    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    ~Database();

    Status exec(const char* sql);
    Result<Statement> prepare(std::string_view sql);
    // Runs a query expected to return one integer (COUNT, MAX, PRAGMA ...).
    Result<std::int64_t> queryInt(std::string_view sql);

    QString lastMessage() const;
    int lastCode() const;
    // An Error whose message names this database's file and the SQLite message.
    Error error(const QString& what) const;
    sqlite3* handle() const { return m_db; }
    const QString& path() const { return m_path; }
    void close();

private:
    sqlite3* m_db = nullptr;
    QString m_path;
};

// SQL identifier quoting ("name" with embedded quotes doubled).
std::string quoteIdentifier(std::string_view name);

} // namespace Storage
