// SPDX-License-Identifier: GPL-3.0-or-later
// Where the client finds a helper: unix:PATH or pkexec, the exact command pkexec runs, and what a
// user is told when pkexec or polkit cannot give the rights — with the real pkexec of this
// machine (no polkit daemon runs here, so it refuses: that is what is checked) and pkexec's other
// refusals from its own words (polkit 122).
#include "helperconnection.h"
#include "helpertarget.h"
#include "servedhelper.h"

#include <QStandardPaths>
#include <QTest>

using ServiceClient::HelperTarget;

class TestHelperTarget : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("described");
        QTest::addRow("unix") << QStringLiteral("unix:/run/ftlens/helper.sock") << true << QStringLiteral("unix:/run/ftlens/helper.sock");
        QTest::addRow("pkexec") << QStringLiteral("pkexec") << true
                                << QStringLiteral("pkexec %1 serve --stdio").arg(HelperTarget::installedHelperPath());
        QTest::addRow("empty unix") << QStringLiteral("unix:") << false << QString();
        QTest::addRow("ssh") << QStringLiteral("ssh:host") << false << QString();
        QTest::addRow("a path") << QStringLiteral("/run/ftlens/helper.sock") << false << QString();
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, described);
        auto target = HelperTarget::parse(text);
        QCOMPARE(target.ok(), valid);
        if (valid)
            QCOMPARE(target->describe(), described);
        else
            QVERIFY(target.error().message.contains(QStringLiteral("give unix:PATH")));
    }

    // The very argv: pkexec, the installed helper by its absolute path (the policy pins it), serve --stdio.
    void pkexecArgv()
    {
        const HelperTarget target = HelperTarget::pkexec();
        QCOMPARE(target.program, QStringLiteral("pkexec"));
        QCOMPARE(target.arguments, QStringList({ HelperTarget::installedHelperPath(), QStringLiteral("serve"), QStringLiteral("--stdio") }));
        QVERIFY(QDir::isAbsolutePath(HelperTarget::installedHelperPath()));
        QVERIFY(HelperTarget::installedHelperPath().endsWith(QStringLiteral("/bin/ftlens-helper")));
    }

    void failures_data()
    {
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("said");
        QTest::addColumn<QString>("starts");
        QTest::addRow("dismissed") << 126 << QByteArray("Error executing command as another user: Request dismissed\n")
                                   << QStringLiteral("the password dialog was dismissed");
        QTest::addRow("not authorized") << 127 << QByteArray("Error executing command as another user: Not authorized\n\nThis incident has been reported.\n")
                                        << QStringLiteral("administrator rights to record were refused");
        QTest::addRow("no agent") << 127 << QByteArray("Error executing command as another user: No authentication agent found.\n")
                                  << QStringLiteral("polkit has no authentication agent");
        QTest::addRow("no polkitd") << 127 << QByteArray("Error getting authority: Error initializing authority: Could not connect: No such file or directory\n")
                                    << QStringLiteral("polkit is not running");
        QTest::addRow("no helper") << 127 << QByteArray("Error accessing /usr/local/bin/ftlens-helper: No such file or directory\n")
                                   << QStringLiteral("the helper is not installed at");
    }
    void failures()
    {
        QFETCH(int, exitCode);
        QFETCH(QByteArray, said);
        QFETCH(QString, starts);
        const QString message = ServiceClient::pkexecFailure(exitCode, said);
        QVERIFY2(message.startsWith(starts), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("(pkexec: ") + QString::fromUtf8(said).section(QLatin1Char('\n'), 0, 0) + QLatin1Char(')')), qPrintable(message));
    }

    // The real pkexec on this machine: the connection fails with a message saying why, not a hang
    // or a protocol error. (Which reason depends on the machine: no polkit daemon, no agent, the
    // helper not installed at its pinned path.)
    void realPkexec_data()
    {
        QTest::addColumn<QString>("helper");
        QTest::addRow("installed path") << HelperTarget::installedHelperPath();
        QTest::addRow("built helper") << ServiceTest::helperBinary();
    }
    void realPkexec()
    {
        QFETCH(QString, helper);
        if (QStandardPaths::findExecutable(QStringLiteral("pkexec")).isEmpty())
            QSKIP("pkexec is not installed (packaging/build-deps.txt lists it)");
        ServiceClient::HelperConnection connection;
        QString error;
        const bool connected = ServiceTest::connectTo(connection, HelperTarget::pkexec(helper), error, 60000);
        if (connected)
            QSKIP("polkit granted the rights here (a polkit daemon and agent run): nothing refused to check");
        const QStringList reasons { QStringLiteral("polkit is not running"), QStringLiteral("polkit has no authentication agent"),
            QStringLiteral("the helper is not installed at"), QStringLiteral("administrator rights to record were refused"),
            QStringLiteral("the password dialog was dismissed") };
        QVERIFY2(std::any_of(reasons.begin(), reasons.end(), [&error](const QString& r) { return error.startsWith(r); }), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("(pkexec: ")), qPrintable(error));
    }

    // pkexec missing altogether (not in PATH): said so, with the package's name.
    void noPkexec()
    {
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", "/nonexistent");
        ServiceClient::HelperConnection connection;
        QString error;
        QVERIFY(!ServiceTest::connectTo(connection, HelperTarget::pkexec(), error));
        qputenv("PATH", path);
        QVERIFY2(error.startsWith(QStringLiteral("pkexec is not installed (Debian package pkexec)")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestHelperTarget)
#include "tst_helpertarget.moc"
