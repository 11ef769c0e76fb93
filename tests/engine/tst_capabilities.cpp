// SPDX-License-Identifier: GPL-3.0-or-later
// Capability detection against a fake tracefs directory: which files exist decides each feature,
// and the report says why for exactly the features that are missing. In a plain directory,
// creating an instance is a mkdir that yields an empty directory (no current_tracer), so the
// tracer trials there report the refused write — the kernel path is in tst_capabilities_kernel.
#include "capabilities.h"
#include "faketracefsmount.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Recorder;

namespace {

struct FakeTracefs {
    QByteArray tracers = "function function_graph nop";
    bool kprobeEvents = false;
    bool uprobeEvents = true;
    bool dynamicEvents = true;
    bool eprobeReadme = true;
    bool instances = true;
    bool perCpu = true;
    bool filterFunctions = true;
    bool tracepoint = true;
};

const QStringList featureKeys {
    QStringLiteral("tracefs"),
    QStringLiteral("instances"),
    QStringLiteral("function_tracer"),
    QStringLiteral("function_graph_tracer"),
    QStringLiteral("filter_functions"),
    QStringLiteral("kprobes"),
    QStringLiteral("kretprobes"),
    QStringLiteral("uprobes"),
    QStringLiteral("uretprobes"),
    QStringLiteral("eprobes"),
    QStringLiteral("btf"),
};

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The README lines that matter, as this project's test kernel prints them: the "r[maxactive]"
// line is there even without kprobes, the eprobe line only when the row asks for it.
QByteArray readme(bool eprobes)
{
    QByteArray text = "tracing mini-HOWTO:\n"
                      "  uprobe_events\t\t- Create/append/remove/show the userspace dynamic events\n"
                      "\t   Format: p[:[<group>/][<event>]] <place> [<args>]\n"
                      "\t           r[maxactive][:[<group>/][<event>]] <place> [<args>]\n";
    if (eprobes)
        text += "\t           e[:[<group>/][<event>]] <attached-group>.<attached-event> [<args>] [if <filter>]\n";
    return text + "\t           -:[<group>/][<event>]\n";
}

bool buildFake(const QString& root, const FakeTracefs& spec)
{
    QDir dir(root);
    bool ok = dir.mkpath(QStringLiteral("events"));
    ok = ok && writeFile(root + QLatin1String("/trace_clock"), "[local] global mono\n");
    ok = ok && writeFile(root + QLatin1String("/available_tracers"), spec.tracers + '\n');
    ok = ok && writeFile(root + QLatin1String("/current_tracer"), "nop\n");
    ok = ok && writeFile(root + QLatin1String("/README"), readme(spec.eprobeReadme));
    if (spec.tracepoint)
        ok = ok && dir.mkpath(QStringLiteral("events/sched/sched_switch"))
            && writeFile(root + QLatin1String("/events/sched/sched_switch/format"), "name: sched_switch\n");
    if (spec.instances)
        ok = ok && dir.mkpath(QStringLiteral("instances"));
    for (int cpu = 0; spec.perCpu && cpu < 4; ++cpu)
        ok = ok && dir.mkpath(QStringLiteral("per_cpu/cpu%1").arg(cpu));
    if (spec.perCpu) // not a CPU: must not be counted
        ok = ok && writeFile(root + QLatin1String("/per_cpu/cpu_notes"), "");
    if (spec.kprobeEvents)
        ok = ok && writeFile(root + QLatin1String("/kprobe_events"), "");
    if (spec.uprobeEvents)
        ok = ok && writeFile(root + QLatin1String("/uprobe_events"), "");
    if (spec.dynamicEvents)
        ok = ok && writeFile(root + QLatin1String("/dynamic_events"), "");
    if (spec.filterFunctions)
        ok = ok && writeFile(root + QLatin1String("/available_filter_functions"), "schedule\ndo_sys_open\n");
    return ok;
}

Capabilities detectFake(const QTemporaryDir& dir, const FakeTracefs& spec)
{
    if (!buildFake(dir.path(), spec))
        qFatal("could not build the fake tracefs in %s", qPrintable(dir.path()));
    // Reached as tracefs through the test-only statfs (faketracefsmount.h).
    TestSupport::markAsTracefs(dir.path());
    Storage::Result<Capabilities> caps = detectCapabilities(dir.path(), false);
    TestSupport::unmarkAsTracefs(dir.path());
    if (!caps.ok())
        qFatal("detection failed: %s", qPrintable(caps.error().message));
    return caps.value();
}

} // namespace

class TestCapabilities : public QObject {
    Q_OBJECT

private slots:
    void probes_data();
    void probes();
    void tracers_data();
    void tracers();
    void countsCpusAndParsesClocks();
    void fallsBackToSysconfWithoutPerCpu();
    void scratchInstanceIsRemoved();
    void withoutInstancesNothingIsTried();
    void eprobeTrialIsRemoved();
    void eprobeNeedsATracepoint();
    void filterFunctionsMissing();
    void json_data();
    void json();
    void jsonOfNothingFound();
    void text();
    void notATracingDirectory();
};

void TestCapabilities::probes_data()
{
    QTest::addColumn<bool>("kprobeEvents");
    QTest::addColumn<bool>("uprobeEvents");
    QTest::addColumn<bool>("dynamicEvents");
    QTest::addColumn<bool>("eprobeReadme");
    QTest::addColumn<bool>("eprobes");

    QTest::newRow("uprobes only, eprobe syntax") << false << true << true << true << true;
    QTest::newRow("kprobes and uprobes") << true << true << true << true << true;
    QTest::newRow("kprobes only") << true << false << true << true << true;
    QTest::newRow("no probe files") << false << false << false << true << false;
    QTest::newRow("README without eprobe syntax") << true << true << true << false << false;
    QTest::newRow("eprobe syntax but no dynamic_events") << true << true << false << true << false;
}

void TestCapabilities::probes()
{
    QFETCH(bool, kprobeEvents);
    QFETCH(bool, uprobeEvents);
    QFETCH(bool, dynamicEvents);
    QFETCH(bool, eprobeReadme);
    QFETCH(bool, eprobes);
    FakeTracefs spec;
    spec.kprobeEvents = kprobeEvents;
    spec.uprobeEvents = uprobeEvents;
    spec.dynamicEvents = dynamicEvents;
    spec.eprobeReadme = eprobeReadme;
    QTemporaryDir dir;
    const Capabilities caps = detectFake(dir, spec);

    QCOMPARE(caps.kprobes.available, kprobeEvents);
    // The README's "r[maxactive]" line is present in every row: it must not make kretprobes appear.
    QCOMPARE(caps.kretprobes.available, kprobeEvents);
    QCOMPARE(caps.uprobes.available, uprobeEvents);
    QCOMPARE(caps.uretprobes.available, uprobeEvents);
    QCOMPARE(caps.eprobes.available, eprobes);
    if (!kprobeEvents) {
        QVERIFY2(caps.kprobes.why.contains(QLatin1String("kprobe_events")), qPrintable(caps.kprobes.why));
        QVERIFY2(caps.kretprobes.why.contains(QLatin1String("kprobe_events")), qPrintable(caps.kretprobes.why));
    }
    if (!uprobeEvents)
        QVERIFY2(caps.uprobes.why.contains(QLatin1String("uprobe_events")), qPrintable(caps.uprobes.why));
    if (!dynamicEvents)
        QVERIFY2(caps.eprobes.why.contains(QLatin1String("dynamic_events")), qPrintable(caps.eprobes.why));
    else if (!eprobeReadme)
        QVERIFY2(caps.eprobes.why.contains(QLatin1String("README")), qPrintable(caps.eprobes.why));
}

void TestCapabilities::tracers_data()
{
    QTest::addColumn<QByteArray>("tracers");
    QTest::addColumn<QString>("functionWhy");
    QTest::addColumn<QString>("graphWhy");

    // Listed tracers are tried in the scratch instance; in a plain directory that write fails.
    QTest::newRow("both listed") << QByteArray("function function_graph nop") << QStringLiteral("current_tracer")
                                 << QStringLiteral("current_tracer");
    QTest::newRow("function only") << QByteArray("blk function nop") << QStringLiteral("current_tracer")
                                   << QStringLiteral("not built into this kernel");
    QTest::newRow("nop only") << QByteArray("nop") << QStringLiteral("not built into this kernel")
                              << QStringLiteral("not built into this kernel");
}

void TestCapabilities::tracers()
{
    QFETCH(QByteArray, tracers);
    QFETCH(QString, functionWhy);
    QFETCH(QString, graphWhy);
    FakeTracefs spec;
    spec.tracers = tracers;
    QTemporaryDir dir;
    const Capabilities caps = detectFake(dir, spec);

    QCOMPARE(caps.tracers.join(QLatin1Char(' ')).toLatin1(), tracers);
    QVERIFY(!caps.functionTracer.available);
    QVERIFY2(caps.functionTracer.why.contains(functionWhy), qPrintable(caps.functionTracer.why));
    QVERIFY(!caps.functionGraphTracer.available);
    QVERIFY2(caps.functionGraphTracer.why.contains(graphWhy), qPrintable(caps.functionGraphTracer.why));
    // The top-level tracer is never touched.
    QCOMPARE(readFile(dir.path() + QLatin1String("/current_tracer")), QByteArray("nop\n"));
}

void TestCapabilities::countsCpusAndParsesClocks()
{
    QTemporaryDir dir;
    const Capabilities caps = detectFake(dir, {});
    QCOMPARE(caps.tracefsPath, dir.path());
    QVERIFY(!caps.tracefsMountedByUs);
    QCOMPARE(caps.cpus, 4);
    QCOMPARE(caps.traceClocks, (QStringList { QStringLiteral("local"), QStringLiteral("global"), QStringLiteral("mono") }));
    QCOMPARE(caps.currentClock, QStringLiteral("local"));
    QVERIFY(caps.filterFunctions.available);
    QVERIFY2(QStringList({ QStringLiteral("none"), QStringLiteral("integrity"), QStringLiteral("confidentiality"),
                 QStringLiteral("unknown") })
                 .contains(caps.lockdown),
        qPrintable(caps.lockdown));
}

void TestCapabilities::fallsBackToSysconfWithoutPerCpu()
{
    FakeTracefs spec;
    spec.perCpu = false;
    QTemporaryDir dir;
    QCOMPARE(detectFake(dir, spec).cpus, static_cast<int>(::sysconf(_SC_NPROCESSORS_CONF)));
}

void TestCapabilities::scratchInstanceIsRemoved()
{
    QTemporaryDir dir;
    const Capabilities caps = detectFake(dir, {});
    QVERIFY2(caps.instances.available, qPrintable(caps.instances.why));
    QVERIFY(caps.instances.why.isEmpty());
    QCOMPARE(QDir(dir.path() + QLatin1String("/instances")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
}

void TestCapabilities::withoutInstancesNothingIsTried()
{
    FakeTracefs spec;
    spec.instances = false;
    QTemporaryDir dir;
    const Capabilities caps = detectFake(dir, spec);
    QVERIFY(!caps.instances.available);
    QVERIFY2(caps.instances.why.contains(QLatin1String("instances")), qPrintable(caps.instances.why));
    QVERIFY(!caps.functionTracer.available);
    QVERIFY2(caps.functionTracer.why.contains(QLatin1String("could not be tried")), qPrintable(caps.functionTracer.why));
    QVERIFY(!QFileInfo::exists(dir.path() + QLatin1String("/instances")));
    QCOMPARE(readFile(dir.path() + QLatin1String("/current_tracer")), QByteArray("nop\n"));
}

void TestCapabilities::eprobeTrialIsRemoved()
{
    QTemporaryDir dir;
    const Capabilities caps = detectFake(dir, {});
    QVERIFY2(caps.eprobes.available, qPrintable(caps.eprobes.why));
    // In the fake, dynamic_events is a plain file: it shows both the trial and its removal, appended.
    const QByteArray name = "ftlens_caps_" + QByteArray::number(::getpid()) + "/trial";
    QCOMPARE(readFile(dir.path() + QLatin1String("/dynamic_events")),
        QByteArray("e:" + name + " sched.sched_switch\n-:" + name + '\n'));
}

void TestCapabilities::eprobeNeedsATracepoint()
{
    FakeTracefs spec;
    spec.tracepoint = false;
    QTemporaryDir dir;
    const Capabilities caps = detectFake(dir, spec);
    QVERIFY(!caps.eprobes.available);
    QVERIFY2(caps.eprobes.why.contains(QLatin1String("tracepoint")), qPrintable(caps.eprobes.why));
    QCOMPARE(readFile(dir.path() + QLatin1String("/dynamic_events")), QByteArray());
}

void TestCapabilities::filterFunctionsMissing()
{
    FakeTracefs spec;
    spec.filterFunctions = false;
    QTemporaryDir dir;
    const Capabilities caps = detectFake(dir, spec);
    QVERIFY(!caps.filterFunctions.available);
    QVERIFY2(caps.filterFunctions.why.contains(QLatin1String("available_filter_functions")), qPrintable(caps.filterFunctions.why));
}

void TestCapabilities::json_data()
{
    QTest::addColumn<bool>("kprobeEvents");
    QTest::addColumn<bool>("uprobeEvents");
    QTest::addColumn<bool>("instances");

    QTest::newRow("like the test machine") << false << true << true;
    QTest::newRow("all probes") << true << true << true;
    QTest::newRow("bare") << false << false << false;
}

void TestCapabilities::json()
{
    QFETCH(bool, kprobeEvents);
    QFETCH(bool, uprobeEvents);
    QFETCH(bool, instances);
    FakeTracefs spec;
    spec.kprobeEvents = kprobeEvents;
    spec.uprobeEvents = uprobeEvents;
    spec.instances = instances;
    QTemporaryDir dir;
    const Capabilities caps = detectFake(dir, spec);
    const QJsonObject json = capabilitiesToJson(caps);

    QVERIFY(json.value(QStringLiteral("why")).isObject());
    const QJsonObject why = json.value(QStringLiteral("why")).toObject();
    QStringList falseKeys;
    for (const QString& key : featureKeys) {
        QVERIFY2(json.value(key).isBool(), qPrintable(key));
        const QString whyKey = key + QLatin1String("_why");
        if (json.value(key).toBool()) {
            QVERIFY2(!json.contains(whyKey), qPrintable(whyKey));
            continue;
        }
        falseKeys.append(key);
        QVERIFY2(json.value(whyKey).isString(), qPrintable(whyKey));
        QVERIFY2(!json.value(whyKey).toString().isEmpty(), qPrintable(whyKey));
        QCOMPARE(why.value(key).toString(), json.value(whyKey).toString());
    }
    QStringList whyKeys = why.keys();
    whyKeys.sort();
    falseKeys.sort();
    QCOMPARE(whyKeys, falseKeys);
    // No "_why" key beyond the false features'.
    for (const QString& key : json.keys())
        if (key.endsWith(QLatin1String("_why")))
            QVERIFY2(falseKeys.contains(key.chopped(4)), qPrintable(key));

    QCOMPARE(json.value(QStringLiteral("tracefs")).toBool(), true);
    QCOMPARE(json.value(QStringLiteral("kprobes")).toBool(), kprobeEvents);
    QCOMPARE(json.value(QStringLiteral("uprobes")).toBool(), uprobeEvents);
    QCOMPARE(json.value(QStringLiteral("instances")).toBool(), instances);
    QCOMPARE(json.value(QStringLiteral("tracefs_path")).toString(), dir.path());
    QCOMPARE(json.value(QStringLiteral("tracers")).toArray().size(), 3);
    QCOMPARE(json.value(QStringLiteral("cpus")).toInt(), 4);
    QCOMPARE(json.value(QStringLiteral("trace_clocks")).toArray().toVariantList().size(), 3);
    QCOMPARE(json.value(QStringLiteral("current_clock")).toString(), QStringLiteral("local"));
    QVERIFY(json.value(QStringLiteral("lockdown")).isString());
}

void TestCapabilities::jsonOfNothingFound()
{
    const QJsonObject json = capabilitiesToJson(Capabilities {});
    for (const QString& key : featureKeys) {
        QCOMPARE(json.value(key).toBool(true), false);
        QVERIFY2(json.value(key + QLatin1String("_why")).isString(), qPrintable(key));
    }
}

void TestCapabilities::text()
{
    FakeTracefs spec;
    spec.tracers = "nop";
    QTemporaryDir dir;
    const Capabilities caps = detectFake(dir, spec);
    const QString text = capabilitiesToText(caps);
    QVERIFY2(text.contains(dir.path()), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("[local] global mono")), qPrintable(text));
    QVERIFY2(text.contains(caps.functionTracer.why), qPrintable(text));

    // One line per feature after the header; "yes"/"no" start in the same column on every line.
    const QStringList lines = text.split(QLatin1Char('\n'));
    // indexOf(QRegularExpression) wants the whole line to match.
    const qsizetype header = lines.indexOf(QRegularExpression(QStringLiteral("feature\\s+available\\s+why not")));
    QVERIFY2(header >= 0, qPrintable(text));
    const qsizetype column = lines[header].indexOf(QLatin1String("available"));
    const QStringList rows = lines.mid(header + 1, featureKeys.size());
    QCOMPARE(rows.size(), featureKeys.size());
    for (const QString& row : rows) {
        QVERIFY2(row.mid(column).startsWith(QLatin1String("yes")) || row.mid(column).startsWith(QLatin1String("no ")), qPrintable(row));
        QVERIFY2(!row.endsWith(QLatin1Char(' ')), qPrintable(row));
    }
}

void TestCapabilities::notATracingDirectory()
{
    QTemporaryDir dir;
    const Storage::Result<Capabilities> caps = detectCapabilities(dir.path(), false);
    QVERIFY(!caps.ok());
    QVERIFY2(caps.error().message.contains(dir.path()), qPrintable(caps.error().message));
}

QTEST_GUILESS_MAIN(TestCapabilities)
#include "tst_capabilities.moc"
