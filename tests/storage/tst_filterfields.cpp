// SPDX-License-Identifier: GPL-3.0-or-later
// checkFilterFields: a field expression may name common columns and fields some of the event
// types have; a field none of them has is an error naming it and listing their fields (one type,
// types the user chose, all of a recording's; long lists cut).
#include "filterfields.h"

#include <QTest>

using Storage::EventTypeInfo;
using Storage::FieldInfo;

namespace {
EventTypeInfo type(const char* system, const char* name, std::initializer_list<const char*> fields)
{
    EventTypeInfo info;
    info.system = QString::fromLatin1(system);
    info.name = QString::fromLatin1(name);
    for (const char* field : fields)
        info.fields.push_back(FieldInfo { QString::fromLatin1(field), QStringLiteral("int"), Storage::Schema::FieldStorage::Int, 4 });
    return info;
}

const EventTypeInfo sched = type("sched", "sched_switch", { "prev_comm", "prev_pid", "prev_state", "next_comm", "next_pid" });
const EventTypeInfo wakeup = type("sched", "sched_wakeup", { "comm", "pid", "prio", "target_cpu" });
const EventTypeInfo exitOpen = type("syscalls", "sys_exit_openat", { "__syscall_nr", "ret" });
const QString common = QStringLiteral(" (and cpu, pid, comm, ts of every event)");
} // namespace

class TestFilterFields : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void check_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<int>("types"); // bits: 1 sched_switch, 2 sched_wakeup, 4 sys_exit_openat
        QTest::addColumn<bool>("selected");
        QTest::addColumn<QString>("error"); // empty: accepted

        QTest::addRow("empty expression") << QString() << 1 << true << QString();
        QTest::addRow("a field of the one type") << QStringLiteral("prev_state == 1") << 1 << true << QString();
        QTest::addRow("common columns, also as common_*")
            << QStringLiteral("cpu == 1 && pid > 2 && comm ~ \"b*\" && ts > 0 && common_pid != 3 && common_comm == \"x\"") << 1 << true
            << QString();
        QTest::addRow("a field only one of two types has") << QStringLiteral("comm == \"bash\" || prev_state == 1") << 3 << true
                                                         << QString();
        QTest::addRow("a field of some type of the recording") << QStringLiteral("ret < 0") << 7 << false << QString();
        QTest::addRow("typo, one type")
            << QStringLiteral("prev_stat == 1") << 1 << true
            << QStringLiteral("sched:sched_switch has no field 'prev_stat'; its fields: prev_comm, prev_pid, prev_state, "
                              "next_comm, next_pid")
                + common;
        QTest::addRow("the first unknown field is named, in the expression's order")
            << QStringLiteral("!(prev_state == 1) && (foo == 2 || bar == 3)") << 1 << true
            << QStringLiteral("sched:sched_switch has no field 'foo'; its fields: prev_comm, prev_pid, prev_state, next_comm, "
                              "next_pid")
                + common;
        QTest::addRow("several chosen types: each field listed once")
            << QStringLiteral("ret == 0") << 3 << true
            << QStringLiteral("none of the selected event types (sched:sched_switch, sched:sched_wakeup) has a field 'ret'; their "
                              "fields: prev_comm, prev_pid, prev_state, next_comm, next_pid, comm, pid, prio, target_cpu")
                + common;
        QTest::addRow("the whole recording")
            << QStringLiteral("flags == 0") << 7 << false
            << QStringLiteral("no event type of this recording has a field 'flags'; their fields: prev_comm, prev_pid, prev_state, "
                              "next_comm, next_pid, comm, pid, prio, target_cpu, __syscall_nr, ret")
                + common;
        QTest::addRow("a recording without event types")
            << QStringLiteral("flags == 0") << 0 << false
            << QStringLiteral("no event type of this recording has a field 'flags'; their fields: none") + common;
        QTest::addRow("field names are case-sensitive, as the kernel's")
            << QStringLiteral("Prev_state == 1") << 1 << true
            << QStringLiteral("sched:sched_switch has no field 'Prev_state'; its fields: prev_comm, prev_pid, prev_state, "
                              "next_comm, next_pid")
                + common;
        QTest::addRow("a syntax error is reported as such") << QStringLiteral("prev_state ==") << 1 << true
                                                            << QStringLiteral("column 14: expected a value after '=='");
    }
    void check()
    {
        QFETCH(QString, expression);
        QFETCH(int, types);
        QFETCH(bool, selected);
        QFETCH(QString, error);
        std::vector<EventTypeInfo> chosen;
        for (const auto& [bit, info] : { std::pair { 1, &sched }, std::pair { 2, &wakeup }, std::pair { 4, &exitOpen } }) {
            if (types & bit)
                chosen.push_back(*info);
        }
        const Storage::Status status = Storage::checkFilterFields(Storage::FilterExpression::parse(expression), chosen, selected);
        QCOMPARE(status.ok() ? QString() : status.error().message, error);
    }

    // A recording may have any number of fields: the message lists 60 and counts the rest.
    void longListsAreCut()
    {
        EventTypeInfo wide = type("x", "wide", {});
        for (int i = 0; i < 75; ++i)
            wide.fields.push_back(FieldInfo { QStringLiteral("f%1").arg(i), QStringLiteral("int"), Storage::Schema::FieldStorage::Int, 4 });
        const Storage::Status status = Storage::checkFilterFields(Storage::FilterExpression::parse(QStringLiteral("g == 1")), { wide }, true);
        QVERIFY(!status.ok());
        QVERIFY2(status.error().message.contains(QStringLiteral("f58, f59, … (15 more)") + common), qPrintable(status.error().message));
        QVERIFY(!status.error().message.contains(QStringLiteral("f60")));
    }
};

QTEST_GUILESS_MAIN(TestFilterFields)
#include "tst_filterfields.moc"
