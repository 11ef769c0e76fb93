// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace Engine {

// What a field value in ftrace text looks like; a field's storage is decided over all its values.
enum class ValueClass : std::uint8_t {
    Int,         // decimal that fits int64 ("3", "-2")
    NegativeInt, // a negative decimal (kept apart: it rules out uint storage)
    UInt,        // "0x1a4", or a decimal above INT64_MAX ("18446623804769722880")
    BareHex,     // hex digits with a letter a-f and no "0x" ("7fff1a2b"): old kernels' probe values
    Text,        // anything else, quoted strings included
};

// How a value is read as a number: by its own look, or in a base its event's format implies (the
// old fs:do_sys_open tracepoint; probe arguments of kernels before 3.14, see ImportTypeRegistry).
enum class ValueFormat : std::uint8_t { Auto, Hex, Octal };

// One NAME=VALUE of a payload. Views into the line; value without its quotes.
struct PayloadField {
    std::string_view name;
    std::string_view value;
    ValueClass valueClass = ValueClass::Text;
    ValueFormat format = ValueFormat::Auto;
    bool unterminated = false; // a quoted value that runs to the end of the line without its closing quote
};

// Pure functions over views of one line; any thread; no allocation beyond `out`'s capacity.

ValueClass classifyValue(std::string_view value, bool quoted);
// "0x..." (the kernel's hex print formats since 3.14).
bool hasHexPrefix(std::string_view value);
// The value as stored in an int/uint column (uint bit patterns above INT64_MAX come out negative).
std::int64_t numericValue(std::string_view value, ValueFormat format);

// Splits "a=1 b="x y" c=some text" into fields. A value runs to the next " NAME=" (so unquoted
// values may hold spaces); sched_switch's "==>" separator is dropped. False when the payload does
// not start with NAME= (free text): the caller keeps it whole.
bool splitPayloadFields(std::string_view payload, std::vector<PayloadField>& out);

// Splits "dfd: 0xffffff9c, filename: 0x7f33610940b1, flags: 0x80000" (the syscalls' print
// format, as perf script prints it) into fields. False when any part is not "NAME: VALUE".
bool splitColonFields(std::string_view payload, std::vector<PayloadField>& out);

// trace-cmd report's own layouts of the scheduler events (its sched plugin):
//   sched_switch  "bash:1234 [120] S ==> kworker/0:1:56 [120]"  (-w adds " Latency: 65.255 usecs")
//   sched_wakeup, sched_waking, sched_wakeup_new  "rcu_preempt:17 [120] CPU:002" (maybe " success=1")
// into the kernel's field names (prev_comm, prev_pid, prev_prio, prev_state, next_comm, next_pid,
// next_prio, latency_us; comm, pid, prio, target_cpu, success). False for other payloads.
bool splitTraceCmdSchedPayload(std::string_view event, std::string_view payload, std::vector<PayloadField>& out);

// The old fs:do_sys_open tracepoint: "\"/etc/hosts\" 88000 666" -> filename (text), flags (hex),
// mode (octal). False when the payload has another shape.
bool splitOpenPayload(std::string_view payload, std::vector<PayloadField>& out);

} // namespace Engine
