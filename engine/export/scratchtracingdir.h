// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "exportformats.h"
#include "result.h"

#include <QString>
#include <QTemporaryDir>

namespace Engine {

// A directory laid out like tracefs's for libtracecmd's writer, which reads a trace.dat's headers
// from there: events/header_page and header_event (the layout RingBufferPages writes), each
// event format under events/SYSTEM/NAME/format, saved_cmdlines, an empty printk_formats and a
// kallsyms file. Readable by all, and under the temporary directory (/tmp) rather than beside the
// output: the writer reads it with another effective user (see tracedatexporter.cpp), who may not
// enter the output's folder. The per-CPU data files (as large as the events) go in a second
// directory beside the output, read only as the caller. Both are removed with this object. One thread.
class ScratchTracingDir {
public:
    explicit ScratchTracingDir(const QString& besideFile);
    Storage::Status create(const ExportFormats& formats, Storage::RecordingReader& reader);

    QString path() const { return m_dir.path(); }
    QString kallsymsPath() const { return m_dir.filePath(QStringLiteral("kallsyms")); }
    QString cpuDataPath(int cpu) const { return m_data.filePath(QStringLiteral("cpu%1").arg(cpu)); }

private:
    Storage::Status writeFile(const QString& relative, const QByteArray& bytes);
    Storage::Status writeCmdlines(Storage::RecordingReader& reader);
    Storage::Status writeKallsyms(Storage::RecordingReader& reader);

    QTemporaryDir m_dir;
    QTemporaryDir m_data;
};

} // namespace Engine
