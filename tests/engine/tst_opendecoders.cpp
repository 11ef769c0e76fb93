// SPDX-License-Identifier: GPL-3.0-or-later
// open(2) value decoding as strace and the kernel headers spell it.
#include "opendecoders.h"

#include <QTest>

#include <fcntl.h>

class TestOpenDecoders : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void flags_data()
    {
        QTest::addColumn<qulonglong>("flags");
        QTest::addColumn<QString>("text");
        // Values from this system's <fcntl.h>, not from the decoder's table.
        QTest::addRow("rdonly") << qulonglong(O_RDONLY) << QStringLiteral("O_RDONLY");
        QTest::addRow("rdonly cloexec") << qulonglong(O_RDONLY | O_CLOEXEC) << QStringLiteral("O_RDONLY|O_CLOEXEC");
        QTest::addRow("fs:do_sys_open 88000") << qulonglong(0x88000) << QStringLiteral("O_RDONLY|O_LARGEFILE|O_CLOEXEC");
        QTest::addRow("creat trunc wronly") << qulonglong(O_WRONLY | O_CREAT | O_TRUNC) << QStringLiteral("O_WRONLY|O_CREAT|O_TRUNC");
        QTest::addRow("rdwr append nonblock") << qulonglong(O_RDWR | O_APPEND | O_NONBLOCK)
                                              << QStringLiteral("O_RDWR|O_APPEND|O_NONBLOCK");
        QTest::addRow("directory nofollow") << qulonglong(O_DIRECTORY | O_NOFOLLOW) << QStringLiteral("O_RDONLY|O_DIRECTORY|O_NOFOLLOW");
        QTest::addRow("sync") << qulonglong(O_SYNC | O_WRONLY) << QStringLiteral("O_WRONLY|O_SYNC");
        QTest::addRow("dsync") << qulonglong(O_DSYNC) << QStringLiteral("O_RDONLY|O_DSYNC");
        QTest::addRow("tmpfile") << qulonglong(O_TMPFILE | O_RDWR) << QStringLiteral("O_RDWR|O_TMPFILE");
        QTest::addRow("path") << qulonglong(O_PATH) << QStringLiteral("O_RDONLY|O_PATH");
        QTest::addRow("unknown bit") << qulonglong(0x80000000ull) << QStringLiteral("O_RDONLY|0x80000000");
    }
    void flags()
    {
        QFETCH(qulonglong, flags);
        QFETCH(QString, text);
        QCOMPARE(Engine::openFlagsText(flags), text);
    }

    void values_data()
    {
        QTest::addColumn<int>("decoder");
        QTest::addColumn<qlonglong>("value");
        QTest::addColumn<QString>("text");
        using D = Engine::ValueDecoder;
        QTest::addRow("mode 644") << int(D::Mode) << qlonglong(0644) << QStringLiteral("0644");
        QTest::addRow("mode 666 (fs:do_sys_open)") << int(D::Mode) << qlonglong(0666) << QStringLiteral("0666");
        QTest::addRow("mode 0") << int(D::Mode) << qlonglong(0) << QStringLiteral("0");
        QTest::addRow("AT_FDCWD") << int(D::DirFd) << qlonglong(AT_FDCWD) << QStringLiteral("AT_FDCWD");
        QTest::addRow("AT_FDCWD as u32") << int(D::DirFd) << qlonglong(0xffffff9c) << QStringLiteral("AT_FDCWD");
        QTest::addRow("dfd 3") << int(D::DirFd) << qlonglong(3) << QStringLiteral("3");
        QTest::addRow("ret ENOENT") << int(D::Return) << qlonglong(-ENOENT) << QStringLiteral("-2 ENOENT");
        QTest::addRow("ret EACCES") << int(D::Return) << qlonglong(-EACCES) << QStringLiteral("-13 EACCES");
        QTest::addRow("ret fd") << int(D::Return) << qlonglong(3) << QStringLiteral("3");
        QTest::addRow("ret -1 EPERM") << int(D::Return) << qlonglong(-1) << QStringLiteral("-1 EPERM");
        QTest::addRow("ret pointer-like") << int(D::Return) << qlonglong(-70000) << QStringLiteral("-70000");
    }
    void values()
    {
        QFETCH(int, decoder);
        QFETCH(qlonglong, value);
        QFETCH(QString, text);
        QCOMPARE(Engine::decode(Engine::ValueDecoder(decoder), value), text);
    }

    void decoderChoice_data()
    {
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("field");
        QTest::addColumn<int>("decoder");
        using D = Engine::ValueDecoder;
        QTest::addRow("do_sys_open flags") << QStringLiteral("do_sys_open") << QStringLiteral("flags") << int(D::OpenFlags);
        QTest::addRow("libc open64 mode") << QStringLiteral("libc_open64") << QStringLiteral("mode") << int(D::Mode);
        QTest::addRow("openat dfd") << QStringLiteral("sys_enter_openat") << QStringLiteral("dfd") << int(D::DirFd);
        QTest::addRow("any ret") << QStringLiteral("vfs_read") << QStringLiteral("ret") << int(D::Return);
        QTest::addRow("mmap flags are not open flags") << QStringLiteral("do_mmap") << QStringLiteral("flags") << int(D::None);
        QTest::addRow("other field") << QStringLiteral("do_sys_open") << QStringLiteral("filename") << int(D::None);
    }
    void decoderChoice()
    {
        QFETCH(QString, where);
        QFETCH(QString, field);
        QFETCH(int, decoder);
        QCOMPARE(int(Engine::decoderForField(where, field)), decoder);
    }
};

QTEST_GUILESS_MAIN(TestOpenDecoders)
#include "tst_opendecoders.moc"
