// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: what ftlens-helper serve does with every byte a client sends (and the client
// library with the helper's): Protocol::FrameDecoder cutting the stream into frames, and each
// frame's payload decoded strictly (parsePayload, validateMessage) for the side the first byte
// picks. The first byte also picks how the rest arrives: in reads of 1 to 128 bytes. Invariants:
// the decoder never holds more than one maximal frame and one read; a message that decodes
// re-encodes to a frame that decodes to the same message.
#include "fuzzsupport.h"

#include "frame.h"
#include "message.h"

#include <QByteArray>

#include <algorithm>
#include <cstdint>

namespace {
using FuzzSupport::require;

void checkRoundTrip(const Protocol::Message& message, Protocol::Sender sender)
{
    const QByteArray frame = Protocol::encodeFrame(message);
    Protocol::FrameDecoder decoder;
    require(decoder.feed(frame).ok(), "a re-encoded message is not a valid frame");
    const auto payload = decoder.next();
    require(payload.has_value() && !decoder.midFrame(), "a re-encoded message is not exactly one frame");
    auto again = Protocol::decodeMessage(*payload, sender);
    require(again.ok(), "a re-encoded message does not decode");
    require(again->type == message.type && again->id == message.id && again->fields == message.fields,
        "a re-encoded message decodes to another message");
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    const Protocol::Sender sender = data[0] & 0x80 ? Protocol::Sender::Helper : Protocol::Sender::Client;
    const std::size_t piece = std::size_t(data[0] & 0x7f) + 1;
    const QByteArrayView stream(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
    Protocol::FrameDecoder decoder;
    for (qsizetype at = 0; at < stream.size(); at += qsizetype(piece)) {
        const QByteArrayView read = stream.sliced(at, std::min<qsizetype>(qsizetype(piece), stream.size() - at));
        if (!decoder.feed(read).ok())
            return 0; // the connection would be closed here
        require(decoder.bufferedBytes() <= Protocol::maxFrameBytes + Protocol::frameHeaderBytes + read.size(), "the decoder holds too much");
        while (const auto payload = decoder.next()) {
            auto map = Protocol::parsePayload(*payload);
            if (!map)
                return 0; // closed
            if (auto message = Protocol::validateMessage(map.value(), sender))
                checkRoundTrip(message.value(), sender);
        }
    }
    return 0;
}
