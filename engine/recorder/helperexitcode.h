// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Recorder {

// ftlens-helper's exit codes: a stable table that scripts and the app map to messages.
enum class HelperExit : int {
    Ok = 0,
    Failure = 1,       // anything not listed below
    Usage = 2,         // bad command line
    NotRoot = 3,       // the helper needs root
    NoTracefs = 4,     // tracefs missing and cannot be mounted
    UnknownEvent = 5,  // an -e matched no event of this kernel
    BadFilter = 6,     // the kernel refused an -f filter
    BadProbe = 7,      // a probe definition is malformed or the kernel refused it
    OutputError = 8,   // the output file cannot be written
    DiskFull = 9,      // the disk filled up while recording (the file keeps what was committed)
    CommandFailed = 10, // the COMMAND could not be started
    KernelRefused = 11, // the kernel refused a tracefs setting
    TracerRefused = 12, // the kernel cannot run the requested function tracer (or list its functions)
    UnknownFunction = 13, // an -l/-n/-g/--graph-notrace matched no function of this kernel
    OutputExists = 14,  // -o names an existing file (or its -wal/-shm/-journal) and --force was not given
    CallerUnclear = 15, // who invoked the helper cannot be told consistently (kernel and environment disagree)
};

} // namespace Recorder
