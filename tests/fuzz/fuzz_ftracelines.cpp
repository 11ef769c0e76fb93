// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the ftrace text line parsers, line by line, as the importer's scan and the
// function_graph reader call them: parseFtraceLine, the event decoder (payload fields, probe
// headers, the old fs:do_sys_open format), the value classifiers, parseFuncGraphLine, and the
// whole-text sniffing of isFunctionGraphText. Views they return must stay inside the line.
#include "fuzzsupport.h"

#include "ftraceeventdecoder.h"
#include "ftracelineparser.h"
#include "funcgraphlineparser.h"
#include "payloadfields.h"
#include "probeheader.h"

#include <cstdint>

namespace {
bool inside(std::string_view part, std::string_view line)
{
    return part.empty() || (part.data() >= line.data() && part.data() + part.size() <= line.data() + line.size());
}

void checkEvent(const Engine::FtraceEventDecoder::Event& event, std::string_view line)
{
    for (const Engine::PayloadField& field : event.fields) {
        FuzzSupport::require(inside(field.value, line), "a payload field's value points outside its line");
        (void)Engine::numericValue(field.value, field.format);
        (void)Engine::classifyValue(field.value, false);
        (void)Engine::hasHexPrefix(field.value);
    }
}

void parseLine(Engine::FtraceEventDecoder& decoder, std::string_view line)
{
    const Engine::FtraceLine parsed = Engine::parseFtraceLine(line);
    for (std::string_view part : { parsed.comm, parsed.name, parsed.payload })
        FuzzSupport::require(inside(part, line), "an FtraceLine view points outside its line");
    if (parsed.kind == Engine::FtraceLine::Kind::Event) {
        FuzzSupport::require(parsed.cpu >= 0 && parsed.pid >= 0, "a negative CPU or pid from the event columns");
        checkEvent(decoder.decode(parsed), line);
        if (const auto header = Engine::parseProbeHeader(parsed.payload, parsed.name))
            FuzzSupport::require(inside(header->place, line) && inside(header->rest, line), "a probe header view outside its line");
    }
    std::int64_t ns = 0;
    (void)Engine::parseFtraceTimestamp(line, ns);
    int flags = 0;
    int preemptCount = 0;
    Engine::decodeFtraceFlags(line.substr(0, 5), flags, preemptCount);
    const Engine::FuncGraphLine graph = Engine::parseFuncGraphLine(line);
    for (std::string_view part : { graph.comm, graph.function, graph.text, graph.nextComm })
        FuzzSupport::require(inside(part, line), "a FuncGraphLine view points outside its line");
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text = FuzzSupport::asText(data, size);
    Engine::FtraceEventDecoder decoder;
    FuzzSupport::forEachLine(text, [&decoder](std::string_view line) { parseLine(decoder, line); });
    (void)Engine::isFunctionGraphText(text);
    return 0;
}
