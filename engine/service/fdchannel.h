// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

class QSocketNotifier;

namespace Service {

// One client's byte stream over plain descriptors: a connected Unix socket (read and write on
// the same descriptor) or the helper's stdin and stdout (--stdio). Non-blocking both ways:
// received bytes are handed on as they come; what is sent waits in a queue that the owner keeps
// bounded (queuedBytes()), written out whenever the descriptor takes more. Owns and closes its
// descriptors. Lives on the service's thread.
class FdChannel : public QObject {
    Q_OBJECT

public:
    FdChannel(int readFd, int writeFd, QObject* parent = nullptr);
    ~FdChannel() override;

    void send(QByteArray bytes);
    qint64 queuedBytes() const { return m_queued; }
    bool isOpen() const { return m_readFd >= 0; }
    // Stops reading at once; what is queued is still written (best effort, without blocking)
    // before the descriptors close, so a last error message can reach the peer.
    void closeAfterWriting();

Q_SIGNALS:
    void received(const QByteArray& bytes);
    // End of stream, a read or write error, or closeAfterWriting() done. Emitted once.
    void closed(const QString& reason);
    // The queue fell below the low-water mark: room for more (fetch chunks).
    void drained();

private:
    void onReadable();
    void onWritable();
    void finish(const QString& reason);
    void closeDescriptors();

    int m_readFd = -1;
    int m_writeFd = -1;
    QSocketNotifier* m_readNotifier = nullptr;
    QSocketNotifier* m_writeNotifier = nullptr;
    QList<QByteArray> m_queue;
    qsizetype m_headOffset = 0; // bytes of m_queue.first() already written
    qint64 m_queued = 0;
    bool m_closing = false;
    bool m_finished = false;
};

} // namespace Service
