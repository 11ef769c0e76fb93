// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filterexpression.h"
#include "recordingreader.h"
#include "result.h"

#include <vector>

namespace Storage {

// Whether a field expression names only fields that exist: a common column (cpu, pid, comm, ts,
// common_*) or a field of at least one of `types`, the event types it will be applied to. A
// field only some of them have is fine (it is unknown, like SQL NULL, for the others); a field
// none of them has would select nothing at all, so it is an error that names it and lists the
// fields the types have:
//   sched:sched_switch has no field 'prev_stat'; its fields: prev_comm, prev_pid, ... (and cpu, pid, comm, ts of every event)
// `selected`: the user chose these types (otherwise they are all the recording's, and the
// message says so). Pure function; any thread.
Status checkFilterFields(const FilterExpression& expression, const std::vector<EventTypeInfo>& types, bool selected);

// The common columns every event has: cpu, pid, comm, ts, also as common_cpu etc.
bool isCommonColumn(const QString& name);

} // namespace Storage
