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
// kallsyms file; the per-CPU data files go in it too. Readable by all (the writer may read it with
// another effective user, see tracedatexporter.cpp); removed with this object. One thread.
class ScratchTracingDir {
public:
    explicit ScratchTracingDir(const QString& besideFile);
    Storage::Status create(const ExportFormats& formats, Storage::RecordingReader& reader);

    QString path() const { return m_dir.path(); }
    QString kallsymsPath() const { return m_dir.filePath(QStringLiteral("kallsyms")); }
    QString cpuDataPath(int cpu) const { return m_dir.filePath(QStringLiteral("cpu%1").arg(cpu)); }

private:
    Storage::Status writeFile(const QString& relative, const QByteArray& bytes);
    Storage::Status writeCmdlines(Storage::RecordingReader& reader);
    Storage::Status writeKallsyms(Storage::RecordingReader& reader);

    QTemporaryDir m_dir;
};

} // namespace Engine
