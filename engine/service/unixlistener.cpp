// SPDX-License-Identifier: GPL-3.0-or-later
#include "unixlistener.h"

#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace Service {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Service)
};

QString errnoText(int error) { return QString::fromLocal8Bit(std::strerror(error)); }

constexpr int backlog = 64;

bool addressFor(const QString& path, sockaddr_un& address)
{
    const QByteArray name = QFile::encodeName(path);
    if (name.isEmpty() || std::size_t(name.size()) >= sizeof address.sun_path)
        return false;
    address = {};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, name.constData(), std::size_t(name.size()));
    return true;
}

// Whether a helper answers on the socket at address.
bool someoneListens(const sockaddr_un& address)
{
    const int probe = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (probe < 0)
        return false;
    const bool live = ::connect(probe, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    ::close(probe);
    return live;
}
} // namespace

UnixListener::UnixListener(QObject* parent)
    : QObject(parent)
{
}

UnixListener::~UnixListener()
{
    if (m_fd < 0)
        return;
    ::close(m_fd);
    // Only our own socket file goes: not whatever may have replaced it meanwhile.
    struct stat st {};
    const QByteArray name = QFile::encodeName(m_path);
    if (::lstat(name.constData(), &st) == 0 && st.st_dev == m_dev && st.st_ino == m_ino)
        ::unlink(name.constData());
}

Storage::Status UnixListener::clearStalePath() const
{
    sockaddr_un address;
    addressFor(m_path, address);
    struct stat st {};
    if (::lstat(address.sun_path, &st) != 0)
        return errno == ENOENT ? Storage::Status() : Storage::Error { Tr::tr("%1: %2").arg(m_path, errnoText(errno)) };
    if (!S_ISSOCK(st.st_mode))
        return Storage::Error { Tr::tr("%1 exists and is not a socket: refusing to replace it").arg(m_path) };
    if (someoneListens(address))
        return Storage::Error { Tr::tr("another helper already listens on %1").arg(m_path) };
    if (::unlink(address.sun_path) != 0)
        return Storage::Error { Tr::tr("cannot remove the stale socket %1: %2").arg(m_path, errnoText(errno)) };
    return {};
}

Storage::Status UnixListener::listen(const QString& path)
{
    m_path = path;
    sockaddr_un address;
    if (!addressFor(path, address))
        return Storage::Error { Tr::tr("%1: not a usable socket path (at most %2 bytes)").arg(path).arg(sizeof address.sun_path - 1) };
    if (Storage::Status s = clearStalePath(); !s)
        return s;
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return Storage::Error { Tr::tr("cannot create a socket: %1").arg(errnoText(errno)) };
    // Bound with a mode nobody can connect through, then opened up: there is no moment when the
    // file exists with the umask's mode.
    const mode_t oldMask = ::umask(0777);
    const int bound = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    const int bindError = errno;
    ::umask(oldMask);
    struct stat st {};
    if (bound != 0 || ::chmod(address.sun_path, 0666) != 0 || ::lstat(address.sun_path, &st) != 0 || ::listen(fd, backlog) != 0) {
        const int error = bound != 0 ? bindError : errno;
        ::close(fd);
        return Storage::Error { Tr::tr("cannot listen on %1: %2").arg(path, errnoText(error)) };
    }
    m_fd = fd;
    m_dev = st.st_dev;
    m_ino = st.st_ino;
    m_notifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &UnixListener::onReadable);
    return {};
}

void UnixListener::onReadable()
{
    for (;;) {
        const int client = ::accept4(m_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (client >= 0) {
            Q_EMIT accepted(client);
            continue;
        }
        if (errno == EMFILE || errno == ENFILE) {
            // The connection stays queued and the socket readable: pause instead of spinning.
            m_notifier->setEnabled(false);
            QTimer::singleShot(1000, this, [this] { m_notifier->setEnabled(true); });
        }
        return; // EAGAIN, or an error of that one connection (ECONNABORTED)
    }
}

} // namespace Service
