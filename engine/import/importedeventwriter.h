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
// scan decided. Owned by the importer's thread.
class ImportedEventWriter {
public:
    ImportedEventWriter(std::string_view text, ImportTypeRegistry& types, Storage::RecordingWriter& writer);

    Storage::Status addTypes();
    // progress(eventsDone) is called every few thousand events; returning false stops.
    using Progress = std::function<bool(std::int64_t eventsDone)>;
    Storage::Status addEvents(const std::vector<ImportedEventRef>& events, const Progress& progress);

private:
    Storage::Status addEvent(const ImportedEventRef& ref);
    void setField(int type, int field, const PayloadField& value);
    void setStack(int type, std::string_view text);

    std::string_view m_text;
    ImportTypeRegistry& m_types;
    Storage::RecordingWriter& m_writer;
    FtraceEventDecoder m_decoder;
    std::vector<int> m_writerTypeIds;                                  // by registry type
    std::vector<std::vector<Storage::Schema::FieldStorage>> m_storage; // by registry type, field
    std::string m_stack;                                               // reused for stack traces
};

} // namespace Engine
