// SPDX-License-Identifier: GPL-3.0-or-later
#include "ftracetextscanner.h"

#include "batchhandoff.h"

#include <algorithm>
#include <cstring>

namespace Engine {

namespace {
// Progress and cancellation are checked this often (lines).
constexpr std::int64_t progressInterval = 65536;
constexpr std::size_t sampleBytes = 4 << 20;
// Texts up to this size are parsed and scanned by one thread; larger ones by two.
constexpr std::size_t parseAheadFrom = 1 << 20;
// Lines parsed per batch, and batches on the way between the two threads.
constexpr std::size_t batchLines = 2048;
constexpr std::size_t batchesInFlight = 4;
constexpr std::size_t shortestEventLine = 32; // about "a-1 [000] 1.000000: e: x=1"

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
    case FtraceLine::Bad::CpuOutOfRange:
        return ScanIssue::Reason::CpuOutOfRange;
    case FtraceLine::Bad::TimestampOutOfRange:
        return ScanIssue::Reason::TimestampOutOfRange;
    case FtraceLine::Bad::CpuCountOutOfRange:
        return ScanIssue::Reason::CpuCountOutOfRange;
    default:
        return ScanIssue::Reason::NotAnEvent;
    }
}

// Room for the events of the whole text, guessed from the lines of its first megabytes: growing
// the vector by doubling would copy it and fault its pages in again (a twentieth of a scan).
// A guess too high costs address space only, as pages never written are never mapped, and is
// bounded by a short event line's length (a guess too low just grows the vector as before).
std::size_t expectedEvents(std::string_view text)
{
    const std::string_view sample = text.substr(0, sampleBytes);
    const double lines = double(std::count(sample.begin(), sample.end(), '\n') + 1);
    const double guess = lines * double(text.size()) / double(std::max<std::size_t>(sample.size(), 1)) * 1.1;
    return std::size_t(std::min(guess, double(text.size() / shortestEventLine + 1)));
}
} // namespace

// A line as the parsing thread leaves it for the scan.
struct FtraceTextScanner::ParsedLine {
    std::string_view text;
    std::uint64_t offset = 0;
    bool last = false; // no newline after it
    FtraceLine line;
    FtraceEventDecoder::Event event; // event lines only
};

struct FtraceTextScanner::ParsedBatch {
    std::vector<ParsedLine> lines; // the first `count`; the others keep their buffers for the next batch
    std::size_t count = 0;
};

bool FtraceTextScanner::scan(std::string_view text, const Progress& progress, std::size_t maxIssues)
{
    m_maxIssues = maxIssues;
    m_events.reserve(m_events.size() + expectedEvents(text));
    bool whole = true;
    if (text.size() <= parseAheadFrom) {
        ParsedBatch batch;
        for (std::uint64_t offset = 0; offset < text.size() && whole;) {
            offset = parseLines(text, offset, batch);
            whole = scanBatch(batch, text.size(), progress);
        }
    } else {
        // Splitting and parsing the lines is most of a scan: another thread does it meanwhile.
        BatchHandoff<ParsedBatch> handoff(batchesInFlight);
        const auto parse = [&] {
            for (std::uint64_t offset = 0; offset < text.size();) {
                ParsedBatch* batch = handoff.takeEmpty();
                if (!batch)
                    break;
                offset = parseLines(text, offset, *batch);
                handoff.putFull(batch);
            }
        };
        runHandoff(handoff, "ftlens-parse", parse, [&] {
            while (ParsedBatch* batch = handoff.takeFull()) {
                whole = scanBatch(*batch, text.size(), progress);
                handoff.putEmpty(batch);
                if (!whole)
                    break;
            }
        });
    }
    if (!whole)
        return false;
    m_types.decideNumberBases();
    return true;
}

// Splits and parses the lines from offset on, a batch of them; returns where the next begins.
std::uint64_t FtraceTextScanner::parseLines(std::string_view text, std::uint64_t offset, ParsedBatch& out)
{
    out.count = 0;
    while (out.count < batchLines && offset < text.size()) {
        if (out.lines.size() == out.count)
            out.lines.emplace_back();
        ParsedLine& parsed = out.lines[out.count++];
        const char* start = text.data() + offset;
        const void* newline = std::memchr(start, '\n', text.size() - offset);
        const std::size_t length = newline ? std::size_t(static_cast<const char*>(newline) - start) : text.size() - offset;
        parsed.text = std::string_view(start, length);
        parsed.offset = offset;
        parsed.last = !newline;
        parsed.line = parseTraceLine(parsed.text, m_dialect);
        if (parsed.line.kind == FtraceLine::Kind::Event)
            parsed.event = m_decoder.decode(parsed.line); // reuses the slot's field buffer
        offset += length + 1;
    }
    return offset;
}

bool FtraceTextScanner::scanBatch(const ParsedBatch& batch, std::uint64_t textSize, const Progress& progress)
{
    for (std::size_t i = 0; i < batch.count; ++i) {
        const ParsedLine& parsed = batch.lines[i];
        ++m_lines;
        scanLine(parsed);
        const std::uint64_t done = std::min<std::uint64_t>(parsed.offset + parsed.text.size() + 1, textSize);
        if (m_lines % progressInterval == 0 && progress && !progress(done))
            return false;
    }
    return true;
}

void FtraceTextScanner::scanLine(const ParsedLine& parsed)
{
    const FtraceLine& line = parsed.line;
    if (line.kind != FtraceLine::Kind::StackFrame)
        m_openStack = -1;
    if (line.kind == FtraceLine::Kind::Bad && continuesMessage(parsed))
        return;
    m_openMessage = -1;
    switch (line.kind) {
    case FtraceLine::Kind::Event:
        addEvent(parsed);
        break;
    case FtraceLine::Kind::StackFrame:
        addStackFrame(parsed.text, parsed.offset);
        break;
    case FtraceLine::Kind::Comment:
        noteComment(parsed.text, line.payload);
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
        addIssue(parsed.text, parsed.last ? ScanIssue::Reason::CutLastLine : reasonFor(line.bad));
        break;
    }
}

void FtraceTextScanner::addEvent(const ParsedLine& parsed)
{
    const FtraceLine& line = parsed.line;
    const FtraceEventDecoder::Event& event = parsed.event;
    // A file may simply lack its final newline; but a last line that does not read whole was cut
    // (a capture stopped mid-write), and a half event would be worse than none.
    if (parsed.last && event.incomplete) {
        addIssue(parsed.text, ScanIssue::Reason::CutLastLine);
        return;
    }
    switch (m_types.fits(event.shape, event.fields, event.isStack)) {
    case ImportTypeRegistry::Fit::Fits:
        break;
    case ImportTypeRegistry::Fit::TooManyTypes:
        addIssue(parsed.text, ScanIssue::Reason::TooManyEventTypes);
        return;
    case ImportTypeRegistry::Fit::TooManyFields:
        addIssue(parsed.text, ScanIssue::Reason::TooManyFields);
        return;
    }
    const int type = m_types.typeFor(event.shape);
    for (std::size_t i = 0; i < event.fields.size(); ++i)
        m_types.observe(type, m_types.fieldFor(type, i, event.fields[i].name), event.fields[i]);
    if (event.isStack) {
        m_types.observe(type, m_types.fieldFor(type, 0, "stack"), PayloadField { "stack", {}, ValueClass::Text });
        m_openStack = std::int64_t(m_events.size());
    } else if (m_dialect == TextDialect::PerfScript) {
        m_openStack = std::int64_t(m_events.size());
    }
    ++m_types.type(type).events;
    if (line.name == "bprint" || line.name == "print" || line.name == "bputs")
        m_openMessage = std::int64_t(m_events.size());
    m_events.push_back({ line.ts, parsed.offset, std::uint32_t(parsed.text.size()) });
    m_maxCpu = std::max(m_maxCpu, line.cpu);
    m_cpusWithEvents.set(std::size_t(line.cpu)); // in range: the line parser checked it
    noteTask(line);
}

// An indented line right after a trace_printk event: the rest of its message.
bool FtraceTextScanner::continuesMessage(const ParsedLine& parsed)
{
    if (m_openMessage < 0 || parsed.text.empty() || (parsed.text.front() != ' ' && parsed.text.front() != '\t') || parsed.last)
        return false;
    ImportedEventRef& event = m_events[std::size_t(m_openMessage)];
    event.length = std::uint32_t(parsed.offset + parsed.text.size() - event.offset);
    return true;
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

void FtraceTextScanner::noteComment(std::string_view text, std::string_view comment)
{
    if (comment.starts_with("# tracer:")) {
        std::string_view tracer = comment.substr(9);
        while (!tracer.empty() && tracer.front() == ' ')
            tracer.remove_prefix(1);
        m_tracer = tracer;
    }
    if (const std::size_t p = comment.find("#P:"); p != std::string_view::npos) {
        const int cpus = parseLeadingNumber(comment.substr(p + 3));
        if (cpus > Storage::Limits::maxCpus)
            addIssue(text, ScanIssue::Reason::CpuCountOutOfRange);
        else
            m_headerCpus = cpus;
    }
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
