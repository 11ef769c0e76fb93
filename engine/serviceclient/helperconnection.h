// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "frame.h"
#include "helpertarget.h"
#include "replies.h"

#include <QCborMap>
#include <QList>
#include <QObject>

#include <functional>
#include <map>
#include <memory>

class QIODevice;
class QLocalSocket;
class QProcess;

namespace ServiceClient {

class FetchFile;

// A connection to ftlens-helper's service (`ftlens-helper serve`), for the desktop app and
// ftlens-cli. open() reaches the helper — over a Unix socket (QLocalSocket) or the stdin/stdout
// of a helper it starts (QProcess: `pkexec ftlens-helper serve --stdio`) — and says hello;
// ready() or failed() follows. Requests may be sent at once: each gets an id, and its one Reply
// (a paged list joined; an error as a value, never an exception) comes to the callback given,
// and to replied(). While a recording runs, what the helper sends on its own arrives as signals:
// statusReceived() every second (once watch() or start() was sent), tailReceived() with the
// live events (with watch/start "tail"), noticeReceived(), outputReceived() (the COMMAND's
// output), recordingStarted() and recordingFinished(). fetch() writes a recording into a local
// file, checking its SHA-256, with fetchProgress() and cancelFetch().
//
//     auto* helper = new ServiceClient::HelperConnection(this);
//     connect(helper, &HelperConnection::ready, ...);   // or failed(message)
//     helper->open(HelperTarget::pkexec());
//     helper->request("start", Protocol::startFieldsFromArguments({"-e", "sched:*"}).value(),
//                     [](const Reply& r) { if (!r.ok()) show(r.error->message); });
//
// Thread affinity: the thread it was created on, which needs an event loop; callbacks and
// signals run there. Fetching writes and hashes the file on that thread too (about a
// millisecond per 1 MiB chunk), so an app that must never block its GUI thread on I/O moves
// the connection to a worker thread (moveToThread before open()) and talks to it through
// queued signals and QMetaObject::invokeMethod.
class HelperConnection : public QObject {
    Q_OBJECT

public:
    using Callback = std::function<void(const Reply& reply)>;

    explicit HelperConnection(QObject* parent = nullptr);
    ~HelperConnection() override;

    void open(const HelperTarget& target);
    // Closes the connection; requests still waiting get an error "connection". A helper started
    // with --stdio ends then (after finishing the recording it made for us).
    void close();
    bool isReady() const { return m_ready; }
    const HelloInfo& hello() const { return m_hello; }

    // Sends a request of the protocol (messageschema.h) and returns its id.
    qint64 request(const QString& type, const QCborMap& fields = {}, Callback done = {});
    // Fetches recording into path (resume: continue the file path holds, else start it anew).
    // The reply is `fetched` once every byte is written and the digest matches.
    qint64 fetch(const QString& recording, const QString& path, bool resume, Callback done = {});
    void cancelFetch(qint64 fetchId);

Q_SIGNALS:
    void ready(const ServiceClient::HelloInfo& hello);
    // The connection could not be made or is gone: a translated message saying why (pkexec's
    // refusal, a missing agent, a refused user, ...). Emitted once.
    void failed(const QString& message);
    void replied(const ServiceClient::Reply& reply);
    void statusReceived(const ServiceClient::RecordingStatus& status);
    void tailReceived(const ServiceClient::TailEvents& events);
    void noticeReceived(const QString& text);
    void outputReceived(const QByteArray& bytes, qint64 dropped);
    void recordingStarted(const QString& recording, const QString& since, const QString& user);
    void recordingFinished(const ServiceClient::FinishedInfo& finished);
    void fetchProgress(qint64 fetchId, qint64 bytes, qint64 total);

private:
    struct Pending;

    void connectDevice();
    void onReadable();
    void onMessage(const Protocol::Message& message);
    void onEvent(const Protocol::Message& message);
    void onFetchMessage(Pending& pending, const Protocol::Message& message);
    void complete(qint64 id, Reply reply);
    void fail(const QString& message);
    void onProcessEnded(int exitCode);

    HelperTarget m_target;
    QLocalSocket* m_socket = nullptr;
    QProcess* m_process = nullptr;
    QIODevice* m_device = nullptr;
    QByteArray m_stderr; // the last of what a started helper printed
    Protocol::FrameDecoder m_decoder;
    // Reads land here, allocated once: a fresh buffer per read of a fetch would cost a page fault
    // per 4 KiB of every chunk.
    QByteArray m_readBuffer;
    std::map<qint64, std::unique_ptr<Pending>> m_pending;
    qint64 m_nextId = 1;
    qint64 m_helloId = 0;
    QList<QByteArray> m_outbox; // requests made before the transport was up
    bool m_connected = false;
    HelloInfo m_hello;
    QString m_helperError; // an error the helper sent on its own (why it closes)
    bool m_ready = false;
    bool m_failed = false;
};

} // namespace ServiceClient
