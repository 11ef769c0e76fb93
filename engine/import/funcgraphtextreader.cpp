// SPDX-License-Identifier: GPL-3.0-or-later
#include "funcgraphtextreader.h"

#include "ftracelineparser.h"

#include <algorithm>

namespace Engine {

using Kind = FuncGraphLine::Kind;

std::int64_t FuncGraphTextReader::nameIndex(std::string_view name)
{
    if (const auto it = m_nameIndex.find(name); it != m_nameIndex.end())
        return it->second;
    m_names.push_back(name);
    const std::int64_t index = std::int64_t(m_names.size());
    m_nameIndex.emplace(name, index);
    return index;
}

CallStackBuilder::Place FuncGraphTextReader::place(const FuncGraphLine& line)
{
    const int cpu = std::max(line.cpu, 0);
    m_maxCpu = std::max(m_maxCpu, cpu);
    if (line.pid >= 0) {
        if (!line.comm.empty() && line.comm != "<...>")
            m_tasks[line.pid].comm = line.comm;
        return { line.pid, cpu };
    }
    const auto current = m_currentPid.find(cpu);
    return { current == m_currentPid.end() ? -1 : current->second, cpu };
}

void FuncGraphTextReader::noteTime(std::int64_t ts)
{
    if (ts == FuncGraphLine::none)
        return;
    if (!m_timestamps) {
        m_firstTs = m_lastTs = ts;
        m_timestamps = true;
    }
    m_firstTs = std::min(m_firstTs, ts);
    m_lastTs = std::max(m_lastTs, ts);
}

void FuncGraphTextReader::readLine(std::string_view text, bool last)
{
    ++m_lines;
    const FuncGraphLine line = parseFuncGraphLine(text);
    auto ts = [&](std::int64_t value) { return value == FuncGraphLine::none ? Storage::noTime : value; };
    switch (line.kind) {
    case Kind::Entry:
        noteTime(line.ts);
        m_builder.entry(place(line), ts(line.ts), line.depth, nameIndex(line.function));
        return;
    case Kind::Leaf:
        noteTime(line.ts);
        if (line.ts != FuncGraphLine::none && line.dur != FuncGraphLine::none)
            noteTime(line.ts + line.dur);
        m_builder.leaf(place(line), ts(line.ts), ts(line.dur), line.depth, nameIndex(line.function), line.hasRetval ? &line.retval : nullptr);
        return;
    case Kind::Exit: {
        noteTime(line.ts);
        CallStackBuilder::Exit exit;
        exit.place = place(line);
        exit.ts = ts(line.ts);
        exit.dur = ts(line.dur);
        exit.depth = line.depth;
        exit.function = line.function.empty() ? 0 : nameIndex(line.function);
        exit.retval = line.retval;
        exit.hasRetval = line.hasRetval;
        m_builder.exit(exit);
        return;
    }
    case Kind::TaskSwitch: {
        const int cpu = std::max(line.cpu, 0);
        m_maxCpu = std::max(m_maxCpu, cpu);
        m_currentPid[cpu] = line.nextPid;
        for (auto [pid, comm] : { std::pair { line.pid, line.comm }, std::pair { line.nextPid, line.nextComm } }) {
            if (!comm.empty() && comm != "<...>")
                m_tasks[pid].comm = comm;
        }
        return;
    }
    case Kind::Comment:
        ++m_comments;
        return;
    case Kind::IrqEntry:
    case Kind::IrqExit:
    case Kind::Separator:
    case Kind::Header:
    case Kind::Prose:
        return;
    case Kind::Bad:
        if (line.outOfRange != FuncGraphLine::OutOfRange::None)
            break;
        // Event lines and their stack traces between the calls (the latency tracers print them).
        switch (parseFtraceLine(text).kind) {
        case FtraceLine::Kind::Event:
        case FtraceLine::Kind::StackFrame:
        case FtraceLine::Kind::LostEvents:
            ++m_comments;
            return;
        default:
            break;
        }
        break;
    }
    ++m_unparsed;
    if (m_issues.size() < m_maxIssues)
        m_issues.push_back({ m_lines, text, last, line.outOfRange });
}

bool FuncGraphTextReader::read(std::string_view text, const Progress& progress, std::size_t maxIssues)
{
    m_maxIssues = maxIssues;
    // About one call per 100 bytes of text (the columns and indentation take most of a line):
    // growing a vector of millions of calls by doubling costs more than the reading.
    m_builder.reserve(text.size() / 100);
    // The unknown name of a bare "}" whose entry came before the text started.
    m_builder.setUnknownFunction(nameIndex("(unknown)"));
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        const bool last = end == std::string_view::npos;
        if (last)
            end = text.size();
        readLine(text.substr(pos, end - pos), last);
        pos = end + 1;
        if ((m_lines & 0x3fff) == 0 && progress && !progress(std::min<std::uint64_t>(pos, text.size())))
            return false;
    }
    return true;
}

} // namespace Engine
