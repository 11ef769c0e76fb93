// SPDX-License-Identifier: GPL-3.0-or-later
#include "fetchfile.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ServiceClient {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ServiceClient)
};

QString errnoText(int error) { return QString::fromLocal8Bit(std::strerror(error)); }
constexpr qsizetype prefixReadBytes = 1024 * 1024;
} // namespace

FetchFile::FetchFile(QString path, int fd, qint64 offset)
    : m_path(std::move(path))
    , m_fd(fd)
    , m_offset(offset)
    , m_next(offset)
{
}

FetchFile::~FetchFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Storage::Result<std::unique_ptr<FetchFile>> FetchFile::open(const QString& path, bool resume)
{
    const int flags = O_RDWR | O_CREAT | O_CLOEXEC | (resume ? 0 : O_TRUNC);
    const int fd = ::open(QFile::encodeName(path).constData(), flags, 0644);
    if (fd < 0)
        return Storage::Error { Tr::tr("%1: cannot write: %2").arg(path, errnoText(errno)) };
    struct stat st {};
    ::fstat(fd, &st);
    return std::unique_ptr<FetchFile>(new FetchFile(path, fd, resume ? st.st_size : 0));
}

Storage::Status FetchFile::begin(qint64 size, qint64 offset)
{
    if (offset != m_offset)
        return Storage::Error { Tr::tr("%1: the helper starts at byte %2, not at %3").arg(m_path).arg(offset).arg(m_offset) };
    if (size < offset)
        return Storage::Error { Tr::tr("%1: the recording (%2 bytes) is shorter than what is here already (%3 bytes): not the same "
                                       "recording").arg(m_path).arg(size).arg(offset) };
    m_size = size;
    // The part fetched before: it counts towards the digest of the whole.
    QByteArray buffer(prefixReadBytes, Qt::Uninitialized);
    for (qint64 at = 0; at < m_offset;) {
        const ssize_t n = ::pread(m_fd, buffer.data(), std::size_t(std::min<qint64>(buffer.size(), m_offset - at)), at);
        if (n <= 0)
            return Storage::Error { Tr::tr("%1: cannot read what was fetched before: %2").arg(m_path, n < 0 ? errnoText(errno) : Tr::tr("it is shorter")) };
        m_hash.add(QByteArrayView(buffer.constData(), n));
        at += n;
    }
    return {};
}

Storage::Status FetchFile::write(qint64 offset, QByteArrayView data)
{
    if (offset != m_next || m_size < 0 || offset + data.size() > m_size)
        return Storage::Error { Tr::tr("%1: the helper sent bytes %2 to %3, expected them from %4 on (of %5)")
                                    .arg(m_path).arg(offset).arg(offset + data.size()).arg(m_next).arg(m_size) };
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::pwrite(m_fd, data.data() + done, std::size_t(data.size() - done), offset + done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return Storage::Error { Tr::tr("%1: writing failed: %2").arg(m_path, errnoText(errno)) };
        done += n;
    }
    m_hash.add(data);
    m_next += data.size();
    return {};
}

Storage::Status FetchFile::finish(qint64 size, const QString& sha256)
{
    if (size != m_size || m_next != m_size)
        return Storage::Error { Tr::tr("%1: the fetch ended after %2 of %3 bytes").arg(m_path).arg(m_next).arg(size) };
    if (::ftruncate(m_fd, m_size) != 0)
        return Storage::Error { Tr::tr("%1: %2").arg(m_path, errnoText(errno)) };
    const QString digest = QString::fromLatin1(m_hash.hexResult());
    if (digest != sha256)
        return Storage::Error { Tr::tr("%1: the bytes received do not match the recording (SHA-256 %2, the helper's %3)")
                                    .arg(m_path, digest, sha256) };
    return {};
}

} // namespace ServiceClient
