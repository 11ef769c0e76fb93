// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordingstore.h"

#include "sqlitedb.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Service {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Service)
};

const QLatin1String suffix(".ftlens");
const char* const companions[] = { "-wal", "-shm", "-journal" };

QString errnoText(int error) { return QString::fromLocal8Bit(std::strerror(error)); }

// Root's own: owned by this (root) process and writable by nobody else, or a sticky directory
// (like /tmp), where others cannot move or remove what is not theirs.
std::optional<QString> notOurs(const QString& path, const struct stat& st, bool mayBeSticky)
{
    if (st.st_uid != ::geteuid())
        return Tr::tr("%1 belongs to uid %2, not to the helper's user").arg(path).arg(st.st_uid);
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) && !(mayBeSticky && (st.st_mode & S_ISVTX)))
        return Tr::tr("%1 may be changed by others (mode %2)").arg(path).arg(st.st_mode & 07777, 4, 8, QLatin1Char('0'));
    return std::nullopt;
}

// Every directory above the data directory must be root's too (or sticky and root's), else
// someone could move it away and put their own in its place.
std::optional<QString> checkAncestors(const QString& canonical)
{
    for (QString dir = QFileInfo(canonical).path();; dir = QFileInfo(dir).path()) {
        struct stat st {};
        if (::stat(QFile::encodeName(dir).constData(), &st) != 0)
            return Tr::tr("%1: %2").arg(dir, errnoText(errno));
        const bool rootOwned = st.st_uid == 0;
        const bool othersWrite = st.st_mode & (S_IWGRP | S_IWOTH);
        if (!rootOwned || (othersWrite && !(st.st_mode & S_ISVTX)))
            return Tr::tr("%1, above the data directory, may be changed by others than root").arg(dir);
        if (dir == QLatin1String("/"))
            return std::nullopt;
    }
}

Storage::Status createIfMissing(const QString& dir)
{
    if (QFileInfo::exists(dir))
        return {};
    const QString parent = QFileInfo(dir).absolutePath();
    if (!QDir().mkpath(parent))
        return Storage::Error { Tr::tr("cannot create %1").arg(parent) };
    if (::mkdir(QFile::encodeName(dir).constData(), 0700) != 0 && errno != EEXIST)
        return Storage::Error { Tr::tr("cannot create the data directory %1: %2").arg(dir, errnoText(errno)) };
    return {};
}
} // namespace

RecordingStore::RecordingStore(QString dir, int fd)
    : m_dir(std::move(dir))
    , m_fd(fd)
{
}

RecordingStore::~RecordingStore()
{
    if (m_fd >= 0)
        ::close(m_fd); // releases the lock
}

Storage::Result<std::unique_ptr<RecordingStore>> RecordingStore::open(const QString& dir)
{
    if (Storage::Status s = createIfMissing(dir); !s)
        return s.error();
    const QString canonical = QFileInfo(dir).canonicalFilePath();
    if (QFileInfo(dir).isSymLink())
        return Storage::Error { Tr::tr("the data directory %1 is refused: it is a symlink").arg(dir) };
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return Storage::Error { Tr::tr("cannot open the data directory %1: %2").arg(dir, errno == ELOOP || errno == ENOTDIR ? Tr::tr("it is a symlink or no directory") : errnoText(errno)) };
    std::unique_ptr<RecordingStore> store(new RecordingStore(canonical, fd));
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        return Storage::Error { Tr::tr("%1: %2").arg(dir, errnoText(errno)) };
    if (auto why = notOurs(dir, st, false))
        return Storage::Error { Tr::tr("the data directory is refused: %1").arg(*why) };
    if (auto why = checkAncestors(canonical))
        return Storage::Error { Tr::tr("the data directory is refused: %1").arg(*why) };
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0)
        return Storage::Error { errno == EWOULDBLOCK ? Tr::tr("another ftlens-helper serves %1").arg(dir)
                                                     : Tr::tr("cannot lock %1: %2").arg(dir, errnoText(errno)) };
    return store;
}

bool RecordingStore::isValidId(const QString& id)
{
    // Anchored to the whole text: a "$" would also match before a trailing newline.
    static const QRegularExpression form(QRegularExpression::anchoredPattern(QStringLiteral("[0-9]{8}-[0-9]{6}-[0-9a-f]{6}")));
    return form.match(id).hasMatch();
}

QString RecordingStore::newId() const
{
    for (;;) {
        const QString id = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")) + QLatin1Char('-')
            + QStringLiteral("%1").arg(QRandomGenerator::system()->bounded(1 << 24), 6, 16, QLatin1Char('0'));
        if (!exists(id + suffix) && !exists(id + suffix + QLatin1String("-wal")))
            return id;
    }
}

QString RecordingStore::pathFor(const QString& id) const { return m_dir + QLatin1Char('/') + id + suffix; }

bool RecordingStore::exists(const QString& name) const
{
    struct stat st {};
    return ::fstatat(m_fd, QFile::encodeName(name).constData(), &st, AT_SYMLINK_NOFOLLOW) == 0;
}

QStringList RecordingStore::ids() const
{
    QStringList out;
    const QStringList names = QDir(m_dir).entryList({ QStringLiteral("*.ftlens") }, QDir::Files | QDir::Hidden, QDir::Name);
    for (const QString& name : names) {
        const QString id = name.chopped(suffix.size());
        if (isValidId(id))
            out << id;
    }
    return out;
}

RecordingStore::Lookup RecordingStore::lookup(const QString& id) const
{
    if (!isValidId(id))
        return Lookup::BadId;
    struct stat st {};
    if (::fstatat(m_fd, QFile::encodeName(id + suffix).constData(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
        return Lookup::Missing;
    return Lookup::Found;
}

Storage::Result<int> RecordingStore::openForReading(const QString& id) const
{
    if (lookup(id) != Lookup::Found)
        return Storage::Error { Tr::tr("no recording '%1'").arg(id) };
    const int fd = ::openat(m_fd, QFile::encodeName(id + suffix).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return Storage::Error { Tr::tr("cannot open recording %1: %2").arg(id, errnoText(errno)) };
    return fd;
}

Storage::Result<RecordingInfo> RecordingStore::describe(const QString& id) const
{
    struct stat st {};
    if (lookup(id) != Lookup::Found || ::fstatat(m_fd, QFile::encodeName(id + suffix).constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return Storage::Error { Tr::tr("no recording '%1'").arg(id) };
    RecordingInfo info;
    info.id = id;
    info.bytes = st.st_size;
    auto db = Storage::Database::open(pathFor(id), Storage::Database::Mode::ReadOnly);
    auto statement = db ? db->prepare("SELECT key, value FROM meta") : Storage::Result<Storage::Statement>(db.error());
    if (!statement) {
        info.problem = statement.error().message;
        return info;
    }
    while (statement->step() == SQLITE_ROW) {
        const QString key = statement->columnString(0);
        const QString value = statement->columnString(1);
        if (key == QLatin1String("complete"))
            info.complete = value == QLatin1String("1");
        else if (key == QLatin1String("start_time"))
            info.started = value;
        else if (key == QLatin1String("stop_time"))
            info.stopped = value;
        else if (key == QLatin1String("sources"))
            info.sources = value;
        else if (key == QLatin1String("command"))
            info.command = value;
        else if (key == QLatin1String("requested_by_uid"))
            info.uid = uid_t(value.toUInt());
        else if (key == QLatin1String("requested_by"))
            info.user = value;
    }
    return info;
}

Storage::Status RecordingStore::remove(const QString& id)
{
    if (lookup(id) != Lookup::Found)
        return Storage::Error { Tr::tr("no recording '%1'").arg(id) };
    for (const char* companion : companions)
        ::unlinkat(m_fd, QFile::encodeName(id + suffix + QLatin1String(companion)).constData(), 0);
    if (::unlinkat(m_fd, QFile::encodeName(id + suffix).constData(), 0) != 0)
        return Storage::Error { Tr::tr("cannot remove recording %1: %2").arg(id, errnoText(errno)) };
    return {};
}

Storage::Status RecordingStore::settle(const QString& id)
{
    if (!exists(id + suffix + QLatin1String("-wal")) && !exists(id + suffix + QLatin1String("-journal")))
        return {};
    {
        // Opening recovers the log; the checkpoint writes it into the file and empties it.
        auto db = Storage::Database::open(pathFor(id), Storage::Database::Mode::ReadWrite);
        if (!db)
            return db.error();
        if (Storage::Status s = db->exec("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;"); !s)
            return s;
    }
    if (exists(id + suffix + QLatin1String("-wal")))
        return Storage::Error { Tr::tr("recording %1: its write-ahead log could not be folded in").arg(id) };
    ::unlinkat(m_fd, QFile::encodeName(id + suffix + QLatin1String("-shm")).constData(), 0);
    return {};
}

QStringList RecordingStore::settleAll()
{
    QStringList lines;
    for (const QString& id : ids()) {
        if (!exists(id + suffix + QLatin1String("-wal")) && !exists(id + suffix + QLatin1String("-journal")))
            continue;
        const Storage::Status s = settle(id);
        lines << (s ? Tr::tr("recording %1 was left unfinished (a helper stopped while recording): kept, marked incomplete").arg(id)
                    : Tr::tr("recording %1 was left unfinished and cannot be repaired: %2").arg(id, s.error().message));
    }
    return lines;
}

} // namespace Service
