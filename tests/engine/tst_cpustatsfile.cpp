// SPDX-License-Identifier: GPL-3.0-or-later
// Parsing per_cpu/cpuN/stats. The "kernel" rows keep the exact layout Linux 6.18 prints (two-space
// padding after the timestamps' colons included); only the numbers differ.
#include "cpustatsfile.h"

#include <QTest>

using namespace Recorder;

namespace {

QString describe(const Storage::CpuStats& s)
{
    return QStringLiteral("cpu=%1 entries=%2 overrun=%3 commitOverrun=%4 bytes=%5 dropped=%6 read=%7 missed=%8")
        .arg(s.cpu)
        .arg(s.entries)
        .arg(s.overrun)
        .arg(s.commitOverrun)
        .arg(s.bytes)
        .arg(s.droppedEvents)
        .arg(s.readEvents)
        .arg(s.missedEvents);
}

} // namespace

class TestCpuStatsFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void unreadableFileIsAllZero();
};

void TestCpuStatsFile::parses_data()
{
    QTest::addColumn<int>("cpu");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");

    QTest::addRow("kernel, idle")
        << 0
        << QByteArray("entries: 0\noverrun: 0\ncommit overrun: 0\nbytes: 0\noldest event ts:     0.000000\n"
                      "now ts:    70.662480\ndropped events: 0\nread events: 0\n")
        << QStringLiteral("cpu=0 entries=0 overrun=0 commitOverrun=0 bytes=0 dropped=0 read=0 missed=0");
    QTest::addRow("kernel, busy")
        << 3
        << QByteArray("entries: 1234\noverrun: 56789\ncommit overrun: 7\nbytes: 1048576\noldest event ts:  1335.373550\n"
                      "now ts:  1402.117202\ndropped events: 42\nread events: 987654\n")
        << QStringLiteral("cpu=3 entries=1234 overrun=56789 commitOverrun=7 bytes=1048576 dropped=42 read=987654 missed=0");
    QTest::addRow("kernel, counts past 32 bits")
        << 127
        << QByteArray("entries: 5000000000\noverrun: 4294967296\ncommit overrun: 0\nbytes: 9000000000\n"
                      "oldest event ts: 86400.000001\nnow ts: 86401.500000\ndropped events: 0\nread events: 12\n")
        << QStringLiteral("cpu=127 entries=5000000000 overrun=4294967296 commitOverrun=0 bytes=9000000000 dropped=0 read=12 missed=0");
    QTest::addRow("lines in another order, CRLF, no final newline")
        << 1 << QByteArray("read events: 5\r\nbytes: 64\r\nentries: 2")
        << QStringLiteral("cpu=1 entries=2 overrun=0 commitOverrun=0 bytes=64 dropped=0 read=5 missed=0");
    QTest::addRow("older kernel without dropped/read events")
        << 2 << QByteArray("entries: 9\noverrun: 1\ncommit overrun: 0\nbytes: 300\noldest event ts:  1.0\nnow ts:  2.0\n")
        << QStringLiteral("cpu=2 entries=9 overrun=1 commitOverrun=0 bytes=300 dropped=0 read=0 missed=0");
    QTest::addRow("truncated mid-file")
        << 0 << QByteArray("entries: 17\noverrun: 3\ncommit ov")
        << QStringLiteral("cpu=0 entries=17 overrun=3 commitOverrun=0 bytes=0 dropped=0 read=0 missed=0");
    QTest::addRow("'overrun' is not 'commit overrun'")
        << 0 << QByteArray("commit overrun: 8\n")
        << QStringLiteral("cpu=0 entries=0 overrun=0 commitOverrun=8 bytes=0 dropped=0 read=0 missed=0");
    QTest::addRow("garbage values read as 0")
        << 0 << QByteArray("entries: many\noverrun: 12abc\nbytes: -\ndropped events: 4\n")
        << QStringLiteral("cpu=0 entries=0 overrun=0 commitOverrun=0 bytes=0 dropped=4 read=0 missed=0");
    QTest::addRow("unknown keys and lines without a colon")
        << 0 << QByteArray("hello\n: 5\nentries 9\nfoo: 3\nentries: 6\n")
        << QStringLiteral("cpu=0 entries=6 overrun=0 commitOverrun=0 bytes=0 dropped=0 read=0 missed=0");
    QTest::addRow("binary garbage")
        << 5 << QByteArray("\x00\x01\xff:\xfe\n\n::::\n", 12)
        << QStringLiteral("cpu=5 entries=0 overrun=0 commitOverrun=0 bytes=0 dropped=0 read=0 missed=0");
    QTest::addRow("empty") << 4 << QByteArray()
                           << QStringLiteral("cpu=4 entries=0 overrun=0 commitOverrun=0 bytes=0 dropped=0 read=0 missed=0");
}

void TestCpuStatsFile::parses()
{
    QFETCH(int, cpu);
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    QCOMPARE(describe(parseCpuStats(cpu, text)), expected);
}

void TestCpuStatsFile::unreadableFileIsAllZero()
{
    const Storage::CpuStats stats = readCpuStats(QStringLiteral("/nonexistent/ftlens/instance"), 7);
    QCOMPARE(describe(stats), QStringLiteral("cpu=7 entries=0 overrun=0 commitOverrun=0 bytes=0 dropped=0 read=0 missed=0"));
}

QTEST_GUILESS_MAIN(TestCpuStatsFile)
#include "tst_cpustatsfile.moc"
