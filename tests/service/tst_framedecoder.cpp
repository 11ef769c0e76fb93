// SPDX-License-Identifier: GPL-3.0-or-later
// Protocol::FrameDecoder: frames cut out of a byte stream however it arrives, the maximum
// checked on the length prefix before anything is kept, and nothing taken once the stream broke.
#include "frame.h"

#include <QTest>
#include <QtEndian>

namespace {
QByteArray header(quint32 length)
{
    const quint32 be = qToBigEndian(length);
    return QByteArray(reinterpret_cast<const char*>(&be), 4);
}

QList<QByteArray> drain(Protocol::FrameDecoder& decoder)
{
    QList<QByteArray> frames;
    while (auto frame = decoder.next())
        frames << *frame;
    return frames;
}
} // namespace

class TestFrameDecoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pieces_data()
    {
        QTest::addColumn<int>("piece"); // bytes per feed
        for (int piece : { 1, 2, 3, 5, 7, 64, 100000 })
            QTest::addRow("%d", piece) << piece;
    }
    // Whatever sizes the stream arrives in, the same frames come out, in order.
    void pieces()
    {
        QFETCH(int, piece);
        const QList<QByteArray> payloads { QByteArray("a"), QByteArray(300, 'b'), QByteArray(70000, 'c'), QByteArray("dd") };
        QByteArray stream;
        for (const QByteArray& p : payloads)
            stream += Protocol::encodeFrame(p);
        Protocol::FrameDecoder decoder;
        QList<QByteArray> got;
        for (qsizetype at = 0; at < stream.size(); at += piece) {
            QVERIFY(decoder.feed(QByteArrayView(stream).sliced(at, std::min<qsizetype>(piece, stream.size() - at))).ok());
            got += drain(decoder);
        }
        QCOMPARE(got, payloads);
        QVERIFY(!decoder.midFrame());
    }

    void limits_data()
    {
        QTest::addColumn<quint32>("length");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("message");
        QTest::addRow("largest") << quint32(Protocol::maxFrameBytes) << true << QString();
        QTest::addRow("one more") << quint32(Protocol::maxFrameBytes + 1) << false
                                  << QStringLiteral("a frame of 2097153 bytes announced, more than the maximum of 2097152");
        QTest::addRow("1 GiB") << quint32(1u << 30) << false << QStringLiteral("a frame of 1073741824 bytes announced, more than the maximum of 2097152");
        QTest::addRow("4 GiB - 1") << quint32(0xffffffffu) << false
                                   << QStringLiteral("a frame of 4294967295 bytes announced, more than the maximum of 2097152");
        QTest::addRow("empty") << quint32(0) << false << QStringLiteral("an empty frame (length 0)");
    }
    // The prefix alone decides; an oversized frame's bytes are never kept, and after a refusal
    // nothing more is taken.
    void limits()
    {
        QFETCH(quint32, length);
        QFETCH(bool, accepted);
        QFETCH(QString, message);
        Protocol::FrameDecoder decoder;
        const Storage::Status s = decoder.feed(header(length));
        QCOMPARE(s.ok(), accepted);
        if (accepted) {
            QVERIFY(decoder.midFrame());
            QCOMPARE(decoder.bufferedBytes(), qsizetype(4));
            return;
        }
        QCOMPARE(s.error().message, message);
        QCOMPARE(decoder.bufferedBytes(), qsizetype(0));
        const Storage::Status again = decoder.feed(QByteArray(1 << 20, 'x'));
        QVERIFY(!again.ok());
        QCOMPARE(decoder.bufferedBytes(), qsizetype(0));
        QVERIFY(!decoder.next());
    }

    // A second, oversized frame behind a good one in the same read is refused at once, before
    // the good one is even taken: its bytes are not kept.
    void oversizedBehindGood()
    {
        Protocol::FrameDecoder decoder;
        const QByteArray stream = Protocol::encodeFrame(QByteArrayView("ok")) + header(1u << 30) + QByteArray(1000, 'x');
        QVERIFY(!decoder.feed(stream).ok());
        QCOMPARE(decoder.bufferedBytes(), qsizetype(0));
    }

    // An announced frame costs what arrived of it, not what was announced.
    void announcedIsNotReserved()
    {
        Protocol::FrameDecoder decoder;
        QVERIFY(decoder.feed(QByteArray(header(quint32(Protocol::maxFrameBytes)) + QByteArray(10, 'x'))).ok());
        QCOMPARE(decoder.bufferedBytes(), qsizetype(14));
        QVERIFY(!decoder.next());
        QVERIFY(decoder.midFrame()); // the stream ending now is a truncated frame
    }

    void truncatedHeader()
    {
        Protocol::FrameDecoder decoder;
        QVERIFY(decoder.feed(QByteArray("\0\0", 2)).ok());
        QVERIFY(decoder.midFrame());
        QVERIFY(!decoder.next());
    }
};

QTEST_GUILESS_MAIN(TestFrameDecoder)
#include "tst_framedecoder.moc"
