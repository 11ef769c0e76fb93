// SPDX-License-Identifier: GPL-3.0-or-later
#include "messageschema.h"

namespace Protocol {

namespace {
using T = FieldType;

FieldSpec req(const char* name, FieldType type, const char* meaning, std::vector<FieldSpec> items = {})
{
    return { QLatin1String(name), type, true, QLatin1String(meaning), std::move(items) };
}
FieldSpec opt(const char* name, FieldType type, const char* meaning, std::vector<FieldSpec> items = {})
{
    return { QLatin1String(name), type, false, QLatin1String(meaning), std::move(items) };
}
MessageSpec client(const char* type, const char* meaning, std::vector<FieldSpec> fields = {})
{
    return { QLatin1String(type), Sender::Client, QLatin1String(meaning), std::move(fields) };
}
MessageSpec helper(const char* type, const char* meaning, std::vector<FieldSpec> fields = {})
{
    return { QLatin1String(type), Sender::Helper, QLatin1String(meaning), std::move(fields) };
}

// The fields of `start`: one per option of `ftlens-helper record` (startrequest.cpp maps them).
std::vector<FieldSpec> startFields()
{
    return {
        opt("sources", T::MapList, "what to record, in order (-e, --uprobe, --uretprobe, --kprobe, --kretprobe, --preset)",
            { req("kind", T::Text, "event, uprobe, uretprobe, kprobe, kretprobe or preset"),
                req("text", T::Text, "SYSTEM:EVENT pattern, probe definition or preset name"),
                opt("filter", T::Text, "kernel filter (-f); not for presets") }),
        opt("tracer", T::Text, "-p: nop, function or function_graph"),
        opt("functionFilters", T::TextList, "-l, each"),
        opt("functionNotrace", T::TextList, "-n, each"),
        opt("graphFunctions", T::TextList, "-g, each"),
        opt("graphNotrace", T::TextList, "--graph-notrace, each"),
        opt("maxGraphDepth", T::Integer, "--max-graph-depth"),
        opt("tracerOptions", T::TextList, "-O, each"),
        opt("pids", T::IntegerList, "-P, each"),
        opt("duration", T::Number, "-d, seconds"),
        opt("bufferKb", T::Integer, "-b, per CPU"),
        opt("clock", T::Text, "--clock"),
        opt("command", T::TextList, "the COMMAND and its arguments (after --); runs as the client's user"),
        opt("cwd", T::Text, "the COMMAND's working directory (entered as that user; default /)"),
        opt("tail", T::Bool, "also send this client the live tail (it always gets status)"),
    };
}

std::vector<FieldSpec> recordingField(const char* meaning) { return { req("recording", T::Text, meaning) }; }

std::vector<MessageSpec> makeSpecs()
{
    const char* id = "a recording id, as `recordings` lists it";
    return {
        client("hello", "first message of every connection", { req("version", T::Integer, "protocol version the client speaks"),
                                                                  opt("client", T::Text, "the client's name and version, for the log") }),
        client("caps", "the capability report (as `ftlens-helper caps --json`)"),
        client("events", "every tracepoint with its fields"),
        client("functions", "the kernel functions ftrace may filter on", { opt("match", T::Text, "only names matching this glob") }),
        client("validate", "check a probe definition with the parser `record` uses",
            { req("kind", T::Text, "kprobe, kretprobe, uprobe or uretprobe"), req("definition", T::Text, "as --kprobe etc. take it") }),
        client("start", "start a recording (the options of `ftlens-helper record`; no -o, --tracefs, --force or --run-as-root)",
            startFields()),
        client("stop", "stop the running recording (its starter, its user or root)"),
        client("watch", "get `status` every second (and `started`, `finished`) from now on", { opt("tail", T::Bool, "also the live tail") }),
        client("status", "one `status` now (error `idle` when nothing records)"),
        client("list", "the recordings in the helper's data directory"),
        client("fetch", "send a recording's bytes", { req("recording", T::Text, id),
                                                        opt("offset", T::Integer, "resume from this byte (what the client already has)") }),
        client("cancel", "stop a running fetch", { req("request", T::Integer, "the id of the fetch request") }),
        client("delete", "remove a recording (its user or root)", recordingField(id)),

        helper("hello", "reply to hello", { req("version", T::Integer, "protocol version the helper speaks"),
                                              req("helper", T::Text, "ftlens-helper's version"),
                                              req("user", T::Text, "the user the helper acts for (commands run as them)"),
                                              req("uid", T::Integer, "their uid"),
                                              req("maxFrame", T::Integer, "the largest frame either side may send, in bytes"),
                                              opt("recording", T::Text, "the recording running now"),
                                              opt("since", T::Text, "when it started (UTC, ISO 8601)") }),
        helper("caps", "reply to caps", { req("report", T::Map, "the capability report") }),
        helper("events", "reply to events, in pages",
            { req("events", T::MapList, "tracepoints",
                  { req("system", T::Text, "its system"), req("name", T::Text, "its name"),
                      req("fields", T::MapList, "its own fields (not the common_ ones)",
                          { req("name", T::Text, "field name"), req("type", T::Text, "C type as the format file gives it"),
                              req("size", T::Integer, "bytes"), req("signed", T::Bool, "signed integer") }) }),
                req("more", T::Bool, "another page follows") }),
        helper("functions", "reply to functions, in pages",
            { req("names", T::TextList, "function names"), req("more", T::Bool, "another page follows") }),
        helper("valid", "reply to validate: the definition is fine",
            { req("event", T::Text, "the event name it gets"), req("line", T::Text, "the line for the kernel (group ftlens)") }),
        helper("started", "reply to start once tracing is on; also sent to every watcher",
            { req("recording", T::Text, "the new recording's id"), req("since", T::Text, "UTC, ISO 8601"),
                req("user", T::Text, "who started it") }),
        helper("stopping", "reply to stop: `finished` follows", recordingField("the recording")),
        helper("watching", "reply to watch", { opt("recording", T::Text, "the recording running now, if any") }),
        helper("status", "every second while recording, to watchers (id 0), or as the reply to status",
            { req("recording", T::Text, "its id"), req("since", T::Text, "UTC, ISO 8601"),
                req("elapsed", T::Number, "seconds"), req("events", T::Integer, "events written"),
                req("eventsPerSecond", T::Number, "over the last second"), req("bytes", T::Integer, "size of the file so far"),
                req("lost", T::Integer, "events the kernel lost"), req("lostPerCpu", T::IntegerList, "the same per CPU") }),
        helper("tail", "about four times a second while recording, to watchers that asked for it (id 0)",
            { req("first", T::Integer, "id of the first event in this frame"),
                req("count", T::Integer, "events in this frame"),
                req("ts", T::Bytes, "timestamps, ns, int64 little-endian each"),
                req("cpu", T::Bytes, "CPUs, int32 little-endian each"),
                req("pid", T::Bytes, "task ids, int32 little-endian each"),
                req("eventType", T::Bytes, "event type ids, int32 little-endian each"),
                req("skipped", T::Integer, "events since the last frame left out to keep the rate (every n-th is sent)"),
                req("dropped", T::Integer, "events of frames dropped so far because this client read too slowly"),
                opt("types", T::MapList, "event types not named before", { req("id", T::Integer, "type id"), req("name", T::Text, "system:event") }),
                opt("tasks", T::MapList, "task names not given before", { req("pid", T::Integer, "task id"), req("comm", T::Text, "its name") }) }),
        helper("notice", "a line the recorder says (to watchers, id 0)", { req("text", T::Text, "the line") }),
        helper("output", "what the COMMAND writes to stdout and stderr (to its starter, id 0)",
            { req("data", T::Bytes, "bytes"), req("dropped", T::Integer, "bytes left out so far because the client read too slowly") }),
        helper("finished", "the recording ended (to watchers and its starter, id 0)",
            { req("recording", T::Text, "its id"), req("code", T::Integer, "ftlens-helper's exit code for it (README, Exit codes)"),
                req("message", T::Text, "why it failed; empty when it did not"), req("events", T::Integer, "events written"),
                req("lost", T::Integer, "events lost"), req("seconds", T::Number, "how long it recorded"),
                req("kept", T::Bool, "the file holds a recording (may be fetched)") }),
        helper("recordings", "reply to list, in pages",
            { req("recordings", T::MapList, "one per recording",
                  { req("recording", T::Text, "its id"), req("bytes", T::Integer, "file size"),
                      req("complete", T::Bool, "finished normally"), req("active", T::Bool, "being recorded now"),
                      opt("started", T::Text, "meta start_time"), opt("stopped", T::Text, "meta stop_time"),
                      opt("uid", T::Integer, "who recorded it"), opt("user", T::Text, "their name"),
                      opt("sources", T::Text, "meta sources (JSON)"), opt("command", T::Text, "meta command"),
                      opt("problem", T::Text, "why its meta could not be read") }),
                req("more", T::Bool, "another page follows") }),
        helper("fetching", "first reply to fetch", { req("recording", T::Text, "its id"), req("size", T::Integer, "file size"),
                                                       req("offset", T::Integer, "first byte that follows") }),
        helper("chunk", "the bytes, in order, at most 1 MiB each", { req("offset", T::Integer, "file offset of data"),
                                                                    req("data", T::Bytes, "bytes") }),
        helper("fetched", "last reply to fetch", { req("recording", T::Text, "its id"), req("size", T::Integer, "file size"),
                                                    req("sha256", T::Text, "SHA-256 of the whole file, hex") }),
        helper("cancelled", "reply to cancel", { req("request", T::Integer, "the fetch stopped") }),
        helper("deleted", "reply to delete", recordingField("the recording removed")),
        helper("error", "a request failed (the connection stays)",
            { req("code", T::Text, "bad-request, busy, idle, not-found, not-allowed, refused, failed or unavailable"),
                req("message", T::Text, "what went wrong, for the user"),
                opt("column", T::Integer, "validate: the 1-based column of the error in the definition"),
                opt("exitCode", T::Integer, "start: ftlens-helper's exit code for it") }),
    };
}

void appendRows(QString& table, const MessageSpec& spec, const std::vector<FieldSpec>& fields, const QString& prefix)
{
    for (const FieldSpec& field : fields) {
        table += QStringLiteral("| | `%1%2` | %3%4 | %5 |\n")
                     .arg(prefix, field.name, fieldTypeName(field.type), field.required ? QString() : QStringLiteral(", optional"),
                         field.meaning);
        appendRows(table, spec, field.items, prefix + field.name + QStringLiteral("[].")); // nested maps
    }
}
} // namespace

const std::vector<MessageSpec>& messageSpecs()
{
    static const std::vector<MessageSpec> specs = makeSpecs();
    return specs;
}

const MessageSpec* findMessage(QStringView type, Sender sender)
{
    for (const MessageSpec& spec : messageSpecs()) {
        if (spec.sender == sender && spec.type == type)
            return &spec;
    }
    return nullptr;
}

QString fieldTypeName(FieldType type)
{
    switch (type) {
    case FieldType::Text:
        return QStringLiteral("text");
    case FieldType::Integer:
        return QStringLiteral("integer");
    case FieldType::Number:
        return QStringLiteral("number");
    case FieldType::Bool:
        return QStringLiteral("bool");
    case FieldType::Bytes:
        return QStringLiteral("bytes");
    case FieldType::TextList:
        return QStringLiteral("[text]");
    case FieldType::IntegerList:
        return QStringLiteral("[integer]");
    case FieldType::Map:
        return QStringLiteral("map");
    case FieldType::MapList:
        return QStringLiteral("[map]");
    }
    return {};
}

QString protocolTable()
{
    QString table = QStringLiteral("| message | field | type | meaning |\n|---|---|---|---|\n");
    for (Sender sender : { Sender::Client, Sender::Helper }) {
        for (const MessageSpec& spec : messageSpecs()) {
            if (spec.sender != sender)
                continue;
            table += QStringLiteral("| %1 `%2` | | | %3 |\n")
                         .arg(sender == Sender::Client ? QStringLiteral("→") : QStringLiteral("←"), spec.type, spec.meaning);
            appendRows(table, spec, spec.fields, QString());
        }
    }
    return table;
}

} // namespace Protocol
