// SPDX-License-Identifier: GPL-3.0-or-later
#include "message.h"

#include "frame.h"

#include <cmath>
#include <QBuffer>
#include <QCborArray>
#include <QCborStreamReader>
#include <QCborStreamWriter>
#include <QCborValue>
#include <QCoreApplication>
#include <QSet>
#include <QtEndian>

#include <cstring>

namespace Protocol {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Protocol)
};

using Storage::Error;

// Walks the payload's items without building them: counts and depth only.
struct ShapeCheck {
    QCborStreamReader reader;
    int items = 0;
    QString problem;

    explicit ShapeCheck(const QByteArray& payload)
        : reader(payload)
    {
    }

    bool walk(int depth)
    {
        if (++items > maxCborItems) {
            problem = Tr::tr("more than %1 CBOR items").arg(maxCborItems);
            return false;
        }
        if (!reader.isContainer()) {
            reader.next();
            return reader.lastError() == QCborError::NoError || fail();
        }
        if (depth >= maxCborDepth) {
            problem = Tr::tr("CBOR nested deeper than %1").arg(maxCborDepth);
            return false;
        }
        if (!reader.enterContainer())
            return fail();
        while (reader.lastError() == QCborError::NoError && reader.hasNext()) {
            if (!walk(depth + 1))
                return false;
        }
        return (reader.lastError() == QCborError::NoError && reader.leaveContainer()) || fail();
    }

    bool fail()
    {
        problem = Tr::tr("malformed CBOR at byte %1: %2").arg(reader.currentOffset()).arg(reader.lastError().toString());
        return false;
    }
};

std::optional<Error> checkShape(const QByteArray& payload)
{
    ShapeCheck check(payload);
    if (!check.reader.isMap())
        return Error { check.reader.lastError() != QCborError::NoError ? Tr::tr("malformed CBOR: %1").arg(check.reader.lastError().toString())
                                                                        : Tr::tr("the payload is not a CBOR map") };
    if (!check.walk(0))
        return Error { check.problem };
    if (check.reader.currentOffset() != payload.size())
        return Error { Tr::tr("%1 bytes after the message's map").arg(payload.size() - check.reader.currentOffset()) };
    return std::nullopt;
}

bool isIntegerList(const QCborValue& value)
{
    const QCborArray array = value.toArray();
    return std::all_of(array.begin(), array.end(), [](const QCborValue& v) { return v.isInteger(); });
}

bool isTextList(const QCborValue& value)
{
    const QCborArray array = value.toArray();
    return std::all_of(array.begin(), array.end(), [](const QCborValue& v) { return v.isString(); });
}

std::optional<Error> checkFields(const QCborMap& map, const std::vector<FieldSpec>& specs, const QString& where,
    const QSet<QString>& ignored = {});

std::optional<Error> checkValue(const QCborValue& value, const FieldSpec& spec, const QString& where)
{
    bool ok = false;
    switch (spec.type) {
    case FieldType::Text:
        ok = value.isString();
        break;
    case FieldType::Integer:
        ok = value.isInteger();
        break;
    case FieldType::Number:
        // NaN and infinities are no duration or size (and NaN is not even equal to itself).
        ok = value.isInteger() || (value.isDouble() && std::isfinite(value.toDouble()));
        break;
    case FieldType::Bool:
        ok = value.isBool();
        break;
    case FieldType::Bytes:
        ok = value.isByteArray();
        break;
    case FieldType::TextList:
        ok = value.isArray() && isTextList(value);
        break;
    case FieldType::IntegerList:
        ok = value.isArray() && isIntegerList(value);
        break;
    case FieldType::Map:
        ok = value.isMap();
        break;
    case FieldType::MapList:
        if (!value.isArray())
            break;
        for (qsizetype i = 0; i < value.toArray().size(); ++i) {
            const QCborValue item = value.toArray().at(i);
            if (!item.isMap())
                return Error { Tr::tr("%1[%2] is not a map").arg(where).arg(i) };
            if (auto error = checkFields(item.toMap(), spec.items, QStringLiteral("%1[%2]").arg(where).arg(i)))
                return error;
        }
        ok = true;
        break;
    }
    if (!ok)
        return Error { Tr::tr("%1 must be %2").arg(where, fieldTypeName(spec.type)) };
    return std::nullopt;
}

std::optional<Error> checkFields(const QCborMap& map, const std::vector<FieldSpec>& specs, const QString& where,
    const QSet<QString>& ignored)
{
    QSet<QString> seen;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        if (!it.key().isString())
            return Error { Tr::tr("%1: a key that is not text").arg(where) };
        const QString key = it.key().toString();
        if (seen.contains(key))
            return Error { Tr::tr("%1: field '%2' given twice").arg(where, key) };
        seen.insert(key);
        if (ignored.contains(key))
            continue;
        const auto spec = std::find_if(specs.begin(), specs.end(), [&key](const FieldSpec& f) { return f.name == key; });
        if (spec == specs.end())
            return Error { Tr::tr("%1: unknown field '%2'").arg(where, key) };
        if (auto error = checkValue(it.value(), *spec, where + QLatin1Char('.') + key))
            return error;
    }
    for (const FieldSpec& spec : specs) {
        if (spec.required && !seen.contains(spec.name))
            return Error { Tr::tr("%1: field '%2' is missing").arg(where, spec.name) };
    }
    return std::nullopt;
}
} // namespace

QByteArray encodeFrame(const Message& message)
{
    QCborMap map = message.fields;
    map.insert(QLatin1String("type"), message.type);
    map.insert(QLatin1String("id"), message.id);
    QByteArray frame(frameHeaderBytes, '\0');
    {
        // Appended behind the header's place (a writer on the array itself would start at 0).
        QBuffer buffer(&frame);
        buffer.open(QIODevice::WriteOnly | QIODevice::Append);
        QCborStreamWriter writer(&buffer);
        map.toCborValue().toCbor(writer);
    }
    const quint32 length = qToBigEndian(quint32(frame.size() - frameHeaderBytes));
    std::memcpy(frame.data(), &length, frameHeaderBytes);
    return frame;
}

Storage::Result<QCborMap> parsePayload(const QByteArray& payload)
{
    if (auto error = checkShape(payload))
        return *error;
    return QCborValue::fromCbor(payload).toMap();
}

Storage::Result<Message> decodeMessage(const QByteArray& payload, Sender from)
{
    auto map = parsePayload(payload);
    if (!map)
        return map.error();
    return validateMessage(map.value(), from);
}

Storage::Result<Message> validateMessage(const QCborMap& map, Sender from)
{
    const QCborValue type = map.value(QLatin1String("type"));
    if (!type.isString())
        return Error { Tr::tr("the message has no text field 'type'") };
    Message message;
    message.type = type.toString();
    const MessageSpec* spec = findMessage(message.type, from);
    if (!spec)
        return Error { Tr::tr("unknown message type '%1'").arg(message.type) };
    const QCborValue id = map.value(QLatin1String("id"));
    const qint64 minimumId = from == Sender::Client ? 1 : 0;
    if (!id.isInteger() || id.toInteger() < minimumId)
        return Error { Tr::tr("%1: 'id' must be an integer of at least %2").arg(message.type).arg(minimumId) };
    message.id = id.toInteger();
    if (auto error = checkFields(map, spec->fields, message.type, { QStringLiteral("type"), QStringLiteral("id") }))
        return *error;
    message.fields = map;
    message.fields.remove(QLatin1String("type"));
    message.fields.remove(QLatin1String("id"));
    return message;
}

} // namespace Protocol
