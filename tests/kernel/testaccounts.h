// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <sys/types.h>

// System users and groups made for a test run (as root, as CI runs), and removed again at its
// end — or, when a run crashed before its end, by the next run of any test that uses this. Names
// carry the test process's pid: users ftlt<pid hex>[-N], groups ftlg<pid hex>[-N], sudoers
// rules /etc/sudoers.d/ftlens-test-<user>; whatever carries the pid of a process that is no
// longer a running test is stale. Test thread only.
namespace KernelTest {

struct TestAccount {
    QString name;
    uid_t uid = 0;
    gid_t gid = 0; // primary group
};

class TestAccounts {
public:
    TestAccounts() = default;
    ~TestAccounts();
    TestAccounts(const TestAccounts&) = delete;
    TestAccounts& operator=(const TestAccounts&) = delete;

    // Why accounts cannot be made here (not root, a tool missing), or empty.
    static QString unavailableReason();
    // Removes the accounts and rules of test processes that are gone.
    static void removeStale();

    // A new system group; returns an error or empty.
    QString addGroup(QString& name);
    // A new system user (no home: /nonexistent/NAME, shell /bin/sh) whose supplementary groups are
    // `groups`; returns an error or empty.
    QString addUser(TestAccount& user, const QStringList& groups = {});
    // A sudoers rule letting user run program as root without a password, with SETENV (checked
    // by visudo before it goes live); returns an error or empty.
    QString allowSudo(const TestAccount& user, const QString& program, const QString& scratchDir);
    // Everything made, in reverse order (also done by the destructor).
    void removeAll();

private:
    QString nextName(const char* prefix, int& count) const;

    QStringList m_users, m_groups, m_rules;
    int m_userCount = 0;
    int m_groupCount = 0;
};

} // namespace KernelTest
