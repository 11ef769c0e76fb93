// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "payloadfields.h"
#include "recordingwriter.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Engine {

// What an event line is: its type's identity, independent of its field values.
struct EventShape {
    std::string_view system;
    std::string_view name;
    std::string_view kind; // tracepoint, kprobe, kretprobe, uprobe, uretprobe, eprobe
    std::string_view place; // dynamic events: the probed function or address
};

// The event types an import meets, with their fields in order of first appearance and each
// field's storage decided over all its values (text if any value is not a number, uint for hex
// or values above INT64_MAX, else int; probe arguments an old kernel printed in hex without
// "0x" are read as hex, see decideNumberBases). Type and field ids are stable once given out.
// Owned by the importer's thread.
class ImportTypeRegistry {
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view> {}(s); }
    };

public:
    struct Field {
        std::string name;   // as the text names it
        std::string column; // as the field table names it (unique, not "event_id")
        bool sawText = false;
        bool sawNegative = false;
        bool sawUnsigned = false;
        bool sawBareHex = false;
        bool notHex = false;            // a value that cannot be bare hex: text, negative, "0x", over 16 digits
        bool openFlags = false;         // a probe's open(2) flags argument (see decideNumberBases)
        bool unknownFlagsAsHex = false; // some value read as hex sets bits no open flag uses
        ValueFormat format = ValueFormat::Auto; // Hex: bare values are hex (decideNumberBases)
        Storage::Schema::FieldStorage storage() const;
    };
    struct Type {
        std::string system;
        // Unique in its system: a second kind of the same name gets "_KIND", except that a return probe
        // of an entry probe's name is NAME__return (the entry keeps NAME).
        std::string name;
        std::string textName;
        std::string kind;
        std::string place;
        std::vector<Field> fields;
        std::unordered_map<std::string, int, Hash, std::equal_to<>> fieldIndex; // name -> index in fields
        std::int64_t events = 0;
        bool probe = false; // kprobe, kretprobe, uprobe, uretprobe: their values may be bare hex
    };

    // Whether an event of that shape with these fields (and a "stack" field) fits in a recording
    // (Storage::Limits::maxImportedEventTypes, maxFieldsPerEventType) with the types and fields
    // registered so far. typeFor() and fieldFor() are only asked for events that fit.
    enum class Fit { Fits, TooManyTypes, TooManyFields };
    Fit fits(const EventShape& shape, const std::vector<PayloadField>& fields, bool stack) const;
    // The type of an event of that shape, added on first sight.
    int typeFor(const EventShape& shape);
    // The field's index in type; `hint` is where it usually is (its index in the line).
    int fieldFor(int type, std::size_t hint, std::string_view name);
    void observe(int type, int field, const PayloadField& value);
    // After every value was observed: which probe arguments were printed in bare hex.
    void decideNumberBases();

    const Type& type(int type) const { return m_types[std::size_t(type)]; }
    Type& type(int type) { return m_types[std::size_t(type)]; }
    int typeCount() const { return int(m_types.size()); }
    // The writer's description of a type: system, name, kind, synthesized probe definition, fields.
    Storage::EventTypeSpec spec(int type) const;

private:
    int findType(const EventShape& shape) const;
    int addType(const EventShape& shape);
    void nameProbePair(int type);
    std::string uniqueName(std::string_view system, std::string_view name, std::string_view kind) const;

    std::vector<Type> m_types;
    std::unordered_map<std::string, std::vector<int>, Hash, std::equal_to<>> m_byName; // text name -> types
    bool m_probeHexPrefix = false; // some probe value printed with "0x": a kernel of 3.14 or later
    bool m_probeBareHex = false;   // some probe value in hex letters without "0x": an older one
    std::string m_lastName; // one-entry cache: consecutive lines are mostly of one type
    std::string m_lastKind;
    int m_lastType = -1;
};

} // namespace Engine
