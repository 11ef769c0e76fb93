// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace Recorder {

// Where a probe's fetch arguments are evaluated; decides which of them the kernel accepts.
struct FetchContext {
    enum class Kind { Kprobe, Uprobe };
    Kind kind = Kind::Kprobe;
    bool isReturn = false;
    bool atFunctionEntry = true; // $argN only where the probe sits at offset 0 of a function
    QString arch;                // "x86_64", "aarch64"/"arm64"; register names depend on it
};

// One fetch argument, NAME=FETCHARG[:TYPE], as parsed and validated.
struct FetchArg {
    QString name; // may be empty: the kernel then names it argN
    QString fetch;
    QString type; // may be empty: the kernel's default (x64/x32 by arch)
    int column = 0; // 1-based, in the whole definition text
    QString text() const;
};

// Parses the fetch arguments of a kprobe_events/uprobe_events line, one token each, with the
// syntax of the kernel's Documentation/trace/kprobetrace.rst and uprobetracer.rst: %REG, @ADDR,
// @SYM[+|-OFFS], @+OFFS (uprobes), $stackN, $stack, $argN, $retval, $comm, \IMM,
// +|-[u]OFFS(FETCHARG) nested, and types u8..u64 s8..s64 x8..x64 char string ustring symbol
// symstr %pd %pD bN@O/C and arrays TYPE[N]. The arguments are the whitespace-separated tokens
// of definition from index `from` on; an error names the column (1-based in definition) and
// what is wrong. Pure function; any thread.
Storage::Result<std::vector<FetchArg>> parseFetchArgs(const QString& definition, qsizetype from,
    const FetchContext& context);

// Register names the kernel knows for an architecture (as written after %).
QStringList registerNames(const QString& arch);

} // namespace Recorder
