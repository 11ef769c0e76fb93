// SPDX-License-Identifier: GPL-3.0-or-later
#include "scratchtracingdir.h"

#include "ringbufferpages.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include <cstdio>
#include <map>

namespace Engine {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Engine)
};

constexpr QFileDevice::Permissions readableByAll = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;
constexpr QFileDevice::Permissions enterableByAll = readableByAll | QFileDevice::ExeOwner | QFileDevice::ExeGroup | QFileDevice::ExeOther;
} // namespace

ScratchTracingDir::ScratchTracingDir(const QString& besideFile)
    : m_dir(QDir::temp().filePath(QStringLiteral("ftlens-export-XXXXXX")))
    , m_data(QFileInfo(besideFile).absoluteDir().filePath(QStringLiteral("ftlens-export-XXXXXX")))
{
}

Storage::Status ScratchTracingDir::writeFile(const QString& relative, const QByteArray& bytes)
{
    const QString path = m_dir.filePath(relative);
    QDir dir = QFileInfo(path).absoluteDir();
    for (QString sub = dir.absolutePath(); sub.startsWith(m_dir.path()) && sub != m_dir.path(); sub = QFileInfo(sub).absolutePath()) {
        if (!QDir().mkpath(sub) || !QFile::setPermissions(sub, enterableByAll))
            return Storage::Error { Tr::tr("%1: cannot create a directory").arg(sub) };
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size() || !file.setPermissions(readableByAll))
        return Storage::Error { Tr::tr("%1: cannot write: %2").arg(path, file.errorString()) };
    return {};
}

Storage::Status ScratchTracingDir::create(const ExportFormats& formats, Storage::RecordingReader& reader)
{
    for (const QTemporaryDir* dir : { &m_dir, &m_data }) {
        if (!dir->isValid())
            return Storage::Error { Tr::tr("cannot create a scratch directory: %1").arg(dir->errorString()) };
    }
    QFile::setPermissions(m_dir.path(), enterableByAll);
    const std::pair<const char*, const char*> headers[] = { { "events/header_page", RingBufferPages::headerPage() },
        { "events/header_event", RingBufferPages::headerEvent() }, { "printk_formats", "" } };
    for (const auto& [name, text] : headers) {
        if (Storage::Status s = writeFile(QLatin1String(name), QByteArray(text)); !s)
            return s;
    }
    for (const ExportFormats::Type& type : formats.types()) {
        const QString file = QStringLiteral("events/%1/%2/format").arg(QString::fromStdString(type.system), QString::fromStdString(type.name));
        if (Storage::Status s = writeFile(file, QByteArray::fromStdString(type.format)); !s)
            return s;
    }
    for (const auto& [name, text] : formats.extraFtraceFormats()) {
        if (Storage::Status s = writeFile(QStringLiteral("events/ftrace/%1/format").arg(QString::fromStdString(name)), QByteArray::fromStdString(text)); !s)
            return s;
    }
    if (Storage::Status s = writeCmdlines(reader); !s)
        return s;
    return writeKallsyms(reader);
}

// "PID COMM" a line, as the kernel's saved_cmdlines.
Storage::Status ScratchTracingDir::writeCmdlines(Storage::RecordingReader& reader)
{
    QByteArray text;
    auto rows = reader.database().prepare("SELECT t.pid, s.str FROM task t JOIN string s ON s.id = t.comm_id ORDER BY t.pid");
    if (!rows)
        return rows.error();
    while (rows->step() == SQLITE_ROW)
        text += QByteArray::number(rows->columnInt(0)) + ' ' + QByteArray(rows->columnText(1).data(), qsizetype(rows->columnText(1).size())) + '\n';
    return writeFile(QStringLiteral("saved_cmdlines"), text);
}

// The recording's named kernel addresses (kernel_symbol, stack frames) as /proc/kallsyms lines.
Storage::Status ScratchTracingDir::writeKallsyms(Storage::RecordingReader& reader)
{
    std::map<std::uint64_t, std::string> symbols;
    for (const char* sql : { "SELECT addr, name FROM kernel_symbol", "SELECT DISTINCT f.addr, s.str FROM stack_frame f JOIN string s ON s.id = f.name_id WHERE f.user = 0 AND f.addr IS NOT NULL" }) {
        auto rows = reader.database().prepare(sql);
        if (!rows)
            continue; // a recording without the table
        while (rows->step() == SQLITE_ROW)
            symbols.emplace(std::uint64_t(rows->columnInt(0)), std::string(rows->columnText(1)));
    }
    QByteArray text;
    char line[64];
    for (const auto& [address, name] : symbols) {
        std::snprintf(line, sizeof line, "%016llx t ", static_cast<unsigned long long>(address));
        text += QByteArray(line) + QByteArray::fromStdString(name) + '\n';
    }
    return writeFile(QStringLiteral("kallsyms"), text);
}

} // namespace Engine
