// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportformats.h"

#include "ringbufferpages.h"

#include <QCoreApplication>

#include <event-parse.h>

#include <algorithm>

namespace Engine {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Engine)
};

using Storage::Schema::FieldStorage;

constexpr const char* commonFields = "\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
                                     "\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
                                     "\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
                                     "\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n\n";

// A C identifier for a stored field name ("$retval" -> "_retval").
std::string identifier(const QString& name)
{
    std::string out = name.toStdString();
    for (char& c : out) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            c = '_';
    }
    if (out.empty() || (out[0] >= '0' && out[0] <= '9'))
        out.insert(out.begin(), '_');
    return out;
}

// The directory of a stored system: an instance buffer's types ("BUFFER/sched") are the kernel's.
std::string directorySystem(const QString& system)
{
    const qsizetype slash = system.lastIndexOf(QLatin1Char('/'));
    return (slash < 0 ? system : system.mid(slash + 1)).toStdString();
}
} // namespace

ExportFormats::~ExportFormats()
{
    if (m_tep)
        tep_free(m_tep);
}

Storage::Result<std::unique_ptr<ExportFormats>> ExportFormats::build(Storage::RecordingReader& reader)
{
    std::unique_ptr<ExportFormats> formats(new ExportFormats);
    formats->m_tep = tep_alloc();
    if (!formats->m_tep)
        return Storage::Error { Tr::tr("out of memory") };
    tep_set_long_size(formats->m_tep, 8);
    tep_set_file_bigendian(formats->m_tep, TEP_LITTLE_ENDIAN);
    tep_set_local_bigendian(formats->m_tep, TEP_LITTLE_ENDIAN);
    std::string header = RingBufferPages::headerPage();
    tep_parse_header_page(formats->m_tep, header.data(), header.size(), 8);
    auto rows = reader.database().prepare("SELECT id, kernel_id, format FROM event_type ORDER BY id");
    if (!rows)
        return rows.error();
    std::map<int, std::pair<int, std::string>> stored;
    while (rows->step() == 100 /* SQLITE_ROW */)
        stored[int(rows->columnInt(0))] = { rows->columnIsNull(1) ? -1 : int(rows->columnInt(1)), std::string(rows->columnText(2)) };
    for (const auto& [id, entry] : stored)
        formats->m_usedIds[entry.first] = false;
    for (const Storage::EventTypeInfo& info : reader.eventTypes()) {
        const auto& [kernelId, text] = stored[info.id];
        if (Storage::Status s = formats->add(info, kernelId, text); !s)
            return s.error();
    }
    return formats;
}

std::vector<std::pair<std::string, std::string>> ExportFormats::extraFtraceFormats() const
{
    for (const Type& type : m_types) {
        if (type.system == "ftrace")
            return {};
    }
    int id = 1;
    while (m_usedIds.count(id) && m_usedIds.at(id))
        ++id;
    // The function tracer's record, as a 64-bit kernel describes it.
    return { { "function", "name: function\nID: " + std::to_string(id) + "\nformat:\n" + commonFields
                   + "\tfield:unsigned long ip;\toffset:8;\tsize:8;\tsigned:0;\n"
                     "\tfield:unsigned long parent_ip;\toffset:16;\tsize:8;\tsigned:0;\n\n"
                     "print fmt: \" %ps <-- %ps\", (void *)REC->ip, (void *)REC->parent_ip\n" } };
}

const ExportFormats::Type* ExportFormats::type(int recordingType) const
{
    const auto it = m_byRecordingType.find(recordingType);
    return it == m_byRecordingType.end() ? nullptr : &m_types[it->second];
}

// Takes the stored format text when it parses and holds every stored field with its size.
bool ExportFormats::adopt(Type& type, const Storage::EventTypeInfo& info, const std::string& text)
{
    tep_event* event = nullptr;
    if (text.empty() || tep_parse_format(m_tep, &event, text.data(), text.size(), type.system.c_str()) != 0 || !event)
        return false;
    std::vector<tep_format_field*> fields;
    for (const Storage::FieldInfo& field : info.fields) {
        tep_format_field* f = tep_find_field(event, field.name.toUtf8().constData());
        if (!f || (field.storage != FieldStorage::Text && field.storage != FieldStorage::Blob && f->size != field.size))
            return false;
        fields.push_back(f);
    }
    type.event = event;
    type.fields = std::move(fields);
    type.id = event->id;
    type.format = text;
    return true;
}

std::string ExportFormats::synthesize(const Storage::EventTypeInfo& info, const std::string& name, int id) const
{
    std::string fields;
    std::string print;
    std::string args;
    int offset = 8;
    std::vector<std::string> used;
    for (const Storage::FieldInfo& field : info.fields) {
        std::string column = identifier(field.name);
        while (std::find(used.begin(), used.end(), column) != used.end())
            column += '_';
        used.push_back(column);
        const bool dynamic = field.storage == FieldStorage::Text || field.storage == FieldStorage::Blob;
        const int size = dynamic ? 4 : 8;
        const char* declaration = field.storage == FieldStorage::Text ? "__data_loc char[] "
            : field.storage == FieldStorage::Blob                     ? "__data_loc unsigned char[] "
            : field.storage == FieldStorage::UInt                     ? "u64 "
                                                                      : "s64 ";
        offset = (offset + size - 1) / size * size;
        fields += "\tfield:" + std::string(declaration) + column + ";\toffset:" + std::to_string(offset) + ";\tsize:"
            + std::to_string(size) + ";\tsigned:" + (field.storage == FieldStorage::Int ? "1" : "0") + ";\n";
        offset += size;
        print += (print.empty() ? "" : " ") + column + '=';
        if (field.storage == FieldStorage::Text) {
            print += "%s";
            args += ", __get_str(" + column + ')';
        } else if (field.storage == FieldStorage::Blob) {
            print += "%s";
            args += ", __print_hex(__get_dynamic_array(" + column + "), __get_dynamic_array_len(" + column + "))";
        } else {
            print += field.storage == FieldStorage::UInt ? "0x%llx" : "%lld";
            args += ", REC->" + column;
        }
    }
    return "name: " + name + "\nID: " + std::to_string(id) + "\nformat:\n" + commonFields + fields + "\nprint fmt: \"" + print + '"' + args + '\n';
}

Storage::Status ExportFormats::add(const Storage::EventTypeInfo& info, int kernelId, const std::string& stored)
{
    Type type;
    type.recordingType = info.id;
    type.system = directorySystem(info.system);
    type.name = info.name.toStdString();
    const std::string key = type.system + ':' + type.name;
    if (const auto same = m_byName.find(key); same != m_byName.end() && m_types[same->second].format == stored && !stored.empty()) {
        m_byRecordingType[info.id] = same->second; // an instance buffer's copy of a type of the top buffer
        return {};
    }
    const bool idFree = kernelId >= 0 && !m_usedIds[kernelId];
    if (!(idFree && adopt(type, info, stored))) {
        // Made from the fields: in a system of its own where the kernel's would mean another layout
        // (trace-cmd's handlers of ftrace:function read ip and parent_ip).
        if (type.system == "ftrace" || m_byName.count(key))
            type.system = "ftlens_" + type.system;
        while (m_usedIds.count(m_nextId))
            ++m_nextId;
        type.id = m_nextId;
        type.synthesized = true;
        type.format = synthesize(info, type.name, type.id);
        if (!adopt(type, info, type.format)) {
            // The names were made identifiers: map stored fields by position instead.
            tep_event* event = nullptr;
            if (tep_parse_format(m_tep, &event, type.format.data(), type.format.size(), type.system.c_str()) != 0 || !event)
                return Storage::Error { Tr::tr("cannot describe event type %1 for trace.dat").arg(info.qualifiedName()) };
            type.event = event;
            type.fields.clear();
            for (tep_format_field* f = event->format.fields; f; f = f->next)
                type.fields.push_back(f);
        }
    }
    m_usedIds[type.id] = true;
    type.kernelStack = type.system == "ftrace" && type.name == "kernel_stack" && !type.synthesized;
    type.userStack = type.system == "ftrace" && type.name == "user_stack" && !type.synthesized;
    m_byName[type.system + ':' + type.name] = m_types.size();
    m_byRecordingType[info.id] = m_types.size();
    m_types.push_back(std::move(type));
    return {};
}

} // namespace Engine
