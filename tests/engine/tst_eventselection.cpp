// SPDX-License-Identifier: GPL-3.0-or-later
// Expanding -e patterns against an events/ directory laid out like the kernel's: an event is a
// directory with an enable file; ftrace/function has none (the kernel never lets it be enabled
// as an event), and header_page is a plain file beside the systems.
#include "eventselection.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Recorder;

Q_DECLARE_METATYPE(std::vector<Recorder::EventRequest>)

namespace {

bool touch(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly);
}

// One "system:name [filter]" line per selected event, in the order returned.
QStringList describe(const std::vector<SelectedEvent>& events)
{
    QStringList lines;
    for (const SelectedEvent& event : events) {
        QString line = event.system + QLatin1Char(':') + event.name;
        if (!event.filter.isEmpty())
            line += QLatin1String(" [") + event.filter + QLatin1Char(']');
        lines << line;
    }
    return lines;
}

EventRequest request(const char* pattern, const char* filter = "")
{
    return EventRequest { QString::fromLatin1(pattern), QString::fromLatin1(filter) };
}

} // namespace

class TestEventSelection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void expands_data();
    void expands();
    void rejects_data();
    void rejects();

private:
    QTemporaryDir m_dir;
    QString m_events;
};

void TestEventSelection::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_events = m_dir.filePath(QStringLiteral("events"));
    const QStringList enabled { QStringLiteral("sched/sched_switch"), QStringLiteral("sched/sched_wakeup"),
        QStringLiteral("syscalls/sys_enter_openat"), QStringLiteral("syscalls/sys_exit_openat") };
    for (const QString& event : enabled) {
        QVERIFY(QDir().mkpath(m_events + QLatin1Char('/') + event));
        QVERIFY(touch(m_events + QLatin1Char('/') + event + QLatin1String("/enable")));
        QVERIFY(touch(m_events + QLatin1Char('/') + event + QLatin1String("/format")));
    }
    for (const char* system : { "sched", "syscalls" })
        QVERIFY(touch(m_events + QLatin1Char('/') + QLatin1String(system) + QLatin1String("/enable")));
    QVERIFY(QDir().mkpath(m_events + QLatin1String("/ftrace/function")));
    QVERIFY(touch(m_events + QLatin1String("/ftrace/function/format")));
    QVERIFY(touch(m_events + QLatin1String("/header_page")));
    QVERIFY(touch(m_events + QLatin1String("/enable")));
}

void TestEventSelection::expands_data()
{
    QTest::addColumn<std::vector<EventRequest>>("requests");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("exact") << std::vector { request("sched:sched_switch") } << QStringList { QStringLiteral("sched:sched_switch") };
    QTest::addRow("exact with filter")
        << std::vector { request("syscalls:sys_exit_openat", "ret < 0") }
        << QStringList { QStringLiteral("syscalls:sys_exit_openat [ret < 0]") };
    QTest::addRow("system glob")
        << std::vector { request("sched:*") }
        << QStringList { QStringLiteral("sched:sched_switch"), QStringLiteral("sched:sched_wakeup") };
    QTest::addRow("system alone")
        << std::vector { request("syscalls") }
        << QStringList { QStringLiteral("syscalls:sys_enter_openat"), QStringLiteral("syscalls:sys_exit_openat") };
    QTest::addRow("event glob in any system")
        << std::vector { request("*:sys_enter_*") } << QStringList { QStringLiteral("syscalls:sys_enter_openat") };
    QTest::addRow("character class")
        << std::vector { request("sched:sched_[sw]*", "prio > 100") }
        << QStringList { QStringLiteral("sched:sched_switch [prio > 100]"), QStringLiteral("sched:sched_wakeup [prio > 100]") };
    QTest::addRow("everything: ftrace:function (no enable file) never matches")
        << std::vector { request("*:*") }
        << QStringList { QStringLiteral("sched:sched_switch"), QStringLiteral("sched:sched_wakeup"),
               QStringLiteral("syscalls:sys_enter_openat"), QStringLiteral("syscalls:sys_exit_openat") };
    QTest::addRow("request order is kept")
        << std::vector { request("syscalls:sys_exit_openat"), request("sched:sched_wakeup"), request("syscalls:sys_enter_openat") }
        << QStringList { QStringLiteral("syscalls:sys_exit_openat"), QStringLiteral("sched:sched_wakeup"),
               QStringLiteral("syscalls:sys_enter_openat") };
    QTest::addRow("duplicate: one entry, the later filter wins")
        << std::vector { request("sched:sched_switch", "prev_pid == 1"), request("sched:*", "next_pid == 2") }
        << QStringList { QStringLiteral("sched:sched_switch [next_pid == 2]"), QStringLiteral("sched:sched_wakeup [next_pid == 2]") };
    QTest::addRow("duplicate without a filter keeps the earlier filter")
        << std::vector { request("sched:sched_switch", "prev_pid == 1"), request("sched") }
        << QStringList { QStringLiteral("sched:sched_switch [prev_pid == 1]"), QStringLiteral("sched:sched_wakeup") };
    QTest::addRow("same pattern twice")
        << std::vector { request("sched:sched_wakeup"), request("sched:sched_wakeup") }
        << QStringList { QStringLiteral("sched:sched_wakeup") };
}

void TestEventSelection::expands()
{
    QFETCH(std::vector<EventRequest>, requests);
    QFETCH(QStringList, expected);
    const auto selected = expandEventRequests(m_events, requests);
    QVERIFY2(selected.ok(), qPrintable(selected.ok() ? QString() : selected.error().message));
    QCOMPARE(describe(selected.value()), expected);
}

void TestEventSelection::rejects_data()
{
    QTest::addColumn<std::vector<EventRequest>>("requests");
    QTest::addColumn<QString>("messageFragment");

    QTest::addRow("unknown event") << std::vector { request("sched:sched_nope") } << QStringLiteral("unknown event 'sched:sched_nope'");
    QTest::addRow("unknown system") << std::vector { request("nosuch") } << QStringLiteral("unknown event 'nosuch'");
    QTest::addRow("unknown after known ones")
        << std::vector { request("sched"), request("syscalls:sys_enter_read") }
        << QStringLiteral("unknown event 'syscalls:sys_enter_read'");
    QTest::addRow("ftrace:function has no enable file")
        << std::vector { request("ftrace:function") } << QStringLiteral("unknown event 'ftrace:function'");
    QTest::addRow("header_page is not a system")
        << std::vector { request("header_page") } << QStringLiteral("unknown event 'header_page'");
    QTest::addRow("no system") << std::vector { request(":x") } << QStringLiteral("bad event ':x': write SYSTEM:EVENT");
    QTest::addRow("no event") << std::vector { request("sched:") } << QStringLiteral("bad event 'sched:'");
    QTest::addRow("two colons") << std::vector { request("a:b:c") } << QStringLiteral("bad event 'a:b:c'");
    QTest::addRow("empty") << std::vector { request("") } << QStringLiteral("bad event ''");
}

void TestEventSelection::rejects()
{
    QFETCH(std::vector<EventRequest>, requests);
    QFETCH(QString, messageFragment);
    const auto selected = expandEventRequests(m_events, requests);
    QVERIFY2(!selected.ok(), qPrintable(selected.ok() ? describe(selected.value()).join(QLatin1String(", ")) : QString()));
    QVERIFY2(selected.error().message.contains(messageFragment), qPrintable(selected.error().message));
}

QTEST_GUILESS_MAIN(TestEventSelection)
#include "tst_eventselection.moc"
