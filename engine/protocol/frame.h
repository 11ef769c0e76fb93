// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QByteArrayView>

#include <cstdint>
#include <optional>

namespace Protocol {

// The helper protocol's unit on the wire: a 4-byte big-endian payload length, then that many
// bytes of CBOR (one map, see message.h).
//
// maxFrameBytes bounds what one peer can make the other buffer. The largest legitimate frames are
// a fetch chunk (fetchChunkBytes of file data plus a few bytes of CBOR) and a page of a list reply
// (listPageBytes); 2 MiB holds either with room to spare, and with the helper's cap on
// connections (maxConnections) no set of clients can make it hold more than 64 MiB of
// half-received frames.
constexpr qsizetype maxFrameBytes = 2 * 1024 * 1024;
constexpr qsizetype frameHeaderBytes = 4;
constexpr qsizetype fetchChunkBytes = 1024 * 1024;
constexpr qsizetype listPageBytes = 256 * 1024;

// The frame for a payload (header + payload).
QByteArray encodeFrame(QByteArrayView payload);

// Cuts a byte stream into frames. The length prefix is checked against the maximum before
// anything is reserved, and a frame's bytes are kept only as they arrive: a peer announcing
// 2 MiB and sending ten bytes costs ten bytes. Once the stream is broken (an oversized or empty
// frame) the decoder takes nothing more: the connection must be closed. Plain value; one thread.
class FrameDecoder {
public:
    explicit FrameDecoder(qsizetype maxFrame = maxFrameBytes);

    // Appends received bytes. Fails (naming the announced length) when a prefix announces a frame
    // larger than the maximum or an empty one.
    Storage::Status feed(QByteArrayView bytes);
    // The next complete payload, in order.
    std::optional<QByteArray> next();
    // Bytes of an unfinished frame are buffered (the stream ended inside a frame: truncated).
    bool midFrame() const { return m_buffer.size() > m_offset; }
    qsizetype bufferedBytes() const { return m_buffer.size() - m_offset; }

private:
    Storage::Status checkHeaders();

    qsizetype m_max;
    QByteArray m_buffer;
    qsizetype m_offset = 0; // first byte not yet handed out
    std::optional<Storage::Error> m_broken;
};

} // namespace Protocol
