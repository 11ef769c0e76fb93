// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "helperconnection.h"

#include <QCborMap>
#include <QObject>
#include <QString>

namespace Cli {

// What `ftlens-cli remote TARGET ACTION` does, once it is parsed.
struct RemoteRequest {
    enum class Action { Caps, Record, Status, List, Fetch, Delete };
    Action action = Action::Caps;
    ServiceClient::HelperTarget target;
    QString recording;  // fetch, delete
    QString output;     // fetch, record: the local file
    bool force = false; // replace an existing output
    QCborMap start;     // record: the start message's fields
};

// One `ftlens-cli remote` run against a helper's service: connects, does the action, prints
// what it got (results on stdout, progress and the recorder's lines on stderr) and ends the
// event loop with the exit code. record: starts, shows status while it runs (Ctrl-C stops the
// recording, a second Ctrl-C gives up waiting), then fetches the recording to the output file.
// A fetch writes FILE.part and renames it to FILE once its SHA-256 matched; a FILE.part left by
// an interrupted fetch of the same recording is resumed. Main thread.
class RemoteSession : public QObject {
    Q_OBJECT

public:
    explicit RemoteSession(RemoteRequest request, QObject* parent = nullptr);
    // Runs the event loop until done; returns the exit code.
    int exec();

private:
    void onReady();
    void record();
    void fetchTo(const QString& recording, int exitCode);
    void finish(int exitCode);
    void failWith(const ServiceClient::Reply& reply);
    void onStopSignal(int count);

    RemoteRequest m_request;
    ServiceClient::HelperConnection m_helper;
    QString m_recording;
    bool m_live = false; // stderr is a terminal: a live status line
    bool m_done = false;
};

} // namespace Cli
