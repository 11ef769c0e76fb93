// SPDX-License-Identifier: GPL-3.0-or-later
#include "ftraceeventdecoder.h"

#include "probeheader.h"
#include "tracepointsystems.h"

namespace Engine {

namespace {
std::string_view probeKind(ProbeHeader::Kind kind)
{
    switch (kind) {
    case ProbeHeader::Kind::KProbe:
        return "kprobe";
    case ProbeHeader::Kind::KRetProbe:
        return "kretprobe";
    case ProbeHeader::Kind::UProbe:
        return "uprobe";
    case ProbeHeader::Kind::URetProbe:
        return "uretprobe";
    case ProbeHeader::Kind::EProbe:
        return "eprobe";
    }
    return "kprobe";
}

// Entry and return probes share a system, so Engine::findProbePairs can pair them.
std::string_view probeSystem(ProbeHeader::Kind kind)
{
    switch (kind) {
    case ProbeHeader::Kind::UProbe:
    case ProbeHeader::Kind::URetProbe:
        return "uprobes";
    case ProbeHeader::Kind::EProbe:
        return "eprobes";
    default:
        return "kprobes";
    }
}
} // namespace

const FtraceEventDecoder::Event& FtraceEventDecoder::decode(const FtraceLine& line)
{
    m_event.fields.clear();
    m_event.isStack = false;
    m_event.incomplete = false;
    m_event.shape = { "ftrace", {}, "tracepoint", {} };
    if (line.name.empty())
        decodeUnnamed(line);
    else
        decodeNamed(line);
    return m_event;
}

void FtraceEventDecoder::splitOrKeep(std::string_view payload)
{
    if (payload.empty())
        return;
    if (splitPayloadFields(payload, m_event.fields)) {
        m_event.incomplete = !m_event.fields.empty() && m_event.fields.back().unterminated;
        return;
    }
    if (splitColonFields(payload, m_event.fields))
        return;
    m_event.incomplete = true;
    m_event.fields.clear();
    m_event.fields.push_back({ "payload", payload, ValueClass::Text, ValueFormat::Auto });
}

void FtraceEventDecoder::decodeNamed(const FtraceLine& line)
{
    EventShape& shape = m_event.shape;
    shape.name = line.name;
    if (line.name == "<stack trace>" || line.name == "<user stack trace>") {
        shape.name = line.name == "<stack trace>" ? "kernel_stack" : "user_stack";
        m_event.isStack = true;
        return;
    }
    // trace-cmd report: "kernel_stack:         <stack trace >", frames on the following lines.
    if ((line.name == "kernel_stack" || line.name == "user_stack") && line.payload.starts_with('<') && line.system.empty()) {
        m_event.isStack = true;
        return;
    }
    if (auto probe = parseProbeHeader(line.payload, line.name, !line.system.empty())) {
        shape.system = line.system.empty() ? probeSystem(probe->kind) : line.system;
        shape.kind = probeKind(probe->kind);
        shape.place = probe->place;
        splitOrKeep(probe->rest);
        return;
    }
    shape.system = line.system.empty() ? tracepointSystem(line.name) : line.system;
    if (line.name == "do_sys_open" && splitOpenPayload(line.payload, m_event.fields))
        return;
    if (line.payload.find("comm=") == std::string_view::npos && splitTraceCmdSchedPayload(line.name, line.payload, m_event.fields))
        return;
    splitOrKeep(line.payload);
}

void FtraceEventDecoder::decodeUnnamed(const FtraceLine& line)
{
    // The function tracer: "callee <-caller".
    const std::string_view text = line.payload;
    const std::size_t arrow = text.find(" <-");
    if (arrow != std::string_view::npos && text.find(' ') == arrow) {
        m_event.shape.name = "function";
        m_event.fields.push_back({ "function", text.substr(0, arrow), ValueClass::Text, ValueFormat::Auto });
        m_event.fields.push_back({ "parent", text.substr(arrow + 3), ValueClass::Text, ValueFormat::Auto });
        return;
    }
    // Text after the timestamp without "EVENT:" (trace_printk on old kernels, markers).
    m_event.shape.name = "unknown";
    m_event.incomplete = true;
    m_event.fields.push_back({ "payload", text, ValueClass::Text, ValueFormat::Auto });
}

} // namespace Engine
