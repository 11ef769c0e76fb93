// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordingreader.h"
#include "result.h"

#include <QString>

#include <cstdint>
#include <functional>

namespace Engine {

// Writes a probe's paired calls as RFC 4180 CSV: ts_ns,cpu,pid,comm, one column per argument
// of the entry probe, ret (the return probe's return value, whatever it is called: see
// returnValueField; a string as it is), ret_text, latency_ns, a `<arg>_text` column for each
// argument a decoder applies to (flags, mode, dfd at open-like places), and status (paired,
// entry_only, return_only: calls the recording cut are kept and marked). `probe` names the entry
// probe (or a lone return probe, or the return probe of a pair) as NAME or SYSTEM:NAME; an
// unknown name is an error listing the recording's probes. A user-space probe's -1 (libc's
// failure) gets the errno of the system call it made, when that was recorded
// (syscalls:sys_exit_*), e.g. "-1 ENOENT". Runs on the calling thread.
Storage::Result<std::int64_t> exportProbeCsv(Storage::RecordingReader& reader, const QString& probe, const QString& outputPath,
    const std::function<bool(std::int64_t rows)>& progress = {});

} // namespace Engine
