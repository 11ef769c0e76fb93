// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordingwriter.h"
#include "result.h"
#include "tasknames.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <unordered_set>
#include <vector>

struct tep_handle;
struct tep_event;

namespace Recorder {

class OwnThreads;

// How an enabled kernel event is stored: under which system name and kind (probes of the
// helper's private group are stored as "uprobes:EVENT" so names stay stable across runs).
struct EventStorageName {
    QString system;
    QString kind;
    QString definition;
    // Fields holding kernel addresses to collect (the function tracers' func, ip, parent_ip).
    QStringList addressFields = {};
};

// Decodes raw ring-buffer events with libtraceevent's view of the kernel's format files and
// appends them to a recording. Every field comes from the format: nothing is per-event code.
// Owned by the writer thread.
class EventDecoder {
public:
    ~EventDecoder();
    // Parses header_page and the formats of the given systems from tracefsRoot/events.
    static Storage::Result<std::unique_ptr<EventDecoder>> create(const QString& tracefsRoot, const QStringList& systems);
    // Over formats parsed elsewhere (a trace.dat's, through libtracecmd): tep is borrowed and must
    // outlive the decoder. Records are read in the byte order tep says the file has.
    static std::unique_ptr<EventDecoder> forFormats(tep_handle* tep);

    tep_handle* tep() const { return m_tep; }
    // Registers kernel event system:name with the writer; events of other ids are counted as unknown.
    Storage::Status addEvent(Storage::RecordingWriter& writer, const QString& system, const QString& name,
        const EventStorageName& storedAs, const QByteArray& formatText);
    bool hasEvent(int kernelId) const
    {
        return kernelId >= 0 && std::size_t(kernelId) < m_plans.size() && m_plans[std::size_t(kernelId)];
    }

    // Appends one event (payload as the kernel wrote it after the ring-buffer header).
    Storage::Status decode(Storage::RecordingWriter& writer, int cpu, std::uint64_t ts, const char* data, int size);

    // Where the kernel cannot keep the helper's threads out (SelfExclusion::Writer), their events
    // are dropped here and counted. One that names another task too (a switch to it, its wakeup)
    // is kept, as the kernel's notrace pid filter keeps it. threads must outlive the decoder.
    void dropEventsOf(const OwnThreads* threads) { m_ownThreads = threads; }
    std::int64_t ownEventsDropped() const { return m_ownDropped; }

    TaskNames& taskNames() { return m_tasks; }
    std::int64_t unknownEvents() const { return m_unknown; }
    std::int64_t malformedEvents() const { return m_malformed; }
    // Every distinct value seen in the address fields named at addEvent().
    const std::unordered_set<std::uint64_t>& kernelAddresses() const { return m_addresses; }

private:
    struct FieldPlan {
        int offset = 0;
        int size = 0;
        Storage::Schema::FieldStorage storage = Storage::Schema::FieldStorage::Int;
        bool isSigned = false;
        bool dynamic = false;
        bool relative = false;
        // A fixed array that ends the record (kernel_stack's caller[8]): the kernel writes only the
        // entries it has, so a record may end inside it; the entries there are kept.
        bool tailArray = false;
    };
    struct TypePlan {
        int typeId = 0;
        std::vector<FieldPlan> fields;
        std::vector<std::pair<int, int>> commPidPairs; // (comm field, pid field) indexes
        std::vector<int> addressFields;                // integer fields holding kernel addresses
    };

    EventDecoder() = default;
    bool isOwnEvent(const TypePlan& plan, const char* data, int size, int pid) const;
    void decodeField(Storage::RecordingWriter& writer, int index, const FieldPlan& field, const char* data, int size,
        std::string_view* textOut);

    std::int64_t readInt(const char* p, int size, bool isSigned) const;

    tep_handle* m_tep = nullptr;
    bool m_ownsTep = true;
    bool m_swapBytes = false; // the records' byte order is not the host's
    std::vector<std::unique_ptr<TypePlan>> m_plans; // indexed by kernel event id
    int m_pidOffset = 4;
    int m_flagsOffset = 2;
    int m_preemptOffset = 3;
    TaskNames m_tasks;
    std::int64_t m_unknown = 0;
    std::int64_t m_malformed = 0;
    const OwnThreads* m_ownThreads = nullptr;
    std::int64_t m_ownDropped = 0;
    std::vector<std::string_view> m_texts; // scratch: text values of the event being decoded
    std::unordered_set<std::uint64_t> m_addresses;
};

} // namespace Recorder
