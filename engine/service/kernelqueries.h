// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "message.h"

#include <QObject>
#include <QThreadPool>

namespace Service {

class ClientConnection;

// The requests that ask the kernel (caps, events, functions) or check a probe (validate). Each
// runs on one worker thread of its own — one at a time, so two capability probes never meet in
// tracefs — and its answer goes back on the service's thread to the connection, if it is still
// there. Long lists are sent in pages (listPageBytes). Service thread.
class KernelQueries : public QObject {
    Q_OBJECT

public:
    explicit KernelQueries(QObject* parent = nullptr);
    ~KernelQueries() override;

    // True when the message is one of these (and was handled).
    bool handle(ClientConnection* connection, const Protocol::Message& message);

    // Queries one connection may have waiting at a time; more are refused, so a client cannot
    // queue up the worker's time (or the helper's memory) without bound.
    static constexpr int maxPendingPerConnection = 4;

private:
    QThreadPool m_worker;
};

// Sends items as one or more replies of `type`, each holding at most listPageBytes of them in
// `field`, with "more" on all but the last.
void replyInPages(ClientConnection* connection, qint64 id, const QString& type, const QString& field, const QCborArray& items);

} // namespace Service
