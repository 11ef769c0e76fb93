// SPDX-License-Identifier: GPL-3.0-or-later
#include "importtyperegistry.h"

#include "opendecoders.h"
#include "recordinglimits.h"

#include <QString>

#include <algorithm>
#include <cctype>
#include <unordered_set>

namespace Engine {

using Storage::Schema::FieldStorage;

namespace {
bool sameColumn(std::string_view a, std::string_view b)
{
    // SQLite column names compare without case.
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
        [](char x, char y) { return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y)); });
}

std::string definitionPrefix(std::string_view kind)
{
    if (kind == "kprobe")
        return "p:kprobes/";
    if (kind == "kretprobe")
        return "r:kprobes/";
    if (kind == "uprobe")
        return "p:uprobes/";
    if (kind == "uretprobe")
        return "r:uprobes/";
    if (kind == "eprobe")
        return "e:eprobes/";
    return {};
}

bool isProbeKind(std::string_view kind) { return kind == "kprobe" || kind == "kretprobe" || kind == "uprobe" || kind == "uretprobe"; }

bool isReturnKind(std::string_view kind) { return kind == "kretprobe" || kind == "uretprobe"; }

// Longest bare hex number of 64 bits.
constexpr std::size_t maxHexDigits = 16;
} // namespace

FieldStorage ImportTypeRegistry::Field::storage() const
{
    if (format == ValueFormat::Hex)
        return FieldStorage::UInt; // only ever decided for fields of unsigned values
    if (sawText || sawBareHex || (sawUnsigned && sawNegative))
        return FieldStorage::Text;
    return sawUnsigned ? FieldStorage::UInt : FieldStorage::Int;
}

int ImportTypeRegistry::findType(const EventShape& shape) const
{
    if (m_lastType >= 0 && shape.name == m_lastName && shape.kind == m_lastKind)
        return m_lastType;
    int found = -1;
    if (auto it = m_byName.find(shape.name); it != m_byName.end()) {
        for (int id : it->second) {
            if (m_types[std::size_t(id)].kind == shape.kind)
                found = id;
        }
    }
    return found;
}

ImportTypeRegistry::Fit ImportTypeRegistry::fits(
    const EventShape& shape, const std::vector<PayloadField>& fields, bool stack) const
{
    const int type = findType(shape);
    if (type < 0 && typeCount() >= Storage::Limits::maxImportedEventTypes)
        return Fit::TooManyTypes;
    const std::size_t known = type < 0 ? 0 : m_types[std::size_t(type)].fields.size();
    // New names counted until the limit is passed: a line of a million fields costs the limit.
    std::unordered_set<std::string_view> added;
    auto add = [&](std::string_view name) {
        if (type < 0 || !m_types[std::size_t(type)].fieldIndex.contains(name))
            added.insert(name);
        return known + added.size() <= std::size_t(Storage::Limits::maxFieldsPerEventType);
    };
    for (const PayloadField& field : fields) {
        if (!add(field.name))
            return Fit::TooManyFields;
    }
    return !stack || add("stack") ? Fit::Fits : Fit::TooManyFields;
}

int ImportTypeRegistry::typeFor(const EventShape& shape)
{
    int found = findType(shape);
    if (found < 0)
        found = addType(shape);
    m_lastName = shape.name;
    m_lastKind = shape.kind;
    m_lastType = found;
    return found;
}

std::string ImportTypeRegistry::uniqueName(std::string_view system, std::string_view name, std::string_view kind) const
{
    const bool taken = std::any_of(m_types.begin(), m_types.end(),
        [&](const Type& t) { return t.system == system && sameColumn(t.name, name); });
    return taken ? std::string(name) + "_" + std::string(kind) : std::string(name);
}

int ImportTypeRegistry::addType(const EventShape& shape)
{
    Type type;
    type.system = shape.system;
    type.name = uniqueName(shape.system, shape.name, shape.kind);
    type.textName = shape.name;
    type.kind = shape.kind;
    type.place = shape.place;
    type.probe = isProbeKind(shape.kind);
    m_types.push_back(std::move(type));
    const int id = int(m_types.size()) - 1;
    m_byName[std::string(shape.name)].push_back(id);
    nameProbePair(id);
    return id;
}

// An entry probe and a return probe printed under one name (the perf-tools examples concatenate
// runs of `kprobe 'p:myopen ...'` and `kprobe 'r:myopen ...'` like that): whichever came first,
// the entry keeps the name the text uses, so that `export --probe NAME` and the probe table find
// the pair by it, and the return becomes NAME__return, as ftlens-helper names return probes.
void ImportTypeRegistry::nameProbePair(int id)
{
    const Type& added = m_types[std::size_t(id)];
    if (!added.probe)
        return;
    const bool addedIsReturn = isReturnKind(added.kind);
    for (Type& other : m_types) {
        if (&other == &added || !other.probe || other.system != added.system || other.textName != added.textName
            || isReturnKind(other.kind) == addedIsReturn)
            continue;
        Type& entry = addedIsReturn ? other : m_types[std::size_t(id)];
        Type& ret = addedIsReturn ? m_types[std::size_t(id)] : other;
        entry.name.clear();
        ret.name.clear();
        entry.name = uniqueName(entry.system, entry.textName, entry.kind);
        ret.name = uniqueName(ret.system, ret.textName + "__return", ret.kind);
        return;
    }
}

int ImportTypeRegistry::fieldFor(int typeId, std::size_t hint, std::string_view name)
{
    std::vector<Field>& fields = m_types[std::size_t(typeId)].fields;
    if (hint < fields.size() && fields[hint].name == name)
        return int(hint);
    // By name: lines of one type may order (or pick) their fields differently.
    Type& type = m_types[std::size_t(typeId)];
    if (const auto it = type.fieldIndex.find(name); it != type.fieldIndex.end())
        return it->second;
    Field field;
    field.name = name;
    field.column = name == "event_id" ? std::string("event_id_") : std::string(name);
    field.openFlags = type.probe
        && decoderForField(QString::fromStdString(type.place + ' ' + type.textName), QString::fromStdString(field.name))
            == ValueDecoder::OpenFlags;
    while (std::any_of(fields.begin(), fields.end(), [&](const Field& f) { return sameColumn(f.column, field.column); }))
        field.column += '_';
    type.fieldIndex.emplace(field.name, int(fields.size()));
    fields.push_back(std::move(field));
    return int(fields.size()) - 1;
}

void ImportTypeRegistry::observe(int typeId, int fieldId, const PayloadField& value)
{
    const Type& type = m_types[std::size_t(typeId)];
    Field& field = m_types[std::size_t(typeId)].fields[std::size_t(fieldId)];
    const ValueClass valueClass = value.valueClass;
    field.sawText |= valueClass == ValueClass::Text;
    field.sawNegative |= valueClass == ValueClass::NegativeInt;
    field.sawUnsigned |= valueClass == ValueClass::UInt;
    field.sawBareHex |= valueClass == ValueClass::BareHex;
    const bool bareDigits = valueClass == ValueClass::Int || valueClass == ValueClass::BareHex;
    field.notHex |= !bareDigits || value.value.size() > maxHexDigits;
    if (!type.kind.ends_with("probe"))
        return;
    // Eprobes (5.15 on) count too: any "0x" in a dynamic event's values dates the kernel.
    m_probeHexPrefix |= valueClass == ValueClass::UInt && hasHexPrefix(value.value);
    m_probeBareHex |= type.probe && valueClass == ValueClass::BareHex;
    if (field.openFlags && bareDigits && !field.unknownFlagsAsHex)
        field.unknownFlagsAsHex = !isKnownOpenFlags(std::uint64_t(numericValue(value.value, ValueFormat::Hex)));
}

// Probe arguments printed in bare hex. The kernel's formats for probe fetch-args changed twice:
//   up to 3.13  u8..u64 and the default type print "%x"/"%lx": hex without "0x"; s8..s64 "%d";
//   3.14-4.16   u8..u64 print "0x%x"; s8..s64 decimal;
//   4.17 on     u8..u64 decimal; x8..x64 and the default type "0x%x"; s8..s64 decimal.
// So a bare number is hex only from an old kernel, which a line does not tell; the whole file
// does, a capture being one kernel's:
//  - an argument whose values include hex letters without "0x" (and otherwise only digits) is
//    hex: no kernel prints a number that way in decimal;
//  - no probe value in the file with "0x" but some in bare hex letters: a kernel before 3.14,
//    so every probe argument of bare digits is hex (negative values mark an s-type: decimal);
//  - an open(2) flags argument of bare digits, with no "0x" in the file's probe values, is hex
//    unless a value read as hex sets bits no open flag uses: 4.17's decimal u32 32768 would
//    read 0x32768 (bit 3), while an old kernel's "8000" is O_LARGEFILE.
// Values with "0x", text, negative or above 64 bits keep their own reading. Tracepoints print
// with their own format strings (fs:do_sys_open's %x flags: splitOpenPayload) and are left alone.
void ImportTypeRegistry::decideNumberBases()
{
    const bool oldKernel = !m_probeHexPrefix && m_probeBareHex;
    for (Type& type : m_types) {
        if (!type.probe)
            continue;
        for (Field& field : type.fields) {
            const bool flagsInHex = field.openFlags && !m_probeHexPrefix && !field.unknownFlagsAsHex;
            if (!field.notHex && (field.sawBareHex || oldKernel || flagsInHex))
                field.format = ValueFormat::Hex;
        }
    }
}

Storage::EventTypeSpec ImportTypeRegistry::spec(int typeId) const
{
    const Type& type = m_types[std::size_t(typeId)];
    Storage::EventTypeSpec spec;
    spec.system = type.system;
    spec.name = type.name;
    spec.kind = type.kind;
    if (const std::string prefix = definitionPrefix(type.kind); !prefix.empty())
        spec.definition = prefix + type.name + " " + type.place;
    for (const Field& field : type.fields) {
        const FieldStorage storage = field.storage();
        const char* cType = storage == FieldStorage::Text ? "string" : storage == FieldStorage::UInt ? "u64" : "s64";
        spec.fields.push_back({ field.column, cType, storage, storage == FieldStorage::Text ? 0 : 8 });
    }
    return spec;
}

} // namespace Engine
