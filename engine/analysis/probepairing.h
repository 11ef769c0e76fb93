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
// uprobe/uretprobe on one file offset), whatever the user named them. The old fs:do_sys_open
// tracepoint is an entry without a return (its place: do_sys_open).
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

// Whether the pair's values come from the kernel (kprobes, tracepoints: a negative return is an
// errno) rather than from user space (uprobes).
bool isKernelSide(const ProbePair& pair);
// Whether a field of a probe's event is one of its arguments (not the kernel's __probe_ip etc.).
bool isProbeArgument(const Storage::FieldInfo& field);
// The index in ret->fields of a return probe's return value, -1 when it has no argument: the
// argument named ret, retval, $retval or rval if there is one, else its first argument, whatever
// the text or the definition called it (arg1=0x3, $retval=fffffffffffffffe, rc=-2).
int returnValueField(const Storage::EventTypeInfo& ret);
// The place a probe sits on, from its definition line ("p:grp/ev do_sys_open ..." -> "do_sys_open").
QString probePlace(const QString& definition);
// Every entry probe of the recording with its return probe, if there is one, and fs:do_sys_open.
std::vector<ProbePair> findProbePairs(const Storage::RecordingReader& reader);
// The pair whose entry (or, for a lone return probe, whose return) is named name ("NAME" or
// "SYSTEM:NAME"); else the pair whose return probe is named so.
std::optional<ProbePair> findProbePair(const Storage::RecordingReader& reader, const QString& name);

// Pairs hits per task: a return closes the newest open entry of its task (calls nest under
// recursion). Calls come out in the order of their first event. Pure function; any thread.
std::vector<ProbeCall> pairProbeHits(const std::vector<ProbeHit>& hits);

// Reads the hits of a pair from the recording (time order) and pairs them.
Storage::Result<std::vector<ProbeCall>> pairProbeCalls(Storage::RecordingReader& reader, const ProbePair& pair);

} // namespace Engine
