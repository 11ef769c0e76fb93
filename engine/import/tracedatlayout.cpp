// SPDX-License-Identifier: GPL-3.0-or-later
#include "tracedatlayout.h"

#include "tracedatlayoutreader.h"

#include <QCoreApplication>
#include <QStringList>

namespace Engine {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Engine)
};

constexpr std::string_view magic("\x17\x08\x44tracing", 10);

QString quoted(std::string_view text) { return QLatin1Char('\'') + QString::fromUtf8(text.data(), qsizetype(text.size())) + QLatin1Char('\''); }
} // namespace

bool hasTraceDatMagic(std::string_view bytes) { return bytes.starts_with(magic); }

Storage::Result<TraceDatLayout> readTraceDatLayout(std::string_view file) { return Internal::TraceDatLayoutReader(file).read(); }

namespace Internal {

Storage::Error TraceDatLayoutReader::malformed(std::uint64_t at, const QString& what) const
{
    return Storage::Error { Tr::tr("malformed at byte %1: %2").arg(at).arg(what) };
}

Storage::Error TraceDatLayoutReader::endsInside(const QString& part) const
{
    return Storage::Error { Tr::tr("the file ends at byte %1, inside %2; it was cut before any event data").arg(m_file.size()).arg(part) };
}

ByteCursor TraceDatLayoutReader::cursorAt(std::uint64_t offset) const
{
    const std::uint64_t from = std::min<std::uint64_t>(offset, m_file.size());
    return ByteCursor(m_file.substr(from), from, m_layout.bigEndian);
}

Storage::Result<TraceDatLayout> TraceDatLayoutReader::read()
{
    m_layout.fileSize = m_file.size();
    ByteCursor in(m_file, 0, false);
    if (Storage::Status s = readFileHeader(in); !s)
        return s.error();
    Storage::Status body = m_layout.version == 6 ? readVersion6(in) : readVersion7(in);
    if (!body)
        return body.error();
    if (m_layout.buffers.empty() || (m_layout.buffers.front().cpus.empty() && !m_layout.buffers.front().latency))
        return Storage::Error { Tr::tr("the file has no CPU data") };
    computePresentBytes();
    return m_layout;
}

Storage::Status TraceDatLayoutReader::readFileHeader(ByteCursor& in)
{
    std::string_view head;
    if (!in.bytes(magic.size(), head) || head != magic)
        return Storage::Error { Tr::tr("not a trace.dat (it does not start with trace-cmd's \\x17\\x08Dtracing)") };
    std::string_view version;
    if (!in.cstring(version, 16))
        return endsInside(Tr::tr("the file header"));
    if (version != "6" && version != "7")
        return Storage::Error { Tr::tr("trace.dat version %1 is not supported (ftlens reads versions 6 and 7)").arg(quoted(version)) };
    m_layout.version = version.front() - '0';
    std::uint8_t endian = 0;
    std::uint8_t longSize = 0;
    if (!in.u8(endian) || !in.u8(longSize))
        return endsInside(Tr::tr("the file header"));
    if (endian > 1)
        return malformed(in.offset() - 2, Tr::tr("byte order %1 is neither 0 (little endian) nor 1 (big endian)").arg(endian));
    if (longSize != 4 && longSize != 8)
        return malformed(in.offset() - 1, Tr::tr("the size of a long is %1 bytes (4 or 8 expected)").arg(longSize));
    m_layout.bigEndian = endian == 1;
    m_layout.longSize = longSize;
    in = ByteCursor(m_file.substr(in.offset()), in.offset(), m_layout.bigEndian);
    if (!in.u32(m_layout.pageSize))
        return endsInside(Tr::tr("the file header"));
    const std::uint32_t page = m_layout.pageSize;
    if (page < 1024 || page > (1u << 24) || (page & (page - 1)))
        return malformed(in.offset() - 4, Tr::tr("page size %1 is not a power of two from 1 KiB to 16 MiB").arg(page));
    return {};
}

Storage::Status TraceDatLayoutReader::readSizedBlob(ByteCursor& in, int sizeBytes, const QString& part)
{
    std::uint64_t size = 0;
    std::uint32_t size32 = 0;
    const bool haveSize = sizeBytes == 8 ? in.u64(size) : (in.u32(size32) && ((size = size32), true));
    if (!haveSize || !in.skip(size))
        return endsInside(part);
    return {};
}

Storage::Status TraceDatLayoutReader::readHeaderFiles(ByteCursor& in, bool endIsCut)
{
    const QString part = Tr::tr("the ring-buffer headers (header_page, header_event)");
    for (std::string_view name : { std::string_view("header_page\0", 12), std::string_view("header_event\0", 13) }) {
        const std::uint64_t at = in.offset();
        std::string_view tag;
        if (!in.bytes(name.size(), tag))
            return endIsCut ? endsInside(part) : malformed(at, Tr::tr("%1 ends early").arg(part));
        if (tag != name)
            return malformed(at, Tr::tr("%1 expected").arg(QString::fromLatin1(name.data())));
        if (Storage::Status s = readSizedBlob(in, 8, part); !s)
            return endIsCut ? s : malformed(at, Tr::tr("%1 runs past its section").arg(QString::fromLatin1(name.data())));
    }
    return {};
}

Storage::Status TraceDatLayoutReader::readFormatList(ByteCursor& in, std::string_view system, const QString& part, bool endIsCut)
{
    const std::uint64_t at = in.offset();
    std::uint32_t count = 0;
    if (!in.u32(count))
        return endIsCut ? endsInside(part) : malformed(at, Tr::tr("%1 ends early").arg(part));
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::uint64_t formatAt = in.offset();
        std::uint64_t size = 0;
        std::string_view text;
        if (!in.u64(size) || !in.bytes(size, text))
            return endIsCut ? endsInside(Tr::tr("%1 (format %2 of %3)").arg(part).arg(i + 1).arg(count))
                            : malformed(formatAt, Tr::tr("format %1 of %2 in %3 runs past its section").arg(i + 1).arg(count).arg(part));
        addFormat(system, text);
    }
    return {};
}

// Kept by system and the name its first line gives ("name: sched_switch").
void TraceDatLayoutReader::addFormat(std::string_view system, std::string_view text)
{
    if (!text.starts_with("name: "))
        return;
    const std::size_t end = text.find('\n'); // at 6 or later: the text starts with "name: "
    std::string_view name = text.substr(6, end == std::string_view::npos ? end : end - 6);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\r'))
        name.remove_suffix(1);
    m_layout.formats.push_back({ std::string(system), std::string(name), std::string(text) });
}

Storage::Status TraceDatLayoutReader::readEventSystems(ByteCursor& in, bool endIsCut)
{
    const std::uint64_t at = in.offset();
    std::uint32_t systems = 0;
    if (!in.u32(systems))
        return endIsCut ? endsInside(Tr::tr("the event formats")) : malformed(at, Tr::tr("the event formats end early"));
    for (std::uint32_t i = 0; i < systems; ++i) {
        const std::uint64_t systemAt = in.offset();
        std::string_view name;
        if (!in.cstring(name, maxNameLength)) {
            if (endIsCut && in.remaining() <= maxNameLength)
                return endsInside(Tr::tr("the event formats (system %1 of %2)").arg(i + 1).arg(systems));
            return malformed(systemAt, Tr::tr("the name of event system %1 of %2 does not end").arg(i + 1).arg(systems));
        }
        if (Storage::Status s = readFormatList(in, name, Tr::tr("the formats of event system %1").arg(quoted(name)), endIsCut); !s)
            return s;
    }
    return {};
}

Storage::Status TraceDatLayoutReader::readCpuTable(ByteCursor& in, TraceDatBuffer& buffer)
{
    const std::uint32_t cpus = m_layout.cpus > 0 ? std::uint32_t(m_layout.cpus) : 0;
    for (std::uint32_t cpu = 0; cpu < cpus; ++cpu) {
        TraceDatCpu data;
        data.cpu = int(cpu);
        if (!in.u64(data.offset) || !in.u64(data.size))
            return endsInside(Tr::tr("the table of CPU data of buffer %1").arg(buffer.name.empty() ? Tr::tr("(top)") : quoted(buffer.name)));
        buffer.cpus.push_back(data);
    }
    return {};
}

Storage::Status TraceDatLayoutReader::readVersion6(ByteCursor& in)
{
    if (Storage::Status s = readHeaderFiles(in, true); !s)
        return s;
    if (Storage::Status s = readFormatList(in, "ftrace", Tr::tr("the ftrace event formats"), true); !s)
        return s;
    if (Storage::Status s = readEventSystems(in, true); !s)
        return s;
    for (auto [bytes, part] : { std::pair { 4, Tr::tr("the kernel symbols (kallsyms)") }, std::pair { 4, Tr::tr("the printk formats") },
             std::pair { 8, Tr::tr("the task names (saved_cmdlines)") } }) {
        if (Storage::Status s = readSizedBlob(in, bytes, part); !s)
            return s;
    }
    if (!in.u32(m_headerCpus))
        return endsInside(Tr::tr("the CPU count"));
    OptionFacts facts;
    std::string_view kind;
    if (!in.bytes(10, kind))
        return endsInside(Tr::tr("the options"));
    if (kind.starts_with("options")) {
        if (Storage::Status s = readOptions(in, true, facts); !s)
            return s;
        if (!in.bytes(10, kind))
            return endsInside(Tr::tr("the CPU data table"));
    }
    const std::uint32_t cpus = facts.cpuCount.value_or(m_headerCpus);
    if (cpus == 0 || cpus > maxCpus)
        return malformed(in.offset(), Tr::tr("%1 CPUs (1 to %2 expected)").arg(cpus).arg(maxCpus));
    m_layout.cpus = int(cpus);
    if (m_layout.buffers.empty() || !m_layout.buffers.front().name.empty())
        m_layout.buffers.insert(m_layout.buffers.begin(), TraceDatBuffer {});
    TraceDatBuffer& top = m_layout.buffers.front();
    if (kind.starts_with("latency")) {
        top.latency = true;
        return readBufferTables();
    }
    if (!kind.starts_with("flyrecord"))
        return malformed(in.offset() - 10, Tr::tr("neither flyrecord nor latency data follows the options"));
    top.tableOffset = in.offset();
    if (Storage::Status s = readCpuTable(in, top); !s)
        return s;
    return readBufferTables();
}

// Version 6 instance buffers: each BUFFER option points at "flyrecord" and a table like the top one's.
Storage::Status TraceDatLayoutReader::readBufferTables()
{
    for (std::size_t i = 1; i < m_layout.buffers.size(); ++i) {
        TraceDatBuffer& buffer = m_layout.buffers[i];
        ByteCursor at = cursorAt(buffer.tableOffset);
        std::string_view kind;
        if (!at.bytes(10, kind))
            return endsInside(Tr::tr("the CPU data table of buffer %1").arg(quoted(buffer.name)));
        if (kind.starts_with("latency")) {
            buffer.latency = true;
            continue;
        }
        if (!kind.starts_with("flyrecord"))
            return malformed(buffer.tableOffset, Tr::tr("buffer %1 does not point at flyrecord data").arg(quoted(buffer.name)));
        buffer.tableOffset = at.offset();
        if (Storage::Status s = readCpuTable(at, buffer); !s)
            return s;
    }
    return {};
}

void TraceDatLayoutReader::computePresentBytes()
{
    QStringList cut;
    for (TraceDatBuffer& buffer : m_layout.buffers) {
        for (TraceDatCpu& cpu : buffer.cpus) {
            const std::uint64_t available = cpu.offset >= m_layout.fileSize ? 0 : m_layout.fileSize - cpu.offset;
            if (cpu.size <= available) {
                cpu.present = cpu.size;
                if (!m_compressedData)
                    cpu.dataSize = cpu.size;
                continue;
            }
            // Only whole pages can be read.
            cpu.present = available - available % m_layout.pageSize;
            cpu.dataSize = cpu.present;
            const QString which = buffer.name.empty() ? Tr::tr("CPU %1").arg(cpu.cpu)
                                                      : Tr::tr("CPU %1 of buffer %2").arg(cpu.cpu).arg(quoted(buffer.name));
            cut << Tr::tr("%1 has %2 of its %3 bytes (from byte %4; whole %5-byte pages only)")
                       .arg(which)
                       .arg(cpu.present)
                       .arg(cpu.size)
                       .arg(cpu.offset)
                       .arg(m_layout.pageSize);
        }
    }
    if (!cut.isEmpty())
        m_layout.cut = Tr::tr("the file ends at byte %1, inside the CPU data: %2").arg(m_layout.fileSize).arg(cut.join(QStringLiteral("; ")));
}

} // namespace Internal

} // namespace Engine
