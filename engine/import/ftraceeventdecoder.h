// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ftracelineparser.h"
#include "importtyperegistry.h"
#include "payloadfields.h"

#include <vector>

namespace Engine {

// Turns the event part of a parsed line into its shape (system, name, kind, place) and its
// NAME=VALUE fields:
//   "myopen: (do_sys_open+0x0/0x220) filename=\"/etc/ld.so.cache\""  kprobes:myopen, kprobe
//   "myretprobe: (SyS_open+0x1e/0x20 <- do_sys_open) arg1=0x3"       kprobes:myretprobe, kretprobe
//   "sched_wakeup: comm=foo pid=12 prio=120"                          sched:sched_wakeup
//   "do_sys_open: \"/etc/hosts\" 88000 666"                           fs:do_sys_open (flags hex, mode octal)
//   "<stack trace>"                                                   ftrace:kernel_stack (frames follow)
//   "do_sys_open <-SyS_open" (function tracer)                        ftrace:function
// A payload it cannot split becomes one text field "payload": no event is dropped.
// Every view of an Event points into the line or at constant text, never into the decoder, so a copy
// of an Event stays valid after the next decode() (the scan parses lines ahead on another thread).
// Reuses its buffers between lines; owned by one thread.
class FtraceEventDecoder {
public:
    struct Event {
        EventShape shape;
        std::vector<PayloadField> fields;
        bool isStack = false; // frames are on the following " => " lines
        // Kept whole as "payload", or a quoted value without its closing quote: on the last line
        // of a file without its final newline, a sign that the line was cut.
        bool incomplete = false;
    };

    const Event& decode(const FtraceLine& line);

private:
    void decodeNamed(const FtraceLine& line);
    void decodeUnnamed(const FtraceLine& line);
    void splitOrKeep(std::string_view payload);

    Event m_event;
};

} // namespace Engine
