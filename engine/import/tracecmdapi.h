// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// libtracecmd (trace-cmd 3.1's library): the public header, and the calls of its writer and of
// its reader's file facts that Debian's libtracecmd-dev exports from the library but leaves out of
// the header (trace-cmd keeps them in a private one). Declared here as libtracecmd 1.3 defines
// them. libtracefs's header (which trace-cmd.h includes) is read first through the recorder's
// tracefsapi.h, which makes it valid C++ without -fpermissive (clang has no such switch).
#include "tracefsapi.h"
#include <trace-cmd/trace-cmd.h>

extern "C" {

// Reading.
unsigned long tracecmd_get_in_file_version(struct tracecmd_input* handle);
int tracecmd_get_file_compress_proto(struct tracecmd_input* handle, const char** name, const char** version);
const char* tracecmd_get_cpustats(struct tracecmd_input* handle);
const char* tracecmd_get_uname(struct tracecmd_input* handle);
const char* tracecmd_get_trace_clock(struct tracecmd_input* handle);
int tracecmd_cpus(struct tracecmd_input* handle);
int tracecmd_long_size(struct tracecmd_input* handle);
int tracecmd_page_size(struct tracecmd_input* handle);
struct tep_record* tracecmd_read_cpu_last(struct tracecmd_input* handle, int cpu);
struct tracecmd_input* tracecmd_alloc_fd(int fd, int flags);
int tracecmd_read_headers(struct tracecmd_input* handle, int state);

// Writing.
struct tracecmd_output;
struct tracecmd_event_list {
    struct tracecmd_event_list* next;
    const char* glob;
};
struct tracecmd_output* tracecmd_output_create(const char* output_file);
struct tracecmd_output* tracecmd_output_create_fd(int fd);
int tracecmd_output_set_trace_dir(struct tracecmd_output* handle, const char* tracing_dir);
int tracecmd_output_set_kallsyms(struct tracecmd_output* handle, const char* kallsyms);
int tracecmd_output_set_version(struct tracecmd_output* handle, int file_version);
int tracecmd_output_set_compression(struct tracecmd_output* handle, const char* compression);
int tracecmd_output_write_headers(struct tracecmd_output* handle, struct tracecmd_event_list* list);
struct tracecmd_option* tracecmd_add_option(struct tracecmd_output* handle, unsigned short id, int size, const void* data);
int tracecmd_add_buffer_info(struct tracecmd_output* handle, const char* name, int cpus);
int tracecmd_write_buffer_info(struct tracecmd_output* handle);
int tracecmd_write_cmdlines(struct tracecmd_output* handle);
int tracecmd_write_cpus(struct tracecmd_output* handle, int cpus);
int tracecmd_write_options(struct tracecmd_output* handle);
int tracecmd_write_cpu_data(struct tracecmd_output* handle, int cpus, char* const* cpu_data_files, const char* buff_name);
int tracecmd_append_cpu_data(struct tracecmd_output* handle, int cpus, char* const* cpu_data_files);
int tracecmd_append_buffer_cpu_data(struct tracecmd_output* handle, const char* name, int cpus, char* const* cpu_data_files);
void tracecmd_set_quiet(struct tracecmd_output* handle, bool set_quiet);
void tracecmd_output_close(struct tracecmd_output* handle);
void tracecmd_output_free(struct tracecmd_output* handle);
}

namespace Engine::TraceCmd {

// The file's option ids (trace-cmd's enum tracecmd_option_id).
enum Option : unsigned short {
    Done = 0,
    Date = 1,
    CpuStat = 2,
    Buffer = 3,
    TraceClock = 4,
    Uname = 5,
    Hook = 6,
    Offset = 7,
    CpuCount = 8,
    Version = 9,
    ProcMaps = 10,
    TraceId = 11,
    TimeShift = 12,
    Guest = 13,
    Tsc2Nsec = 14,
    Strings = 15,
    HeaderInfo = 16,
    FtraceEvents = 17,
    EventFormats = 18,
    Kallsyms = 19,
    Printk = 20,
    Cmdlines = 21,
    BufferText = 22,
};

// The section flag of compressed sections (enum tracecmd_section_flags).
constexpr unsigned short sectionCompressed = 1;

} // namespace Engine::TraceCmd
