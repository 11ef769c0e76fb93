// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "importoptions.h"
#include "progressreporter.h"
#include "result.h"

#include <QString>

namespace Engine {

// Imports a trace.dat (trace-cmd record's file, versions 6 and 7, compressed or not, every CPU of
// every buffer) into a recording: the file is checked first (TraceDatLayout), then libtracecmd
// merges the records of all buffers in time order and TraceDatRecords decodes them with the
// recorder's decoder into the writer, streaming (memory does not grow with the events). Then the
// tasks (events' comm fields, the file's saved cmdlines), per-CPU statistics (the file's CPUSTAT
// option and the pages' missed-event counts), meta (source=import, import_format=trace.dat), the
// kernel symbols of the function tracers' addresses (from the file's kallsyms) and the call table
// (function/function_graph records, engine/calls). A file cut inside its CPU data keeps what
// is left, with a warning naming the cut; anything else malformed is an error naming the byte and
// the part. A failed or cancelled import removes the output. Runs on the caller's thread.
class TraceDatImporter {
public:
    explicit TraceDatImporter(ImportOptions options = {});

    Storage::Result<ImportResult> importFile(const QString& inputPath, const QString& outputPath);

private:
    void report(int permille) { m_reporter.report(permille); }
    bool cancelled() const { return m_reporter.cancelled(); }

    ImportOptions m_options;
    ProgressReporter m_reporter;
};

} // namespace Engine
