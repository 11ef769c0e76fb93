// SPDX-License-Identifier: GPL-3.0-or-later
#include "filterfields.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <climits>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

// A message lists this many field names at most: a recording may have any number of types.
constexpr qsizetype listedFields = 60;

bool hasField(const EventTypeInfo& type, const QString& name)
{
    return std::any_of(type.fields.begin(), type.fields.end(), [&name](const FieldInfo& field) { return field.name == name; });
}

// "a, b, c" in the types' order, each once; "…" and how many more past listedFields.
QString fieldList(const std::vector<EventTypeInfo>& types)
{
    QStringList names;
    QSet<QString> seen;
    qsizetype more = 0;
    for (const EventTypeInfo& type : types) {
        for (const FieldInfo& field : type.fields) {
            if (seen.contains(field.name))
                continue;
            seen.insert(field.name);
            if (names.size() < listedFields)
                names << field.name;
            else
                ++more;
        }
    }
    if (names.isEmpty())
        return Tr::tr("none");
    QString text = names.join(QLatin1String(", "));
    if (more > 0)
        text += Tr::tr(", … (%n more)", nullptr, int(std::min<qsizetype>(more, INT_MAX)));
    return text;
}

QString message(const QString& field, const std::vector<EventTypeInfo>& types, bool selected)
{
    const QString common = Tr::tr("(and cpu, pid, comm, ts of every event)");
    if (types.size() == 1)
        return Tr::tr("%1 has no field '%2'; its fields: %3 %4").arg(types.front().qualifiedName(), field, fieldList(types), common);
    if (selected) {
        QStringList names;
        for (const EventTypeInfo& type : types)
            names << type.qualifiedName();
        return Tr::tr("none of the selected event types (%1) has a field '%2'; their fields: %3 %4")
            .arg(names.join(QLatin1String(", ")), field, fieldList(types), common);
    }
    return Tr::tr("no event type of this recording has a field '%1'; their fields: %2 %3").arg(field, fieldList(types), common);
}
} // namespace

bool isCommonColumn(const QString& name)
{
    const QString column = name.startsWith(QLatin1String("common_")) ? name.mid(7) : name;
    return column == QLatin1String("cpu") || column == QLatin1String("pid") || column == QLatin1String("comm")
        || column == QLatin1String("ts");
}

Status checkFilterFields(const FilterExpression& expression, const std::vector<EventTypeInfo>& types, bool selected)
{
    if (!expression.isValid())
        return Error { expression.errorText() };
    for (const QString& field : expression.fieldNames()) {
        const bool known = isCommonColumn(field)
            || std::any_of(types.begin(), types.end(), [&field](const EventTypeInfo& type) { return hasField(type, field); });
        if (!known)
            return Error { message(field, types, selected) };
    }
    return {};
}

} // namespace Storage
