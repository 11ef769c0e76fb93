// SPDX-License-Identifier: GPL-3.0-or-later
#include "functioncsvexport.h"

#include "calltree.h"
#include "csvwriter.h"

namespace Engine {

Storage::Result<std::int64_t> exportFunctionsCsv(const QString& recordingPath, const Storage::CallScope& scope,
    const QString& outputPath, const std::function<bool()>& isCancelled)
{
    auto calls = Storage::loadCalls(recordingPath, scope, isCancelled);
    if (!calls)
        return calls.error();
    const std::vector<FunctionStatistics> statistics = functionStatistics(*calls);
    Storage::CsvWriter csv;
    if (Storage::Status s = csv.open(outputPath); !s)
        return s.error();
    for (const char* name : { "function", "calls", "total_ns", "self_ns", "avg_ns", "max_ns" })
        csv.field(std::string_view(name));
    if (Storage::Status s = csv.endRow(); !s)
        return s.error();
    for (const FunctionStatistics& f : statistics) {
        csv.field(std::string_view(calls->functionNames[std::size_t(f.function)].toStdString()));
        for (const std::int64_t value : { f.calls, f.total, f.self, f.average, f.max })
            csv.field(value);
        if (Storage::Status s = csv.endRow(); !s)
            return s.error();
    }
    if (Storage::Status s = csv.close(); !s)
        return s.error();
    return std::int64_t(statistics.size());
}

} // namespace Engine
