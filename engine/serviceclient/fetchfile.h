// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"
#include "sha256.h"

#include <QByteArrayView>
#include <QString>

#include <memory>

namespace ServiceClient {

// The local file a fetch writes: the chunks in order, each where the helper says it belongs,
// and the SHA-256 of the whole file checked against the helper's at the end. A resumed fetch
// continues a file that holds the first part already (its size is the offset asked for; those
// bytes are hashed first). Owned by the connection's thread.
class FetchFile {
public:
    // resume: keep what path holds and continue after it; otherwise it is created or emptied.
    static Storage::Result<std::unique_ptr<FetchFile>> open(const QString& path, bool resume);
    ~FetchFile();

    const QString& path() const { return m_path; }
    qint64 offset() const { return m_offset; }   // where the fetch starts
    qint64 written() const { return m_next; }    // the file's size so far
    qint64 size() const { return m_size; }       // the recording's, once known

    // `fetching`: the recording's size and where the helper starts (must be offset()).
    Storage::Status begin(qint64 size, qint64 offset);
    Storage::Status write(qint64 offset, QByteArrayView data);
    // `fetched`: all bytes there and the digest matches.
    Storage::Status finish(qint64 size, const QString& sha256);

private:
    FetchFile(QString path, int fd, qint64 offset);

    QString m_path;
    int m_fd = -1;
    qint64 m_offset = 0;
    qint64 m_next = 0;
    qint64 m_size = -1;
    Protocol::Sha256 m_hash;
};

} // namespace ServiceClient
