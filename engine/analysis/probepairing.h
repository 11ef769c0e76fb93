// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordingreader.h"
#include "result.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace Engine {

// An entry probe and the return probe on the same place (kprobe/kretprobe on one function,
// uprobe/uretprobe on one file offset), whatever the user named them.
struct ProbePair {
    const Storage::EventTypeInfo* entry = nullptr;
    const Storage::EventTypeInfo* ret = nullptr; // null: no return probe on that place
    QString place;
};

// One call: the entry and its return, per task. Either side may be missing when the recording
// cut the call (entry only: still running at the end; return only: entered before the start).
struct ProbeCall {
    std::int64_t entryId = 0;  // 0: none
    std::int64_t returnId = 0; // 0: none
    enum class Status { Paired, EntryOnly, ReturnOnly };
    Status status() const { return !entryId ? Status::ReturnOnly : !returnId ? Status::EntryOnly : Status::Paired; }
};

// One probe event in time order, as the pairing needs it.
struct ProbeHit {
    std::int64_t id = 0;
    int pid = 0;
    bool isReturn = false;
};

// The place a probe sits on, from its definition line ("p:grp/ev do_sys_open ..." -> "do_sys_open").
QString probePlace(const QString& definition);
// Every entry probe of the recording with its return probe, if there is one.
std::vector<ProbePair> findProbePairs(const Storage::RecordingReader& reader);
// The pair whose entry (or, for a lone return probe, whose return) is named name ("NAME" or "SYSTEM:NAME").
std::optional<ProbePair> findProbePair(const Storage::RecordingReader& reader, const QString& name);

// Pairs hits per task: a return closes the newest open entry of its task (calls nest under
// recursion). Calls come out in the order of their first event. Pure function; any thread.
std::vector<ProbeCall> pairProbeHits(const std::vector<ProbeHit>& hits);

// Reads the hits of a pair from the recording (time order) and pairs them.
Storage::Result<std::vector<ProbeCall>> pairProbeCalls(Storage::RecordingReader& reader, const ProbePair& pair);

} // namespace Engine
