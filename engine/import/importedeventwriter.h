// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ftraceeventdecoder.h"
#include "ftracetextscanner.h"
#include "recordingwriter.h"
#include "result.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace Engine {

// The second pass of a text import: registers the scanned types with the writer and appends
// every event in the given (time) order, re-reading each line and storing its fields as the
// scan decided. Frame lines after an event go to stack_frame: a <stack trace> event's frames
// belong to the event before it on its CPU, a perf script callchain to its own event. Reading the lines again and writing the rows overlap: addEvents() decodes on a
// thread of its own (the text, the registry and the decoder only) while the caller's thread
// writes what was decoded (the writer only). Owned by the importer's thread.
class ImportedEventWriter {
public:
    ImportedEventWriter(std::string_view text, ImportTypeRegistry& types, Storage::RecordingWriter& writer,
        TextDialect dialect = TextDialect::Ftrace);

    Storage::Status addTypes();
    // progress(eventsDone) is called every few thousand events; returning false stops.
    using Progress = std::function<bool(std::int64_t eventsDone)>;
    Storage::Status addEvents(const std::vector<ImportedEventRef>& events, const Progress& progress);

private:
    // Events decoded and not written yet; defined in the .cpp.
    struct Batch;

    void decode(const ImportedEventRef* events, std::size_t count, Batch& out);
    void decodeField(int type, int field, const PayloadField& value, Batch& out);
    void decodeStack(int type, std::string_view text, Batch& out);
    void decodeFrames(std::string_view text, Batch& out);
    void appendContinuation(std::string_view text, Batch& out);
    Storage::Status write(const Batch& batch, std::int64_t& done, const Progress& progress);
    Storage::Status writeFrames(const Batch& batch, std::size_t from, std::size_t to, bool isStack, int cpu);

    std::string_view m_text;
    TextDialect m_dialect = TextDialect::Ftrace;
    ImportTypeRegistry& m_types;
    Storage::RecordingWriter& m_writer;
    FtraceEventDecoder m_decoder;
    std::vector<int> m_writerTypeIds;                                  // by registry type
    std::vector<std::vector<Storage::Schema::FieldStorage>> m_storage; // by registry type, field
    std::vector<std::int64_t> m_lastEvent; // writer thread: per CPU, the id of its last event that is not a stack
};

} // namespace Engine
