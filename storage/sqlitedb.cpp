// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqlitedb.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <algorithm>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};
} // namespace

Statement::Statement(sqlite3_stmt* stmt)
    : m_stmt(stmt)
{
}

Statement::Statement(Statement&& other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr))
{
}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
    }
    return *this;
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

void Statement::bindInt(int index, std::int64_t value) { sqlite3_bind_int64(m_stmt, index, value); }
void Statement::bindDouble(int index, double value) { sqlite3_bind_double(m_stmt, index, value); }

void Statement::bindText(int index, std::string_view text)
{
    sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void Statement::bindBlob(int index, std::string_view bytes)
{
    sqlite3_bind_blob(m_stmt, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
}

void Statement::bindNull(int index) { sqlite3_bind_null(m_stmt, index); }
int Statement::step() { return sqlite3_step(m_stmt); }

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::columnInt(int column) const { return sqlite3_column_int64(m_stmt, column); }
double Statement::columnDouble(int column) const { return sqlite3_column_double(m_stmt, column); }

std::string_view Statement::columnText(int column) const
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return text ? std::string_view(text, sqlite3_column_bytes(m_stmt, column)) : std::string_view();
}

QString Statement::columnString(int column) const
{
    const std::string_view text = columnText(column);
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

bool Statement::columnIsNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
int Statement::columnType(int column) const { return sqlite3_column_type(m_stmt, column); }

Result<Database> Database::open(const QString& path, Mode mode)
{
    // Memory statistics take a global mutex on every allocation; nothing here reads them.
    static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
    Q_UNUSED(configured);
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case Mode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case Mode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Mode::Create:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }
    Database db;
    db.m_path = path;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &db.m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const QString reason = db.m_db ? QString::fromUtf8(sqlite3_errmsg(db.m_db)) : QString::fromUtf8(sqlite3_errstr(rc));
        return Error { Tr::tr("%1: cannot open: %2").arg(path, reason) };
    }
    sqlite3_extended_result_codes(db.m_db, 1);
    sqlite3_busy_timeout(db.m_db, 5000);
    return db;
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_path(std::move(other.m_path))
{
}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

Database::~Database() { close(); }

void Database::close()
{
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

Status Database::exec(const char* sql)
{
    char* message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const QString text = QString::fromUtf8(message ? message : sqlite3_errmsg(m_db));
        sqlite3_free(message);
        return Error { Tr::tr("%1: %2").arg(m_path, text) };
    }
    return {};
}

Result<Statement> Database::prepare(std::string_view sql)
{
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr)
        != SQLITE_OK) {
        return error(Tr::tr("cannot prepare query"));
    }
    return Statement(stmt);
}

Result<std::int64_t> Database::queryInt(std::string_view sql)
{
    auto stmt = prepare(sql);
    if (!stmt)
        return stmt.error();
    const int rc = stmt->step();
    if (rc == SQLITE_ROW)
        return stmt->columnInt(0);
    if (rc == SQLITE_DONE)
        return std::int64_t(0);
    return error(Tr::tr("query failed"));
}

QString Database::lastMessage() const { return QString::fromUtf8(sqlite3_errmsg(m_db)); }
int Database::lastCode() const { return sqlite3_extended_errcode(m_db); }

Error Database::error(const QString& what) const
{
    return Error { Tr::tr("%1: %2: %3").arg(m_path, what, lastMessage()) };
}

namespace {
// Values per multi-row statement: far below SQLite's limit on parameters (32766), and more rows
// per statement stop paying off beyond a few dozen.
constexpr int valuesPerBatch = 1024;
constexpr int maxRowsPerBatch = 64;

std::string valuesSql(std::string_view into, int columns, int rows)
{
    std::string row = "(?";
    for (int c = 1; c < columns; ++c)
        row += ",?";
    row += ')';
    // OR FAIL, not the default ABORT: undoing a failed statement alone needs a statement journal,
    // into which SQLite would copy every page a multi-row statement changes. A failed insert
    // fails the writer anyway, which never commits again after an error.
    std::string sql = "INSERT OR FAIL INTO ";
    sql += into;
    sql += " VALUES ";
    for (int r = 0; r < rows; ++r) {
        if (r)
            sql += ',';
        sql += row;
    }
    return sql;
}
} // namespace

Result<BatchInsert> BatchInsert::prepare(Database& db, std::string_view into, int columns)
{
    BatchInsert batch;
    batch.m_columns = std::max(columns, 1);
    batch.m_rowsPerBatch = std::clamp(valuesPerBatch / batch.m_columns, 1, maxRowsPerBatch);
    auto single = db.prepare(valuesSql(into, batch.m_columns, 1));
    if (!single)
        return single.error();
    batch.m_single = std::move(single.value());
    if (batch.m_rowsPerBatch > 1) {
        auto many = db.prepare(valuesSql(into, batch.m_columns, batch.m_rowsPerBatch));
        if (!many)
            return many.error();
        batch.m_batch = std::move(many.value());
    }
    batch.m_values.resize(std::size_t(batch.m_rowsPerBatch) * std::size_t(batch.m_columns));
    return batch;
}

void BatchInsert::beginRow()
{
    m_base = std::size_t(m_rows) * std::size_t(m_columns);
    std::fill_n(m_values.begin() + std::ptrdiff_t(m_base), m_columns, Value {});
}

void BatchInsert::setBytes(int column, Kind kind, std::string_view bytes)
{
    m_values[m_base + std::size_t(column)] = { kind, std::int64_t(m_bytes.size()), std::uint32_t(bytes.size()) };
    m_bytes.append(bytes);
}

int BatchInsert::insert(Statement& statement, std::size_t firstValue, int rows)
{
    sqlite3_stmt* stmt = statement.handle();
    const int count = rows * m_columns;
    for (int i = 0; i < count; ++i) {
        const Value& value = m_values[firstValue + std::size_t(i)];
        // Text and blobs only: an integer's number is no offset, and a pointer computed from it
        // would be out of bounds (undefined even unused; UBSan reports it).
        auto bytes = [this, &value] { return m_bytes.data() + value.number; };
        // SQLITE_STATIC: m_bytes stays as it is until the statement is reset, and every
        // parameter is bound again before the statement runs again.
        switch (value.kind) {
        case Kind::Null:
            sqlite3_bind_null(stmt, i + 1);
            break;
        case Kind::Int:
            sqlite3_bind_int64(stmt, i + 1, value.number);
            break;
        case Kind::Text:
            sqlite3_bind_text(stmt, i + 1, bytes(), int(value.size), SQLITE_STATIC);
            break;
        case Kind::Blob:
            sqlite3_bind_blob(stmt, i + 1, bytes(), int(value.size), SQLITE_STATIC);
            break;
        }
    }
    const int rc = sqlite3_step(stmt);
    // No sqlite3_clear_bindings(): the next run binds every parameter anyway.
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int BatchInsert::flushFull()
{
    const int rc = insert(m_rowsPerBatch > 1 ? m_batch : m_single, 0, m_rowsPerBatch);
    clear();
    return rc;
}

int BatchInsert::flush()
{
    int rc = SQLITE_OK;
    for (int row = 0; row < m_rows && rc == SQLITE_OK; ++row)
        rc = insert(m_single, std::size_t(row) * std::size_t(m_columns), 1);
    clear();
    return rc;
}

void BatchInsert::clear()
{
    m_rows = 0;
    m_base = 0;
    m_bytes.clear();
}

std::string quoteIdentifier(std::string_view name)
{
    std::string quoted = "\"";
    for (const char c : name) {
        quoted += c;
        if (c == '"')
            quoted += '"';
    }
    quoted += '"';
    return quoted;
}

} // namespace Storage
