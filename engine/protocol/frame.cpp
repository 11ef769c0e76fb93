// SPDX-License-Identifier: GPL-3.0-or-later
#include "frame.h"

#include <QCoreApplication>
#include <QtEndian>

namespace Protocol {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Protocol)
};

quint32 lengthAt(const QByteArray& buffer, qsizetype offset)
{
    return qFromBigEndian<quint32>(buffer.constData() + offset);
}
} // namespace

QByteArray encodeFrame(QByteArrayView payload)
{
    QByteArray frame;
    frame.reserve(frameHeaderBytes + payload.size());
    const quint32 length = qToBigEndian(quint32(payload.size()));
    frame.append(reinterpret_cast<const char*>(&length), frameHeaderBytes);
    frame.append(payload.data(), payload.size());
    return frame;
}

FrameDecoder::FrameDecoder(qsizetype maxFrame)
    : m_max(maxFrame)
{
}

Storage::Status FrameDecoder::checkHeaders()
{
    // Every header already complete is checked, not only the first: the bytes behind an oversized
    // announcement are refused as soon as they are seen.
    qsizetype at = m_offset;
    while (m_buffer.size() - at >= frameHeaderBytes) {
        const quint32 length = lengthAt(m_buffer, at);
        if (length == 0)
            m_broken = Storage::Error { Tr::tr("an empty frame (length 0)") };
        else if (length > quint64(m_max))
            m_broken = Storage::Error { Tr::tr("a frame of %1 bytes announced, more than the maximum of %2").arg(length).arg(m_max) };
        if (m_broken) {
            m_buffer.clear();
            m_offset = 0;
            return *m_broken;
        }
        at += frameHeaderBytes + qsizetype(length);
    }
    return {};
}

Storage::Status FrameDecoder::feed(QByteArrayView bytes)
{
    if (m_broken)
        return *m_broken;
    // What was handed out goes, once it is at least half of the buffer (amortised moves).
    if (m_offset > 0 && m_offset >= m_buffer.size() / 2) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
    m_buffer.append(bytes.data(), bytes.size());
    return checkHeaders();
}

std::optional<QByteArray> FrameDecoder::next()
{
    if (m_broken || bufferedBytes() < frameHeaderBytes)
        return std::nullopt;
    const qsizetype length = qsizetype(lengthAt(m_buffer, m_offset));
    if (bufferedBytes() < frameHeaderBytes + length)
        return std::nullopt;
    QByteArray payload = m_buffer.mid(m_offset + frameHeaderBytes, length);
    m_offset += frameHeaderBytes + length;
    if (m_offset == m_buffer.size()) {
        m_buffer.resize(0); // keeps the allocation for the next frame
        m_offset = 0;
    }
    return payload;
}

} // namespace Protocol
