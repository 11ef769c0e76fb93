// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "eventdecoder.h"
#include "recordingwriter.h"
#include "tracedatinput.h"

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <unordered_set>
#include <vector>

struct tep_event;
struct tep_record;

namespace Engine {

// Appends the records of a trace.dat, in the time order libtracecmd merges them in, to a
// recording: each event type is registered on its first record, with the file's own format and
// the recorder's decoding (Recorder::EventDecoder: every field from the format), as its system
// (instance buffers: BUFFER/system), kind (tracepoint; tracer for the function tracers' records;
// kprobe, kretprobe, uprobe, uretprobe for probes, with a definition naming the place probed so
// that entries pair with their returns) and name. kernel_stack and user_stack records are events
// of their own and their frames go to stack_frame, keyed by the event before them on their CPU.
// Missed-event marks of the ring-buffer pages are counted per CPU. Owned by the importer's thread.
class TraceDatRecords {
public:
    TraceDatRecords(const TraceDatInput& input, Storage::RecordingWriter& writer);

    // Reads every record; progress(fraction) may return false to stop (then false is returned).
    using Progress = std::function<bool(double fraction)>;
    Storage::Result<bool> readAll(const Progress& progress);

    std::int64_t events() const { return m_writer.eventCount(); }
    const std::map<int, std::int64_t>& missedEventsByCpu() const { return m_missed; }
    const std::set<int>& pids() const { return m_pids; }
    std::int64_t unknownEvents() const;
    std::int64_t malformedEvents() const;
    int eventTypes() const { return m_types; }
    // Kernel addresses in the function tracers' fields, to name in kernel_symbol.
    std::unordered_set<std::uint64_t> kernelAddresses() const;
    Recorder::TaskNames& taskNames() { return m_buffers.front().decoder->taskNames(); }
    bool hasType(const char* system, const char* name) const;

    // The callback's way in (libtracecmd calls a C function).
    int onRecord(tracecmd_input* handle, tep_record* record);

private:
    struct Buffer {
        tracecmd_input* handle = nullptr;
        std::string name;
        std::unique_ptr<Recorder::EventDecoder> decoder;
        std::vector<std::int64_t> lastEvent; // per CPU: the id of its last event that is not a stack
        std::vector<std::uint64_t> firstOffset, lastOffset; // per CPU: where its records were, for progress
    };
    enum class StackKind { None, Kernel, User };

    Storage::Status addType(Buffer& buffer, tep_event* event, tep_record* record);
    Storage::Status addStack(Buffer& buffer, tep_event* event, tep_record* record, StackKind kind);
    void noteProgress(Buffer& buffer, const tep_record* record);
    double fractionDone() const;

    const TraceDatInput& m_input;
    Storage::RecordingWriter& m_writer;
    std::vector<Buffer> m_buffers;
    std::vector<StackKind> m_stackKinds; // by kernel event id
    std::map<int, std::int64_t> m_missed;
    std::set<int> m_pids;
    std::set<std::string> m_typeNames; // "system:name" registered
    std::uint64_t m_totalBytes = 0;    // of ring-buffer data, for progress
    std::int64_t m_records = 0;
    int m_types = 0;
    const Progress* m_progress = nullptr;
    bool m_stopped = false;
    Storage::Status m_status;
};

} // namespace Engine
