// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordingfiles.h"

#include <QCoreApplication>
#include <QFile>

#include <filesystem>
#include <system_error>

namespace Storage {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

const char* const sqliteSuffixes[] = { "", "-wal", "-shm", "-journal" };
} // namespace

QString partialPath(const QString& output) { return output + QLatin1String(".part"); }

void removeRecordingFiles(const QString& path)
{
    for (const char* suffix : sqliteSuffixes)
        QFile::remove(path + QLatin1String(suffix));
}

Status replaceWithPartial(const QString& partial, const QString& output)
{
    for (const char* suffix : sqliteSuffixes) {
        const QString name = output + QLatin1String(suffix);
        if (*suffix && QFile::exists(name) && !QFile::remove(name))
            return Error { Tr::tr("%1: cannot replace the existing file").arg(name) };
    }
    // rename() replaces the file in one step: output is never missing meanwhile.
    std::error_code error;
    std::filesystem::rename(QFile::encodeName(partial).toStdString(), QFile::encodeName(output).toStdString(), error);
    if (error)
        return Error { Tr::tr("%1: cannot write the file: %2").arg(output, QString::fromLocal8Bit(error.message())) };
    return {};
}

} // namespace Storage
