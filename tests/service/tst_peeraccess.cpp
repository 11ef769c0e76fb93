// SPDX-License-Identifier: GPL-3.0-or-later
// Who may use the helper's socket: root and one group's members, from the kernel's peer
// credentials and the user database (as root, as CI runs: the accounts nobody/nogroup).
#include "peeraccess.h"

#include <QTest>

#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

class TestPeerAccess : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void admit_data()
    {
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("refusal"); // empty: admitted
        QTest::addRow("root") << QStringLiteral("ftlens-no-such-group") << QStringLiteral("root") << QString();
        QTest::addRow("primary group") << QStringLiteral("nogroup") << QStringLiteral("nobody") << QString();
        QTest::addRow("not a member") << QStringLiteral("root") << QStringLiteral("nobody")
                                      << QStringLiteral("nobody (uid 65534) is neither root nor a member of group 'root'");
        QTest::addRow("no group") << QStringLiteral("ftlens-no-such-group") << QStringLiteral("nobody")
                                  << QStringLiteral("nobody (uid 65534) is not root, and group 'ftlens-no-such-group' does not exist");
    }
    void admit()
    {
        QFETCH(QString, group);
        QFETCH(QString, user);
        QFETCH(QString, refusal);
        const passwd* entry = ::getpwnam(user.toLatin1().constData());
        if (!entry)
            QSKIP("this system has no such account");
        const Service::PeerAccess access(group);
        auto admitted = access.admit(entry->pw_uid);
        QCOMPARE(admitted.ok(), refusal.isEmpty());
        if (admitted)
            QCOMPARE(admitted->name, user);
        else
            QCOMPARE(admitted.error().message, refusal);
    }

    void unknownUid()
    {
        auto admitted = Service::PeerAccess(QStringLiteral("nogroup")).admit(uid_t(3999999999u));
        QVERIFY(!admitted);
        QVERIFY2(admitted.error().message.startsWith(QStringLiteral("uid 3999999999 is not in the user database")), qPrintable(admitted.error().message));
    }

    // The kernel's word on the other end of a socket: this very process.
    void credentialsOfThePeer()
    {
        int fds[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
        auto peer = Service::peerCredentials(fds[0]);
        ::close(fds[0]);
        ::close(fds[1]);
        QVERIFY(peer);
        QCOMPARE(peer->pid, ::getpid());
        QCOMPARE(peer->uid, ::getuid());
        QCOMPARE(peer->gid, ::getgid());
    }

    void credentialsOfNoSocket()
    {
        auto peer = Service::peerCredentials(STDIN_FILENO == 0 ? -1 : 0);
        QVERIFY(!peer);
        QVERIFY(peer.error().message.startsWith(QStringLiteral("cannot read the peer's credentials (SO_PEERCRED)")));
    }
};

QTEST_GUILESS_MAIN(TestPeerAccess)
#include "tst_peeraccess.moc"
