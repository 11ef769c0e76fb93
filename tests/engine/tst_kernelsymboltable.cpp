// SPDX-License-Identifier: GPL-3.0-or-later
// Kernel addresses named as the kernel's %ps names them, from /proc/kallsyms text: the nearest
// text symbol at or before the address, no offset, no [module]; data symbols, aliases, unsorted
// input, zeroed addresses (kptr_restrict) and lines that are not symbols.
#include "kernelsymboltable.h"

#include <QTest>

using Recorder::KernelSymbolTable;

namespace {
const QByteArray kallsyms = "ffffffff81200000 T schedule\n" // not in address order, as module symbols are not
                            "ffffffff81000000 T _stext\n"
                            "ffffffff81000000 T _text\n"
                            "ffffffff81100000 T vfs_read\n"
                            "ffffffff81100300 D some_data\n"
                            "ffffffff81100380 r some_rodata\n"
                            "ffffffff81100400 W weak_function\n"
                            "ffffffffc0a00000 t ext4_file_read_iter\t[ext4]\n"
                            "garbage line\n"
                            "ffffffffc0a00100 t\n";
} // namespace

class TestKernelSymbolTable : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void nameFor_data()
    {
        QTest::addColumn<quint64>("address");
        QTest::addColumn<QString>("name"); // empty: none
        QTest::addRow("exact") << quint64(0xffffffff81100000ull) << QStringLiteral("vfs_read");
        QTest::addRow("inside, offset dropped") << quint64(0xffffffff8110002aull) << QStringLiteral("vfs_read");
        QTest::addRow("past a data symbol") << quint64(0xffffffff81100390ull) << QStringLiteral("vfs_read");
        QTest::addRow("weak function") << quint64(0xffffffff81100404ull) << QStringLiteral("weak_function");
        QTest::addRow("first of aliases") << quint64(0xffffffff81000000ull) << QStringLiteral("_stext");
        QTest::addRow("inside aliases") << quint64(0xffffffff81000010ull) << QStringLiteral("_stext");
        QTest::addRow("listed first, highest core address") << quint64(0xffffffff81200008ull) << QStringLiteral("schedule");
        QTest::addRow("module symbol without [ext4]") << quint64(0xffffffffc0a00040ull) << QStringLiteral("ext4_file_read_iter");
        QTest::addRow("before every symbol") << quint64(0xffffffff80000000ull) << QString();
        QTest::addRow("zero") << quint64(0) << QString();
    }

    void nameFor()
    {
        QFETCH(quint64, address);
        QFETCH(QString, name);
        const KernelSymbolTable table = KernelSymbolTable::parse(kallsyms);
        QCOMPARE(table.size(), std::size_t(6));
        QVERIFY(!table.addressesHidden());
        const std::optional<std::string> found = table.nameFor(address);
        QCOMPARE(found ? QString::fromStdString(*found) : QString(), name);
    }

    void hiddenAddresses()
    {
        const KernelSymbolTable table = KernelSymbolTable::parse("0000000000000000 T _stext\n0000000000000000 T vfs_read\n");
        QVERIFY(table.addressesHidden());
        QCOMPARE(table.size(), std::size_t(0));
        QVERIFY(!table.nameFor(0xffffffff81100000ull));
    }

    void missingFile()
    {
        const auto table = KernelSymbolTable::load(QStringLiteral("/nonexistent/kallsyms"));
        QVERIFY(!table.ok());
        QVERIFY2(table.error().message.startsWith(QLatin1String("/nonexistent/kallsyms: cannot read")), qPrintable(table.error().message));
    }
};

QTEST_GUILESS_MAIN(TestKernelSymbolTable)
#include "tst_kernelsymboltable.moc"
