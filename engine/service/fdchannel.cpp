// SPDX-License-Identifier: GPL-3.0-or-later
#include "fdchannel.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

namespace Service {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Service)
};

constexpr qsizetype readBytes = 256 * 1024;
constexpr int readsPerWakeup = 16; // then other connections get their turn
constexpr qint64 lowWaterBytes = 2 * 1024 * 1024;
constexpr int maxIovecs = 64;
constexpr int closeGraceMs = 2000;

void makeNonBlocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }
QString errnoText(int error) { return QString::fromLocal8Bit(std::strerror(error)); }
} // namespace

FdChannel::FdChannel(int readFd, int writeFd, QObject* parent)
    : QObject(parent)
    , m_readFd(readFd)
    , m_writeFd(writeFd)
{
    makeNonBlocking(readFd);
    makeNonBlocking(writeFd);
    m_readNotifier = new QSocketNotifier(readFd, QSocketNotifier::Read, this);
    m_writeNotifier = new QSocketNotifier(writeFd, QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &FdChannel::onReadable);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &FdChannel::onWritable);
}

FdChannel::~FdChannel() { closeDescriptors(); }

void FdChannel::send(QByteArray bytes)
{
    if (m_finished || m_closing || bytes.isEmpty())
        return;
    m_queued += bytes.size();
    m_queue.append(std::move(bytes));
    if (!m_writeNotifier->isEnabled()) {
        m_writeNotifier->setEnabled(true);
        onWritable(); // most sends fit in the socket at once
    }
}

void FdChannel::closeAfterWriting()
{
    if (m_finished || m_closing)
        return;
    m_closing = true;
    m_readNotifier->setEnabled(false);
    // A peer that reads nothing more must not keep the descriptors: what is not out by then is lost.
    QTimer::singleShot(closeGraceMs, this, [this] { finish({}); });
    if (m_queue.isEmpty())
        finish({});
    else
        onWritable();
}

void FdChannel::onReadable()
{
    for (int round = 0; round < readsPerWakeup && !m_finished; ++round) {
        QByteArray buffer(readBytes, Qt::Uninitialized);
        const ssize_t n = ::read(m_readFd, buffer.data(), std::size_t(buffer.size()));
        if (n > 0) {
            buffer.truncate(n);
            Q_EMIT received(buffer);
            continue;
        }
        if (n == 0)
            finish(Tr::tr("the client closed the connection"));
        else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            finish(Tr::tr("reading failed: %1").arg(errnoText(errno)));
        return;
    }
}

void FdChannel::onWritable()
{
    while (!m_queue.isEmpty() && !m_finished) {
        iovec parts[maxIovecs];
        int count = 0;
        for (qsizetype i = 0; i < m_queue.size() && count < maxIovecs; ++i, ++count) {
            const qsizetype skip = i == 0 ? m_headOffset : 0;
            parts[count] = { const_cast<char*>(m_queue.at(i).constData()) + skip, std::size_t(m_queue.at(i).size() - skip) };
        }
        const ssize_t n = ::writev(m_writeFd, parts, count);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
                return; // the notifier says when there is room
            finish(Tr::tr("writing failed: %1").arg(errnoText(errno)));
            return;
        }
        m_queued -= n;
        qsizetype left = n;
        while (left > 0) {
            const qsizetype rest = m_queue.first().size() - m_headOffset;
            if (left < rest) {
                m_headOffset += left;
                break;
            }
            left -= rest;
            m_queue.removeFirst();
            m_headOffset = 0;
        }
        if (m_queued < lowWaterBytes && !m_closing)
            Q_EMIT drained();
    }
    if (m_queue.isEmpty() && !m_finished) {
        m_writeNotifier->setEnabled(false);
        if (m_closing)
            finish({});
    }
}

void FdChannel::finish(const QString& reason)
{
    if (m_finished)
        return;
    m_finished = true;
    closeDescriptors();
    m_queue.clear();
    m_queued = 0;
    Q_EMIT closed(reason);
}

void FdChannel::closeDescriptors()
{
    if (m_readNotifier)
        m_readNotifier->setEnabled(false);
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(false);
    if (m_readFd >= 0)
        ::close(m_readFd);
    if (m_writeFd >= 0 && m_writeFd != m_readFd)
        ::close(m_writeFd);
    m_readFd = m_writeFd = -1;
}

} // namespace Service
