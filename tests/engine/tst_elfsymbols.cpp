// SPDX-License-Identifier: GPL-3.0-or-later
#include "elfsymbols.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <optional>

// Resolved from this test's own .symtab: extern "C" keeps the name unmangled, noinline and used
// keep a real body at a real address.
extern "C" __attribute__((noinline, used)) int ftlensElfSymbolsTarget(int value)
{
    return value * 3 + 1;
}

namespace {

// One line of /proc/self/maps: [start, end) maps the file from offset.
struct Mapping {
    quintptr start = 0;
    quintptr end = 0;
    quint64 offset = 0;
    QString path;
};

QList<Mapping> readMaps()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly))
        return {};
    QList<Mapping> mappings;
    const QList<QByteArray> lines = maps.readAll().split('\n');
    for (const QByteArray& line : lines) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() < 6 || !fields[5].startsWith('/'))
            continue;
        const QList<QByteArray> range = fields[0].split('-');
        mappings.append({ range.value(0).toULongLong(nullptr, 16), range.value(1).toULongLong(nullptr, 16),
                          fields[2].toULongLong(nullptr, 16), QString::fromLocal8Bit(fields.mid(5).join(' ')) });
    }
    return mappings;
}

// The independent answer: where the kernel mapped the page holding a live address from, which
// involves no ELF parsing at all.
std::optional<Mapping> mappingOf(quintptr address)
{
    for (const Mapping& mapping : readMaps()) {
        if (address >= mapping.start && address < mapping.end)
            return mapping;
    }
    return std::nullopt;
}

QString findLibc()
{
    for (const Mapping& mapping : readMaps()) {
        const QString name = QFileInfo(mapping.path).fileName();
        if (name.startsWith(QLatin1String("libc.so")) || name.startsWith(QLatin1String("libc-")))
            return mapping.path;
    }
    return {};
}

// QVERIFY2 evaluates its message even when the check passes, and error() of a value throws.
QString errorOf(const Storage::Result<std::uint64_t>& result)
{
    return result.ok() ? QString() : result.error().message;
}

QByteArray readWhole(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray {};
}

template <typename T>
void patch(QByteArray& bytes, std::size_t at, T value)
{
    qToLittleEndian(value, bytes.data() + at);
}

// A hand-built ELF file, so that ELF32 and big-endian are covered on any host. Two PT_LOAD
// segments: code (R+X) from file [0, 0x800) at 0x10000, and data (R+W) from file [0x800, 0x900)
// at 0x30000 followed by bss up to 0x31000.
struct FakeSymbol {
    QByteArray name;
    unsigned char type;
    std::uint16_t shndx;
    std::uint64_t value;
    std::uint64_t size = 0;
};

const QList<FakeSymbol>& fakeSymbols()
{
    static const QList<FakeSymbol> symbols {
        { "alpha", STT_FUNC, 1, 0x10100, 0x20 },
        { "beta", STT_GNU_IFUNC, 1, 0x30080 },
        { "plain", STT_NOTYPE, 1, 0x10030 },
        { "versioned@V1", STT_FUNC, 1, 0x10010 }, // hidden version: loses to the default
        { "versioned@@V2", STT_FUNC, 1, 0x10020 },
        { "thumb", STT_FUNC, 1, 0x10141 },
        { "inbss", STT_FUNC, 1, 0x30800 },
        { "unmapped", STT_FUNC, 1, 0x50000 },
        { "variable", STT_OBJECT, 1, 0x10180 },
        { "imported", STT_FUNC, SHN_UNDEF, 0 },
    };
    return symbols;
}

struct Elf32 {
    using Ehdr = Elf32_Ehdr;
    using Phdr = Elf32_Phdr;
    using Shdr = Elf32_Shdr;
    using Sym = Elf32_Sym;
    static constexpr unsigned char elfClass = ELFCLASS32;
};
struct Elf64 {
    using Ehdr = Elf64_Ehdr;
    using Phdr = Elf64_Phdr;
    using Shdr = Elf64_Shdr;
    using Sym = Elf64_Sym;
    static constexpr unsigned char elfClass = ELFCLASS64;
};

class Writer {
public:
    explicit Writer(bool bigEndian)
        : m_bigEndian(bigEndian)
    {
    }
    template <typename T>
    void put(std::size_t at, T value)
    {
        if (static_cast<std::size_t>(bytes.size()) < at + sizeof value)
            bytes.resize(static_cast<qsizetype>(at + sizeof value), '\0');
        if (m_bigEndian)
            qToBigEndian(value, bytes.data() + at);
        else
            qToLittleEndian(value, bytes.data() + at);
    }
    QByteArray bytes;

private:
    bool m_bigEndian;
};

// Writes field of struct S at base, converted to the field's own type and the file's byte order.
#define PUT(writer, S, base, field, value) (writer).put<decltype(S::field)>((base) + offsetof(S, field), (value))

template <typename C>
void putSegment(Writer& w, std::size_t at, std::uint64_t offset, std::uint64_t vaddr, std::uint64_t filesz, std::uint64_t memsz,
                std::uint32_t flags)
{
    using Phdr = typename C::Phdr;
    PUT(w, Phdr, at, p_type, PT_LOAD);
    PUT(w, Phdr, at, p_flags, flags);
    PUT(w, Phdr, at, p_offset, offset);
    PUT(w, Phdr, at, p_vaddr, vaddr);
    PUT(w, Phdr, at, p_filesz, filesz);
    PUT(w, Phdr, at, p_memsz, memsz);
}

template <typename C>
void putSection(Writer& w, std::size_t at, std::uint32_t type, std::uint32_t link, std::uint64_t offset,
                std::uint64_t size, std::uint64_t entsize)
{
    using Shdr = typename C::Shdr;
    PUT(w, Shdr, at, sh_type, type);
    PUT(w, Shdr, at, sh_link, link);
    PUT(w, Shdr, at, sh_offset, offset);
    PUT(w, Shdr, at, sh_size, size);
    PUT(w, Shdr, at, sh_entsize, entsize);
}

template <typename C>
QByteArray buildElf(bool bigEndian, std::uint16_t machine)
{
    using Ehdr = typename C::Ehdr;
    using Sym = typename C::Sym;
    Writer w(bigEndian);
    w.bytes = QByteArray(0x900, '\0');
    QByteArray strings(1, '\0');
    const std::size_t symOffset = 0x400;
    const std::size_t symCount = static_cast<std::size_t>(fakeSymbols().size()) + 1;
    for (std::size_t i = 1; i < symCount; ++i) {
        const FakeSymbol& symbol = fakeSymbols()[static_cast<qsizetype>(i - 1)];
        const std::size_t at = symOffset + i * sizeof(Sym);
        PUT(w, Sym, at, st_name, strings.size());
        PUT(w, Sym, at, st_info, ELF32_ST_INFO(STB_GLOBAL, symbol.type));
        PUT(w, Sym, at, st_shndx, symbol.shndx);
        PUT(w, Sym, at, st_value, symbol.value);
        PUT(w, Sym, at, st_size, symbol.size);
        strings += symbol.name + '\0';
    }
    const std::size_t strOffset = 0x300;
    w.bytes.replace(strOffset, strings.size(), strings);
    const std::size_t shOffset = 0x600;
    putSection<C>(w, shOffset + 1 * sizeof(typename C::Shdr), SHT_SYMTAB, 2, symOffset, symCount * sizeof(Sym), sizeof(Sym));
    putSection<C>(w, shOffset + 2 * sizeof(typename C::Shdr), SHT_STRTAB, 0, strOffset, strings.size(), 0);
    const std::size_t phOffset = sizeof(Ehdr);
    putSegment<C>(w, phOffset, 0, 0x10000, 0x800, 0x800, PF_R | PF_X);
    putSegment<C>(w, phOffset + sizeof(typename C::Phdr), 0x800, 0x30000, 0x100, 0x1000, PF_R | PF_W);
    w.bytes.replace(0, SELFMAG, ELFMAG);
    w.bytes[EI_CLASS] = static_cast<char>(C::elfClass);
    w.bytes[EI_DATA] = bigEndian ? ELFDATA2MSB : ELFDATA2LSB;
    w.bytes[EI_VERSION] = EV_CURRENT;
    PUT(w, Ehdr, 0, e_type, ET_DYN);
    PUT(w, Ehdr, 0, e_machine, machine);
    PUT(w, Ehdr, 0, e_phoff, phOffset);
    PUT(w, Ehdr, 0, e_shoff, shOffset);
    PUT(w, Ehdr, 0, e_phentsize, sizeof(typename C::Phdr));
    PUT(w, Ehdr, 0, e_phnum, 2);
    PUT(w, Ehdr, 0, e_shentsize, sizeof(typename C::Shdr));
    PUT(w, Ehdr, 0, e_shnum, 3);
    return w.bytes;
}

} // namespace

class TestElfSymbols : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void libcFunctions_data();
    void libcFunctions();
    void ownFunction();
    void synthetic_data();
    void synthetic();
    void missingSymbols_data();
    void missingSymbols();
    void brokenFiles_data();
    void brokenFiles();
    void missingFile();
    void functionSizeAndCode_data();
    void functionSizeAndCode();

private:
    QString writeTemp(const QString& name, const QByteArray& contents);

    QString m_libc;
    QByteArray m_libcBytes;
    QTemporaryDir m_dir;
};

void TestElfSymbols::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_libc = findLibc();
    QVERIFY2(!m_libc.isEmpty(), "libc not found in /proc/self/maps");
    m_libcBytes = readWhole(m_libc);
    QVERIFY2(m_libcBytes.startsWith(ELFMAG), qPrintable(m_libc));
}

QString TestElfSymbols::writeTemp(const QString& name, const QByteArray& contents)
{
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size())
        return {};
    return file.fileName();
}

void TestElfSymbols::libcFunctions_data()
{
    QTest::addColumn<QString>("symbol");
    QTest::addColumn<QByteArray>("runtimeName");
    QTest::addRow("open64") << QStringLiteral("open64") << QByteArray("open64");
    QTest::addRow("openat64") << QStringLiteral("openat64") << QByteArray("openat64");
    QTest::addRow("open") << QStringLiteral("open") << QByteArray("open");
    QTest::addRow("default version suffix") << QStringLiteral("open64@@GLIBC_2.2.5") << QByteArray("open64");
    QTest::addRow("version suffix") << QStringLiteral("openat64@GLIBC_2.2.5") << QByteArray("openat64");
}

// Compares with where the dynamic linker put the function: its dlsym address, mapped back to the
// file through /proc/self/maps.
void TestElfSymbols::libcFunctions()
{
    QFETCH(QString, symbol);
    QFETCH(QByteArray, runtimeName);
    void* libc = dlopen(QFile::encodeName(m_libc).constData(), RTLD_NOW | RTLD_NOLOAD);
    QVERIFY2(libc, dlerror());
    void* address = dlsym(libc, runtimeName.constData());
    dlclose(libc);
    QVERIFY2(address, runtimeName.constData());
    const std::optional<Mapping> mapping = mappingOf(reinterpret_cast<quintptr>(address));
    QVERIFY(mapping);
    QCOMPARE(mapping->path, m_libc);

    const Storage::Result<std::uint64_t> offset = Recorder::resolveSymbolOffset(m_libc, symbol);
    QVERIFY2(offset.ok(), qPrintable(errorOf(offset)));
    QCOMPARE(offset.value(), reinterpret_cast<quintptr>(address) - mapping->start + mapping->offset);
}

void TestElfSymbols::ownFunction()
{
    volatile auto keep = &ftlensElfSymbolsTarget; // called, so it cannot be dropped
    QCOMPARE(keep(2), 7);
    const auto address = reinterpret_cast<quintptr>(&ftlensElfSymbolsTarget);
    const std::optional<Mapping> mapping = mappingOf(address);
    QVERIFY(mapping);
    const QString executable = QFileInfo(QCoreApplication::applicationFilePath()).canonicalFilePath();
    QCOMPARE(QFileInfo(mapping->path).canonicalFilePath(), executable);

    const Storage::Result<std::uint64_t> offset = Recorder::resolveSymbolOffset(executable, QStringLiteral("ftlensElfSymbolsTarget"));
    QVERIFY2(offset.ok(), qPrintable(errorOf(offset)));
    QCOMPARE(offset.value(), address - mapping->start + mapping->offset);
}

void TestElfSymbols::synthetic_data()
{
    QTest::addColumn<bool>("is64");
    QTest::addColumn<bool>("bigEndian");
    QTest::addColumn<int>("machine");
    QTest::addColumn<QString>("symbol");
    QTest::addColumn<qint64>("offset"); // -1: an error containing errorPart
    QTest::addColumn<QString>("errorPart");
    const struct {
        const char* name;
        bool is64;
        bool bigEndian;
        int machine;
    } layouts[] = {
        { "elf64le", true, false, EM_X86_64 },
        { "elf64be", true, true, EM_S390 },
        { "elf32le", false, false, EM_386 },
        { "elf32be", false, true, EM_PPC },
    };
    const struct {
        const char* symbol;
        qint64 offset;
        const char* errorPart;
    } cases[] = {
        { "alpha", 0x100, "" },
        { "beta", 0x880, "" },
        { "plain", 0x30, "" },
        { "versioned", 0x20, "" },
        { "versioned@V1", 0x20, "" },
        { "thumb", 0x141, "" },
        { "inbss", -1, "zero-filled" },
        { "unmapped", -1, "not in a loadable segment" },
        { "variable", -1, "not a function" },
        { "imported", -1, "only imported" },
        { "absent", -1, "no function symbol 'absent' in .symtab or .dynsym" },
    };
    for (const auto& layout : layouts) {
        for (const auto& test : cases) {
            QTest::addRow("%s %s", layout.name, test.symbol)
                << layout.is64 << layout.bigEndian << layout.machine << QString::fromLatin1(test.symbol) << test.offset
                << QString::fromLatin1(test.errorPart);
        }
    }
    QTest::addRow("elf32le arm thumb") << false << false << int(EM_ARM) << QStringLiteral("thumb") << qint64(0x140) << QString();
}

void TestElfSymbols::synthetic()
{
    QFETCH(bool, is64);
    QFETCH(bool, bigEndian);
    QFETCH(int, machine);
    QFETCH(QString, symbol);
    QFETCH(qint64, offset);
    QFETCH(QString, errorPart);
    const auto type = static_cast<std::uint16_t>(machine);
    const QByteArray image = is64 ? buildElf<Elf64>(bigEndian, type) : buildElf<Elf32>(bigEndian, type);
    const QString path = writeTemp(QStringLiteral("synthetic.so"), image);
    QVERIFY(!path.isEmpty());

    const Storage::Result<std::uint64_t> result = Recorder::resolveSymbolOffset(path, symbol);
    if (offset >= 0) {
        QVERIFY2(result.ok(), qPrintable(errorOf(result)));
        QCOMPARE(result.value(), static_cast<std::uint64_t>(offset));
        return;
    }
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.startsWith(path + QLatin1Char(':')), qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(errorPart), qPrintable(result.error().message));
}

void TestElfSymbols::missingSymbols_data()
{
    QTest::addColumn<bool>("inLibc"); // else in this executable
    QTest::addColumn<QString>("symbol");
    QTest::addColumn<QString>("errorPart");
    QTest::addRow("absent") << true << QStringLiteral("ftlens_no_such_function")
                            << QStringLiteral("no function symbol 'ftlens_no_such_function' in .symtab or .dynsym");
    QTest::addRow("absent with version") << true << QStringLiteral("ftlens_no_such_function@@GLIBC_2.2.5")
                                         << QStringLiteral("'ftlens_no_such_function'");
    QTest::addRow("data object") << true << QStringLiteral("stdout") << QStringLiteral("not a function");
    QTest::addRow("imported") << false << QStringLiteral("dlsym") << QStringLiteral("only imported");
    QTest::addRow("empty name") << true << QString() << QStringLiteral("no symbol name");
    QTest::addRow("only a version") << true << QStringLiteral("@@GLIBC_2.2.5") << QStringLiteral("no symbol name");
}

void TestElfSymbols::missingSymbols()
{
    QFETCH(bool, inLibc);
    QFETCH(QString, symbol);
    QFETCH(QString, errorPart);
    const QString path = inLibc ? m_libc : QCoreApplication::applicationFilePath();
    const Storage::Result<std::uint64_t> result = Recorder::resolveSymbolOffset(path, symbol);
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.startsWith(path + QLatin1Char(':')), qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(errorPart), qPrintable(result.error().message));
}

void TestElfSymbols::brokenFiles_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("errorPart");
    QTest::addRow("text file") << QByteArray("#!/bin/sh\necho this is not ELF\n") << QStringLiteral("not an ELF file");
    QTest::addRow("empty file") << QByteArray() << QStringLiteral("not an ELF file");
    QTest::addRow("libc cut to 100 bytes") << m_libcBytes.left(100) << QStringLiteral("truncated or corrupt ELF file");
    QTest::addRow("libc cut to 40 bytes") << m_libcBytes.left(40) << QStringLiteral("truncated or corrupt ELF file");
    QByteArray badClass = m_libcBytes;
    badClass[EI_CLASS] = 7;
    QTest::addRow("bad class") << badClass << QStringLiteral("unsupported ELF class 7");
    if (m_libcBytes[EI_CLASS] != ELFCLASS64 || m_libcBytes[EI_DATA] != ELFDATA2LSB)
        return; // the header patches below assume a little-endian ELF64 libc
    QByteArray farSections = m_libcBytes;
    patch<Elf64_Off>(farSections, offsetof(Elf64_Ehdr, e_shoff), ~Elf64_Off { 0 } - 8);
    QTest::addRow("section headers past the end") << farSections << QStringLiteral("section header table");
    QByteArray manySections = m_libcBytes;
    patch<Elf64_Half>(manySections, offsetof(Elf64_Ehdr, e_shnum), 0xffff);
    QTest::addRow("too many sections") << manySections << QStringLiteral("section header table");
    QByteArray extendedCount = m_libcBytes;
    patch<Elf64_Half>(extendedCount, offsetof(Elf64_Ehdr, e_shnum), 0); // count then comes from section 0
    patch<Elf64_Off>(extendedCount, offsetof(Elf64_Ehdr, e_shoff), static_cast<Elf64_Off>(m_libcBytes.size() - 8));
    QTest::addRow("extended count past the end") << extendedCount << QStringLiteral("section header 0");
    QByteArray farSegments = m_libcBytes;
    patch<Elf64_Off>(farSegments, offsetof(Elf64_Ehdr, e_phoff), ~Elf64_Off { 0 });
    QTest::addRow("program headers past the end") << farSegments << QStringLiteral("program header table");
    QByteArray smallEntries = m_libcBytes;
    patch<Elf64_Half>(smallEntries, offsetof(Elf64_Ehdr, e_shentsize), 1);
    QTest::addRow("tiny section header size") << smallEntries << QStringLiteral("section header size 1");
    QByteArray relocatable = m_libcBytes;
    patch<Elf64_Half>(relocatable, offsetof(Elf64_Ehdr, e_type), ET_REL);
    QTest::addRow("object file") << relocatable << QStringLiteral("not an executable or shared library");
    QByteArray noSections = m_libcBytes;
    patch<Elf64_Off>(noSections, offsetof(Elf64_Ehdr, e_shoff), 0);
    QTest::addRow("no section headers") << noSections << QStringLiteral("no symbol tables");
}

void TestElfSymbols::brokenFiles()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, errorPart);
    const QString path = writeTemp(QStringLiteral("broken.so"), contents);
    QVERIFY(!path.isEmpty());
    const Storage::Result<std::uint64_t> result = Recorder::resolveSymbolOffset(path, QStringLiteral("open64"));
    QVERIFY(!result.ok());
    QVERIFY2(result.error().message.startsWith(path + QLatin1Char(':')), qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(errorPart), qPrintable(result.error().message));
}

void TestElfSymbols::missingFile()
{
    const QString path = m_dir.filePath(QStringLiteral("does-not-exist.so"));
    const Storage::Result<std::uint64_t> result = Recorder::resolveSymbolOffset(path, QStringLiteral("open64"));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message, path + QStringLiteral(": no such file"));
}

void TestElfSymbols::functionSizeAndCode_data()
{
    QTest::addColumn<bool>("is64");
    QTest::addColumn<bool>("bigEndian");
    QTest::addRow("elf64le") << true << false;
    QTest::addRow("elf64be") << true << true;
    QTest::addRow("elf32le") << false << false;
    QTest::addRow("elf32be") << false << true;
}

// On a descriptor: a function's offset and st_size, and where the executable code lies (the R+X
// segment only, not the data one).
void TestElfSymbols::functionSizeAndCode()
{
    QFETCH(bool, is64);
    QFETCH(bool, bigEndian);
    const QByteArray image = is64 ? buildElf<Elf64>(bigEndian, EM_X86_64) : buildElf<Elf32>(bigEndian, EM_386);
    const QString path = writeTemp(QStringLiteral("sized.so"), image);
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    QVERIFY(fd >= 0);
    auto alpha = Recorder::findFunction(fd, path, QStringLiteral("alpha"));
    auto plain = Recorder::findFunction(fd, path, QStringLiteral("plain"));
    auto code = Recorder::executableRanges(fd, path);
    ::close(fd);
    QVERIFY(alpha.ok() && plain.ok() && code.ok());
    QCOMPARE(alpha->fileOffset, std::uint64_t(0x100));
    QCOMPARE(alpha->size, std::uint64_t(0x20));
    QCOMPARE(plain->size, std::uint64_t(0));
    QCOMPARE(code->size(), 1);
    QCOMPARE(code->first().begin, std::uint64_t(0));
    QCOMPARE(code->first().end, std::uint64_t(0x800));
}

QTEST_GUILESS_MAIN(TestElfSymbols)
#include "tst_elfsymbols.moc"
