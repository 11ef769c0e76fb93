// SPDX-License-Identifier: GPL-3.0-or-later
// A real `ftlens-helper serve` (root, as CI runs; no tracefs touched) against clients that break
// the protocol — random bytes, truncated frames, a 1 GiB length prefix, messages out of order,
// unknown types and fields, a client that never reads, too many connections — while one
// well-behaved client keeps being served throughout, and the helper's memory stays bounded.
#include "helperconnection.h"
#include "message.h"
#include "servedhelper.h"

#include <QCborArray>
#include <QLocalSocket>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <memory>
#include <unistd.h>

using namespace ServiceTest;

namespace {
// The helper's memory bounds below, in KiB. Under AddressSanitizer freed memory stays in its
// quarantine (256 MiB by default) and every allocation carries redzones, so resident size says
// little there: the bound is wider, and still far below what a 1 GiB length prefix would take.
#if defined(__SANITIZE_ADDRESS__)
constexpr qint64 sanitizerSlackKib = 192 * 1024;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr qint64 sanitizerSlackKib = 192 * 1024;
#else
constexpr qint64 sanitizerSlackKib = 0;
#endif
#else
constexpr qint64 sanitizerSlackKib = 0;
#endif

QByteArray frame(const QString& type, qint64 id, const QCborMap& fields = {}) { return Protocol::encodeFrame(Protocol::Message { type, id, fields }); }
QByteArray hello(qint64 id = 1) { return frame(QStringLiteral("hello"), id, QCborMap { { QStringLiteral("version"), 1 } }); }

QByteArray header(quint32 length)
{
    const quint32 be = qToBigEndian(length);
    return QByteArray(reinterpret_cast<const char*>(&be), 4);
}

// A connection that writes what a test says and collects what comes back.
struct RawClient {
    QLocalSocket socket;
    QByteArray received;

    bool open(const QString& path)
    {
        socket.connectToServer(path);
        return socket.waitForConnected(5000);
    }
    void send(const QByteArray& bytes)
    {
        socket.write(bytes);
        socket.flush();
    }
    // Waits until the helper closed this connection; false on timeout.
    bool closedByHelper(int timeoutMs = 10000)
    {
        const bool closed = QTest::qWaitFor([this] {
            received += socket.readAll();
            return socket.state() == QLocalSocket::UnconnectedState;
        }, timeoutMs);
        received += socket.readAll();
        return closed;
    }
    // The messages received so far, decoded.
    QList<Protocol::Message> messages()
    {
        received += socket.readAll();
        QList<Protocol::Message> out;
        Protocol::FrameDecoder decoder;
        (void)decoder.feed(received);
        while (auto payload = decoder.next()) {
            if (auto message = Protocol::decodeMessage(*payload, Protocol::Sender::Helper))
                out << message.value();
        }
        return out;
    }
    // Waits for a message with this id.
    std::optional<Protocol::Message> reply(qint64 id, int timeoutMs = 10000)
    {
        std::optional<Protocol::Message> found;
        (void)QTest::qWaitFor([&] {
            for (const Protocol::Message& m : messages()) {
                if (m.id == id)
                    found = m;
            }
            return found.has_value();
        }, timeoutMs);
        return found;
    }
};

} // namespace

class TestServiceProtocol : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("ftlens-helper serve needs root: run as root, as CI does");
        QVERIFY(m_dir.isValid());
        const QString big = synthRecording(m_dir.filePath(QStringLiteral("big.ftlens")), 2000);
        QVERIFY(!big.isEmpty() && pad(big, 40));
        m_big = plant(m_dir.filePath(QStringLiteral("data")), big, QStringLiteral("20250101-120000-00000b"));
        const QString error = m_helper.start(m_dir.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QString connectError;
        QVERIFY2(connectTo(m_good, m_helper.target(), connectError), qPrintable(connectError));
        m_baselineKib = m_helper.residentKib();
    }

    // After every test: the well-behaved client is still served, and the helper's memory did
    // not grow with what the others sent.
    void cleanup()
    {
        if (!m_good.isReady())
            return;
        const ServiceClient::Reply reply = call(m_good, QStringLiteral("list"));
        QVERIFY2(reply.ok(), qPrintable(reply.error ? reply.error->message : QString()));
        QVERIFY2(m_helper.residentKib() < m_baselineKib + 64 * 1024 + sanitizerSlackKib,
            qPrintable(QStringLiteral("VmRSS %1 KiB, %2 KiB at the start").arg(m_helper.residentKib()).arg(m_baselineKib)));
    }

    void randomBytes_data()
    {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed = 1; seed <= 24; ++seed)
            QTest::addRow("seed %u", seed) << seed;
    }
    void randomBytes()
    {
        QFETCH(quint32, seed);
        QRandomGenerator random(seed);
        QByteArray bytes(random.bounded(1, 4096), Qt::Uninitialized);
        random.fillRange(reinterpret_cast<quint32*>(bytes.data()), bytes.size() / 4);
        if (seed % 2 == 0)
            bytes.prepend(hello()); // past hello, into the requests
        RawClient client;
        QVERIFY(client.open(m_helper.socketPath()));
        client.send(bytes);
        client.socket.disconnectFromServer(); // and whatever it waited for never comes
        QTest::qWait(20);
    }

    void truncatedFrame()
    {
        RawClient client;
        QVERIFY(client.open(m_helper.socketPath()));
        client.send(hello() + header(100) + QByteArray(10, 'x'));
        QVERIFY(client.reply(1));
        client.socket.disconnectFromServer();
        QTRY_VERIFY(m_helper.log().contains("the stream ended inside a frame (14 bytes of it came)"));
    }

    // Refused on the prefix alone, at once; nothing is allocated by it.
    void gibibytePrefix()
    {
        RawClient client;
        QVERIFY(client.open(m_helper.socketPath()));
        client.send(hello() + header(1u << 30) + QByteArray(65536, 'x'));
        QVERIFY(client.closedByHelper());
        const QList<Protocol::Message> got = client.messages();
        QVERIFY(!got.isEmpty());
        QCOMPARE(got.last().type, QStringLiteral("error"));
        QCOMPARE(got.last().text("message"),
            QStringLiteral("connection closed: a frame of 1073741824 bytes announced, more than the maximum of 2097152"));
        QVERIFY(m_helper.log().contains("a frame of 1073741824 bytes announced"));
    }

    void outOfOrder_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        QTest::addRow("request before hello") << frame(QStringLiteral("list"), 1) << QStringLiteral("'list' before hello");
        QTest::addRow("second hello") << hello(1) + hello(2) << QStringLiteral("a second hello");
        QTest::addRow("id not increasing") << hello(5) + frame(QStringLiteral("list"), 5) << QStringLiteral("request id 5 after 5 (ids must increase)");
        QTest::addRow("other version") << frame(QStringLiteral("hello"), 1, QCborMap { { QStringLiteral("version"), 2 } })
                                       << QStringLiteral("protocol version 2 is not spoken here (this helper speaks 1)");
        QTest::addRow("hello without version") << frame(QStringLiteral("hello"), 1)
                                               << QStringLiteral("the first message is not a valid hello: hello: field 'version' is missing");
        QTest::addRow("a helper's message") << hello() + frame(QStringLiteral("chunk"), 2, QCborMap { { QStringLiteral("offset"), 0 }, { QStringLiteral("data"), QByteArray("x") } })
                                            << QString(); // answered, not closed (below)
    }
    void outOfOrder()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        RawClient client;
        QVERIFY(client.open(m_helper.socketPath()));
        client.send(bytes);
        if (reason.isEmpty()) {
            const auto answer = client.reply(2);
            QVERIFY(answer);
            QCOMPARE(answer->text("message"), QStringLiteral("unknown message type 'chunk'"));
            return;
        }
        QVERIFY(client.closedByHelper());
        QCOMPARE(client.messages().last().text("message"), QStringLiteral("connection closed: ") + reason);
        QVERIFY2(m_helper.log().contains(reason.toUtf8()), m_helper.log().right(2000).constData());
    }

    // Unknown types and fields are answered; the connection goes on.
    void unknownAnswered()
    {
        RawClient client;
        QVERIFY(client.open(m_helper.socketPath()));
        client.send(hello() + frame(QStringLiteral("reboot"), 2) + frame(QStringLiteral("list"), 3, QCborMap { { QStringLiteral("path"), QStringLiteral("/") } })
            + frame(QStringLiteral("list"), 4));
        const auto reboot = client.reply(2);
        const auto field = client.reply(3);
        const auto list = client.reply(4);
        QVERIFY(reboot && field && list);
        QCOMPARE(reboot->text("code"), QStringLiteral("bad-request"));
        QCOMPARE(reboot->text("message"), QStringLiteral("unknown message type 'reboot'"));
        QCOMPARE(field->text("message"), QStringLiteral("list: unknown field 'path'"));
        QCOMPARE(list->type, QStringLiteral("recordings"));
    }

    // A client that asks for a lot and reads nothing holds a few chunks of the helper's memory,
    // not what it asked for.
    void silentClient()
    {
        RawClient client;
        QVERIFY(client.open(m_helper.socketPath()));
        client.socket.setReadBufferSize(1); // read nothing more than the kernel keeps
        QByteArray requests = hello();
        for (int id = 2; id < 50; ++id)
            requests += frame(QStringLiteral("fetch"), id, QCborMap { { QStringLiteral("recording"), m_big } });
        client.send(requests);
        QTest::qWait(1500);
        QVERIFY2(m_helper.residentKib() < m_baselineKib + 48 * 1024 + sanitizerSlackKib,
            qPrintable(QStringLiteral("VmRSS %1 KiB, %2 KiB at the start").arg(m_helper.residentKib()).arg(m_baselineKib)));
        QVERIFY(client.socket.state() == QLocalSocket::ConnectedState); // paced, not dropped
    }

    // One too many is refused with the reason; the others stay.
    void connectionCap()
    {
        std::vector<std::unique_ptr<RawClient>> clients;
        for (int i = 0; i < 40; ++i) {
            clients.push_back(std::make_unique<RawClient>());
            QVERIFY(clients.back()->open(m_helper.socketPath()));
        }
        QTRY_VERIFY(clients.back()->socket.state() == QLocalSocket::UnconnectedState || !clients.back()->messages().isEmpty());
        QVERIFY(clients.back()->closedByHelper());
        QCOMPARE(clients.back()->messages().last().text("message"), QStringLiteral("32 connections already"));
        QVERIFY(m_helper.log().contains("32 connections already"));
    }

private:
    QTemporaryDir m_dir;
    ServedHelper m_helper;
    ServiceClient::HelperConnection m_good;
    QString m_big;
    qint64 m_baselineKib = 0;
};

QTEST_GUILESS_MAIN(TestServiceProtocol)
#include "tst_serviceprotocol.moc"
