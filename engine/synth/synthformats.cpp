// SPDX-License-Identifier: GPL-3.0-or-later
#include "synthformats.h"

namespace Synth {

namespace {
using Storage::FieldSpec;
using Storage::Schema::FieldStorage;

// Embedded rather than read from a tracefs: synth runs anywhere, unprivileged, and the file must
// not depend on the machine it was made on.
// sched:sched_switch, as a 6.18 kernel's events/sched/sched_switch/format has it.
const char* const schedSwitchFormat =
    "name: sched_switch\n"
    "ID: 372\n"
    "format:\n"
    "\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
    "\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
    "\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
    "\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n"
    "\n"
    "\tfield:char prev_comm[16];\toffset:8;\tsize:16;\tsigned:0;\n"
    "\tfield:pid_t prev_pid;\toffset:24;\tsize:4;\tsigned:1;\n"
    "\tfield:int prev_prio;\toffset:28;\tsize:4;\tsigned:1;\n"
    "\tfield:long prev_state;\toffset:32;\tsize:8;\tsigned:1;\n"
    "\tfield:char next_comm[16];\toffset:40;\tsize:16;\tsigned:0;\n"
    "\tfield:pid_t next_pid;\toffset:56;\tsize:4;\tsigned:1;\n"
    "\tfield:int next_prio;\toffset:60;\tsize:4;\tsigned:1;\n"
    "\n"
    "print fmt: \"prev_comm=%s prev_pid=%d prev_prio=%d prev_state=%s%s ==> next_comm=%s "
    "next_pid=%d next_prio=%d\", REC->prev_comm, REC->prev_pid, REC->prev_prio, "
    "(REC->prev_state & ((((0x00000000 | 0x00000001 | 0x00000002 | 0x00000004 | 0x00000008 | "
    "0x00000010 | 0x00000020 | 0x00000040) + 1) << 1) - 1)) ? __print_flags(REC->prev_state & "
    "((((0x00000000 | 0x00000001 | 0x00000002 | 0x00000004 | 0x00000008 | 0x00000010 | "
    "0x00000020 | 0x00000040) + 1) << 1) - 1), \"|\", { 0x00000001, \"S\" }, { 0x00000002, \"D\" }, "
    "{ 0x00000004, \"T\" }, { 0x00000008, \"t\" }, { 0x00000010, \"X\" }, { 0x00000020, \"Z\" }, { "
    "0x00000040, \"P\" }, { 0x00000080, \"I\" }) : \"R\", REC->prev_state & (((0x00000000 | "
    "0x00000001 | 0x00000002 | 0x00000004 | 0x00000008 | 0x00000010 | 0x00000020 | 0x00000040) "
    "+ 1) << 1) ? \"+\" : \"\", REC->next_comm, REC->next_pid, REC->next_prio\n";

// sched:sched_wakeup, as a 6.18 kernel's events/sched/sched_wakeup/format has it.
const char* const schedWakeupFormat =
    "name: sched_wakeup\n"
    "ID: 374\n"
    "format:\n"
    "\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
    "\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
    "\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
    "\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n"
    "\n"
    "\tfield:char comm[16];\toffset:8;\tsize:16;\tsigned:0;\n"
    "\tfield:pid_t pid;\toffset:24;\tsize:4;\tsigned:1;\n"
    "\tfield:int prio;\toffset:28;\tsize:4;\tsigned:1;\n"
    "\tfield:int target_cpu;\toffset:32;\tsize:4;\tsigned:1;\n"
    "\n"
    "print fmt: \"comm=%s pid=%d prio=%d target_cpu=%03d\", REC->comm, REC->pid, REC->prio, "
    "REC->target_cpu\n";

// syscalls:sys_enter_openat, as a 6.18 kernel's events/syscalls/sys_enter_openat/format has it.
const char* const sysEnterOpenatFormat =
    "name: sys_enter_openat\n"
    "ID: 782\n"
    "format:\n"
    "\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
    "\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
    "\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
    "\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n"
    "\n"
    "\tfield:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;\n"
    "\tfield:int dfd;\toffset:16;\tsize:8;\tsigned:0;\n"
    "\tfield:const char * filename;\toffset:24;\tsize:8;\tsigned:0;\n"
    "\tfield:int flags;\toffset:32;\tsize:8;\tsigned:0;\n"
    "\tfield:umode_t mode;\toffset:40;\tsize:8;\tsigned:0;\n"
    "\n"
    "print fmt: \"dfd: 0x%08lx, filename: 0x%08lx, flags: 0x%08lx, mode: 0x%08lx\", ((unsigned "
    "long)(REC->dfd)), ((unsigned long)(REC->filename)), ((unsigned long)(REC->flags)), "
    "((unsigned long)(REC->mode))\n";

// syscalls:sys_exit_openat, as a 6.18 kernel's events/syscalls/sys_exit_openat/format has it.
const char* const sysExitOpenatFormat =
    "name: sys_exit_openat\n"
    "ID: 781\n"
    "format:\n"
    "\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
    "\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
    "\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
    "\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n"
    "\n"
    "\tfield:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;\n"
    "\tfield:long ret;\toffset:16;\tsize:8;\tsigned:1;\n"
    "\n"
    "print fmt: \"0x%lx\", REC->ret\n";
Storage::EventTypeSpec tracepoint(const char* system, const char* name, int kernelId, const char* format,
    std::vector<FieldSpec> fields)
{
    return Storage::EventTypeSpec { system, name, "tracepoint", kernelId, {}, format, std::move(fields) };
}
} // namespace

std::vector<Storage::EventTypeSpec> synthEventTypes()
{
    const FieldStorage i = FieldStorage::Int;
    const FieldStorage u = FieldStorage::UInt;
    const FieldStorage t = FieldStorage::Text;
    return {
        tracepoint("sched", "sched_switch", 372, schedSwitchFormat,
            { { "prev_comm", "char[16]", t, 16 }, { "prev_pid", "pid_t", i, 4 }, { "prev_prio", "int", i, 4 },
                { "prev_state", "long", i, 8 }, { "next_comm", "char[16]", t, 16 }, { "next_pid", "pid_t", i, 4 },
                { "next_prio", "int", i, 4 } }),
        tracepoint("sched", "sched_wakeup", 374, schedWakeupFormat,
            { { "comm", "char[16]", t, 16 }, { "pid", "pid_t", i, 4 }, { "prio", "int", i, 4 },
                { "target_cpu", "int", i, 4 } }),
        tracepoint("syscalls", "sys_enter_openat", 782, sysEnterOpenatFormat,
            { { "__syscall_nr", "int", i, 4 }, { "dfd", "int", u, 8 }, { "filename", "const char *", u, 8 },
                { "flags", "int", u, 8 }, { "mode", "umode_t", u, 8 } }),
        tracepoint("syscalls", "sys_exit_openat", 781, sysExitOpenatFormat,
            { { "__syscall_nr", "int", i, 4 }, { "ret", "long", i, 8 } }),
    };
}

} // namespace Synth
