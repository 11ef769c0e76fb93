// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the function_graph reader (FuncGraphTextReader and its CallStackBuilder) on the
// input as function_graph text, checking what the importer relies on when it writes the calls:
// names index functionNames(), parents are earlier or later rows of the same text, never
// themselves, and every row has the id of its position.
#include "fuzzsupport.h"

#include "funcgraphtextreader.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    Engine::FuncGraphTextReader reader;
    (void)reader.read(FuzzSupport::asText(data, size), {}, 100);
    const std::vector<Storage::CallRow> calls = reader.takeCalls();
    const auto names = std::int64_t(reader.functionNames().size());
    for (std::size_t i = 0; i < calls.size(); ++i) {
        const Storage::CallRow& call = calls[i];
        FuzzSupport::require(call.id == std::int64_t(i) + 1, "call ids are not 1..n in order");
        FuzzSupport::require(call.function >= 1 && call.function <= names, "a call's function is not an index into functionNames()");
        FuzzSupport::require(call.parentId >= 0 && call.parentId <= std::int64_t(calls.size()) && call.parentId != call.id,
            "a call's parent is not another call");
        FuzzSupport::require(call.depth >= 0, "a negative call depth");
        FuzzSupport::require(call.self == Storage::noTime || call.self >= 0, "a negative self time");
    }
    FuzzSupport::require(reader.cpus() >= 0, "a negative CPU count");
    return 0;
}
