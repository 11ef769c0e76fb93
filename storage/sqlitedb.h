// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

// Appends rows to one table, many per statement: "INSERT ... VALUES (?,?),(?,?),..." for every
// full batch, one-row inserts for the rest at flush(). Each run of a statement starts and halts
// the VM and opens a cursor on the table; a batch pays that once for all its rows, which made
// appending a row about half as costly. Values are copied (text and blobs into the batch's own
// buffer), so callers may reuse theirs. Owned by the thread that owns its Database.
class BatchInsert {
public:
    BatchInsert() = default;
    // into: the table, maybe with its columns ("t(a, b, c)", quoted as needed); columns: how
    // many values a row has.
    static Result<BatchInsert> prepare(Database& db, std::string_view into, int columns);

    // The next row: every value NULL until set. Only the last row is built at a time.
    void beginRow();
    void setInt(int column, std::int64_t value) { m_values[m_base + std::size_t(column)] = { Kind::Int, value, 0 }; }
    void setText(int column, std::string_view text) { setBytes(column, Kind::Text, text); }
    void setBlob(int column, std::string_view bytes) { setBytes(column, Kind::Blob, bytes); }
    // An integer set in the row begun last (0 when not set or not an integer).
    std::int64_t intValue(int column) const
    {
        const Value& value = m_values[m_base + std::size_t(column)];
        return value.kind == Kind::Int ? value.number : 0;
    }
    // Adds the row begun last; inserts the batch when it is full. SQLITE_OK or an error code.
    int endRow() { return ++m_rows == m_rowsPerBatch ? flushFull() : 0; }
    // Inserts every row added. SQLITE_OK or an error code; the rows are dropped either way.
    int flush();
    // Drops the rows not inserted yet (after an error, or when the writer stops).
    void clear();
    int pendingRows() const { return m_rows; }

private:
    enum class Kind : std::uint8_t { Null, Int, Text, Blob };
    struct Value {
        Kind kind = Kind::Null;
        std::int64_t number = 0; // Int; Text and Blob: offset in m_bytes
        std::uint32_t size = 0;  // Text and Blob
    };
    void setBytes(int column, Kind kind, std::string_view bytes);
    int flushFull();
    int insert(Statement& statement, std::size_t firstValue, int rows);

    Statement m_batch; // m_rowsPerBatch rows
    Statement m_single;
    int m_columns = 0;
    int m_rowsPerBatch = 1;
    int m_rows = 0;          // rows added, not inserted yet
    std::size_t m_base = 0;  // first value of the row being built
    std::vector<Value> m_values; // m_rowsPerBatch rows, allocated once
    std::string m_bytes;
};

// Prepares each statement into its target; the first failure is returned.
Status prepareStatements(Database& db, std::initializer_list<std::pair<Statement*, std::string>> statements);

// SQL identifier quoting ("name" with embedded quotes doubled).
std::string quoteIdentifier(std::string_view name);

} // namespace Storage
