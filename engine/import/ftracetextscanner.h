// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ftraceeventdecoder.h"
#include "importtyperegistry.h"

#include "recordinglimits.h"

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Engine {

// Where an event's text is: sorting these (not the events) puts a trace in time order.
struct ImportedEventRef {
    std::int64_t ts = 0;
    std::uint64_t offset = 0; // of its line in the text
    std::uint32_t length = 0; // its line, and the " => " frame lines of a stack trace
};

// A line the scan could not import.
struct ScanIssue {
    enum class Reason {
        NotAnEvent,
        NoTimestamp,
        BadTimestamp,
        StackFrameAlone,
        CutLastLine,
        CpuOutOfRange,
        TimestampOutOfRange,
        CpuCountOutOfRange,
        TooManyEventTypes,
        TooManyFields,
    };
    std::int64_t line = 0; // 1-based
    std::string_view text;
    Reason reason = Reason::NotAnEvent;
};

// The first pass of a text import: finds every event line, its type and the storage of every
// field (over all values), the tasks, the CPUs and the header facts; collects what it cannot read.
// Views point into the scanned text. Owned by the importer's thread; scan() splits and parses
// the lines on a thread of its own (the decoder only) while the caller's thread reads them.
class FtraceTextScanner {
public:
    struct Task {
        std::string comm; // empty: only "<...>" was seen
        int tgid = 0;
    };

    explicit FtraceTextScanner(TextDialect dialect = TextDialect::Ftrace)
        : m_dialect(dialect)
    {
    }
    TextDialect dialect() const { return m_dialect; }

    // progress(bytesDone) is called every few thousand lines; returning false stops the scan.
    using Progress = std::function<bool(std::uint64_t bytesDone)>;
    // Issues beyond maxIssues are counted, not kept.
    bool scan(std::string_view text, const Progress& progress, std::size_t maxIssues);

    std::vector<ImportedEventRef>& events() { return m_events; }
    ImportTypeRegistry& types() { return m_types; }
    const std::unordered_map<int, Task>& tasks() const { return m_tasks; }
    const std::map<int, std::int64_t>& lostEventsByCpu() const { return m_lost; }
    const std::vector<ScanIssue>& issues() const { return m_issues; }
    std::int64_t unparsedLines() const { return m_unparsed; }
    std::int64_t lines() const { return m_lines; }
    // CPUs: the header's "#P:N" (or trace-cmd's "cpus=N"), or more if events name higher CPUs.
    // Never more than Storage::Limits::maxCpus: lines beyond it are issues, not data.
    int cpus() const { return std::max(m_headerCpus, m_maxCpu + 1); }
    // How many CPUs have events: what the views will draw.
    int cpusWithEvents() const { return int(m_cpusWithEvents.count()); }
    const std::string& tracer() const { return m_tracer; }

private:
    // Lines split and parsed ahead of the scan; defined in the .cpp.
    struct ParsedLine;
    struct ParsedBatch;

    std::uint64_t parseLines(std::string_view text, std::uint64_t offset, ParsedBatch& out);
    bool scanBatch(const ParsedBatch& batch, std::uint64_t textSize, const Progress& progress);
    void scanLine(const ParsedLine& parsed);
    void addEvent(const ParsedLine& parsed);
    void addStackFrame(std::string_view text, std::uint64_t offset);
    bool continuesMessage(const ParsedLine& parsed);
    void noteComment(std::string_view text, std::string_view comment);
    void noteTask(const FtraceLine& line);
    void addIssue(std::string_view text, ScanIssue::Reason reason);

    TextDialect m_dialect = TextDialect::Ftrace;
    FtraceEventDecoder m_decoder; // parseLines() only
    ImportTypeRegistry m_types;
    std::vector<ImportedEventRef> m_events;
    std::unordered_map<int, Task> m_tasks;
    std::map<int, std::int64_t> m_lost;
    std::vector<ScanIssue> m_issues;
    std::size_t m_maxIssues = 0;
    std::int64_t m_unparsed = 0;
    std::int64_t m_lines = 0;
    int m_maxCpu = -1;
    int m_headerCpus = 0;
    std::bitset<Storage::Limits::maxCpus> m_cpusWithEvents;
    std::string m_tracer;
    // Index of the event the next frame line belongs to: a <stack trace> event's (ftrace text), or
    // any event's (perf script's callchains).
    std::int64_t m_openStack = -1;
    // Index of a trace_printk event (bprint, print, bputs) whose message may go on over the next
    // lines (trace-cmd report prints a message's newlines as they are).
    std::int64_t m_openMessage = -1;
    int m_lastPid = -1;            // one-entry cache: most lines repeat the previous task
    std::string m_lastComm;
};

} // namespace Engine
