// SPDX-License-Identifier: GPL-3.0-or-later
// Ring-buffer pages damaged in each way kbuffer would follow out of the page (or backwards), and
// intact ones it must read whole: checkRawPage says how far a page is readable, cutRawPage makes
// it so, missedBeforeRawPage still reads the kernel's lost count.
#include "rawpagecheck.h"
#include "ringbufferpage.h"

#include <QTest>

#include <cstring>

using namespace Recorder;
using TestSupport::RingBufferPage;

namespace {

constexpr std::uint64_t T = 70'662'480'000;
constexpr std::size_t room = RingBufferPage::pageSize - RingBufferPage::headerSize;

// Records at data offsets 0, 40 and 80 (36-byte payloads: type_len 9), then a 200-byte payload
// at 120 (type_len 0 with a length word): 328 bytes of data.
std::vector<char> fourRecords()
{
    RingBufferPage page(T);
    for (int i = 0; i < 3; ++i)
        page.append(T + std::uint64_t(i), QByteArray(36, char('a' + i)));
    page.append(T + 3, QByteArray(200, 'd'));
    return page.bytes();
}

void putU32(std::vector<char>& page, std::size_t dataOffset, std::uint32_t value)
{
    std::memcpy(page.data() + RingBufferPage::headerSize + dataOffset, &value, sizeof value);
}

void putCommit(std::vector<char>& page, std::uint64_t commit) { std::memcpy(page.data() + 8, &commit, sizeof commit); }

std::uint64_t commitOf(const std::vector<char>& page)
{
    std::uint64_t commit = 0;
    std::memcpy(&commit, page.data() + 8, sizeof commit);
    return commit;
}

// A padding record (type_len 29) at offset whose length word says size.
void putPadding(std::vector<char>& page, std::size_t offset, std::uint32_t size)
{
    putU32(page, offset, (1u << 5) | 29u);
    putU32(page, offset + 4, size);
}

using Damage = std::function<void(std::vector<char>&)>;

} // namespace

Q_DECLARE_METATYPE(Damage)
Q_DECLARE_METATYPE(RawPageCheck::State)

class TestRawPageCheck : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void layoutAsTheBuilderWritesIt()
    {
        const std::vector<char> page = fourRecords();
        QCOMPARE(commitOf(page), std::uint64_t(328));
        QCOMPARE(rawPageHeaderSize, std::size_t(RingBufferPage::headerSize));
    }

    void check_data()
    {
        QTest::addColumn<Damage>("damage");
        QTest::addColumn<RawPageCheck::State>("state");
        QTest::addColumn<int>("usable");
        QTest::addColumn<bool>("countOutside");
        using State = RawPageCheck::State;

        QTest::addRow("intact") << Damage([](auto&) { }) << State::Whole << 328 << false;
        QTest::addRow("empty page") << Damage([](auto& p) { putCommit(p, 0); }) << State::Whole << 0 << false;
        QTest::addRow("data longer than the page") << Damage([](auto& p) { putCommit(p, room + 1); }) << State::Broken << 0 << false;
        QTest::addRow("data as long as the page: the last record runs past")
            << Damage([](auto& p) { putCommit(p, room); }) << State::Truncated << 328 << false;
        QTest::addRow("page shorter than its header") << Damage([](auto& p) { p.resize(12); }) << State::Broken << 0 << false;
        QTest::addRow("page cut after its header") << Damage([](auto& p) { p.resize(100); }) << State::Broken << 0 << false;
        QTest::addRow("record runs past the data") << Damage([](auto& p) {
            putU32(p, 80, 28); // 112 bytes where 36 were
            putCommit(p, 120);
        }) << State::Truncated << 80 << false;
        QTest::addRow("commit ends inside a record") << Damage([](auto& p) { putCommit(p, 100); }) << State::Truncated << 80 << false;
        QTest::addRow("commit ends inside a header") << Damage([](auto& p) { putCommit(p, 82); }) << State::Truncated << 80 << false;
        QTest::addRow("length word below 4: zero or negative length")
            << Damage([](auto& p) { putU32(p, 124, 2); }) << State::Truncated << 120 << false;
        QTest::addRow("length word past the data") << Damage([](auto& p) { putU32(p, 124, 0x7ffffff0); }) << State::Truncated << 120 << false;
        QTest::addRow("length word that wraps an int") << Damage([](auto& p) { putU32(p, 124, 0x80000002); }) << State::Truncated << 120 << false;
        QTest::addRow("padding with a negative length") << Damage([](auto& p) { putPadding(p, 40, 0x80000000); }) << State::Truncated << 40 << false;
        QTest::addRow("padding inside the data") << Damage([](auto& p) { putPadding(p, 40, 36); }) << State::Whole << 328 << false;
        QTest::addRow("padding past the data ends the page") << Damage([](auto& p) { putPadding(p, 80, 10000); }) << State::Whole << 328 << false;
        QTest::addRow("time extend cut by the commit") << Damage([](auto& p) {
            putU32(p, 80, 30);
            putCommit(p, 86);
        }) << State::Truncated << 80 << false;
        QTest::addRow("time stamp record") << Damage([](auto& p) {
            putU32(p, 80, 31); // an 8-byte absolute time stamp, then a 32-byte record where 40 were
            putU32(p, 84, 0);
            putU32(p, 88, 7);
        }) << State::Whole << 328 << false;
        // The kernel stores a lost count only where it fits after the data.
        QTest::addRow("stored count would lie past the page") << Damage([](auto& p) {
            putPadding(p, 0, std::uint32_t(room - 4));
            putCommit(p, room | RingBufferPage::missedEventsFlag | RingBufferPage::missedStoredFlag);
        }) << State::Whole << int(room) << true;
        QTest::addRow("stored count fits") << Damage([](auto& p) {
            putCommit(p, 328 | RingBufferPage::missedEventsFlag | RingBufferPage::missedStoredFlag);
        }) << State::Whole << 328 << false;
    }

    void check()
    {
        QFETCH(Damage, damage);
        QFETCH(RawPageCheck::State, state);
        QFETCH(int, usable);
        QFETCH(bool, countOutside);
        std::vector<char> page = fourRecords();
        damage(page);
        const RawPageCheck result = checkRawPage(page);
        QCOMPARE(result.state, state);
        QCOMPARE(result.usableBytes, std::size_t(usable));
        QCOMPARE(result.missedCountOutside, countOutside);
        if (state == RawPageCheck::State::Broken)
            return;
        // Cut, the page is whole: every record kbuffer walks lies inside it.
        cutRawPage(page, result);
        const RawPageCheck again = checkRawPage(page);
        QCOMPARE(again.state, RawPageCheck::State::Whole);
        QCOMPARE(again.usableBytes, std::size_t(usable));
        QCOMPARE(again.missedCountOutside, false);
    }

    void cutKeepsTheMissedFlagAndDropsAStoredCountBehindTheCut()
    {
        RingBufferPage built(T);
        built.append(T, QByteArray(36, 'a'));
        built.append(T + 1, QByteArray(36, 'b'));
        built.setMissedEvents(42);
        std::vector<char> page = built.bytes();
        QCOMPARE(missedBeforeRawPage(page), 42);
        putU32(page, 40, 28); // the second record runs past the data
        const RawPageCheck result = checkRawPage(page);
        QCOMPARE(result.state, RawPageCheck::State::Truncated);
        cutRawPage(page, result);
        const std::uint64_t commit = commitOf(page);
        QCOMPARE(commit & ((1u << 27) - 1), std::uint64_t(40));
        QVERIFY(commit & RingBufferPage::missedEventsFlag);
        QVERIFY(!(commit & RingBufferPage::missedStoredFlag));
        QCOMPARE(missedBeforeRawPage(page), 1); // the count itself is gone with the cut: at least one
    }

    void missedCounts_data()
    {
        QTest::addColumn<std::uint64_t>("commitFlags");
        QTest::addColumn<bool>("storeCount");
        QTest::addColumn<qint64>("missed");
        QTest::addRow("none") << std::uint64_t(0) << false << qint64(0);
        QTest::addRow("flag only") << RingBufferPage::missedEventsFlag << false << qint64(1);
        QTest::addRow("count stored") << (RingBufferPage::missedEventsFlag | RingBufferPage::missedStoredFlag) << true << qint64(1234);
        QTest::addRow("stored count of zero") << (RingBufferPage::missedEventsFlag | RingBufferPage::missedStoredFlag) << false << qint64(1);
    }

    void missedCounts()
    {
        QFETCH(std::uint64_t, commitFlags);
        QFETCH(bool, storeCount);
        QFETCH(qint64, missed);
        std::vector<char> page = fourRecords();
        putCommit(page, 328 | commitFlags);
        const std::uint64_t count = storeCount ? 1234 : 0;
        std::memcpy(page.data() + RingBufferPage::headerSize + 328, &count, sizeof count);
        QCOMPARE(missedBeforeRawPage(page), missed);
        page.resize(10);
        QCOMPARE(missedBeforeRawPage(page), 0);
    }
};

QTEST_GUILESS_MAIN(TestRawPageCheck)
#include "tst_rawpagecheck.moc"
