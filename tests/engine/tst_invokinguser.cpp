// SPDX-License-Identifier: GPL-3.0-or-later
// Who invoked the helper: the kernel's facts (the parent's real uid, the login uid) decide, the
// environment's claims (SUDO_UID, PKEXEC_UID, SUDO_USER, SUDO_GID) are believed only where they
// agree, and a root login has no invoking user (the COMMAND runs as root).
#include "invokinguser.h"

#include <QTest>

#include <pwd.h>

using Recorder::CallerFacts;

namespace {
std::optional<uid_t> uidOrNone(int value) { return value < 0 ? std::nullopt : std::optional<uid_t>(uid_t(value)); }
std::optional<QString> textOrNone(const QString& value) { return value.isNull() ? std::nullopt : std::optional<QString>(value); }

// A user every Debian system has (base-passwd): nobody, uid 65534, group nogroup 65534.
constexpr uid_t nobody = 65534;
} // namespace

class TestInvokingUser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decides_data();
    void decides();
    void checksSudoNames_data();
    void checksSudoNames();
    void accountHasGroupsAndHome();
};

void TestInvokingUser::decides_data()
{
    QTest::addColumn<int>("parentUid"); // -1: unknown
    QTest::addColumn<int>("loginUid");  // -1: unset
    QTest::addColumn<QString>("sudoUid"); // null: not set
    QTest::addColumn<QString>("pkexecUid");
    QTest::addColumn<int>("expected"); // -1: root itself (no invoking user), -2: refused
    QTest::addColumn<QString>("message");

    QTest::addRow("root login") << 0 << 0 << QString() << QString() << -1 << QString();
    QTest::addRow("root without a login session") << 0 << -1 << QString() << QString() << -1 << QString();
    QTest::addRow("sudo from a user") << 1000 << 1000 << QStringLiteral("1000") << QString() << 1000 << QString();
    QTest::addRow("sudo, no login session") << 1000 << -1 << QStringLiteral("1000") << QString() << 1000 << QString();
    QTest::addRow("pkexec from a user") << 1000 << 1000 << QString() << QStringLiteral("1000") << 1000 << QString();
    QTest::addRow("a user's process, no claim (setuid wrapper)") << 1000 << -1 << QString() << QString() << 1000 << QString();
    QTest::addRow("su to bob, then sudo") << 1001 << 1000 << QStringLiteral("1001") << QString() << 1001 << QString();
    QTest::addRow("forged SUDO_UID=0") << 1000 << 1000 << QStringLiteral("0") << QString() << -2
                                       << QStringLiteral("SUDO_UID=0, but the helper was started by uid 1000");
    QTest::addRow("forged SUDO_UID of another user") << 1000 << -1 << QStringLiteral("1001") << QString() << -2
                                                     << QStringLiteral("SUDO_UID=1001, but the helper was started by uid 1000");
    QTest::addRow("forged PKEXEC_UID=0") << 1000 << -1 << QString() << QStringLiteral("0") << -2
                                         << QStringLiteral("PKEXEC_UID=0, but the helper was started by uid 1000");
    QTest::addRow("root runs sudo") << 0 << 0 << QStringLiteral("0") << QString() << -1 << QString();
    QTest::addRow("root shell from sudo -i") << 0 << 1000 << QStringLiteral("1000") << QString() << 1000 << QString();
    QTest::addRow("root parent, no login session (container)") << 0 << -1 << QStringLiteral("1000") << QString() << 1000 << QString();
    QTest::addRow("root parent, claim contradicts the login") << 0 << 1000 << QStringLiteral("1001") << QString() << -2
                                                              << QStringLiteral("this login session belongs to uid 1000");
    QTest::addRow("parent unknown, no claim") << -1 << -1 << QString() << QString() << -1 << QString();
    QTest::addRow("two claims disagree") << 0 << -1 << QStringLiteral("1000") << QStringLiteral("1001") << -2
                                         << QStringLiteral("SUDO_UID=1000 and PKEXEC_UID=1001 name different users");
    QTest::addRow("SUDO_UID not a number") << 1000 << -1 << QStringLiteral("1000x") << QString() << -2
                                           << QStringLiteral("SUDO_UID='1000x' is not a user id");
    QTest::addRow("SUDO_UID empty") << 0 << -1 << QStringLiteral("") << QString() << -2 << QStringLiteral("SUDO_UID='' is not a user id");
    QTest::addRow("SUDO_UID negative") << 0 << -1 << QStringLiteral("-1") << QString() << -2
                                       << QStringLiteral("SUDO_UID='-1' is not a user id");
}

void TestInvokingUser::decides()
{
    QFETCH(int, parentUid);
    QFETCH(int, loginUid);
    QFETCH(QString, sudoUid);
    QFETCH(QString, pkexecUid);
    QFETCH(int, expected);
    QFETCH(QString, message);
    CallerFacts facts;
    facts.parentUid = uidOrNone(parentUid);
    facts.loginUid = uidOrNone(loginUid);
    facts.sudoUid = textOrNone(sudoUid);
    facts.pkexecUid = textOrNone(pkexecUid);
    auto uid = Recorder::invokingUid(facts);
    if (expected == -2) {
        QVERIFY(!uid.ok());
        QVERIFY2(uid.error().message.contains(message), qPrintable(uid.error().message));
        return;
    }
    QVERIFY2(uid.ok(), qPrintable(uid.ok() ? QString() : uid.error().message));
    QCOMPARE(uid->has_value(), expected >= 0);
    if (expected >= 0)
        QCOMPARE(int(**uid), expected);
}

void TestInvokingUser::checksSudoNames_data()
{
    QTest::addColumn<QString>("sudoUser");
    QTest::addColumn<QString>("sudoGid");
    QTest::addColumn<QString>("message"); // empty: accepted
    QTest::addRow("consistent") << QStringLiteral("nobody") << QStringLiteral("65534") << QString();
    QTest::addRow("only SUDO_UID") << QString() << QString() << QString();
    QTest::addRow("SUDO_USER of another user") << QStringLiteral("root") << QStringLiteral("65534")
                                               << QStringLiteral("SUDO_USER='root' is not the invoking user nobody (uid 65534)");
    QTest::addRow("SUDO_GID not one of the user's groups") << QStringLiteral("nobody") << QStringLiteral("0")
                                                           << QStringLiteral("SUDO_GID='0' is not a group of the invoking user nobody");
    QTest::addRow("SUDO_GID garbage") << QStringLiteral("nobody") << QStringLiteral("x")
                                      << QStringLiteral("SUDO_GID='x' is not a group of the invoking user nobody");
}

void TestInvokingUser::checksSudoNames()
{
    QFETCH(QString, sudoUser);
    QFETCH(QString, sudoGid);
    QFETCH(QString, message);
    if (!::getpwuid(nobody))
        QSKIP("this system has no user nobody (65534)");
    CallerFacts facts;
    facts.parentUid = nobody; // as sudo run by nobody leaves it
    facts.sudoUid = QString::number(nobody);
    facts.sudoUser = textOrNone(sudoUser);
    facts.sudoGid = textOrNone(sudoGid);
    auto user = Recorder::invokingUser(facts);
    if (message.isEmpty()) {
        QVERIFY2(user.ok(), qPrintable(user.ok() ? QString() : user.error().message));
        QVERIFY(user->has_value());
        QCOMPARE((*user)->uid, nobody);
        QCOMPARE((*user)->name, QStringLiteral("nobody"));
        return;
    }
    QVERIFY(!user.ok());
    QCOMPARE(user.error().message, message);
}

void TestInvokingUser::accountHasGroupsAndHome()
{
    auto root = Recorder::accountOf(0);
    QVERIFY2(root.ok(), qPrintable(root.ok() ? QString() : root.error().message));
    QCOMPARE(root->name, QStringLiteral("root"));
    QCOMPARE(root->gid, gid_t(0));
    QVERIFY(!root->home.isEmpty());
    QVERIFY2(std::find(root->groups.begin(), root->groups.end(), gid_t(0)) != root->groups.end(), "initgroups includes the primary group");
    auto missing = Recorder::accountOf(uid_t(4000000000u));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().message, QStringLiteral("uid 4000000000 has no entry in the user database"));
}

QTEST_GUILESS_MAIN(TestInvokingUser)
#include "tst_invokinguser.moc"
