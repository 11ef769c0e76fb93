// SPDX-License-Identifier: GPL-3.0-or-later
// The start message as the options of `ftlens-helper record`: both directions of the mapping,
// every option of record's table covered (or deliberately without a field), and the helper's
// validation being record's own parser.
#include "recordcommandline.h"
#include "startrequest.h"

#include <QCborArray>
#include <QTest>

namespace {
QStringList args(const char* text) { return QString::fromLatin1(text).split(QLatin1Char(' '), Qt::SkipEmptyParts); }
} // namespace

class TestStartRequest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addRow("events and filters") << args("-e sched:sched_switch -f prev_pid>0 -e syscalls:sys_enter_openat");
        QTest::addRow("probes and presets") << args("--uprobe /bin/ls:main --uretprobe /bin/ls:main --kprobe do_sys_open --kretprobe do_sys_open "
                                                     "--preset opens-libc");
        QTest::addRow("tracer") << args("-p function_graph -l vfs_* -n vfs_write -g do_sys_open --graph-notrace schedule --max-graph-depth 3 "
                                         "-O funcgraph-proc -O nofuncgraph-irqs");
        QTest::addRow("pids duration buffer clock") << args("-e sched:* -P 1 -P 42 -d 2.5 -b 1024 --clock global");
        QTest::addRow("command") << args("-e sched:* -- make -j2 all");
    }
    // record's arguments to fields and back give the same arguments (options in the mapping's order).
    void roundTrip()
    {
        QFETCH(QStringList, arguments);
        auto fields = Protocol::startFieldsFromArguments(arguments);
        QVERIFY2(fields, qPrintable(fields ? QString() : fields.error().message));
        auto back = Protocol::startArguments(fields.value());
        QVERIFY(back);
        // Same options parsed by record's parser either way.
        auto direct = Helper::parseRecordArguments(arguments);
        auto viaProtocol = Helper::parseRecordArguments(back.value());
        QVERIFY(direct && viaProtocol);
        QCOMPARE(viaProtocol->sources.size(), direct->sources.size());
        for (std::size_t i = 0; i < direct->sources.size(); ++i) {
            QCOMPARE(viaProtocol->sources[i].text, direct->sources[i].text);
            QCOMPARE(viaProtocol->sources[i].filter, direct->sources[i].filter);
            QCOMPARE(int(viaProtocol->sources[i].kind), int(direct->sources[i].kind));
        }
        QCOMPARE(viaProtocol->tracer, direct->tracer);
        QCOMPARE(viaProtocol->functionFilters, direct->functionFilters);
        QCOMPARE(viaProtocol->functionNotrace, direct->functionNotrace);
        QCOMPARE(viaProtocol->graphFunctions, direct->graphFunctions);
        QCOMPARE(viaProtocol->graphNotrace, direct->graphNotrace);
        QCOMPARE(viaProtocol->maxGraphDepth, direct->maxGraphDepth);
        QCOMPARE(viaProtocol->tracerOptions, direct->tracerOptions);
        QCOMPARE(viaProtocol->pids, direct->pids);
        QCOMPARE(viaProtocol->durationSeconds, direct->durationSeconds);
        QCOMPARE(viaProtocol->bufferKb, direct->bufferKb);
        QCOMPARE(viaProtocol->clock, direct->clock);
        QCOMPARE(viaProtocol->command, direct->command);
    }

    // The fields a GUI builds map onto the arguments record takes.
    void fieldsToArguments()
    {
        const QCborMap start { { QStringLiteral("sources"),
                                   QCborArray { QCborMap { { QStringLiteral("kind"), QStringLiteral("event") }, { QStringLiteral("text"), QStringLiteral("sched:sched_switch") },
                                                    { QStringLiteral("filter"), QStringLiteral("next_pid==1") } },
                                       QCborMap { { QStringLiteral("kind"), QStringLiteral("preset") }, { QStringLiteral("text"), QStringLiteral("opens-kernel") } } } },
            { QStringLiteral("pids"), QCborArray { 7 } }, { QStringLiteral("duration"), 0.5 }, { QStringLiteral("bufferKb"), 4096 },
            { QStringLiteral("command"), QCborArray { QStringLiteral("sleep"), QStringLiteral("1") } }, { QStringLiteral("cwd"), QStringLiteral("/tmp") },
            { QStringLiteral("tail"), true } };
        auto arguments = Protocol::startArguments(start);
        QVERIFY(arguments);
        QCOMPARE(arguments.value(), args("-e sched:sched_switch -f next_pid==1 --preset opens-kernel -P 7 -d 0.5 -b 4096 -- sleep 1"));
    }

    void unknownSourceKind()
    {
        const QCborMap start { { QStringLiteral("sources"), QCborArray { QCborMap { { QStringLiteral("kind"), QStringLiteral("script") },
                                                                { QStringLiteral("text"), QStringLiteral("rm -rf /") } } } } };
        auto arguments = Protocol::startArguments(start);
        QVERIFY(!arguments);
        QCOMPARE(arguments.error().message, QStringLiteral("start.sources[0].kind: 'script' is not one of event, uprobe, uretprobe, kprobe, kretprobe, preset"));
    }

    // Every option record accepts has a field, except the four a client may never choose.
    void everyRecordOptionCovered_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("value");
        for (const Helper::RecordOption& option : Helper::recordOptions())
            QTest::addRow("%s", qPrintable(option.name)) << option.name << option.valueName;
    }
    void everyRecordOptionCovered()
    {
        QFETCH(QString, option);
        QFETCH(QString, value);
        QStringList arguments { QStringLiteral("-e"), QStringLiteral("sched:sched_switch"), option };
        if (!value.isEmpty())
            arguments << (value == QLatin1String("PID") || value == QLatin1String("KB") || value == QLatin1String("N") || value == QLatin1String("SECONDS")
                    ? QStringLiteral("3") : QStringLiteral("x"));
        auto fields = Protocol::startFieldsFromArguments(arguments);
        if (Protocol::optionsWithoutField().contains(option)) {
            QVERIFY(!fields);
            QVERIFY2(fields.error().message.startsWith(option + QStringLiteral(" is not for a remote recording")), qPrintable(fields.error().message));
        } else {
            QVERIFY2(fields, qPrintable(fields ? QString() : fields.error().message));
        }
    }

    // A bad value gets record's own message, whichever way it came.
    void sameValidationAsRecord_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addRow("buffer") << args("-e sched:* -b 1");
        QTest::addRow("pid") << args("-e sched:* -P -4");
        QTest::addRow("tracer") << args("-p blk");
        QTest::addRow("graph option without graph") << args("-e sched:* -O funcgraph-proc");
        QTest::addRow("function pattern") << args("-p function -l !vfs_read");
        QTest::addRow("nothing") << QStringList();
        QTest::addRow("preset") << args("--preset opens-everything");
        QTest::addRow("filter twice") << args("-e sched:* -f a==1 -f b==2");
    }
    void sameValidationAsRecord()
    {
        QFETCH(QStringList, arguments);
        const auto direct = Helper::parseRecordArguments(arguments);
        QVERIFY(!direct);
        auto fields = Protocol::startFieldsFromArguments(arguments);
        if (!fields) { // refused already while mapping (only shape problems are)
            QVERIFY(fields.error().message.contains(QStringLiteral("-f")));
            return;
        }
        auto back = Protocol::startArguments(fields.value());
        QVERIFY(back);
        const auto viaProtocol = Helper::parseRecordArguments(back.value());
        QVERIFY(!viaProtocol);
        QCOMPARE(viaProtocol.error().message, direct.error().message);
    }

    void notANumber()
    {
        auto fields = Protocol::startFieldsFromArguments(args("-e sched:* -P abc"));
        QVERIFY(!fields);
        QCOMPARE(fields.error().message, QStringLiteral("-P: 'abc' is not a number"));
    }
};

QTEST_GUILESS_MAIN(TestStartRequest)
#include "tst_startrequest.moc"
