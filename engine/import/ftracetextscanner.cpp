// SPDX-License-Identifier: GPL-3.0-or-later
#include "ftracetextscanner.h"

#include <cstring>

namespace Engine {

namespace {
// Progress and cancellation are checked this often (lines).
constexpr std::int64_t progressInterval = 65536;

int parseLeadingNumber(std::string_view s)
{
    int value = 0;
    for (std::size_t i = 0; i < s.size() && s[i] >= '0' && s[i] <= '9' && i < 9; ++i)
        value = value * 10 + (s[i] - '0');
    return value;
}

ScanIssue::Reason reasonFor(FtraceLine::Bad bad)
{
    switch (bad) {
    case FtraceLine::Bad::NoTimestamp:
        return ScanIssue::Reason::NoTimestamp;
    case FtraceLine::Bad::BadTimestamp:
        return ScanIssue::Reason::BadTimestamp;
    default:
        return ScanIssue::Reason::NotAnEvent;
    }
}
} // namespace

bool FtraceTextScanner::scan(std::string_view text, const Progress& progress, std::size_t maxIssues)
{
    m_maxIssues = maxIssues;
    std::uint64_t offset = 0;
    while (offset < text.size()) {
        const char* start = text.data() + offset;
        const void* newline = std::memchr(start, '\n', text.size() - offset);
        const std::size_t length = newline ? std::size_t(static_cast<const char*>(newline) - start) : text.size() - offset;
        ++m_lines;
        scanLine(std::string_view(start, length), offset, !newline);
        offset += length + 1;
        if (m_lines % progressInterval == 0 && progress && !progress(std::min<std::uint64_t>(offset, text.size())))
            return false;
    }
    return true;
}

void FtraceTextScanner::scanLine(std::string_view text, std::uint64_t offset, bool last)
{
    const FtraceLine line = parseFtraceLine(text);
    if (line.kind != FtraceLine::Kind::StackFrame)
        m_openStack = -1;
    switch (line.kind) {
    case FtraceLine::Kind::Event:
        addEvent(line, text, offset, last);
        break;
    case FtraceLine::Kind::StackFrame:
        addStackFrame(text, offset);
        break;
    case FtraceLine::Kind::Comment:
        noteComment(line.payload);
        break;
    case FtraceLine::Kind::LostEvents:
        m_lost[line.cpu] += line.count;
        m_maxCpu = std::max(m_maxCpu, line.cpu);
        break;
    case FtraceLine::Kind::CpuCount:
        m_headerCpus = int(line.count);
        break;
    case FtraceLine::Kind::Prose:
        break;
    case FtraceLine::Kind::Bad:
        addIssue(text, last ? ScanIssue::Reason::CutLastLine : reasonFor(line.bad));
        break;
    }
}

void FtraceTextScanner::addEvent(const FtraceLine& line, std::string_view text, std::uint64_t offset, bool last)
{
    const FtraceEventDecoder::Event& event = m_decoder.decode(line);
    // A file may simply lack its final newline; but a last line that does not read whole was cut
    // (a capture stopped mid-write), and a half event would be worse than none.
    if (last && event.incomplete) {
        addIssue(text, ScanIssue::Reason::CutLastLine);
        return;
    }
    const int type = m_types.typeFor(event.shape);
    for (std::size_t i = 0; i < event.fields.size(); ++i)
        m_types.observe(type, m_types.fieldFor(type, i, event.fields[i].name), event.fields[i].valueClass);
    if (event.isStack) {
        m_types.observe(type, m_types.fieldFor(type, 0, "stack"), ValueClass::Text);
        m_openStack = std::int64_t(m_events.size());
    }
    ++m_types.type(type).events;
    m_events.push_back({ line.ts, offset, std::uint32_t(text.size()) });
    m_maxCpu = std::max(m_maxCpu, line.cpu);
    noteTask(line);
}

void FtraceTextScanner::addStackFrame(std::string_view text, std::uint64_t offset)
{
    if (m_openStack < 0) {
        addIssue(text, ScanIssue::Reason::StackFrameAlone);
        return;
    }
    // Frames follow their event line directly, so one range of the text covers them all.
    ImportedEventRef& event = m_events[std::size_t(m_openStack)];
    event.length = std::uint32_t(offset + text.size() - event.offset);
}

void FtraceTextScanner::noteComment(std::string_view comment)
{
    if (comment.starts_with("# tracer:")) {
        std::string_view tracer = comment.substr(9);
        while (!tracer.empty() && tracer.front() == ' ')
            tracer.remove_prefix(1);
        m_tracer = tracer;
    }
    if (const std::size_t p = comment.find("#P:"); p != std::string_view::npos)
        m_headerCpus = parseLeadingNumber(comment.substr(p + 3));
}

void FtraceTextScanner::noteTask(const FtraceLine& line)
{
    if (line.pid == m_lastPid && line.comm == m_lastComm && !line.tgid)
        return;
    Task& task = m_tasks[line.pid];
    if (line.comm != "<...>" && task.comm != line.comm)
        task.comm = line.comm; // the latest name: exec renames a task
    if (line.tgid)
        task.tgid = line.tgid;
    m_lastPid = line.pid;
    m_lastComm = line.comm;
}

void FtraceTextScanner::addIssue(std::string_view text, ScanIssue::Reason reason)
{
    ++m_unparsed;
    if (m_issues.size() < m_maxIssues)
        m_issues.push_back({ m_lines, text, reason });
}

} // namespace Engine
