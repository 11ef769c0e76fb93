// SPDX-License-Identifier: GPL-3.0-or-later
// The paired probe table as CSV, byte for byte: arguments, ret, ret_text, latency, decoded
// columns, and calls the recording cut kept and marked.
#include "probecsvexport.h"

#include "recordingreader.h"
#include "recordingwriter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using Storage::Schema::FieldStorage;

namespace {
struct Hit {
    bool isReturn;
    std::int64_t ts;
    int pid;
    const char* path; // entry: argument; return: unused
    std::int64_t value; // entry: flags; return: ret
};

// Writes an entry and a return probe on one place, as the helper stores them.
QString writeRecording(const QString& dir, const QString& kind, const std::vector<Hit>& hits)
{
    const QString path = dir + QLatin1String("/probes.ftlens");
    auto writer = Storage::RecordingWriter::create(path);
    if (!writer)
        return {};
    const bool kernel = kind == QLatin1String("kprobe");
    const std::string system = kernel ? "kprobes" : "uprobes";
    const std::string place = kernel ? "do_sys_open" : "/lib/libc.so.6:0xf7fc0";
    Storage::EventTypeSpec entry { system, "myopen", kernel ? "kprobe" : "uprobe", 1001, "p:ftlens_1/myopen " + place + " filename=+0(%si):string flags=%dx:x32",
        "", { { "__probe_ip", "unsigned long", FieldStorage::UInt, 8 }, { "filename", "__data_loc char[]", FieldStorage::Text, 4 },
                { "flags", "u32", FieldStorage::UInt, 4 } } };
    Storage::EventTypeSpec ret { system, "open_done", kernel ? "kretprobe" : "uretprobe", 1002, "r:ftlens_1/open_done " + place + " ret=$retval:s32",
        "", { { "__probe_func", "unsigned long", FieldStorage::UInt, 8 }, { "__probe_ret_ip", "unsigned long", FieldStorage::UInt, 8 },
                { "ret", "s32", FieldStorage::Int, 4 } } };
    const int entryType = writer.value()->addEventType(entry).value();
    const int retType = writer.value()->addEventType(ret).value();
    for (const Hit& hit : hits) {
        writer.value()->beginEvent(hit.isReturn ? retType : entryType, hit.ts, hit.pid % 2, hit.pid, 0, 0);
        writer.value()->setInt(0, 0x1234);
        if (hit.isReturn) {
            writer.value()->setInt(1, 0x5678);
            writer.value()->setInt(2, hit.value);
        } else {
            writer.value()->setText(1, hit.path);
            writer.value()->setInt(2, hit.value);
        }
        (void)writer.value()->endEvent();
    }
    (void)writer.value()->setTask(7, 7, "cat");
    (void)writer.value()->setTask(8, 8, "ls,x");
    return writer.value()->finish() ? path : QString();
}

QByteArray exported(const QString& file, const QString& probe, const QString& out)
{
    auto reader = Storage::RecordingReader::open(file);
    if (!reader)
        return "OPEN FAILED " + reader.error().message.toUtf8();
    auto rows = Engine::exportProbeCsv(*reader.value(), probe, out);
    if (!rows)
        return "EXPORT FAILED " + rows.error().message.toUtf8();
    QFile f(out);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("NO FILE");
}

const std::vector<Hit> calls = {
    { true, 90, 9, nullptr, -2 },            // returned before the recording started
    { false, 100, 7, "/etc/hostname", 0x88000 },
    { false, 110, 8, "/nope", 0x80000 },
    { true, 150, 7, nullptr, 3 },
    { true, 160, 8, nullptr, -2 },
    { false, 200, 10, "/still/open", 0x241 }, // cut by the end of the recording
};
} // namespace

class TestProbeCsvExport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void kernelProbe()
    {
        QTemporaryDir dir;
        const QString file = writeRecording(dir.path(), QStringLiteral("kprobe"), calls);
        QVERIFY(!file.isEmpty());
        const QByteArray expected = "ts_ns,cpu,pid,comm,filename,flags,ret,ret_text,latency_ns,flags_text,status\r\n"
                                    "90,1,9,,,,-2,-2 ENOENT,,,return_only\r\n"
                                    "100,1,7,cat,/etc/hostname,557056,3,3,50,O_RDONLY|O_LARGEFILE|O_CLOEXEC,paired\r\n"
                                    "110,0,8,\"ls,x\",/nope,524288,-2,-2 ENOENT,50,O_RDONLY|O_CLOEXEC,paired\r\n"
                                    "200,0,10,,/still/open,577,,,,O_WRONLY|O_CREAT|O_TRUNC,entry_only\r\n";
        QCOMPARE(exported(file, QStringLiteral("myopen"), dir.filePath(QStringLiteral("k.csv"))), expected);
        // The same table when asked for by the qualified name.
        QCOMPARE(exported(file, QStringLiteral("kprobes:myopen"), dir.filePath(QStringLiteral("k2.csv"))), expected);
    }

    // libc returns -1 and leaves the error in errno: no errno name is made up for it.
    void userProbe()
    {
        QTemporaryDir dir;
        const QString file = writeRecording(dir.path(), QStringLiteral("uprobe"),
            { { false, 100, 7, "/nope", 0x80000 }, { true, 130, 7, nullptr, -1 } });
        QCOMPARE(exported(file, QStringLiteral("myopen"), dir.filePath(QStringLiteral("u.csv"))),
            QByteArray("ts_ns,cpu,pid,comm,filename,flags,ret,ret_text,latency_ns,flags_text,status\r\n"
                       "100,1,7,cat,/nope,524288,-1,-1,30,O_RDONLY|O_CLOEXEC,paired\r\n"));
    }

    // An entry probe without its return probe, one of its rows with type_id -1 (found by
    // fuzz_recordingsql: read as a return, then from a return reader never prepared: SEGV).
    void damagedTypeIdWithoutReturnProbe()
    {
        QTemporaryDir dir;
        const QString file = writeRecording(dir.path(), QStringLiteral("kprobe"), calls);
        QVERIFY(!file.isEmpty());
        {
            auto db = Storage::Database::open(file, Storage::Database::Mode::ReadWrite);
            QVERIFY(db);
            QVERIFY(db->exec("DELETE FROM event_type WHERE name = 'open_done'"));
            QVERIFY(db->exec("UPDATE event SET type_id = -1 WHERE id = 2"));
        }
        QCOMPARE(exported(file, QStringLiteral("myopen"), dir.filePath(QStringLiteral("d.csv"))),
            QByteArray("ts_ns,cpu,pid,comm,filename,flags,ret,ret_text,latency_ns,flags_text,status\r\n"
                       "100,1,7,cat,/etc/hostname,557056,,,,O_RDONLY|O_LARGEFILE|O_CLOEXEC,entry_only\r\n"
                       "110,0,8,\"ls,x\",/nope,524288,,,,O_RDONLY|O_CLOEXEC,entry_only\r\n"
                       "200,0,10,,/still/open,577,,,,O_WRONLY|O_CREAT|O_TRUNC,entry_only\r\n"));
    }

    void unknownProbe()
    {
        QTemporaryDir dir;
        const QString file = writeRecording(dir.path(), QStringLiteral("kprobe"), calls);
        QVERIFY(exported(file, QStringLiteral("nosuch"), dir.filePath(QStringLiteral("n.csv"))).contains("no probe named 'nosuch'"));
    }
};

QTEST_GUILESS_MAIN(TestProbeCsvExport)
#include "tst_probecsvexport.moc"
