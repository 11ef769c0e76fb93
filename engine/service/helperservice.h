// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "clientconnection.h"
#include "peeraccess.h"

#include <QList>
#include <QObject>

#include <memory>

namespace Service {

class KernelQueries;
class RecordingControl;
class RecordingStore;
class StoreRequests;
class UnixListener;

// `ftlens-helper serve`: the helper as a service speaking the protocol (message.h) to its
// clients — over a Unix socket that root and one group may use (several clients at a time, at
// most maxConnections), or over the helper's own stdin and stdout for the one client that
// started it (pkexec). Admits connections, answers hello and hands every other request to the
// part that serves it (KernelQueries, RecordingControl, StoreRequests). Everything runs on the
// thread that made it (the helper's main thread) except the recorder and the kernel queries,
// which have threads of their own.
class HelperService : public QObject {
    Q_OBJECT

public:
    static constexpr int maxConnections = 32;

    HelperService(std::unique_ptr<RecordingStore> store, PeerAccess access, QObject* parent = nullptr);
    ~HelperService() override;

    Storage::Status listenUnix(const QString& path);
    // --stdio: one connection over stdin and stdout, for `who`. When it closes, the recording it
    // started is stopped and finished, and then the service is done.
    void serveStdio(ClientIdentity who);
    // SIGTERM/SIGINT: the recording (if any) is stopped and finished, then the service is done.
    void shutdown();

Q_SIGNALS:
    void finished();

private:
    void onAccepted(int fd);
    void addConnection(ClientConnection* connection);
    void onRequest(ClientConnection* connection, const Protocol::Message& message);
    void onClosed(ClientConnection* connection);
    void hello(ClientConnection* connection, const Protocol::Message& message);
    void finishWhenIdle();

    std::unique_ptr<RecordingStore> m_store;
    PeerAccess m_access;
    RecordingControl* m_control;
    KernelQueries* m_queries;
    StoreRequests* m_storeRequests;
    UnixListener* m_listener = nullptr;
    QList<ClientConnection*> m_connections;
    bool m_stdio = false;
    bool m_ending = false;
};

} // namespace Service
