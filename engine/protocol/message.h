// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "messageschema.h"
#include "result.h"

#include <QByteArray>
#include <QCborMap>
#include <QString>

namespace Protocol {

// The protocol version this build speaks; hello must name it (there is only one so far).
constexpr int protocolVersion = 1;

// One message: a CBOR map with "type", "id" and the fields its type has (messageschema.h).
// Requests carry an id > 0 that the client chooses, strictly increasing on its connection; every
// reply to a request carries its id; what the helper sends on its own (status, tail, ...) has id 0.
// Plain value.
struct Message {
    QString type;
    qint64 id = 0;
    QCborMap fields; // every key but "type" and "id"

    QString text(const char* field) const { return fields.value(QLatin1String(field)).toString(); }
    qint64 integer(const char* field, qint64 fallback = 0) const { return fields.value(QLatin1String(field)).toInteger(fallback); }
    bool flag(const char* field) const { return fields.value(QLatin1String(field)).toBool(); }
    bool has(const char* field) const { return fields.contains(QLatin1String(field)); }
};

// Limits on a payload's CBOR beyond the frame size: how many items (every value, key and
// container counts) and how deep. They bound the memory a decoded frame takes to a small multiple
// of its size, whatever its shape.
constexpr int maxCborItems = 262144;
constexpr int maxCborDepth = 8;

// The codes of `error` replies.
namespace ErrorCode {
inline constexpr char BadRequest[] = "bad-request"; // unknown type or field, a value of the wrong kind or refused by a parser
inline constexpr char Busy[] = "busy";              // start while a recording runs
inline constexpr char Idle[] = "idle";              // stop or status while nothing records
inline constexpr char NotFound[] = "not-found";     // no recording of that id
inline constexpr char NotAllowed[] = "not-allowed"; // someone else's recording
inline constexpr char Refused[] = "refused";        // the kernel (or the set-up) refused the recording
inline constexpr char Failed[] = "failed";          // anything else went wrong
inline constexpr char Unavailable[] = "unavailable"; // the kernel does not offer it (e.g. the function list)
} // namespace ErrorCode

// The whole frame for a message: header and CBOR written into one buffer (a fetch chunk is
// copied once on its way out).
QByteArray encodeFrame(const Message& message);

// A payload's CBOR, checked for shape only: well-formed, one map and nothing after it, within
// the limits above. A failure here means the peer's stream cannot be trusted any more.
Storage::Result<QCborMap> parsePayload(const QByteArray& payload);

// Checks a parsed map against the schema for `from`: text keys, none twice; a "type" this sender
// may send; an "id" (> 0 for the client's requests, >= 0 from the helper); every other key a
// field of that type, of the schema's kind; every required field present. The error says which
// rule broke; such a message can be answered (with its id, when it had a valid one).
Storage::Result<Message> validateMessage(const QCborMap& map, Sender from);

// parsePayload and validateMessage.
Storage::Result<Message> decodeMessage(const QByteArray& payload, Sender from);

} // namespace Protocol
