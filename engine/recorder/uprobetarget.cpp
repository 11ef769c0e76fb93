// SPDX-License-Identifier: GPL-3.0-or-later
#include "uprobetarget.h"

#include "elfsymbols.h"

#include <QCoreApplication>
#include <QFile>

#include <algorithm>
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

QString hex(std::uint64_t value) { return QStringLiteral("0x") + QString::number(value, 16); }

Storage::Error at(qsizetype column, const QString& message)
{
    return Storage::Error { Tr::tr("column %1: %2").arg(column + 1).arg(message) };
}

QString describe(const QList<ElfRange>& ranges)
{
    QStringList parts;
    for (const ElfRange& range : ranges)
        parts << hex(range.begin) + QLatin1Char('-') + hex(range.end - 1);
    return parts.isEmpty() ? Tr::tr("none") : parts.join(QLatin1String(", "));
}

bool inside(const QList<ElfRange>& ranges, std::uint64_t offset)
{
    return std::any_of(ranges.begin(), ranges.end(), [offset](const ElfRange& r) { return offset >= r.begin && offset < r.end; });
}

// The name opened as nothing but a reference, checked, then reopened for reading.
Storage::Result<int> openRegularFile(const QString& path)
{
    const auto failed = [&path](int error) {
        return Storage::Error { Tr::tr("%1: cannot open: %2").arg(path, QString::fromLocal8Bit(std::strerror(error))) };
    };
    const int reference = ::open(QFile::encodeName(path).constData(), O_PATH | O_CLOEXEC);
    if (reference < 0)
        return failed(errno);
    struct stat st {};
    if (::fstat(reference, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(reference);
        return Storage::Error { Tr::tr("%1: not a regular file").arg(path) };
    }
    const int fd = ::open(QStringLiteral("/proc/self/fd/%1").arg(reference).toLatin1().constData(), O_RDONLY | O_CLOEXEC);
    const int error = errno;
    ::close(reference);
    if (fd < 0)
        return failed(error);
    return fd;
}
} // namespace

Storage::Result<std::unique_ptr<UprobeTarget>> UprobeTarget::open(const ProbeDefinition& def)
{
    auto fd = openRegularFile(def.path);
    if (!fd)
        return fd.error();
    std::unique_ptr<UprobeTarget> target(new UprobeTarget);
    target->m_fd = *fd;
    if (Storage::Status s = target->locate(def); !s)
        return s.error();
    return target;
}

UprobeTarget::~UprobeTarget()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

QString UprobeTarget::kernelPath() const { return QStringLiteral("/proc/self/fd/%1").arg(m_fd); }

Storage::Status UprobeTarget::locate(const ProbeDefinition& def)
{
    auto code = executableRanges(m_fd, def.path);
    if (!code)
        return code.error();
    if (def.symbol.isEmpty()) {
        m_fileOffset = def.fileOffset.value_or(0);
        if (!inside(*code, m_fileOffset))
            return at(def.whereColumn, Tr::tr("offset %1 is not in an executable segment of %2 (code at file offsets %3)")
                                           .arg(hex(m_fileOffset), def.path, describe(*code)));
        return {};
    }
    auto function = findFunction(m_fd, def.path, def.symbol);
    if (!function)
        return at(def.whereColumn, function.error().message);
    if (def.offset > 0 && def.offset >= function->size)
        return at(def.whereColumn, function->size == 0
                ? Tr::tr("%1 has no size in the symbol table of %2, so +%3 cannot be checked to lie inside it")
                      .arg(def.symbol, def.path, hex(def.offset))
                : Tr::tr("+%1 is beyond the end of %2, which is %3 bytes long").arg(hex(def.offset), def.symbol).arg(function->size));
    m_fileOffset = function->fileOffset + def.offset;
    if (!inside(*code, m_fileOffset))
        return at(def.whereColumn, Tr::tr("%1 (file offset %2) is not in an executable segment of %3 (code at file offsets %4)")
                                       .arg(def.symbol, hex(m_fileOffset), def.path, describe(*code)));
    return {};
}

} // namespace Recorder
