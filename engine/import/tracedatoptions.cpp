// SPDX-License-Identifier: GPL-3.0-or-later
// The option records of a trace.dat: each is checked the way libtracecmd will read it, so that
// nothing it reads runs past the record, no string it copies is unterminated and nothing it
// allocates is sized by a count the record cannot hold.
#include "tracecmdapi.h"
#include "tracedatlayoutreader.h"

#include <QCoreApplication>

namespace Engine::Internal {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Engine)
};

using namespace TraceCmd;

// A string option: libtracecmd copies it with strdup() or parses it with strtoll().
bool isStringOption(std::uint16_t id) { return id == Uname || id == Version || id == Hook || id == Date || id == Offset || id == ProcMaps; }

bool isSectionOption(std::uint16_t id) { return id >= Strings && id <= Cmdlines; }

bool terminated(std::string_view data) { return !data.empty() && data.find('\0') != std::string_view::npos; }
} // namespace

Storage::Status TraceDatLayoutReader::readOptions(ByteCursor& in, bool version6, OptionFacts& facts)
{
    while (true) {
        const std::uint64_t at = in.offset();
        std::uint16_t id = 0;
        if (!in.u16(id))
            return version6 ? endsInside(Tr::tr("the options")) : malformed(at, Tr::tr("the option section ends without its last option"));
        if (version6 && id == Done)
            return {};
        std::uint32_t size = 0;
        std::string_view data;
        if (!in.u32(size) || !in.bytes(size, data))
            return version6 ? endsInside(Tr::tr("the options (option %1 at byte %2)").arg(id).arg(at))
                            : malformed(at, Tr::tr("option %1 of %2 bytes runs past its section").arg(id).arg(size));
        if (Storage::Status s = readOption(id, ByteCursor(data, at + 6, m_layout.bigEndian), facts); !s)
            return s;
        if (!version6 && id == Done)
            return {};
    }
}

Storage::Status TraceDatLayoutReader::readOption(std::uint16_t id, ByteCursor data, OptionFacts& facts)
{
    const std::uint64_t at = data.offset() - 6;
    const std::uint64_t size = data.remaining();
    std::string_view bytes;
    (void)ByteCursor(data).bytes(size, bytes);
    if (isStringOption(id) && !terminated(bytes))
        return malformed(at, Tr::tr("option %1 is not a terminated string").arg(id));
    switch (id) {
    case CpuStat:
        if (size == 0)
            return malformed(at, Tr::tr("an empty CPU statistics option"));
        return {};
    case CpuCount: {
        std::uint32_t cpus = 0;
        if (!data.u32(cpus) || cpus == 0 || cpus > maxCpus)
            return malformed(at, Tr::tr("the CPU count option does not hold 1 to %1 CPUs").arg(maxCpus));
        facts.cpuCount = cpus;
        return {};
    }
    case Buffer:
    case BufferText:
        return readBufferOption(id, data);
    case TimeShift:
        return size < 16 ? Storage::Status {} : readTimeShiftOption(data);
    case Guest:
        return readGuestOption(data);
    case Done:
        if (m_layout.version == 7 && !data.u64(facts.nextOptions))
            return malformed(at, Tr::tr("the last option of a section does not say where the next section is"));
        return {};
    default:
        break;
    }
    if (isSectionOption(id) && m_layout.version == 7) {
        std::uint64_t offset = 0;
        if (data.u64(offset))
            facts.sections.emplace_back(id, offset);
    }
    return {};
}

Storage::Status TraceDatLayoutReader::readBufferOption(std::uint16_t id, ByteCursor& data)
{
    const std::uint64_t at = data.offset() - 6;
    TraceDatBuffer buffer;
    std::uint64_t offset = 0;
    std::string_view name;
    if (!data.u64(offset) || !data.cstring(name, maxNameLength))
        return malformed(at, Tr::tr("a buffer option without its offset and name"));
    buffer.name = std::string(name);
    buffer.tableOffset = offset;
    buffer.latency = id == BufferText;
    if (m_layout.version == 7) {
        std::string_view clock;
        std::uint32_t pageSize = 0;
        std::uint32_t cpus = 0;
        if (!data.cstring(clock, maxNameLength))
            return malformed(at, Tr::tr("buffer %1 has no clock").arg(QString::fromStdString(buffer.name)));
        if (id == Buffer && (!data.u32(pageSize) || !data.u32(cpus) || cpus > maxCpus || std::uint64_t(cpus) * 20 > data.remaining()))
            return malformed(at, Tr::tr("buffer %1 does not hold the table of its CPUs").arg(QString::fromStdString(buffer.name)));
        if (id == Buffer && pageSize != m_layout.pageSize)
            return malformed(at, Tr::tr("buffer %1 has pages of %2 bytes, the file %3").arg(QString::fromStdString(buffer.name)).arg(pageSize).arg(m_layout.pageSize));
        for (std::uint32_t i = 0; i < cpus; ++i) {
            TraceDatCpu cpu;
            std::uint32_t number = 0;
            (void)(data.u32(number) && data.u64(cpu.offset) && data.u64(cpu.size)); // the bound above holds them
            if (number >= maxCpus)
                return malformed(at, Tr::tr("buffer %1 names CPU %2").arg(QString::fromStdString(buffer.name)).arg(number));
            for (const TraceDatCpu& other : buffer.cpus) {
                if (other.cpu == int(number))
                    return malformed(at, Tr::tr("buffer %1 lists CPU %2 twice").arg(QString::fromStdString(buffer.name)).arg(number));
            }
            cpu.cpu = int(number);
            buffer.cpus.push_back(cpu);
        }
    }
    if (buffer.name.empty()) {
        if (!m_layout.buffers.empty() && m_layout.buffers.front().name.empty())
            return malformed(at, Tr::tr("a second top buffer"));
        m_layout.buffers.insert(m_layout.buffers.begin(), std::move(buffer));
    } else {
        m_layout.buffers.push_back(std::move(buffer));
    }
    return {};
}

// Host-guest time offsets: a CPU count, then per CPU a sample count and three arrays of 8-byte
// values of that length (libtracecmd allocates by the counts before it reads the values).
Storage::Status TraceDatLayoutReader::readTimeShiftOption(ByteCursor& data)
{
    const std::uint64_t at = data.offset() - 6;
    std::uint32_t cpus = 0;
    if (!data.skip(12) || !data.u32(cpus) || std::uint64_t(cpus) * 4 > data.remaining())
        return malformed(at, Tr::tr("the time shift option's CPU count does not fit it"));
    for (std::uint32_t i = 0; i < cpus; ++i) {
        std::uint32_t samples = 0;
        if (!data.u32(samples) || !data.skip(std::uint64_t(samples) * 24))
            return malformed(at, Tr::tr("the time shift option's samples of CPU %1 do not fit it").arg(i));
    }
    return {};
}

// A guest's name, trace id, vCPU count and per vCPU its id and the host task running it.
Storage::Status TraceDatLayoutReader::readGuestOption(ByteCursor& data)
{
    const std::uint64_t at = data.offset() - 6;
    std::string_view name;
    std::uint32_t vcpus = 0;
    if (!data.cstring(name, maxNameLength) || !data.skip(8) || !data.u32(vcpus) || std::uint64_t(vcpus) * 8 > data.remaining())
        return malformed(at, Tr::tr("the guest option does not hold its vCPUs"));
    for (std::uint32_t i = 0; i < vcpus; ++i) {
        std::uint32_t vcpu = 0;
        (void)(data.u32(vcpu) && data.skip(4));
        if (vcpu >= vcpus)
            return malformed(at, Tr::tr("the guest option names vCPU %1 of %2").arg(vcpu).arg(vcpus));
    }
    return {};
}

} // namespace Engine::Internal
