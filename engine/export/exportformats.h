// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordingreader.h"
#include "result.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

struct tep_handle;
struct tep_event;
struct tep_format_field;

namespace Engine {

// How each event type of a recording is written into a trace.dat: the format file the trace.dat
// carries (the recording's own, the kernel's text, where it has one that parses and holds every
// stored field; else one made from the stored fields: 8-byte integers, __data_loc strings and
// byte arrays, a print fmt naming them), its id, the directory it goes in (its system without an
// instance buffer's "BUFFER/" prefix) and, per stored field, the format's field to write it to.
// Owns the libtraceevent handle the formats are parsed into. Owned by the exporter's thread.
class ExportFormats {
public:
    struct Type {
        int recordingType = 0; // event_type.id
        int id = 0;            // the format's ID
        std::string system;
        std::string name;
        std::string format;
        tep_event* event = nullptr;
        std::vector<tep_format_field*> fields; // by stored field; nullptr: not written
        bool kernelStack = false;             // ftrace:kernel_stack/user_stack: frames from stack_frame
        bool userStack = false;
        bool synthesized = false;
    };

    ~ExportFormats();
    static Storage::Result<std::unique_ptr<ExportFormats>> build(Storage::RecordingReader& reader);

    // By event_type.id; nullptr for an id the recording does not have.
    const Type* type(int recordingType) const;
    const std::vector<Type>& types() const { return m_types; }
    // Formats of the ftrace system a trace.dat needs even when no event has them (libtracecmd's
    // writer expects at least one), as (name, format text).
    std::vector<std::pair<std::string, std::string>> extraFtraceFormats() const;
    tep_handle* tep() const { return m_tep; }

private:
    ExportFormats() = default;
    Storage::Status add(const Storage::EventTypeInfo& info, int kernelId, const std::string& stored);
    bool adopt(Type& type, const Storage::EventTypeInfo& info, const std::string& text);
    std::string synthesize(const Storage::EventTypeInfo& info, const std::string& name, int id) const;

    tep_handle* m_tep = nullptr;
    std::vector<Type> m_types;
    std::map<int, std::size_t> m_byRecordingType;
    std::map<std::string, std::size_t> m_byName; // "system:name" of a written format
    std::map<int, bool> m_usedIds;
    int m_nextId = 1000;
};

} // namespace Engine
