// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventfieldtext.h"

#include <QCoreApplication>

#include <sqlite3.h>

#include <charconv>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

std::string fieldRowSql(const EventTypeInfo& type)
{
    std::string columns = "f.event_id";
    std::string joins;
    int n = 0;
    for (const FieldInfo& field : type.fields) {
        const std::string column = "f." + quoteIdentifier(field.name.toStdString());
        if (field.storage == Schema::FieldStorage::Text) {
            const std::string alias = "s" + std::to_string(n++);
            columns += ", " + alias + ".str";
            joins += " LEFT JOIN string " + alias + " ON " + alias + ".id = " + column;
        } else {
            columns += ", " + column;
        }
    }
    return "SELECT " + columns + " FROM " + quoteIdentifier(type.fieldTable.toStdString()) + " f" + joins
        + " WHERE f.event_id >= ?1 ORDER BY f.event_id";
}

template <typename T>
std::string decimal(T value)
{
    char digits[24];
    return std::string(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
}
} // namespace

EventFieldText::EventFieldText(Database& db, std::vector<EventTypeInfo> types)
    : m_db(db)
    , m_types(std::move(types))
{
    for (std::size_t i = 0; i < m_types.size(); ++i)
        m_typeIndex[m_types[i].id] = i;
}

const EventTypeInfo* EventFieldText::type(int typeId) const
{
    const auto it = m_typeIndex.find(typeId);
    return it == m_typeIndex.end() ? nullptr : &m_types[it->second];
}

Result<ForwardCursor*> EventFieldText::cursor(const EventTypeInfo& type)
{
    auto it = m_cursors.find(type.id);
    if (it == m_cursors.end()) {
        auto statement = m_db.prepare(fieldRowSql(type));
        if (!statement)
            return statement.error();
        it = m_cursors.emplace(type.id, ForwardCursor(std::move(statement.value()))).first;
    }
    return &it->second;
}

Result<const Statement*> EventFieldText::fields(int typeId, std::int64_t eventId)
{
    const EventTypeInfo* info = type(typeId);
    if (!info)
        return static_cast<const Statement*>(nullptr);
    auto c = cursor(*info);
    if (!c)
        return c.error();
    auto found = (*c)->seek(eventId);
    if (!found)
        return found.error();
    return *found ? &(*c)->row() : static_cast<const Statement*>(nullptr);
}

Result<std::string> EventFieldText::render(int typeId, std::int64_t eventId)
{
    auto row = fields(typeId, eventId);
    if (!row)
        return row.error();
    std::string text;
    if (!*row)
        return text;
    const EventTypeInfo& info = *type(typeId);
    for (std::size_t i = 0; i < info.fields.size(); ++i) {
        if (i > 0)
            text += ' ';
        text += info.fields[i].name.toStdString();
        text += '=';
        text += valueText(**row, static_cast<int>(i) + 1, info.fields[i].storage);
    }
    return text;
}

Result<QString> EventFieldText::text(int typeId, std::int64_t eventId)
{
    auto rendered = render(typeId, eventId);
    if (!rendered)
        return rendered.error();
    return QString::fromStdString(*rendered);
}

std::string EventFieldText::hex(std::string_view bytes)
{
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

std::string EventFieldText::valueText(const Statement& row, int column, Schema::FieldStorage storage)
{
    if (row.columnIsNull(column))
        return {};
    switch (storage) {
    case Schema::FieldStorage::Int:
        return decimal(row.columnInt(column));
    case Schema::FieldStorage::UInt:
        return decimal(static_cast<std::uint64_t>(row.columnInt(column)));
    case Schema::FieldStorage::Text:
        return std::string(row.columnText(column));
    case Schema::FieldStorage::Blob:
        break;
    }
    const auto* data = static_cast<const char*>(sqlite3_column_blob(row.handle(), column));
    return hex(std::string_view(data, static_cast<std::size_t>(sqlite3_column_bytes(row.handle(), column))));
}

} // namespace Storage
