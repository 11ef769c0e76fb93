// SPDX-License-Identifier: GPL-3.0-or-later
// The client library against a real `ftlens-helper serve` (root, as CI runs; no tracefs is
// touched): hello, list, fetch (whole, resumed, with a bad partial file, cancelled), delete, the
// ids a client may name, and the stdio transport.
#include "helperconnection.h"
#include "servedhelper.h"

#include <QCborArray>
#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using ServiceClient::HelperConnection;
using ServiceClient::Reply;
using namespace ServiceTest;

namespace {
void put(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(bytes);
}

QString errorCode(const Reply& reply) { return reply.ok() ? QString() : reply.error->code; }
} // namespace

class TestHelperConnection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("ftlens-helper serve needs root: run as root, as CI does");
        QVERIFY(m_dir.isValid());
        const QString small = synthRecording(m_dir.filePath(QStringLiteral("small.ftlens")), 5000);
        const QString big = synthRecording(m_dir.filePath(QStringLiteral("big.ftlens")), 5000);
        QVERIFY(!small.isEmpty() && !big.isEmpty());
        QVERIFY(pad(big, 24));
        m_small = plant(m_dir.filePath(QStringLiteral("data")), small, QStringLiteral("20250101-120000-000001"));
        m_big = plant(m_dir.filePath(QStringLiteral("data")), big, QStringLiteral("20250101-120000-000002"));
        m_smallBytes = contents(small);
        m_bigBytes = contents(big);
        const QString error = m_helper.start(m_dir.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void hello()
    {
        HelperConnection connection;
        QString error;
        QVERIFY2(connectTo(connection, m_helper.target(), error), qPrintable(error));
        QCOMPARE(connection.hello().version, 1);
        QCOMPARE(connection.hello().user, QStringLiteral("root"));
        QCOMPARE(connection.hello().uid, qint64(0));
        QCOMPARE(connection.hello().maxFrame, qint64(2 * 1024 * 1024));
        QVERIFY(connection.hello().recording.isEmpty());
    }

    void list()
    {
        HelperConnection connection;
        QString error;
        QVERIFY(connectTo(connection, m_helper.target(), error));
        const Reply reply = call(connection, QStringLiteral("list"));
        QVERIFY2(reply.ok(), qPrintable(reply.error ? reply.error->message : QString()));
        const QCborArray recordings = reply.fields.value(QLatin1String("recordings")).toArray();
        QCOMPARE(recordings.size(), 2);
        QCOMPARE(recordings.at(0)[QLatin1String("recording")].toString(), m_small);
        QCOMPARE(recordings.at(0)[QLatin1String("bytes")].toInteger(), qint64(m_smallBytes.size()));
        QVERIFY(recordings.at(0)[QLatin1String("complete")].toBool());
        QVERIFY(!recordings.at(0)[QLatin1String("active")].toBool());
    }

    // Many chunks, the digest checked, the bytes the same as the helper's file.
    void fetchWhole()
    {
        HelperConnection connection;
        QString error;
        QVERIFY(connectTo(connection, m_helper.target(), error));
        QSignalSpy progress(&connection, &HelperConnection::fetchProgress);
        const QString path = m_dir.filePath(QStringLiteral("whole.ftlens"));
        const Reply reply = fetchInto(connection, m_big, path, false);
        QVERIFY2(reply.ok(), qPrintable(reply.error ? reply.error->message : QString()));
        QCOMPARE(reply.type, QStringLiteral("fetched"));
        QCOMPARE(reply.fields.value(QLatin1String("sha256")).toString(),
            QString::fromLatin1(QCryptographicHash::hash(m_bigBytes, QCryptographicHash::Sha256).toHex()));
        QVERIFY(contents(path) == m_bigBytes);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(1).toLongLong(), qint64(m_bigBytes.size()));
    }

    // A fetch that was cut off goes on where the file ends, and the digest covers the whole.
    void fetchResumed()
    {
        HelperConnection connection;
        QString error;
        QVERIFY(connectTo(connection, m_helper.target(), error));
        const QString path = m_dir.filePath(QStringLiteral("resumed.ftlens"));
        put(path, m_bigBytes.left(3 * 1024 * 1024 + 17));
        const Reply reply = fetchInto(connection, m_big, path, true);
        QVERIFY2(reply.ok(), qPrintable(reply.error ? reply.error->message : QString()));
        QVERIFY(contents(path) == m_bigBytes);
    }

    // The part already there is not this recording's: the digest says so.
    void resumedOverForeignBytes()
    {
        HelperConnection connection;
        QString error;
        QVERIFY(connectTo(connection, m_helper.target(), error));
        const QString path = m_dir.filePath(QStringLiteral("foreign.ftlens"));
        put(path, QByteArray(100000, 'x'));
        const Reply reply = fetchInto(connection, m_small, path, true);
        QCOMPARE(errorCode(reply), QStringLiteral("checksum"));
        QVERIFY2(reply.error->message.contains(QStringLiteral("do not match the recording")), qPrintable(reply.error->message));
    }

    void fetchCancelled()
    {
        HelperConnection connection;
        QString error;
        QVERIFY(connectTo(connection, m_helper.target(), error));
        std::optional<Reply> got;
        const qint64 id = connection.fetch(m_big, m_dir.filePath(QStringLiteral("cancelled.ftlens")), false, [&got](const Reply& r) { got = r; });
        QSignalSpy progress(&connection, &HelperConnection::fetchProgress);
        connection.cancelFetch(id);
        QTRY_VERIFY(got.has_value());
        QCOMPARE(errorCode(*got), QStringLiteral("cancelled"));
        // The connection goes on serving.
        QVERIFY(call(connection, QStringLiteral("list")).ok());
    }

    void namesRefused_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("recording");
        QTest::addColumn<QString>("code");
        for (const char* type : { "fetch", "delete" }) {
            QTest::addRow("%s parent", type) << QString::fromLatin1(type) << QStringLiteral("../x") << QStringLiteral("bad-request");
            QTest::addRow("%s absolute", type) << QString::fromLatin1(type) << QStringLiteral("/etc/shadow") << QStringLiteral("bad-request");
            QTest::addRow("%s via an id", type) << QString::fromLatin1(type) << QStringLiteral("20250101-120000-000001/../../small.ftlens")
                                                << QStringLiteral("bad-request");
            QTest::addRow("%s unknown", type) << QString::fromLatin1(type) << QStringLiteral("20250101-120000-0000ff") << QStringLiteral("not-found");
        }
    }
    void namesRefused()
    {
        QFETCH(QString, type);
        QFETCH(QString, recording);
        QFETCH(QString, code);
        HelperConnection connection;
        QString error;
        QVERIFY(connectTo(connection, m_helper.target(), error));
        const Reply reply = call(connection, type, QCborMap { { QStringLiteral("recording"), recording } });
        QCOMPARE(errorCode(reply), code);
        QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("small.ftlens"))));
    }

    void fetchOffsetOutside()
    {
        HelperConnection connection;
        QString error;
        QVERIFY(connectTo(connection, m_helper.target(), error));
        const Reply reply = call(connection, QStringLiteral("fetch"), QCborMap { { QStringLiteral("recording"), m_small },
                                                                           { QStringLiteral("offset"), qint64(m_smallBytes.size()) + 1 } });
        QCOMPARE(errorCode(reply), QStringLiteral("bad-request"));
    }

    // The same requests over the stdio of a helper this client starts, as with pkexec.
    void stdioTransport()
    {
        m_helper.stop(); // one helper per data directory
        {
            HelperConnection connection;
            QString error;
            QVERIFY2(connectTo(connection, ServiceClient::HelperTarget::process(helperBinary(),
                                             { QStringLiteral("serve"), QStringLiteral("--stdio"), QStringLiteral("--data-dir"), m_helper.dataDir() }),
                         error),
                qPrintable(error));
            QCOMPARE(connection.hello().user, QStringLiteral("root"));
            const QString path = m_dir.filePath(QStringLiteral("stdio.ftlens"));
            const Reply reply = fetchInto(connection, m_small, path, false);
            QVERIFY2(reply.ok(), qPrintable(reply.error ? reply.error->message : QString()));
            QVERIFY(contents(path) == m_smallBytes);
        } // closing stdin ends that helper
        const QString error = m_helper.start(m_dir.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void deleteRecording()
    {
        HelperConnection connection;
        QString error;
        QVERIFY(connectTo(connection, m_helper.target(), error));
        QVERIFY(call(connection, QStringLiteral("delete"), QCborMap { { QStringLiteral("recording"), m_small } }).ok());
        QVERIFY(!QFileInfo::exists(m_helper.dataDir() + QLatin1Char('/') + m_small + QStringLiteral(".ftlens")));
        const Reply list = call(connection, QStringLiteral("list"));
        QCOMPARE(list.fields.value(QLatin1String("recordings")).toArray().size(), 1);
        QCOMPARE(errorCode(call(connection, QStringLiteral("delete"), QCborMap { { QStringLiteral("recording"), m_small } })),
            QStringLiteral("not-found"));
    }

    // Nothing records: stop and status say so.
    void idle()
    {
        HelperConnection connection;
        QString error;
        QVERIFY(connectTo(connection, m_helper.target(), error));
        QCOMPARE(errorCode(call(connection, QStringLiteral("status"))), QStringLiteral("idle"));
        QCOMPARE(errorCode(call(connection, QStringLiteral("stop"))), QStringLiteral("idle"));
    }

    void unreachable()
    {
        HelperConnection connection;
        QString error;
        QVERIFY(!connectTo(connection, ServiceClient::HelperTarget::unixSocket(m_dir.filePath(QStringLiteral("nothing.sock"))), error));
        QVERIFY2(error.startsWith(QStringLiteral("cannot reach the helper at %1").arg(m_dir.filePath(QStringLiteral("nothing.sock")))), qPrintable(error));
    }

private:
    QTemporaryDir m_dir;
    ServedHelper m_helper;
    QString m_small, m_big;
    QByteArray m_smallBytes, m_bigBytes;
};

QTEST_GUILESS_MAIN(TestHelperConnection)
#include "tst_helperconnection.moc"
