// SPDX-License-Identifier: GPL-3.0-or-later
#include "staticexecutable.h"

#include <QFile>
#include <QStandardPaths>
#include <QtEndian>

#include <elf.h>

#include <cstring>

namespace Recorder {

namespace {
// Program headers beyond this many are not what a real executable has.
constexpr std::uint64_t maxProgramHeaders = 4096;

template<typename T>
T fieldAt(const QByteArray& bytes, qsizetype offset, bool bigEndian)
{
    T value;
    std::memcpy(&value, bytes.constData() + offset, sizeof value);
    return bigEndian ? qFromBigEndian(value) : qFromLittleEndian(value);
}
} // namespace

std::optional<bool> isStaticallyLinked(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray header = file.read(sizeof(Elf64_Ehdr));
    if (header.size() < qsizetype(sizeof(Elf32_Ehdr)) || std::memcmp(header.constData(), ELFMAG, SELFMAG) != 0)
        return std::nullopt;
    const bool is64 = header[EI_CLASS] == ELFCLASS64;
    const bool bigEndian = header[EI_DATA] == ELFDATA2MSB;
    if ((is64 && header.size() < qsizetype(sizeof(Elf64_Ehdr))) || (!is64 && header[EI_CLASS] != ELFCLASS32))
        return std::nullopt;
    const std::uint64_t phoff = is64 ? fieldAt<std::uint64_t>(header, offsetof(Elf64_Ehdr, e_phoff), bigEndian)
                                     : fieldAt<std::uint32_t>(header, offsetof(Elf32_Ehdr, e_phoff), bigEndian);
    const std::uint16_t phentsize = fieldAt<std::uint16_t>(header, is64 ? offsetof(Elf64_Ehdr, e_phentsize) : offsetof(Elf32_Ehdr, e_phentsize), bigEndian);
    const std::uint16_t phnum = fieldAt<std::uint16_t>(header, is64 ? offsetof(Elf64_Ehdr, e_phnum) : offsetof(Elf32_Ehdr, e_phnum), bigEndian);
    const std::size_t entry = is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
    if (phnum == 0 || phnum > maxProgramHeaders || phentsize < entry || phoff > std::uint64_t(file.size())
        || !file.seek(qint64(phoff)))
        return std::nullopt;
    const QByteArray table = file.read(qint64(phentsize) * phnum);
    if (table.size() != qsizetype(phentsize) * phnum)
        return std::nullopt;
    for (std::uint16_t i = 0; i < phnum; ++i) {
        // p_type is the first word of both classes' program header.
        if (fieldAt<std::uint32_t>(table, qsizetype(i) * phentsize, bigEndian) == PT_INTERP)
            return false;
    }
    return true;
}

QString resolveProgram(const QString& program, const QString& path)
{
    if (program.contains(QLatin1Char('/')))
        return program;
    return QStandardPaths::findExecutable(program, path.split(QLatin1Char(':'), Qt::SkipEmptyParts));
}

} // namespace Recorder
