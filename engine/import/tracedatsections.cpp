// SPDX-License-Identifier: GPL-3.0-or-later
// Version 7 trace.dat files: after the file header, the compression and the offset of the first
// option section; everything else is in sections (a 16-byte header: id, flags, description, size;
// compressed ones hold a block of compressed size, size and data) that the option sections point
// to, and the option sections form a chain (each ends with the next one's offset).
#include "tracecmdapi.h"
#include "tracedatlayoutreader.h"

#include <QCoreApplication>

#include <zlib.h>
#include <zstd.h>

namespace Engine::Internal {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Engine)
};

using namespace TraceCmd;

constexpr std::uint64_t sectionHeaderSize = 16;

QString sectionName(std::uint16_t id)
{
    switch (id) {
    case Done:
        return Tr::tr("an option section");
    case Strings:
        return Tr::tr("the strings section");
    case HeaderInfo:
        return Tr::tr("the ring-buffer headers (header_page, header_event)");
    case FtraceEvents:
        return Tr::tr("the ftrace event formats");
    case EventFormats:
        return Tr::tr("the event formats");
    case Kallsyms:
        return Tr::tr("the kernel symbols (kallsyms)");
    case Printk:
        return Tr::tr("the printk formats");
    case Cmdlines:
        return Tr::tr("the task names (saved_cmdlines)");
    default:
        return Tr::tr("section %1").arg(id);
    }
}

bool plausibleGrowth(std::uint64_t compressed, std::uint64_t size)
{
    return size <= maxDecompressed && size <= compressed * maxCompressionRatio + 4096;
}
} // namespace

Storage::Result<std::string> TraceDatLayoutReader::decompress(std::string_view block, std::uint64_t at, const QString& part) const
{
    ByteCursor in(block, at, m_layout.bigEndian);
    std::uint32_t compressed = 0;
    std::uint32_t size = 0;
    std::string_view data;
    if (!in.u32(compressed) || !in.u32(size) || !in.bytes(compressed, data))
        return malformed(at, Tr::tr("the compressed block of %1 runs past its section").arg(part));
    if (!plausibleGrowth(compressed, size))
        return malformed(at, Tr::tr("%1 claims %2 bytes from %3 compressed ones").arg(part).arg(size).arg(compressed));
    std::string out(size, '\0');
    bool ok = false;
    if (m_layout.compression == "zstd") {
        const std::size_t got = ZSTD_decompress(out.data(), out.size(), data.data(), data.size());
        ok = !ZSTD_isError(got) && got == out.size();
    } else if (m_layout.compression == "zlib") {
        uLongf got = uLongf(out.size());
        ok = uncompress(reinterpret_cast<Bytef*>(out.data()), &got, reinterpret_cast<const Bytef*>(data.data()), uLong(data.size())) == Z_OK
            && got == out.size();
    }
    if (!ok)
        return malformed(at, Tr::tr("%1 does not decompress (%2) to its %3 bytes").arg(part, QString::fromStdString(m_layout.compression)).arg(size));
    return out;
}

Storage::Result<std::string> TraceDatLayoutReader::sectionContent(std::uint64_t offset, std::uint16_t id, const QString& part)
{
    if (offset >= m_file.size() || m_file.size() - offset < sectionHeaderSize)
        return Storage::Error { Tr::tr("the file ends at byte %1, before %2 (at byte %3)").arg(m_file.size()).arg(part).arg(offset) };
    ByteCursor in = cursorAt(offset);
    std::uint16_t sectionId = 0;
    std::uint16_t flags = 0;
    std::uint32_t description = 0;
    std::uint64_t size = 0;
    (void)(in.u16(sectionId) && in.u16(flags) && in.u32(description) && in.u64(size));
    if (sectionId != id)
        return malformed(offset, Tr::tr("%1 expected, section %2 found").arg(part).arg(sectionId));
    std::string_view content;
    if (!in.bytes(size, content))
        return Storage::Error { Tr::tr("the file ends at byte %1, inside %2 (bytes %3 to %4)").arg(m_file.size()).arg(part).arg(offset).arg(offset + sectionHeaderSize + size) };
    if (!(flags & sectionCompressed))
        return std::string(content);
    return decompress(content, offset + sectionHeaderSize, part);
}

Storage::Status TraceDatLayoutReader::readSection(std::uint16_t id, std::uint64_t offset)
{
    const QString part = sectionName(id);
    auto content = sectionContent(offset, id, part);
    if (!content)
        return content.error();
    ByteCursor in(content.value(), offset + sectionHeaderSize, m_layout.bigEndian);
    switch (id) {
    case HeaderInfo:
        return readHeaderFiles(in, false);
    case FtraceEvents:
        return readFormatList(in, "ftrace", part, false);
    case EventFormats:
        return readEventSystems(in, false);
    case Kallsyms:
    case Printk:
    case Cmdlines: {
        std::uint64_t size = 0;
        std::uint32_t size32 = 0;
        const bool sized = id == Cmdlines ? in.u64(size) : (in.u32(size32) && ((size = size32), true));
        if (!sized || !in.skip(size))
            return malformed(offset, Tr::tr("%1 runs past its section").arg(part));
        return {};
    }
    default:
        return {};
    }
}

Storage::Status TraceDatLayoutReader::readSectionCpuData(TraceDatBuffer& buffer, std::uint64_t sectionOffset)
{
    const QString part = buffer.name.empty() ? Tr::tr("the CPU data") : Tr::tr("the CPU data of buffer '%1'").arg(QString::fromStdString(buffer.name));
    if (sectionOffset >= m_file.size() || m_file.size() - sectionOffset < sectionHeaderSize)
        return Storage::Error { Tr::tr("the file ends at byte %1, before %2 (at byte %3)").arg(m_file.size()).arg(part).arg(sectionOffset) };
    ByteCursor in = cursorAt(sectionOffset);
    std::uint16_t id = 0;
    std::uint16_t flags = 0;
    (void)(in.u16(id) && in.u16(flags));
    if (id != (buffer.latency ? BufferText : Buffer))
        return malformed(sectionOffset, Tr::tr("%1 expected, section %2 found").arg(part).arg(id));
    if (!(flags & sectionCompressed))
        return {};
    for (TraceDatCpu& cpu : buffer.cpus) {
        if (Storage::Status s = checkCompressedChunks(cpu, part); !s)
            return s;
    }
    return {};
}

// A CPU's compressed data: a chunk count, then per chunk its compressed size, its size and the data.
Storage::Status TraceDatLayoutReader::checkCompressedChunks(TraceDatCpu& cpu, const QString& part)
{
    if (cpu.size == 0)
        return {};
    if (cpu.offset > m_file.size() || cpu.size > m_file.size() - cpu.offset)
        return Storage::Error { Tr::tr("the file ends at byte %1, inside the compressed data of CPU %2 (%3); compressed data "
                                       "cannot be read in part")
                                    .arg(m_file.size())
                                    .arg(cpu.cpu)
                                    .arg(part) };
    // libtracecmd 3.1 states the size without the 4-byte chunk count in front of the chunks.
    ByteCursor in(m_file.substr(cpu.offset, cpu.size + 4), cpu.offset, m_layout.bigEndian);
    std::uint32_t chunks = 0;
    if (!in.u32(chunks) || std::uint64_t(chunks) * 8 > in.remaining())
        return malformed(cpu.offset, Tr::tr("CPU %1 in %2: %3 chunks do not fit its data").arg(cpu.cpu).arg(part).arg(chunks));
    for (std::uint32_t i = 0; i < chunks; ++i) {
        const std::uint64_t at = in.offset();
        std::uint32_t compressed = 0;
        std::uint32_t size = 0;
        if (!in.u32(compressed) || !in.u32(size) || !in.skip(compressed))
            return malformed(at, Tr::tr("chunk %1 of CPU %2 in %3 runs past its data").arg(i + 1).arg(cpu.cpu).arg(part));
        if (!plausibleGrowth(compressed, size))
            return malformed(at, Tr::tr("chunk %1 of CPU %2 claims %3 bytes from %4").arg(i + 1).arg(cpu.cpu).arg(size).arg(compressed));
        cpu.dataSize += size;
    }
    m_compressedData = true;
    return {};
}

Storage::Status TraceDatLayoutReader::readVersion7(ByteCursor& in)
{
    std::string_view name;
    std::string_view version;
    std::uint64_t options = 0;
    if (!in.cstring(name, 64) || !in.cstring(version, 64) || !in.u64(options))
        return endsInside(Tr::tr("the file header"));
    if (name != "none") {
        if (name != "zstd" && name != "zlib")
            return Storage::Error { Tr::tr("compression %1 is not supported (zstd and zlib are)").arg(QString::fromUtf8(name.data(), qsizetype(name.size()))) };
        m_layout.compression = std::string(name);
    }
    if (Storage::Status s = readStringSections(in.offset()); !s)
        return s;
    OptionFacts facts;
    facts.nextOptions = options;
    while (facts.nextOptions) {
        const std::uint64_t at = facts.nextOptions;
        if (!m_optionSections.insert(at).second)
            return malformed(at, Tr::tr("the chain of option sections comes back to this one"));
        auto content = sectionContent(at, Done, sectionName(Done));
        if (!content)
            return content.error();
        ByteCursor records(content.value(), at + sectionHeaderSize, m_layout.bigEndian);
        facts.nextOptions = 0;
        if (Storage::Status s = readOptions(records, false, facts); !s)
            return s;
    }
    for (const auto& [id, offset] : facts.sections) {
        if (Storage::Status s = readSection(id, offset); !s)
            return s;
    }
    const std::uint32_t cpus = facts.cpuCount.value_or(0);
    m_layout.cpus = int(cpus);
    if (m_layout.buffers.empty() || !m_layout.buffers.front().name.empty())
        return Storage::Error { Tr::tr("the options do not say where the CPU data is (no top buffer option): the file may "
                                       "have been cut before its last option section") };
    for (TraceDatBuffer& buffer : m_layout.buffers) {
        m_layout.cpus = std::max<int>(m_layout.cpus, int(buffer.cpus.size()));
        if (Storage::Status s = readSectionCpuData(buffer, buffer.tableOffset); !s)
            return s;
    }
    return {};
}

// libtracecmd reads the strings section by walking the sections one after another from the first
// one, skipping each by its size, until a header cannot be read: the same walk is checked here.
Storage::Status TraceDatLayoutReader::readStringSections(std::uint64_t from)
{
    std::uint64_t at = from;
    std::set<std::uint64_t> seen;
    while (at <= m_file.size() && m_file.size() - at >= sectionHeaderSize && seen.insert(at).second) {
        ByteCursor in = cursorAt(at);
        std::uint16_t id = 0;
        std::uint16_t flags = 0;
        std::uint32_t description = 0;
        std::uint64_t size = 0;
        (void)(in.u16(id) && in.u16(flags) && in.u32(description) && in.u64(size));
        if (id == Strings) {
            auto content = sectionContent(at, Strings, sectionName(Strings));
            if (!content)
                return content.error();
        }
        if (size > m_file.size())
            break; // libtracecmd's next read fails there too
        at = in.offset() + size;
    }
    return {};
}

} // namespace Engine::Internal
