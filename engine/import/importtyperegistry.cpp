// SPDX-License-Identifier: GPL-3.0-or-later
#include "importtyperegistry.h"

#include <algorithm>
#include <cctype>

namespace Engine {

using Storage::Schema::FieldStorage;

namespace {
bool sameColumn(std::string_view a, std::string_view b)
{
    // SQLite column names compare without case.
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
        [](char x, char y) { return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y)); });
}

std::string definitionPrefix(std::string_view kind)
{
    if (kind == "kprobe")
        return "p:kprobes/";
    if (kind == "kretprobe")
        return "r:kprobes/";
    if (kind == "uprobe")
        return "p:uprobes/";
    if (kind == "uretprobe")
        return "r:uprobes/";
    if (kind == "eprobe")
        return "e:eprobes/";
    return {};
}
} // namespace

FieldStorage ImportTypeRegistry::Field::storage() const
{
    if (sawText || (sawUnsigned && sawNegative))
        return FieldStorage::Text;
    return sawUnsigned ? FieldStorage::UInt : FieldStorage::Int;
}

int ImportTypeRegistry::typeFor(const EventShape& shape)
{
    if (m_lastType >= 0 && shape.name == m_lastName && shape.kind == m_lastKind)
        return m_lastType;
    int found = -1;
    if (auto it = m_byName.find(shape.name); it != m_byName.end()) {
        for (int id : it->second) {
            if (m_types[std::size_t(id)].kind == shape.kind)
                found = id;
        }
    }
    if (found < 0)
        found = addType(shape);
    m_lastName = shape.name;
    m_lastKind = shape.kind;
    m_lastType = found;
    return found;
}

std::string ImportTypeRegistry::uniqueName(std::string_view system, std::string_view name, std::string_view kind) const
{
    const bool taken = std::any_of(m_types.begin(), m_types.end(),
        [&](const Type& t) { return t.system == system && sameColumn(t.name, name); });
    return taken ? std::string(name) + "_" + std::string(kind) : std::string(name);
}

int ImportTypeRegistry::addType(const EventShape& shape)
{
    Type type;
    type.system = shape.system;
    type.name = uniqueName(shape.system, shape.name, shape.kind);
    type.textName = shape.name;
    type.kind = shape.kind;
    type.place = shape.place;
    m_types.push_back(std::move(type));
    const int id = int(m_types.size()) - 1;
    m_byName[std::string(shape.name)].push_back(id);
    return id;
}

int ImportTypeRegistry::fieldFor(int typeId, std::size_t hint, std::string_view name)
{
    std::vector<Field>& fields = m_types[std::size_t(typeId)].fields;
    if (hint < fields.size() && fields[hint].name == name)
        return int(hint);
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name == name)
            return int(i);
    }
    Field field;
    field.name = name;
    field.column = name == "event_id" ? std::string("event_id_") : std::string(name);
    while (std::any_of(fields.begin(), fields.end(), [&](const Field& f) { return sameColumn(f.column, field.column); }))
        field.column += '_';
    fields.push_back(std::move(field));
    return int(fields.size()) - 1;
}

void ImportTypeRegistry::observe(int typeId, int fieldId, ValueClass valueClass)
{
    Field& field = m_types[std::size_t(typeId)].fields[std::size_t(fieldId)];
    field.sawText |= valueClass == ValueClass::Text;
    field.sawNegative |= valueClass == ValueClass::NegativeInt;
    field.sawUnsigned |= valueClass == ValueClass::UInt;
}

Storage::EventTypeSpec ImportTypeRegistry::spec(int typeId) const
{
    const Type& type = m_types[std::size_t(typeId)];
    Storage::EventTypeSpec spec;
    spec.system = type.system;
    spec.name = type.name;
    spec.kind = type.kind;
    if (const std::string prefix = definitionPrefix(type.kind); !prefix.empty())
        spec.definition = prefix + type.name + " " + type.place;
    for (const Field& field : type.fields) {
        const FieldStorage storage = field.storage();
        const char* cType = storage == FieldStorage::Text ? "string" : storage == FieldStorage::UInt ? "u64" : "s64";
        spec.fields.push_back({ field.column, cType, storage, storage == FieldStorage::Text ? 0 : 8 });
    }
    return spec;
}

} // namespace Engine
