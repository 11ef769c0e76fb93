// SPDX-License-Identifier: GPL-3.0-or-later
#include "outputfile.h"

#include "fscredentials.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Recorder {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Recorder)
};

// What SQLite keeps beside a database while it is open (and leaves after a crash).
const char* const companionSuffixes[] = { "-wal", "-shm", "-journal" };

QString errnoText(int error) { return QString::fromLocal8Bit(std::strerror(error)); }
QByteArray encoded(const QString& name) { return QFile::encodeName(name); }

bool existsAt(int dirFd, const QString& name, struct stat* st = nullptr)
{
    struct stat local {};
    return ::fstatat(dirFd, encoded(name).constData(), st ? st : &local, AT_SYMLINK_NOFOLLOW) == 0;
}

QString randomSuffix()
{
    static const char letters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QString suffix;
    for (int i = 0; i < 6; ++i)
        suffix += QLatin1Char(letters[QRandomGenerator::system()->bounded(int(sizeof letters) - 1)]);
    return suffix;
}

OutputReservation refused(HelperExit code, const QString& message) { return { nullptr, code, message }; }
} // namespace

OutputReservation OutputFile::reserve(const QString& path, const UserAccount* owner, bool replace)
{
    std::unique_ptr<OutputFile> file(new OutputFile);
    file->m_path = path;
    const QFileInfo info(path);
    file->m_dir = info.path();
    file->m_name = info.fileName();
    if (owner && !owner->isRoot())
        file->m_owner = *owner;
    if (file->m_name.isEmpty() || file->m_name == QLatin1String(".") || file->m_name == QLatin1String(".."))
        return refused(HelperExit::OutputError, Tr::tr("%1: cannot create the recording: that names a directory").arg(path));
    OutputReservation reservation = file->create(replace);
    if (reservation.code == HelperExit::Ok)
        reservation.file = std::move(file);
    return reservation;
}

OutputReservation OutputFile::create(bool replace)
{
    const UserAccount* owner = m_owner ? &*m_owner : nullptr;
    FsCredentials as(owner);
    if (!as.ok())
        return refused(HelperExit::OutputError, Tr::tr("%1: cannot act as %2 to create the recording").arg(m_path, owner->name));
    const QString who = owner ? Tr::tr(" (checked as %1)").arg(owner->name) : QString();
    m_dirFd = ::open(encoded(m_dir).constData(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (m_dirFd < 0) {
        const int error = errno;
        if (error == ENOENT)
            return refused(HelperExit::OutputError,
                Tr::tr("%1: cannot create the recording: the directory %2 does not exist").arg(m_path, m_dir));
        return refused(HelperExit::OutputError,
            Tr::tr("%1: cannot create the recording: the directory %2: %3%4").arg(m_path, m_dir, errnoText(error), who));
    }
    struct stat old {};
    const bool oldExists = existsAt(m_dirFd, m_name, &old);
    QStringList present;
    for (const char* suffix : companionSuffixes) {
        if (existsAt(m_dirFd, m_name + QLatin1String(suffix)))
            present << m_path + QLatin1String(suffix);
    }
    if (!replace && oldExists)
        return refused(HelperExit::OutputExists,
            Tr::tr("%1 exists: give --force to replace it (the old file then stays until the new recording ends)").arg(m_path));
    if (!replace && !present.isEmpty())
        return refused(HelperExit::OutputExists,
            Tr::tr("%1 exists (SQLite's companion of an earlier %2): remove it or give --force").arg(present.constFirst(), m_path));
    if (oldExists && S_ISDIR(old.st_mode))
        return refused(HelperExit::OutputError, Tr::tr("%1: cannot replace a directory with a recording").arg(m_path));
    const bool beside = oldExists || !present.isEmpty();
    const int flags = O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
    for (int attempt = 0; attempt < 16 && m_fd < 0; ++attempt) {
        m_writingName = beside ? m_name + QLatin1String(".new-") + randomSuffix() : m_name;
        m_fd = ::openat(m_dirFd, encoded(m_writingName).constData(), flags, 0600);
        if (m_fd < 0 && (errno != EEXIST || !beside))
            break;
    }
    if (m_fd < 0) {
        const int error = errno;
        if (error == EEXIST)
            return refused(HelperExit::OutputExists, Tr::tr("%1 exists: give --force to replace it").arg(m_path));
        return refused(HelperExit::OutputError,
            Tr::tr("%1: cannot create the recording: %2%3").arg(writingPath(), errnoText(error), who));
    }
    struct stat st {};
    ::fstat(m_fd, &st);
    m_dev = st.st_dev;
    m_ino = st.st_ino;
    return {};
}

OutputFile::~OutputFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
    if (m_dirFd >= 0)
        ::close(m_dirFd);
}

QString OutputFile::writingPath() const
{
    return m_dir == QLatin1String(".") && !m_path.startsWith(QLatin1String("./")) ? m_writingName
                                                                                   : QDir(m_dir).filePath(m_writingName);
}

// SQLite opens by name; whether it got the inode reserve() created shows in this process's
// descriptors: another one than ours must refer to it.
Storage::Status OutputFile::confirmHeld() const
{
    const QStringList fds = QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System | QDir::NoDotAndDotDot);
    for (const QString& entry : fds) {
        bool ok = false;
        const int fd = entry.toInt(&ok);
        struct stat st {};
        if (ok && fd != m_fd && ::fstat(fd, &st) == 0 && st.st_dev == m_dev && st.st_ino == m_ino)
            return {};
    }
    return Storage::Error { Tr::tr("%1: the file was replaced while the recording was being created").arg(writingPath()) };
}

bool OutputFile::stillOurs(const QString& name) const
{
    struct stat st {};
    return existsAt(m_dirFd, name, &st) && st.st_dev == m_dev && st.st_ino == m_ino;
}

void OutputFile::removeCompanions(const QString& name) const
{
    for (const char* suffix : companionSuffixes)
        (void)::unlinkat(m_dirFd, encoded(name + QLatin1String(suffix)).constData(), 0);
}

Storage::Status OutputFile::handOver()
{
    if (m_fd < 0)
        return {};
    // Created with the user's identity it is theirs already; this makes it so whatever the
    // directory's rules were, on the descriptor, never on a name.
    if (m_owner && ::fchown(m_fd, m_owner->uid, gid_t(-1)) != 0) {
        const int error = errno;
        return Storage::Error { Tr::tr("%1: cannot give the recording to %2: %3").arg(writingPath(), m_owner->name, errnoText(error)) };
    }
    Storage::Status replaced = replacesExisting() ? replaceOld() : Storage::Status();
    ::close(m_fd);
    m_fd = -1;
    return replaced;
}

Storage::Status OutputFile::replaceOld()
{
    FsCredentials as(m_owner ? &*m_owner : nullptr);
    if (!as.ok() || !stillOurs(m_writingName))
        return Storage::Error { Tr::tr("%1 was not replaced: the new recording is no longer at %2").arg(m_path, writingPath()) };
    if (::renameat(m_dirFd, encoded(m_writingName).constData(), m_dirFd, encoded(m_name).constData()) != 0) {
        const int error = errno;
        return Storage::Error { Tr::tr("%1 was not replaced (%2): the new recording is %3").arg(m_path, errnoText(error), writingPath()) };
    }
    m_writingName = m_name;
    // The old file's -wal would otherwise be replayed into the new one by the next reader.
    removeCompanions(m_name);
    return {};
}

void OutputFile::discard()
{
    if (m_fd < 0)
        return;
    FsCredentials as(m_owner ? &*m_owner : nullptr);
    if (as.ok() && stillOurs(m_writingName)) {
        (void)::unlinkat(m_dirFd, encoded(m_writingName).constData(), 0);
        removeCompanions(m_writingName);
    }
    ::close(m_fd);
    m_fd = -1;
}

} // namespace Recorder
