// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bytecursor.h"
#include "tracedatlayout.h"

#include <optional>
#include <set>
#include <string>

namespace Engine::Internal {

// Reads a TraceDatLayout (tracedatlayout.h): the file header and, by version, the sequence of
// parts (6) or the sections the chain of option sections points to (7); the option records of
// both are checked in tracedatoptions.cpp, version 7's sections in tracedatsections.cpp. Every
// allocation is bounded by the bytes the file holds. One read() per reader; any thread.
class TraceDatLayoutReader {
public:
    explicit TraceDatLayoutReader(std::string_view file)
        : m_file(file)
    {
    }

    Storage::Result<TraceDatLayout> read();

private:
    // What the options of a file (both versions) say, besides buffers.
    struct OptionFacts {
        std::optional<std::uint32_t> cpuCount;
        std::uint64_t nextOptions = 0; // version 7: the next option section (0: none)
        std::vector<std::pair<std::uint16_t, std::uint64_t>> sections; // version 7: section id, offset
    };

    // Messages, each naming the byte and the part of the file.
    Storage::Error malformed(std::uint64_t at, const QString& what) const;
    Storage::Error endsInside(const QString& part) const;
    ByteCursor cursorAt(std::uint64_t offset) const;

    Storage::Status readFileHeader(ByteCursor& in);
    // Version 6: the parts one after another.
    Storage::Status readVersion6(ByteCursor& in);
    Storage::Status readSizedBlob(ByteCursor& in, int sizeBytes, const QString& part);
    Storage::Status readHeaderFiles(ByteCursor& in, bool endIsCut);
    Storage::Status readFormatList(ByteCursor& in, std::string_view system, const QString& part, bool endIsCut);
    Storage::Status readEventSystems(ByteCursor& in, bool endIsCut);
    void addFormat(std::string_view system, std::string_view text);
    Storage::Status readCpuTable(ByteCursor& in, TraceDatBuffer& buffer);
    Storage::Status readBufferTables();

    // Option records of either version (tracedatoptions.cpp).
    // Version 6 options end with a bare Done id; version 7 ones with a Done record (its data: the
    // next option section).
    Storage::Status readOptions(ByteCursor& in, bool version6, OptionFacts& facts);
    Storage::Status readOption(std::uint16_t id, ByteCursor data, OptionFacts& facts);
    Storage::Status readBufferOption(std::uint16_t id, ByteCursor& data);
    Storage::Status readTimeShiftOption(ByteCursor& data);
    Storage::Status readGuestOption(ByteCursor& data);

    // Version 7 (tracedatsections.cpp).
    Storage::Status readVersion7(ByteCursor& in);
    Storage::Status readStringSections(std::uint64_t from);
    // A section's content at offset, decompressed; checks its id.
    Storage::Result<std::string> sectionContent(std::uint64_t offset, std::uint16_t id, const QString& part);
    Storage::Status readSection(std::uint16_t id, std::uint64_t offset);
    Storage::Status readSectionCpuData(TraceDatBuffer& buffer, std::uint64_t sectionOffset);
    Storage::Status checkCompressedChunks(TraceDatCpu& cpu, const QString& part);
    Storage::Result<std::string> decompress(std::string_view block, std::uint64_t at, const QString& part) const;

    void computePresentBytes();

    std::string_view m_file;
    TraceDatLayout m_layout;
    std::uint32_t m_headerCpus = 0;
    bool m_compressedData = false; // dataSize was set from the chunks
    std::set<std::uint64_t> m_optionSections; // version 7: visited, so a loop in the chain is caught
};

// Sizes beyond these are refused whatever the file says (they bound what the readers allocate).
constexpr std::uint32_t maxCpus = 8192;
constexpr std::uint64_t maxDecompressed = 1ull << 30;
// A compressed block or chunk may not claim to grow more than this many times.
constexpr std::uint64_t maxCompressionRatio = 1000;
constexpr std::size_t maxNameLength = 4096;

} // namespace Engine::Internal
