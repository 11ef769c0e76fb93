// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fetchstream.h"
#include "message.h"

#include <QObject>

#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace Service {

class ClientConnection;
class RecordingControl;
class RecordingStore;

// list, fetch, cancel and delete over the store. A client sees, fetches and deletes its own
// recordings (those its uid asked for); root all of them. Recordings are named by ID only
// (RecordingStore::isValidId): anything else — "../x", an absolute path — is a bad request,
// an unknown ID is not-found, and the recording being made now can be neither fetched nor
// deleted until it is finished. A fetch sends chunks only while the connection's send queue has
// room (the client's reading paces it; the helper's memory never holds more than a few chunks
// per connection), several fetches of one connection take turns, and every fetch ends with the
// file's SHA-256. Service thread.
class StoreRequests : public QObject {
    Q_OBJECT

public:
    StoreRequests(RecordingStore& store, const RecordingControl& control, QObject* parent = nullptr);
    ~StoreRequests() override;

    bool handle(ClientConnection* connection, const Protocol::Message& message);
    // The connection is gone: its fetches end.
    void forget(ClientConnection* connection);
    // Room in the connection's queue: its fetches go on.
    void pump(ClientConnection* connection);

private:
    void list(ClientConnection* connection, qint64 id);
    void fetch(ClientConnection* connection, const Protocol::Message& message);
    void cancel(ClientConnection* connection, const Protocol::Message& message);
    void remove(ClientConnection* connection, const Protocol::Message& message);
    // The recording a request names, if it exists, is the client's and is not being recorded;
    // otherwise the error is sent and false returned.
    bool mayTouch(ClientConnection* connection, qint64 id, const QString& recording);
    bool step(ClientConnection* connection, qint64 request, FetchStream& stream);

    RecordingStore& m_store;
    const RecordingControl& m_control;
    // Per connection, its running fetches with their request ids, the next to be served first.
    using Fetches = std::vector<std::pair<qint64, std::unique_ptr<FetchStream>>>;
    std::map<ClientConnection*, Fetches> m_fetches;
    bool m_pumping = false;
};

} // namespace Service
