// SPDX-License-Identifier: GPL-3.0-or-later
// kprobes where this kernel has none: the real recorder against a fake tracefs that reacts as
// the kernel does (fakekernel.h). The kprobe_events lines must be exactly the expected ones, and
// events laid out per the formats the kernel would create decode into the paired table.
#include "fakekernel.h"

#include "probecsvexport.h"
#include "probedefinition.h"
#include "recordingreader.h"
#include "recordsession.h"

#include <QFile>
#include <QTest>

#include <unistd.h>

using Recorder::RecordOptions;
using TestSupport::EventRecord;
using TestSupport::FakeKernel;

namespace {
Recorder::RecordOutcome record(FakeKernel& fake, std::vector<RecordOptions::Source> sources, const QString& output)
{
    RecordOptions options;
    options.tracefsDir = fake.root();
    options.sources = std::move(sources);
    options.durationSeconds = 0.3;
    options.output = output;
    std::atomic<bool> stop { false };
    Recorder::RecordSession session(options, stop, [](const QString&) { });
    return session.run();
}

QString group() { return QStringLiteral("ftlens_%1").arg(::getpid()); }

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class TestKprobeFakeTracefs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void kprobeLinesAndDecodedCalls()
    {
        QTemporaryDir out;
        FakeKernel fake(QStringLiteral(FTLENS_TEST_DATA "/tracefs"), 2);
        fake.writeRootFile(QStringLiteral("saved_cmdlines"), "3999901 cat\n3999902 ls\n");
        fake.script(QStringLiteral("myopen"),
            { { 0, 1000, 3999901, [](EventRecord& r) { r.set("dfd", -100).setText("filename", "/etc/hostname").set("flags", 0x88000).set("mode", 0); } },
                { 1, 1500, 3999902, [](EventRecord& r) { r.set("dfd", 3).setText("filename", "missing").set("flags", 0x241).set("mode", 0644); } } });
        fake.script(QStringLiteral("myopen_ret"),
            { { 0, 1200, 3999901, [](EventRecord& r) { r.set("ret", 3); } }, { 1, 1900, 3999902, [](EventRecord& r) { r.set("ret", -2); } } });
        const QString file = out.filePath(QStringLiteral("k.ftlens"));
        const auto outcome = record(fake,
            { { RecordOptions::SourceKind::Kprobe, QStringLiteral("p:myopen do_sys_open dfd=%di:s32 filename=+0(%si):string flags=%dx:x32 mode=%cx:x16"), {} },
                { RecordOptions::SourceKind::Kretprobe, QStringLiteral("r:myopen_ret do_sys_open ret=$retval:s64"), {} } },
            file);
        QVERIFY2(outcome.code == Recorder::HelperExit::Ok, qPrintable(outcome.message));

        QCOMPARE(fake.definitionWrites(QStringLiteral("kprobe_events")),
            QStringList({ QStringLiteral("p:%1/myopen do_sys_open dfd=%di:s32 filename=+0(%si):string flags=%dx:x32 mode=%cx:x16").arg(group()),
                QStringLiteral("r:%1/myopen_ret do_sys_open ret=$retval:s64").arg(group()), QStringLiteral("-:%1/myopen").arg(group()),
                QStringLiteral("-:%1/myopen_ret").arg(group()) }));
        QVERIFY(fake.definitionWrites(QStringLiteral("uprobe_events")).isEmpty());
        QVERIFY(!fake.instanceExists(QStringLiteral("ftlens-%1").arg(::getpid())));

        auto reader = Storage::RecordingReader::open(file);
        QVERIFY(reader.ok());
        const QString csv = out.filePath(QStringLiteral("k.csv"));
        QVERIFY(Engine::exportProbeCsv(*reader.value(), QStringLiteral("myopen"), csv).ok());
        QCOMPARE(readFile(csv),
            QByteArray("ts_ns,cpu,pid,comm,dfd,filename,flags,mode,ret,ret_text,latency_ns,dfd_text,flags_text,mode_text,status\r\n"
                       "1000,0,3999901,cat,-100,/etc/hostname,557056,0,3,3,200,AT_FDCWD,O_RDONLY|O_LARGEFILE|O_CLOEXEC,0,paired\r\n"
                       "1500,1,3999902,ls,3,missing,577,420,-2,-2 ENOENT,400,3,O_WRONLY|O_CREAT|O_TRUNC,0644,paired\r\n"));
    }

    void kernelPresetFollowsTheKernel_data()
    {
        QTest::addColumn<QByteArray>("functions");
        QTest::addColumn<QStringList>("lines");
        const QString openat2 = QStringLiteral("p:%1/do_sys_openat2 do_sys_openat2 dfd=%di:s32 filename=+0(%si):string flags=+0(%dx):x64 mode=+8(%dx):x64");
        const QString filp = QStringLiteral("p:%1/do_filp_open do_filp_open dfd=%di:s32 pathname=+0(+0(%si)):string");
        QTest::addRow("5.6 and later") << QByteArray("vfs_read\ndo_sys_openat2\ndo_filp_open [vmlinux]\n")
                                       << QStringList { openat2, QStringLiteral("r:%1/do_sys_openat2_ret do_sys_openat2 ret=$retval:s64"), filp,
                                              QStringLiteral("r:%1/do_filp_open_ret do_filp_open ret=$retval:x64") };
        QTest::addRow("older kernels") << QByteArray("do_sys_open\n")
                                       << QStringList { QStringLiteral("p:%1/do_sys_open do_sys_open dfd=%di:s32 filename=+0(%si):string flags=%dx:x32 mode=%cx:x16"),
                                              QStringLiteral("r:%1/do_sys_open_ret do_sys_open ret=$retval:s64") };
    }

    void kernelPresetFollowsTheKernel()
    {
        if (Recorder::machineArch() != QLatin1String("x86_64"))
            QSKIP("the expected lines use x86_64 registers");
        QFETCH(QByteArray, functions);
        QFETCH(QStringList, lines);
        QTemporaryDir out;
        FakeKernel fake(QStringLiteral(FTLENS_TEST_DATA "/tracefs"), 2);
        fake.writeRootFile(QStringLiteral("available_filter_functions"), functions);
        const auto outcome = record(fake, { { RecordOptions::SourceKind::Preset, QStringLiteral("opens-kernel"), {} } },
            out.filePath(QStringLiteral("p.ftlens")));
        QVERIFY2(outcome.code == Recorder::HelperExit::Ok, qPrintable(outcome.message));
        const QStringList written = fake.definitionWrites(QStringLiteral("kprobe_events"));
        QCOMPARE(written.mid(0, lines.size()), [&] {
            QStringList expected;
            for (const QString& line : lines)
                expected << line.arg(group());
            return expected;
        }());
        QCOMPARE(written.size(), 2 * lines.size()); // each removed again
    }
};

QTEST_GUILESS_MAIN(TestKprobeFakeTracefs)
#include "tst_kprobefaketracefs.moc"
