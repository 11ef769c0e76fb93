// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the filter expression parser (`--filter`, the events panel's filter line) and
// what a valid expression becomes: its SQL over every event type of a small recording, run
// through EventQuery as the events panel and the exports run it. A query EventQuery accepts
// must run: an SQL error for it is a bug of the compiler, not of the input.
#include "fuzzsupport.h"

#include "eventquery.h"
#include "filterexpression.h"
#include "ftracetextimporter.h"
#include "recordingreader.h"

#include <cstdint>
#include <memory>

namespace {
// A recording with the kinds of fields expressions name: numbers (signed and unsigned), text
// (interned strings), the common columns; sched_switch, a kprobe pair, function tracer lines.
constexpr std::string_view baseTrace = R"(# tracer: nop
#P:2
            bash-1866  [000] d..2  1038.000100: sched_switch: prev_comm=bash prev_pid=1866 prev_prio=120 prev_state=S ==> next_comm=kworker/0:1 next_pid=20 next_prio=120
     kworker/0:1-20    [000] d..2  1038.000200: sched_switch: prev_comm=kworker/0:1 prev_pid=20 prev_prio=120 prev_state=R+ ==> next_comm=bash next_pid=1866 next_prio=120
            bash-1866  [001] d..3  1038.000300: sched_wakeup: comm=cat pid=1900 prio=120 target_cpu=001
             cat-1900  [001] ....  1038.000400: myopen: (do_sys_open+0x0/0x220) dfd=-100 filename="/etc/ld.so.cache" flags=0x88000 mode=0x0
             cat-1900  [001] d...  1038.000500: myopen_ret: (SyS_open+0x1e/0x20 <- do_sys_open) arg1=0xfffffffffffffffe
             cat-1900  [001] ....  1038.000600: vfs_read <-ksys_read
)";

// Imported once, on the first input; read by every input after it.
Storage::RecordingReader& baseRecording()
{
    static const std::unique_ptr<Storage::RecordingReader> reader = [] {
        const QString path = FuzzSupport::scratchPath(QStringLiteral("filter-base.ftlens"));
        Engine::FtraceTextImporter importer;
        auto imported = importer.importText(baseTrace, QStringLiteral("filter-base.txt"), path);
        FuzzSupport::require(imported.ok(), "the filter target's base recording cannot be imported");
        auto opened = Storage::RecordingReader::open(path);
        FuzzSupport::require(opened.ok(), "the filter target's base recording cannot be opened");
        return std::move(opened.value());
    }();
    return *reader;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    Storage::RecordingReader& recording = baseRecording();
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    const Storage::FilterExpression expression = Storage::FilterExpression::parse(text);
    (void)expression.errorText();
    (void)expression.fieldNames();
    if (!expression.isValid())
        return 0;
    for (const Storage::EventTypeInfo& type : recording.eventTypes())
        (void)expression.compile(type);
    Storage::EventFilter filter;
    filter.expression = text;
    // EventQuery may still refuse it (a field no type has): a message, not a query to run.
    auto query = Storage::EventQuery::create(recording.eventTypes(), filter);
    if (!query)
        return 0;
    Storage::Database& db = recording.database();
    auto range = query->idRange(db);
    FuzzSupport::require(range.ok(), "the base recording's id range cannot be read");
    FuzzSupport::require(query->count(db, *range).ok(), "a valid expression's SQL fails (count)");
    FuzzSupport::require(query->matchingIds(db, *range).ok(), "a valid expression's SQL fails (matching ids)");
    return 0;
}
