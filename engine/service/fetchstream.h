// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sha256.h"

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace Service {

// One fetch of one recording's bytes, from `offset` to the end as the file was when it began:
// chunks of at most fetchChunkBytes, read with pread from a descriptor opened once (the name may
// go, the bytes stay). The SHA-256 covers the whole file, so the bytes before a resumed fetch's
// offset are hashed too, a chunk's worth per call, interleaved with the other connections' work.
// Service thread.
class FetchStream {
public:
    FetchStream(QString id, int fd, std::int64_t size, std::int64_t offset);
    ~FetchStream();
    FetchStream(const FetchStream&) = delete;
    FetchStream& operator=(const FetchStream&) = delete;

    const QString& id() const { return m_id; }
    std::int64_t size() const { return m_size; }
    std::int64_t position() const { return m_position; }
    bool atEnd() const { return m_position >= m_size; }
    // Every byte sent and the whole file hashed: the digest is ready.
    bool finished() const { return m_hashed >= m_offset && atEnd(); }

    // The next chunk to send (empty while the prefix is still being hashed); false on a read error.
    bool next(QByteArray& chunk, QString& error);
    QByteArray hexDigest() { return m_hash.hexResult(); }

private:
    bool readAt(std::int64_t offset, QByteArray& into, QString& error);

    QString m_id;
    int m_fd = -1;
    std::int64_t m_size = 0;
    std::int64_t m_offset = 0;   // where sending starts
    std::int64_t m_hashed = 0;   // prefix bytes hashed so far
    std::int64_t m_position = 0; // next byte to send
    Protocol::Sha256 m_hash;
};

} // namespace Service
