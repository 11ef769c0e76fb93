// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QString>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace Engine {

// Where one CPU's ring-buffer pages are in a trace.dat.
struct TraceDatCpu {
    int cpu = 0;
    std::uint64_t offset = 0;  // in the file
    std::uint64_t size = 0;    // as the file declares it
    std::uint64_t present = 0; // how much of it the file holds (less than size when the file is cut)
    std::uint64_t dataSize = 0; // its ring-buffer bytes once decompressed (present when not compressed)
};

// One ring buffer of the recording: the top one (name empty) or an instance (trace-cmd record -B).
struct TraceDatBuffer {
    std::string name;
    std::vector<TraceDatCpu> cpus;
    bool latency = false;          // latency-tracer text instead of CPU pages
    // Version 6: where its table of (offset, size) per CPU is; version 7: its data section.
    std::uint64_t tableOffset = 0;
};

// One event format as the file holds it (the kernel's format file text).
struct TraceDatFormat {
    std::string system;
    std::string name;
    std::string text;
};

// The structure of a trace.dat (trace-cmd's file, versions 6 and 7), read without trusting any
// size or offset in it: every section, option and CPU data range is checked to lie in the file
// (and in its section), every string to end, every count to fit the bytes that hold its items,
// the chain of option sections to end, compressed sections to decompress to their stated size
// (bounded), before libtracecmd, which trusts them, reads the file. Plain value; any thread.
struct TraceDatLayout {
    int version = 0;
    bool bigEndian = false;
    int longSize = 8;
    std::uint32_t pageSize = 0;
    std::string compression; // "zstd", "zlib"; empty: none
    int cpus = 0;
    std::vector<TraceDatBuffer> buffers; // the top buffer first
    std::vector<TraceDatFormat> formats; // the ftrace system's and every event system's
    std::uint64_t fileSize = 0;
    // Not empty when the file ends inside CPU data: which, in words. Everything before the cut is
    // readable (see TraceDatCpu::present).
    QString cut;
};

// The layout of the trace.dat whose bytes are `file`; an Error (in words, naming the byte offset
// and the part of the file) when it is not a trace.dat, has a version other than 6 or 7, or is
// malformed or cut anywhere but in its CPU data.
Storage::Result<TraceDatLayout> readTraceDatLayout(std::string_view file);

// True when bytes start with trace-cmd's magic ("\x17\x08\x44tracing").
bool hasTraceDatMagic(std::string_view bytes);

} // namespace Engine
