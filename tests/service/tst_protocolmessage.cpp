// SPDX-License-Identifier: GPL-3.0-or-later
// Protocol messages: strict decoding against the schema (types, fields, ids, shape limits), the
// frame encoding, and the README's table of messages and fields made from the same schema.
#include "frame.h"
#include "message.h"
#include "messageschema.h"

#include <QCborArray>
#include <QCborStreamWriter>
#include <QFile>
#include <QTest>

using Protocol::Sender;

namespace {
QByteArray cbor(const QCborValue& value) { return value.toCbor(); }

QCborMap hello() { return { { QStringLiteral("type"), QStringLiteral("hello") }, { QStringLiteral("id"), 1 }, { QStringLiteral("version"), 1 } }; }

QCborMap with(QCborMap map, const QString& key, const QCborValue& value)
{
    map.insert(key, value);
    return map;
}

QByteArray nested(int depth)
{
    QCborValue value(1);
    for (int i = 0; i < depth; ++i)
        value = QCborArray { value };
    QCborMap map = hello();
    map.insert(QStringLiteral("client"), value);
    return cbor(map);
}
} // namespace

class TestProtocolMessage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void refused_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<int>("sender");
        QTest::addColumn<QString>("message");
        const int client = int(Sender::Client);
        QTest::addRow("not cbor") << QByteArray("\xff\xff\xff", 3) << client << QStringLiteral("malformed CBOR");
        QTest::addRow("array") << cbor(QCborArray { 1 }) << client << QStringLiteral("the payload is not a CBOR map");
        QTest::addRow("trailing bytes") << cbor(hello()) + QByteArray("x") << client << QStringLiteral("1 bytes after the message's map");
        QTest::addRow("truncated map") << cbor(hello()).chopped(2) << client << QStringLiteral("malformed CBOR");
        QTest::addRow("too deep") << nested(9) << client << QStringLiteral("CBOR nested deeper than 8");
        QTest::addRow("no type") << cbor(QCborMap { { QStringLiteral("id"), 1 } }) << client << QStringLiteral("the message has no text field 'type'");
        QTest::addRow("unknown type") << cbor(with(hello(), QStringLiteral("type"), QStringLiteral("reboot"))) << client
                                      << QStringLiteral("unknown message type 'reboot'");
        QTest::addRow("helper's type from a client") << cbor(with(hello(), QStringLiteral("type"), QStringLiteral("chunk"))) << client
                                                     << QStringLiteral("unknown message type 'chunk'");
        QTest::addRow("id 0 from a client") << cbor(with(hello(), QStringLiteral("id"), 0)) << client
                                            << QStringLiteral("hello: 'id' must be an integer of at least 1");
        QTest::addRow("id as text") << cbor(with(hello(), QStringLiteral("id"), QStringLiteral("1"))) << client
                                    << QStringLiteral("hello: 'id' must be an integer of at least 1");
        QTest::addRow("unknown field") << cbor(with(hello(), QStringLiteral("path"), QStringLiteral("/etc/shadow"))) << client
                                       << QStringLiteral("hello: unknown field 'path'");
        QTest::addRow("float for integer") << cbor(with(hello(), QStringLiteral("version"), 1.0)) << client
                                           << QStringLiteral("hello.version must be integer");
        QTest::addRow("missing required") << cbor(QCborMap { { QStringLiteral("type"), QStringLiteral("fetch") }, { QStringLiteral("id"), 2 } })
                                          << client << QStringLiteral("fetch: field 'recording' is missing");
        QTest::addRow("text list with a number")
            << cbor(QCborMap { { QStringLiteral("type"), QStringLiteral("start") }, { QStringLiteral("id"), 2 },
                   { QStringLiteral("command"), QCborArray { QStringLiteral("ls"), 3 } } })
            << client << QStringLiteral("start.command must be [text]");
        QTest::addRow("source without text")
            << cbor(QCborMap { { QStringLiteral("type"), QStringLiteral("start") }, { QStringLiteral("id"), 2 },
                   { QStringLiteral("sources"), QCborArray { QCborMap { { QStringLiteral("kind"), QStringLiteral("event") } } } } })
            << client << QStringLiteral("start.sources[0]: field 'text' is missing");
        QTest::addRow("unknown field in a source")
            << cbor(QCborMap { { QStringLiteral("type"), QStringLiteral("start") }, { QStringLiteral("id"), 2 },
                   { QStringLiteral("sources"), QCborArray { QCborMap { { QStringLiteral("kind"), QStringLiteral("event") },
                                                    { QStringLiteral("text"), QStringLiteral("sched:*") }, { QStringLiteral("output"), QStringLiteral("/x") } } } } })
            << client << QStringLiteral("start.sources[0]: unknown field 'output'");
        QTest::addRow("tagged text") << cbor(with(hello(), QStringLiteral("client"), QCborValue(QCborKnownTags::DateTimeString, QStringLiteral("x"))))
                                     << client << QStringLiteral("hello.client must be text");
        // A duplicate key, written by hand (QCborMap would merge it).
        QByteArray duplicate;
        {
            QCborStreamWriter writer(&duplicate);
            writer.startMap(4);
            writer.append(QLatin1String("type"));
            writer.append(QLatin1String("hello"));
            writer.append(QLatin1String("id"));
            writer.append(1);
            writer.append(QLatin1String("version"));
            writer.append(1);
            writer.append(QLatin1String("version"));
            writer.append(2);
            writer.endMap();
        }
        QTest::addRow("duplicate field") << duplicate << client << QStringLiteral("hello: field 'version' given twice");
        QTest::addRow("client's type from the helper") << cbor(with(hello(), QStringLiteral("type"), QStringLiteral("start")))
                                                       << int(Sender::Helper) << QStringLiteral("unknown message type 'start'");
    }
    void refused()
    {
        QFETCH(QByteArray, payload);
        QFETCH(int, sender);
        QFETCH(QString, message);
        auto decoded = Protocol::decodeMessage(payload, Sender(sender));
        QVERIFY(!decoded);
        QVERIFY2(decoded.error().message.startsWith(message), qPrintable(decoded.error().message));
    }

    // More items than the limit, each tiny: refused before anything is built from them.
    void tooManyItems()
    {
        QCborArray many;
        for (int i = 0; i < Protocol::maxCborItems; ++i)
            many.append(1);
        auto decoded = Protocol::decodeMessage(cbor(with(hello(), QStringLiteral("client"), many)), Sender::Client);
        QVERIFY(!decoded);
        QCOMPARE(decoded.error().message, QStringLiteral("more than 262144 CBOR items"));
    }

    // A CBOR header announcing a huge array or byte string with nothing behind it.
    void announcedLengths_data()
    {
        QTest::addColumn<QByteArray>("payload");
        // {"type": "hello", "id": 1, "version": 1, "client": <the header below>}
        const QByteArray start = QByteArray::fromHex("a4" "6474797065" "6568656c6c6f" "626964" "01" "6776657273696f6e" "01" "66636c69656e74");
        QTest::addRow("array of 2^32") << start + QByteArray::fromHex("9affffffff");
        QTest::addRow("bytes of 2^63") << start + QByteArray::fromHex("5b7fffffffffffffff");
        QTest::addRow("text of 2^31") << start + QByteArray::fromHex("7a80000000");
    }
    void announcedLengths()
    {
        QFETCH(QByteArray, payload);
        QVERIFY(!Protocol::decodeMessage(payload, Sender::Client));
    }

    // What encodeFrame writes decodes to the same message, from either side.
    void roundTrip()
    {
        const Protocol::Message message { QStringLiteral("chunk"), 7,
            QCborMap { { QStringLiteral("offset"), 1024 }, { QStringLiteral("data"), QByteArray(70000, '\x7f') } } };
        const QByteArray frame = Protocol::encodeFrame(message);
        Protocol::FrameDecoder decoder;
        QVERIFY(decoder.feed(frame).ok());
        const auto payload = decoder.next();
        QVERIFY(payload);
        auto decoded = Protocol::decodeMessage(*payload, Sender::Helper);
        QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().message));
        QCOMPARE(decoded->type, message.type);
        QCOMPARE(decoded->id, message.id);
        QCOMPARE(decoded->fields, message.fields);
    }

    // Every field of every message the schema has is documented in the README, in its table.
    void readmeHasTheTable()
    {
        QFile readme(QStringLiteral(FTLENS_SOURCE_DIR "/README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(readme.readAll());
        const QString table = Protocol::protocolTable();
        QVERIFY2(text.contains(table), qPrintable(QStringLiteral("README.md lacks the protocol table; it is:\n") + table));
    }

    // `type` and `id` are the envelope's keys (encodeFrame writes them over the fields): no
    // message may have a field of either name, or it would be lost on the wire.
    void noFieldNamedLikeTheEnvelope()
    {
        for (const Protocol::MessageSpec& spec : Protocol::messageSpecs()) {
            for (const Protocol::FieldSpec& field : spec.fields)
                QVERIFY2(field.name != QLatin1String("type") && field.name != QLatin1String("id"), qPrintable(spec.type + QLatin1Char('.') + field.name));
        }
    }

    // Both directions have the messages the issue lists.
    void schemaCoversTheMessages()
    {
        for (const char* type : { "hello", "caps", "events", "functions", "validate", "start", "stop", "watch", "status", "list", "fetch",
                 "cancel", "delete" })
            QVERIFY2(Protocol::findMessage(QString::fromLatin1(type), Sender::Client), type);
        for (const char* type : { "hello", "caps", "events", "functions", "valid", "started", "stopping", "status", "tail", "notice",
                 "output", "finished", "recordings", "fetching", "chunk", "fetched", "cancelled", "deleted", "error" })
            QVERIFY2(Protocol::findMessage(QString::fromLatin1(type), Sender::Helper), type);
    }
};

QTEST_GUILESS_MAIN(TestProtocolMessage)
#include "tst_protocolmessage.moc"
