// SPDX-License-Identifier: GPL-3.0-or-later
#include "fetchstream.h"

#include "frame.h"

#include <QCoreApplication>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace Service {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Service)
};
} // namespace

FetchStream::FetchStream(QString id, int fd, std::int64_t size, std::int64_t offset)
    : m_id(std::move(id))
    , m_fd(fd)
    , m_size(size)
    , m_offset(std::min(offset, size))
    , m_position(m_offset)
{
}

FetchStream::~FetchStream()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool FetchStream::readAt(std::int64_t offset, QByteArray& into, QString& error)
{
    const qsizetype want = qsizetype(std::min<std::int64_t>(Protocol::fetchChunkBytes, m_size - offset));
    into.resize(want);
    qsizetype got = 0;
    while (got < want) {
        const ssize_t n = ::pread(m_fd, into.data() + got, std::size_t(want - got), off_t(offset + got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            error = n < 0 ? Tr::tr("reading recording %1 failed: %2").arg(m_id, QString::fromLocal8Bit(std::strerror(errno)))
                          : Tr::tr("recording %1 became shorter while it was sent").arg(m_id);
            return false;
        }
        got += n;
    }
    return true;
}

bool FetchStream::next(QByteArray& chunk, QString& error)
{
    chunk.clear();
    if (m_hashed < m_offset) {
        QByteArray prefix;
        if (!readAt(m_hashed, prefix, error))
            return false;
        prefix.truncate(qsizetype(std::min<std::int64_t>(prefix.size(), m_offset - m_hashed)));
        m_hash.add(prefix);
        m_hashed += prefix.size();
        return true;
    }
    if (atEnd())
        return true;
    if (!readAt(m_position, chunk, error))
        return false;
    m_hash.add(chunk);
    m_position += chunk.size();
    return true;
}

} // namespace Service
