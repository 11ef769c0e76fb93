// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "message.h"

#include <QByteArray>
#include <QCborMap>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace ServiceClient {

// A failed request, as the helper said it (or the client found it: code "connection" when the
// connection is gone, "cancelled", "checksum" for a fetch whose bytes do not match).
struct ReplyError {
    QString code; // Protocol::ErrorCode, or one of the client's own above
    QString message;
    std::optional<int> column;   // validate: where in the definition (1-based)
    std::optional<int> exitCode; // start: ftlens-helper's exit code
};

// The answer to one request: its last message (a paged reply's pages joined into one list),
// or the error. Plain value.
struct Reply {
    qint64 id = 0;
    QString type; // the reply's message type ("caps", "recordings", "fetched", ...) or "error"
    QCborMap fields;
    std::optional<ReplyError> error;

    bool ok() const { return !error.has_value(); }
};

struct HelloInfo {
    int version = 0;
    QString helper; // its version
    QString user;   // whom the helper acts for
    qint64 uid = 0;
    qint64 maxFrame = 0;
    QString recording, since; // the recording running when we connected, if any
};

// `status`: once a second while a recording runs.
struct RecordingStatus {
    QString recording, since;
    double elapsed = 0;
    qint64 events = 0;
    double eventsPerSecond = 0;
    qint64 bytes = 0;
    qint64 lost = 0;
    QList<qint64> lostPerCpu;
};

// `tail`: the events of about a quarter second (a sample when more came), unpacked.
struct TailEvents {
    qint64 first = 0;
    QList<qint64> ts;
    QList<int> cpu, pid, type;
    qint64 skipped = 0;
    qint64 dropped = 0;
    QHash<int, QString> types; // names given in this frame
    QHash<int, QString> tasks;
};

// `finished`: the recording ended.
struct FinishedInfo {
    QString recording;
    int code = 0;
    QString message;
    qint64 events = 0, lost = 0;
    double seconds = 0;
    bool kept = false;
};

HelloInfo helloFrom(const Protocol::Message& message);
RecordingStatus statusFrom(const Protocol::Message& message);
// false when the packed columns do not hold `count` events each.
bool tailFrom(const Protocol::Message& message, TailEvents& out);
FinishedInfo finishedFrom(const Protocol::Message& message);
ReplyError errorFrom(const Protocol::Message& message);

} // namespace ServiceClient
