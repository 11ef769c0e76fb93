// SPDX-License-Identifier: GPL-3.0-or-later
// Damaged and edited recordings (tests/damage) through every reader outside the app: each
// ftlens-cli command either reads the file correctly or fails with a message naming it, within
// bounded time and memory, never a crash; the storage and analysis queries return an error
// naming the file or values inside what the data can hold.
#include "recordingdamage.h"

#include "callcsvexport.h"
#include "callindex.h"
#include "callquery.h"
#include "callslicequery.h"
#include "calltree.h"
#include "eventcsvexport.h"
#include "eventquery.h"
#include "probecalltable.h"
#include "probepairing.h"
#include "recordinglimits.h"
#include "recordingreader.h"
#include "statisticsquery.h"
#include "timelineindex.h"
#include "timelinequery.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using DamageTest::Base;
using DamageTest::Damage;

namespace {
constexpr long long childMemory = 2LL << 30;
constexpr long long ownMemory = 4LL << 30;
constexpr int commandTimeoutMs = 60'000;

int baseCpus(Base base) { return base == Base::Scheduler || base == Base::Indexed ? 4 : 2; }

// The commands a user runs on a recording of this base.
QList<QStringList> commandsFor(Base base)
{
    QList<QStringList> commands { { QStringLiteral("info") }, { QStringLiteral("info"), QStringLiteral("--json") },
        { QStringLiteral("export"), QStringLiteral("-o"), QStringLiteral("-") } };
    const auto out = [](std::initializer_list<const char*> args) {
        QStringList list { QStringLiteral("export") };
        for (const char* arg : args)
            list << QString::fromUtf8(arg);
        return list << QStringLiteral("-o") << QStringLiteral("-");
    };
    if (base == Base::Calls || base == Base::CallsIndexed)
        commands << out({ "--table", "calls" }) << out({ "--table", "functions" });
    else
        commands << out({ "--event", "sched:sched_switch" }) << out({ "--cpu", "0", "--pid", "1200" });
    if (base == Base::Probes)
        commands << out({ "--probe", "myopen" });
    return commands;
}

// An error must say which file it is about.
QString checkError(const QString& what, const QString& message, const QString& path)
{
    return message.contains(path) ? QString() : QStringLiteral("%1: error without the file: %2").arg(what, message);
}
} // namespace

class TestDamagedRecordings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cli_data();
    void cli();
    void queries_data();
    void queries();

private:
    void addRows();
    QString damagedCopy(const Damage& damage, const QString& name);
    QStringList readEverything(const QString& path, Base base);

    QTemporaryDir m_dir;
};

void TestDamagedRecordings::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCOMPARE(DamageTest::makeBases(m_dir.path()), QString());
    // What a damaged value would make this process allocate fails here instead of taking the machine.
    DamageTest::limitAddressSpace(ownMemory);
}

void TestDamagedRecordings::addRows()
{
    QTest::addColumn<int>("index");
    const QList<Damage> damages = DamageTest::damages();
    for (int i = 0; i < damages.size(); ++i)
        QTest::addRow("%s: %s", qPrintable(DamageTest::baseName(damages[i].base)), qPrintable(damages[i].name)) << i;
}

QString TestDamagedRecordings::damagedCopy(const Damage& damage, const QString& name)
{
    const QString path = m_dir.filePath(name + QLatin1String(".ftlens"));
    const QString problem = DamageTest::makeDamaged(m_dir.path(), damage, path);
    return problem.isEmpty() ? path : QString();
}

void TestDamagedRecordings::cli_data() { addRows(); }

void TestDamagedRecordings::cli()
{
    QFETCH(int, index);
    const Damage damage = DamageTest::damages().at(index);
    for (const QStringList& command : commandsFor(damage.base)) {
        // A fresh copy each time: nothing a command writes (it writes nothing) may help the next.
        const QString path = damagedCopy(damage, QStringLiteral("cli"));
        QVERIFY(!path.isEmpty());
        QProcess process;
        process.setChildProcessModifier([] { DamageTest::limitAddressSpace(childMemory); });
        QStringList arguments { command.first(), path };
        arguments += command.mid(1);
        process.start(QStringLiteral(FTLENS_BIN_DIR "/ftlens-cli"), arguments);
        const QString what = arguments.join(QLatin1Char(' '));
        QVERIFY2(
            process.waitForFinished(commandTimeoutMs), qPrintable(what + QLatin1String(": did not finish in time")));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        const QString out = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY2(process.exitStatus() == QProcess::NormalExit, qPrintable(what + QLatin1String(": crashed: ") + err));
        QVERIFY2(process.exitCode() == 0 || process.exitCode() == 1,
            qPrintable(what + QLatin1String(": exit code ") + QString::number(process.exitCode())));
        if (process.exitCode() == 1)
            QVERIFY2(err.contains(path), qPrintable(what + QLatin1String(": error without the file: ") + err));
        if (command.first() != QLatin1String("info") || command.size() > 1)
            continue;
        if (damage.expect == QLatin1String("ok")) {
            QVERIFY2(process.exitCode() == 0, qPrintable(what + QLatin1String(": ") + err));
        } else if (!damage.expect.isEmpty()) {
            QCOMPARE(process.exitCode(), 1);
            QVERIFY2(err.contains(damage.expect), qPrintable(err));
        }
        // Never more CPUs than the data has, whatever meta or a damaged row claims.
        const QRegularExpressionMatch cpus = QRegularExpression(QStringLiteral("cpus: +(-?\\d+)")).match(out);
        if (process.exitCode() == 0) {
            QVERIFY2(cpus.hasMatch(), qPrintable(out));
            QVERIFY2(
                cpus.captured(1).toInt() >= 0 && cpus.captured(1).toInt() <= baseCpus(damage.base), qPrintable(out));
        }
    }
}

void TestDamagedRecordings::queries_data() { addRows(); }

void TestDamagedRecordings::queries()
{
    QFETCH(int, index);
    const Damage damage = DamageTest::damages().at(index);
    const QString path = damagedCopy(damage, QStringLiteral("queries"));
    QVERIFY(!path.isEmpty());
    const QStringList problems = readEverything(path, damage.base);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

// Every query a view or command makes, as the app makes them (each on its own reader).
QStringList TestDamagedRecordings::readEverything(const QString& path, Base base)
{
    QStringList problems;
    auto fail = [&](const QString& what, const Storage::Error& error) {
        if (const QString p = checkError(what, error.message, path); !p.isEmpty())
            problems << p;
    };
    auto reader = Storage::RecordingReader::open(path);
    if (!reader) {
        fail(QStringLiteral("open"), reader.error());
        return problems;
    }
    auto summary = reader.value()->summary();
    if (!summary) {
        fail(QStringLiteral("summary"), summary.error());
        return problems;
    }
    if (summary->cpus > baseCpus(base) || summary->cpus != int(summary->cpuIds.size()) || summary->events < 0
        || summary->lostEvents < 0)
        problems << QStringLiteral("summary: %1 CPUs, %2 events, %3 lost")
                        .arg(summary->cpus)
                        .arg(summary->events)
                        .arg(summary->lostEvents);

    Storage::StatisticsQuery statistics(*reader.value());
    if (auto stats = statistics.run({}); !stats) {
        fail(QStringLiteral("statistics"), stats.error());
    } else {
        for (const Storage::CpuCount& cpu : stats->byCpu) {
            if (!Storage::Limits::isCpu(cpu.cpu))
                problems << QStringLiteral("statistics: CPU %1").arg(cpu.cpu);
        }
        if (stats->total > summary->events || stats->utilisation.size() > std::size_t(baseCpus(base)))
            problems
                << QStringLiteral("statistics: %1 events, %2 CPUs").arg(stats->total).arg(stats->utilisation.size());
    }

    Storage::EventFilter filter;
    filter.cpus = { 0 };
    filter.expression = QStringLiteral("next_pid > 0");
    filter.eventTypes = { QStringLiteral("sched:sched_switch") };
    for (const Storage::EventFilter& each : { Storage::EventFilter {}, filter }) {
        if (auto exported
            = Storage::exportEventsCsv(*reader.value(), each, m_dir.filePath(QStringLiteral("events.csv")));
            !exported)
            fail(QStringLiteral("event export"), exported.error());
    }

    if (Storage::Status s = Storage::buildTimelineIndex(path); !s)
        fail(QStringLiteral("timeline index"), s.error());
    if (auto timeline = Storage::TimelineQuery::open(path); !timeline) {
        fail(QStringLiteral("timeline"), timeline.error());
    } else {
        Storage::TimelineRequest request { summary->firstTs, summary->lastTs + 1,
            double(summary->lastTs + 1 - summary->firstTs) / 1000, summary->cpuIds, { 1200, -1 },
            Storage::defaultRawEventsPerLane, {} };
        if (auto data = timeline.value()->fetch(request); !data)
            fail(QStringLiteral("timeline fetch"), data.error());
        else if (data->cpuLanes.size() != summary->cpuIds.size())
            problems << QStringLiteral("timeline: %1 lanes").arg(data->cpuLanes.size());
        if (auto near = timeline.value()->eventNear(0, summary->firstTs, 1'000'000); !near)
            fail(QStringLiteral("timeline event"), near.error());
    }

    if (auto calls = Storage::loadCalls(path, {}); !calls) {
        fail(QStringLiteral("calls"), calls.error());
    } else {
        const auto top = Engine::CallTree::topDown(*calls);
        const auto bottom = Engine::CallTree::bottomUp(*calls);
        const auto functions = Engine::functionStatistics(*calls);
        if (top.nodes().empty() || bottom.nodes().empty() || functions.size() > calls->functionNames.size())
            problems << QStringLiteral("call tree of %1 calls").arg(calls->size());
        if (auto exported = Storage::exportCallsCsv(*reader.value(), {}, m_dir.filePath(QStringLiteral("calls.csv")));
            !exported)
            fail(QStringLiteral("call export"), exported.error());
    }
    if (Storage::Status s = Storage::buildCallIndex(path); !s)
        fail(QStringLiteral("call index"), s.error());

    for (const Engine::ProbePair& pair : Engine::findProbePairs(*reader.value())) {
        if (auto table = Engine::ProbeCallTable::load(*reader.value(), pair); !table)
            fail(QStringLiteral("probe table"), table.error());
    }
    return problems;
}

QTEST_GUILESS_MAIN(TestDamagedRecordings)
#include "tst_damagedrecordings.moc"
