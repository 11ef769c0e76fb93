// SPDX-License-Identifier: GPL-3.0-or-later
// The `events` reply's content: every event under a tracing directory with its own fields, from
// the kernel's format files (captured ones in tests/data/tracefs; the kernel test lists the real ones).
#include "eventcatalog.h"

#include <QCborArray>
#include <QTest>

namespace {
// "name type size signed" per field.
QStringList describe(const QCborArray& fields)
{
    QStringList out;
    for (const QCborValue& field : fields)
        out << QStringLiteral("%1 %2 %3 %4")
                   .arg(field[QLatin1String("name")].toString(), field[QLatin1String("type")].toString())
                   .arg(field[QLatin1String("size")].toInteger())
                   .arg(field[QLatin1String("signed")].toBool() ? 1 : 0);
    return out;
}

QCborArray fieldsOf(const QCborArray& events, const QString& system, const QString& name)
{
    for (const QCborValue& event : events) {
        if (event[QLatin1String("system")].toString() == system && event[QLatin1String("name")].toString() == name)
            return event[QLatin1String("fields")].toArray();
    }
    return {};
}
} // namespace

class TestEventCatalog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fixtureEvents()
    {
        auto events = Service::listEvents(QFINDTESTDATA("../data/tracefs"));
        QVERIFY(events);
        QStringList names;
        for (const QCborValue& event : events.value())
            names << event[QLatin1String("system")].toString() + QLatin1Char(':') + event[QLatin1String("name")].toString();
        QCOMPARE(names, QStringList({ QStringLiteral("ftrace:funcgraph_entry"), QStringLiteral("ftrace:funcgraph_exit"),
                            QStringLiteral("ftrace:function"), QStringLiteral("sched:sched_process_exec"), QStringLiteral("sched:sched_switch"),
                            QStringLiteral("sched:sched_wakeup"), QStringLiteral("syscalls:sys_enter_openat"),
                            QStringLiteral("syscalls:sys_exit_openat") }));
        QCOMPARE(describe(fieldsOf(events.value(), QStringLiteral("sched"), QStringLiteral("sched_switch"))),
            QStringList({ QStringLiteral("prev_comm char[16] 16 0"), QStringLiteral("prev_pid pid_t 4 1"), QStringLiteral("prev_prio int 4 1"),
                QStringLiteral("prev_state long 8 1"), QStringLiteral("next_comm char[16] 16 0"), QStringLiteral("next_pid pid_t 4 1"),
                QStringLiteral("next_prio int 4 1") }));
        QCOMPARE(describe(fieldsOf(events.value(), QStringLiteral("syscalls"), QStringLiteral("sys_enter_openat"))),
            QStringList({ QStringLiteral("__syscall_nr int 4 1"), QStringLiteral("dfd int 8 0"), QStringLiteral("filename const char * 8 0"),
                QStringLiteral("flags int 8 0"), QStringLiteral("mode umode_t 8 0") }));
        QCOMPARE(describe(fieldsOf(events.value(), QStringLiteral("ftrace"), QStringLiteral("function"))),
            QStringList({ QStringLiteral("ip unsigned long 8 0"), QStringLiteral("parent_ip unsigned long 8 0"), QStringLiteral("args unsigned long[] 0 0") }));
    }

    void dynamicArrays()
    {
        const QByteArray format = "format:\n\tfield:__data_loc char[] name;\toffset:8;\tsize:4;\tsigned:0;\n"
                                  "\tfield:u8 raw[0];\toffset:12;\tsize:0;\tsigned:0;\n";
        QCOMPARE(describe(Service::parseFormatFields(format)), QStringList({ QStringLiteral("name __data_loc char[] 4 0"), QStringLiteral("raw u8[0] 0 0") }));
    }

    void missingDirectory()
    {
        auto events = Service::listEvents(QStringLiteral("/nonexistent-tracefs"));
        QVERIFY(!events);
        QCOMPARE(events.error().message, QStringLiteral("/nonexistent-tracefs has no events directory"));
    }
};

QTEST_GUILESS_MAIN(TestEventCatalog)
#include "tst_eventcatalog.moc"
