// SPDX-License-Identifier: GPL-3.0-or-later
#include "elfsymbols.h"

#include <QCoreApplication>
#include <QFile>
#include <QList>
#include <QtEndian>

#include <elf.h>

#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace Recorder {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Recorder)
};

using Storage::Error;
using Storage::Result;
using Storage::Status;

// The bit of a .gnu.version entry that marks a non-default version (name@VER rather than
// name@@VER); <elf.h> has no name for it.
constexpr std::uint16_t versymHidden = 0x8000;

struct Elf32 {
    using Ehdr = Elf32_Ehdr;
    using Phdr = Elf32_Phdr;
    using Shdr = Elf32_Shdr;
    using Sym = Elf32_Sym;
};
struct Elf64 {
    using Ehdr = Elf64_Ehdr;
    using Phdr = Elf64_Phdr;
    using Shdr = Elf64_Shdr;
    using Sym = Elf64_Sym;
};

// The parts of the ELF structures we use, in host byte order and 64-bit wide for both classes.
struct Header {
    std::uint16_t type = 0;
    std::uint16_t machine = 0;
    std::uint64_t phoff = 0;
    std::uint64_t phnum = 0;
    std::uint64_t phentsize = 0;
    std::uint64_t shoff = 0;
    std::uint64_t shnum = 0;
    std::uint64_t shentsize = 0;
};
struct Section {
    std::uint32_t type = 0;
    std::uint32_t link = 0;
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
    std::uint64_t entsize = 0;
};
struct Segment {
    std::uint32_t type = 0;
    std::uint32_t flags = 0;
    std::uint64_t offset = 0;
    std::uint64_t vaddr = 0;
    std::uint64_t filesz = 0;
    std::uint64_t memsz = 0;
};

QString hex(std::uint64_t value) { return QStringLiteral("0x") + QString::number(value, 16); }

// The file and how to read it. Tables are read into memory (not mmap'ed) so that a file
// truncated while we read it gives a short read and an error, not SIGBUS in the helper.
class ElfFile {
public:
    explicit ElfFile(const QString& path)
        : m_file(path)
        , m_path(path)
    {
    }

    // By name (tests and tools), or through a descriptor someone else opened (and closes).
    Status open();
    Status open(int fd);
    const QString& path() const { return m_path; }
    bool fits(std::uint64_t offset, std::uint64_t length) const { return offset <= m_size && length <= m_size - offset; }
    Result<QByteArray> read(std::uint64_t offset, std::uint64_t length, const QString& what);
    Result<QByteArray> readTable(std::uint64_t offset, std::uint64_t count, std::uint64_t entrySize, const QString& what);
    Error corrupt(const QString& what) const
    {
        return Error { Tr::tr("%1: truncated or corrupt ELF file: %2").arg(path(), what) };
    }

    // A field copied out of the file, in host byte order.
    template <typename T>
    T host(T value) const { return m_swap ? qbswap(value) : value; }
    // Entry index of a table read by readTable (which checked that it lies inside).
    template <typename S>
    S entry(const QByteArray& table, std::uint64_t index, std::uint64_t entrySize) const
    {
        S value;
        std::memcpy(&value, table.constData() + index * entrySize, sizeof value);
        return value;
    }
    void setForeignByteOrder(bool swap) { m_swap = swap; }

private:
    QFile m_file;
    QString m_path;
    std::uint64_t m_size = 0;
    bool m_swap = false;
};

Status ElfFile::open()
{
    if (!m_file.exists())
        return Error { Tr::tr("%1: no such file").arg(path()) };
    if (!m_file.open(QIODevice::ReadOnly))
        return Error { Tr::tr("%1: cannot open: %2").arg(path(), m_file.errorString()) };
    m_size = static_cast<std::uint64_t>(m_file.size());
    return {};
}

Status ElfFile::open(int fd)
{
    if (!m_file.open(fd, QIODevice::ReadOnly, QFileDevice::DontCloseHandle))
        return Error { Tr::tr("%1: cannot read: %2").arg(path(), m_file.errorString()) };
    m_size = static_cast<std::uint64_t>(m_file.size());
    return {};
}

Result<QByteArray> ElfFile::read(std::uint64_t offset, std::uint64_t length, const QString& what)
{
    if (!fits(offset, length))
        return corrupt(Tr::tr("%1 (%2 bytes at offset %3) extends past the end of the file (%4 bytes)")
                           .arg(what)
                           .arg(length)
                           .arg(hex(offset))
                           .arg(m_size));
    QByteArray data;
    if (m_file.seek(static_cast<qint64>(offset)))
        data = m_file.read(static_cast<qint64>(length));
    if (static_cast<std::uint64_t>(data.size()) != length)
        return Error { Tr::tr("%1: cannot read %2: %3").arg(path(), what, m_file.errorString()) };
    return data;
}

// count * entrySize bytes; the count is checked first so that a hostile count cannot overflow
// the multiplication.
Result<QByteArray> ElfFile::readTable(std::uint64_t offset, std::uint64_t count, std::uint64_t entrySize,
                                      const QString& what)
{
    if (count > m_size / entrySize)
        return corrupt(Tr::tr("%1 (%2 entries of %3 bytes) is larger than the file (%4 bytes)")
                           .arg(what)
                           .arg(count)
                           .arg(entrySize)
                           .arg(m_size));
    return read(offset, count * entrySize, what);
}

// Checks the identification bytes and sets the byte order; returns whether the file is ELF64.
Result<bool> readIdent(ElfFile& file)
{
    if (!file.fits(0, EI_NIDENT))
        return Error { Tr::tr("%1: not an ELF file (too short)").arg(file.path()) };
    Result<QByteArray> ident = file.read(0, EI_NIDENT, Tr::tr("ELF identification"));
    if (!ident)
        return ident.error();
    const QByteArray& bytes = *ident;
    if (std::memcmp(bytes.constData(), ELFMAG, SELFMAG) != 0)
        return Error { Tr::tr("%1: not an ELF file (no ELF magic number)").arg(file.path()) };
    const int elfClass = bytes[EI_CLASS];
    const int encoding = bytes[EI_DATA];
    if (elfClass != ELFCLASS32 && elfClass != ELFCLASS64)
        return Error { Tr::tr("%1: unsupported ELF class %2").arg(file.path()).arg(elfClass) };
    if (encoding != ELFDATA2LSB && encoding != ELFDATA2MSB)
        return Error { Tr::tr("%1: unsupported ELF data encoding %2").arg(file.path()).arg(encoding) };
    file.setForeignByteOrder((encoding == ELFDATA2MSB) != (Q_BYTE_ORDER == Q_BIG_ENDIAN));
    return elfClass == ELFCLASS64;
}

template <typename C>
Result<Header> readHeader(ElfFile& file)
{
    Result<QByteArray> bytes = file.read(0, sizeof(typename C::Ehdr), Tr::tr("ELF header"));
    if (!bytes)
        return bytes.error();
    const auto e = file.entry<typename C::Ehdr>(*bytes, 0, 0);
    const Header header { file.host(e.e_type), file.host(e.e_machine), file.host(e.e_phoff), file.host(e.e_phnum),
                          file.host(e.e_phentsize), file.host(e.e_shoff), file.host(e.e_shnum),
                          file.host(e.e_shentsize) };
    // Object files and core dumps have no segments a uprobe could be placed in.
    if (header.type != ET_EXEC && header.type != ET_DYN)
        return Error { Tr::tr("%1: not an executable or shared library (ELF type %2)").arg(file.path()).arg(header.type) };
    return header;
}

template <typename C>
Result<QList<Section>> readSections(ElfFile& file, const Header& header)
{
    using Shdr = typename C::Shdr;
    if (header.shoff == 0)
        return QList<Section> {};
    if (header.shentsize < sizeof(Shdr))
        return file.corrupt(Tr::tr("section header size %1 is smaller than %2").arg(header.shentsize).arg(sizeof(Shdr)));
    std::uint64_t count = header.shnum;
    if (count == 0) { // Extended numbering (65280 sections or more): the count is in section 0.
        Result<QByteArray> first = file.read(header.shoff, sizeof(Shdr), Tr::tr("section header 0"));
        if (!first)
            return first.error();
        count = file.host(file.entry<Shdr>(*first, 0, 0).sh_size);
    }
    Result<QByteArray> table = file.readTable(header.shoff, count, header.shentsize, Tr::tr("section header table"));
    if (!table)
        return table.error();
    QList<Section> sections;
    sections.reserve(static_cast<qsizetype>(count));
    for (std::uint64_t i = 0; i < count; ++i) {
        const auto s = file.entry<Shdr>(*table, i, header.shentsize);
        sections.append({ file.host(s.sh_type), file.host(s.sh_link), file.host(s.sh_offset), file.host(s.sh_size),
                          file.host(s.sh_entsize) });
    }
    return sections;
}

template <typename C>
Result<QList<Segment>> readSegments(ElfFile& file, const Header& header)
{
    using Phdr = typename C::Phdr;
    if (header.phoff == 0 || header.phnum == 0)
        return QList<Segment> {};
    if (header.phentsize < sizeof(Phdr))
        return file.corrupt(Tr::tr("program header size %1 is smaller than %2").arg(header.phentsize).arg(sizeof(Phdr)));
    Result<QByteArray> table = file.readTable(header.phoff, header.phnum, header.phentsize, Tr::tr("program header table"));
    if (!table)
        return table.error();
    QList<Segment> segments;
    for (std::uint64_t i = 0; i < header.phnum; ++i) {
        const auto p = file.entry<Phdr>(*table, i, header.phentsize);
        segments.append({ file.host(p.p_type), file.host(p.p_flags), file.host(p.p_offset), file.host(p.p_vaddr), file.host(p.p_filesz),
                          file.host(p.p_memsz) });
    }
    return segments;
}

// The NUL-terminated string at offset in a string table; empty when it runs off the table.
std::string_view stringAt(const QByteArray& strings, std::uint64_t offset)
{
    if (offset >= static_cast<std::uint64_t>(strings.size()))
        return {};
    const char* start = strings.constData() + offset;
    const void* end = std::memchr(start, 0, static_cast<std::size_t>(strings.size()) - offset);
    return end ? std::string_view(start, static_cast<const char*>(end) - start) : std::string_view {};
}

// What the search for one name has found so far, over all tables.
struct Search {
    std::string name; // without version
    std::optional<std::uint64_t> address;
    std::uint64_t size = 0; // st_size of the symbol at address
    bool addressIsHidden = false; // found only a non-default version so far; a default one wins
    bool sawUndefined = false;
    bool sawNonFunction = false;
    bool hasSymtab = false;

    bool done() const { return address && !addressIsHidden; }
    void offer(std::uint64_t value, std::uint64_t length, bool hidden)
    {
        if (!address || (addressIsHidden && !hidden)) {
            address = value;
            size = length;
            addressIsHidden = hidden;
        }
    }
};

// Whether a table's name is the wanted one, ignoring a version suffix; hidden is set for
// name@VER, which (unlike name@@VER or a plain name) is not the default version.
bool nameMatches(std::string_view name, std::string_view wanted, bool& hidden)
{
    const std::size_t at = name.find('@');
    if (name.substr(0, at) != wanted)
        return false;
    hidden = at != std::string_view::npos && name.substr(at, 2) != "@@";
    return true;
}

bool isFunctionType(unsigned char info)
{
    const int type = ELF64_ST_TYPE(info); // the same as ELF32_ST_TYPE
    return type == STT_FUNC || type == STT_GNU_IFUNC || type == STT_NOTYPE;
}

// The .gnu.version entries of the dynamic symbol table at symtabIndex; empty when it has none.
Result<QList<std::uint16_t>> readVersions(ElfFile& file, const QList<Section>& sections, qsizetype symtabIndex)
{
    QList<std::uint16_t> versions;
    for (const Section& section : sections) {
        if (section.type != SHT_GNU_versym || section.link != static_cast<std::uint64_t>(symtabIndex))
            continue;
        const std::uint64_t count = section.size / sizeof(Elf64_Versym);
        Result<QByteArray> table = file.readTable(section.offset, count, sizeof(Elf64_Versym), Tr::tr("symbol version table"));
        if (!table)
            return table.error();
        for (std::uint64_t i = 0; i < count; ++i)
            versions.append(file.host(file.entry<Elf64_Versym>(*table, i, sizeof(Elf64_Versym))));
        break;
    }
    return versions;
}

template <typename C>
Status searchTable(ElfFile& file, const QList<Section>& sections, qsizetype index, Search& search)
{
    using Sym = typename C::Sym;
    const Section& table = sections[index];
    if (table.link >= static_cast<std::uint64_t>(sections.size()) || sections[table.link].type != SHT_STRTAB)
        return file.corrupt(Tr::tr("symbol table (section %1) links to no string table").arg(index));
    const std::uint64_t entsize = table.entsize ? table.entsize : sizeof(Sym);
    if (entsize < sizeof(Sym))
        return file.corrupt(Tr::tr("symbol size %1 is smaller than %2").arg(entsize).arg(sizeof(Sym)));
    const std::uint64_t count = table.size / entsize;
    Result<QByteArray> symbols = file.readTable(table.offset, count, entsize, Tr::tr("symbol table"));
    if (!symbols)
        return symbols.error();
    const Section& strtab = sections[table.link];
    Result<QByteArray> strings = file.read(strtab.offset, strtab.size, Tr::tr("string table"));
    if (!strings)
        return strings.error();
    Result<QList<std::uint16_t>> versions = readVersions(file, sections, index);
    if (!versions)
        return versions.error();
    for (std::uint64_t i = 1; i < count && !search.done(); ++i) { // entry 0 is the null symbol
        const auto sym = file.entry<Sym>(*symbols, i, entsize);
        bool hidden = false;
        if (!nameMatches(stringAt(*strings, file.host(sym.st_name)), search.name, hidden))
            continue;
        if (file.host(sym.st_shndx) == SHN_UNDEF) {
            search.sawUndefined = true;
            continue;
        }
        if (!isFunctionType(sym.st_info)) {
            search.sawNonFunction = true;
            continue;
        }
        if (i < static_cast<std::uint64_t>(versions->size()) && ((*versions)[i] & versymHidden))
            hidden = true;
        search.offer(file.host(sym.st_value), file.host(sym.st_size), hidden);
    }
    return {};
}

QString notFoundMessage(const QString& path, const Search& search)
{
    const QString symbol = QString::fromStdString(search.name);
    QString message = Tr::tr("%1: no function symbol '%2' in .symtab or .dynsym").arg(path, symbol);
    // The usual mistake is probing a library function in the program that merely calls it.
    if (search.sawUndefined)
        message += Tr::tr(" (it is only imported here; probe the library that defines it)");
    else if (search.sawNonFunction)
        message += Tr::tr(" (there is a symbol of that name, but it is not a function)");
    else if (!search.hasSymtab)
        message += Tr::tr(" (the file is stripped: without .symtab only exported functions can be found)");
    return message;
}

// The symbol's address (st_value): .symtab first, which also has local and static functions,
// then .dynsym, which is all a stripped library keeps.
struct FoundSymbol {
    std::uint64_t address = 0;
    std::uint64_t size = 0;
};

template <typename C>
Result<FoundSymbol> findSymbol(ElfFile& file, const Header& header, const QList<Section>& sections, const QString& symbol)
{
    constexpr std::uint32_t tableTypes[] = { SHT_SYMTAB, SHT_DYNSYM };
    Search search { symbol.toStdString() };
    bool anyTable = false;
    for (const std::uint32_t type : tableTypes) {
        for (qsizetype i = 0; i < sections.size() && !search.done(); ++i) {
            if (sections[i].type != type)
                continue;
            anyTable = true;
            search.hasSymtab = search.hasSymtab || type == SHT_SYMTAB;
            if (Status searched = searchTable<C>(file, sections, i, search); !searched)
                return searched.error();
        }
    }
    if (!anyTable)
        return Error { Tr::tr("%1: no symbol tables (.symtab or .dynsym); the file is stripped").arg(file.path()) };
    if (!search.address)
        return Error { notFoundMessage(file.path(), search) };
    // On 32-bit ARM bit 0 of a function address marks Thumb code; the code starts at the even address.
    const std::uint64_t address = header.machine == EM_ARM ? *search.address & ~std::uint64_t { 1 } : *search.address;
    return FoundSymbol { address, search.size };
}

// The file offset of a virtual address: the PT_LOAD segment containing it maps
// [p_vaddr, p_vaddr + p_memsz) from p_offset in the file.
template <typename C>
Result<std::uint64_t> fileOffset(ElfFile& file, const Header& header, std::uint64_t address, const QString& symbol)
{
    Result<QList<Segment>> segments = readSegments<C>(file, header);
    if (!segments)
        return segments.error();
    for (const Segment& segment : std::as_const(*segments)) {
        if (segment.type != PT_LOAD || address < segment.vaddr || address - segment.vaddr >= segment.memsz)
            continue;
        const std::uint64_t within = address - segment.vaddr;
        if (within >= segment.filesz)
            return Error { Tr::tr("%1: symbol '%2' at address %3 lies in the zero-filled part of its segment, not in the file")
                               .arg(file.path(), symbol, hex(address)) };
        if (!file.fits(segment.offset, within + 1))
            return file.corrupt(Tr::tr("the segment holding '%1' extends past the end of the file").arg(symbol));
        return segment.offset + within;
    }
    return Error { Tr::tr("%1: symbol '%2' at address %3 is not in a loadable segment (PT_LOAD)")
                       .arg(file.path(), symbol, hex(address)) };
}

template <typename C>
Result<ElfFunction> resolve(ElfFile& file, const QString& symbol)
{
    Result<Header> header = readHeader<C>(file);
    if (!header)
        return header.error();
    Result<QList<Section>> sections = readSections<C>(file, *header);
    if (!sections)
        return sections.error();
    Result<FoundSymbol> found = findSymbol<C>(file, *header, *sections, symbol);
    if (!found)
        return found.error();
    Result<std::uint64_t> offset = fileOffset<C>(file, *header, found->address, symbol);
    if (!offset)
        return offset.error();
    return ElfFunction { *offset, found->size };
}

// The file-backed part of each PT_LOAD segment with PF_X: where code is mapped from.
template <typename C>
Result<QList<ElfRange>> codeRanges(ElfFile& file)
{
    Result<Header> header = readHeader<C>(file);
    if (!header)
        return header.error();
    Result<QList<Segment>> segments = readSegments<C>(file, *header);
    if (!segments)
        return segments.error();
    QList<ElfRange> ranges;
    for (const Segment& segment : std::as_const(*segments)) {
        if (segment.type != PT_LOAD || !(segment.flags & PF_X) || segment.filesz == 0)
            continue;
        if (!file.fits(segment.offset, segment.filesz))
            return file.corrupt(Tr::tr("an executable segment (%1 bytes at offset %2) extends past the end of the file")
                                    .arg(segment.filesz)
                                    .arg(hex(segment.offset)));
        ranges.append({ segment.offset, segment.offset + segment.filesz });
    }
    return ranges;
}

// uprobe users copy names from nm/readelf, which print name@VERSION or name@@VERSION.
Result<QString> plainName(const QString& path, const QString& symbol)
{
    const QString name = symbol.section(QLatin1Char('@'), 0, 0);
    if (name.isEmpty())
        return Error { Tr::tr("%1: no symbol name given in '%2'").arg(path, symbol) };
    return name;
}

Result<ElfFunction> findIn(ElfFile& file, const QString& symbol)
{
    Result<QString> name = plainName(file.path(), symbol);
    if (!name)
        return name.error();
    Result<bool> is64 = readIdent(file);
    if (!is64)
        return is64.error();
    return *is64 ? resolve<Elf64>(file, *name) : resolve<Elf32>(file, *name);
}
} // namespace

Result<std::uint64_t> resolveSymbolOffset(const QString& elfPath, const QString& symbol)
{
    if (Result<QString> name = plainName(elfPath, symbol); !name)
        return name.error();
    ElfFile file(elfPath);
    if (Status opened = file.open(); !opened)
        return opened.error();
    Result<ElfFunction> function = findIn(file, symbol);
    if (!function)
        return function.error();
    return function->fileOffset;
}

Result<ElfFunction> findFunction(int fd, const QString& path, const QString& symbol)
{
    ElfFile file(path);
    if (Status opened = file.open(fd); !opened)
        return opened.error();
    return findIn(file, symbol);
}

Result<QList<ElfRange>> executableRanges(int fd, const QString& path)
{
    ElfFile file(path);
    if (Status opened = file.open(fd); !opened)
        return opened.error();
    Result<bool> is64 = readIdent(file);
    if (!is64)
        return is64.error();
    return *is64 ? codeRanges<Elf64>(file) : codeRanges<Elf32>(file);
}

} // namespace Recorder
