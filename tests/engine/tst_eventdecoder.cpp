// SPDX-License-Identifier: GPL-3.0-or-later
// Raw ring-buffer pages → EventMerger → EventDecoder → recording → CSV, on a fake tracefs laid out
// from the kernel format files in tests/data/tracefs. The pages are built byte by byte
// (ringbufferpage.h) as header_page/header_event describe, so every expectation is exact:
// field values, merge order across CPUs, held-back events, time extends, lost-event counts, the
// handling of records that do not match their format, and of pages kbuffer must not walk.
#include "eventdecoder.h"
#include "eventmerger.h"
#include "ringbufferpage.h"

#include "eventcsvexport.h"
#include "recordingreader.h"
#include "recordingwriter.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <cstring>
#include <limits>
#include <map>

using namespace Recorder;
using TestSupport::EventFormat;
using TestSupport::EventRecord;
using TestSupport::PageSequence;
using TestSupport::RingBufferPage;

namespace {

constexpr std::uint64_t T = 70'662'480'000; // 70.66248 s, like a 'now ts' in per_cpu stats
constexpr std::uint64_t noWatermark = std::numeric_limits<std::uint64_t>::max();

// The fixture's events, as SYSTEM/EVENT under events/.
const char* const fixtureEvents[] = { "sched/sched_switch", "sched/sched_wakeup", "sched/sched_process_exec",
    "syscalls/sys_enter_openat", "syscalls/sys_exit_openat", "ftrace/function", "ftrace/funcgraph_entry",
    "ftrace/funcgraph_exit" };
// The events a recording registers; everything else (ftrace:*) is unknown to it.
const char* const recordedEvents[] = { "sched/sched_switch", "sched/sched_wakeup", "sched/sched_process_exec",
    "syscalls/sys_enter_openat", "syscalls/sys_exit_openat" };

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

// A tracefs as libtracefs reads it, in a plain directory: events/header_page, header_event,
// events/SYSTEM/EVENT/{format,enable}, events/SYSTEM/enable, empty printk_formats and saved_cmdlines.
QString buildFakeTracefs(const QString& fixture, const QString& root)
{
    const QString events = root + QLatin1String("/events");
    if (!QDir().mkpath(events))
        return QStringLiteral("cannot create %1").arg(events);
    for (const char* header : { "header_page", "header_event" }) {
        const QByteArray text = readFile(fixture + QLatin1String("/events/") + QLatin1String(header));
        if (text.isEmpty() || !writeFile(events + QLatin1Char('/') + QLatin1String(header), text))
            return QStringLiteral("cannot copy %1").arg(QLatin1String(header));
    }
    for (const char* event : fixtureEvents) {
        const QString relative = QLatin1String(event);
        const QByteArray format = readFile(fixture + QLatin1String("/events/") + relative + QLatin1String("/format"));
        const QString dir = events + QLatin1Char('/') + relative;
        if (format.isEmpty() || !QDir().mkpath(dir) || !writeFile(dir + QLatin1String("/format"), format)
            || !writeFile(dir + QLatin1String("/enable"), "0\n")
            || !writeFile(events + QLatin1Char('/') + relative.section(QLatin1Char('/'), 0, 0) + QLatin1String("/enable"), "0\n"))
            return QStringLiteral("cannot lay out %1").arg(relative);
    }
    if (!writeFile(root + QLatin1String("/printk_formats"), {}) || !writeFile(root + QLatin1String("/saved_cmdlines"), {})
        || !writeFile(root + QLatin1String("/trace_clock"), "[mono]\n"))
        return QStringLiteral("cannot write the top-level files");
    return {};
}

QStringList csvLines(const QString& path)
{
    QStringList lines = QString::fromUtf8(readFile(path)).split(QLatin1Char('\n'));
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    for (QString& line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
    }
    return lines;
}

QString num(std::uint64_t value) { return QString::number(value); }

} // namespace

class TestEventDecoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void pageBuilderMatchesHeaderEvent();
    void decodesFieldsPerFormat_data();
    void decodesFieldsPerFormat();
    void storesCommonFields();
    void learnsTaskNamesFromCommFields();
    void mergesCpusInTimeOrder();
    void mergesManyPagesInTimeOrder();
    void watermarkHoldsEventsBack();
    void timeExtends_data();
    void timeExtends();
    void countsMissedEvents_data();
    void countsMissedEvents();
    void countsMissedEventsPerCpu();
    void countsUnknownEvents();
    void malformedRecordsGiveNullFields();
    void dropsCorruptPagesAndCountsThem();

private:
    const EventFormat& format(const char* name) const;
    QByteArray switchRecord(int pid, const QByteArray& prevComm, int prevPid, int prevPrio, qint64 prevState,
        const QByteArray& nextComm, int nextPid, int nextPrio) const;
    QByteArray wakeupRecord(int pid, const QByteArray& comm, int wokenPid, int prio, int targetCpu) const;
    QByteArray execRecord(int pid, const QByteArray& filename) const;
    void addPages(int cpu, const QList<RingBufferPage>& pages);
    void addPage(int cpu, const RingBufferPage& page) { addPages(cpu, { page }); }
    Storage::Status drain(std::uint64_t watermark);
    Storage::Status finish();
    Storage::Result<QStringList> exportCsv(const QString& type);
    // "ts@cpuN pid system:event" per stored event, in id order (flags/preempt with withCommon).
    Storage::Result<QStringList> storedEvents(bool withCommon = false);
    // The field table of type as "event_id: NULL f1 f2" lines, for rows that have NULL fields.
    Storage::Result<QStringList> nullFields(const QString& type);
    // The timestamps of the stored events, in id order.
    Storage::Result<QList<std::uint64_t>> storedTimestamps();

    QTemporaryDir m_tracefs;
    std::map<QByteArray, EventFormat> m_formats;
    std::unique_ptr<QTemporaryDir> m_work;
    std::unique_ptr<Storage::RecordingWriter> m_writer;
    std::unique_ptr<EventDecoder> m_decoder;
    std::unique_ptr<EventMerger> m_merger;
    std::unique_ptr<Storage::RecordingReader> m_reader;
    QStringList m_sunk; // "ts@cpuN" for each event handed to the sink, in order
};

void TestEventDecoder::initTestCase()
{
    const QString fixture = QFINDTESTDATA("../data/tracefs");
    QVERIFY2(!fixture.isEmpty(), "tests/data/tracefs not found");
    QVERIFY(m_tracefs.isValid());
    const QString error = buildFakeTracefs(fixture, m_tracefs.path());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const char* event : fixtureEvents) {
        const QString relative = QLatin1String(event);
        auto parsed = EventFormat::parse(readFile(fixture + QLatin1String("/events/") + relative + QLatin1String("/format")));
        QVERIFY2(parsed, event);
        parsed->system = relative.section(QLatin1Char('/'), 0, 0).toLatin1();
        m_formats[parsed->name] = *parsed;
    }
}

void TestEventDecoder::init()
{
    m_work = std::make_unique<QTemporaryDir>();
    QVERIFY(m_work->isValid());
    auto writer = Storage::RecordingWriter::create(m_work->filePath(QStringLiteral("decoded.ftlens")));
    QVERIFY2(writer, qPrintable(writer ? QString() : writer.error().message));
    m_writer = std::move(writer.value());
    auto decoder = EventDecoder::create(m_tracefs.path(), { QStringLiteral("sched"), QStringLiteral("syscalls") });
    QVERIFY2(decoder, qPrintable(decoder ? QString() : decoder.error().message));
    m_decoder = std::move(decoder.value());
    for (const char* event : recordedEvents) {
        const QString system = QString::fromLatin1(event).section(QLatin1Char('/'), 0, 0);
        const QString name = QString::fromLatin1(event).section(QLatin1Char('/'), 1);
        const QByteArray formatText = readFile(m_tracefs.path() + QLatin1String("/events/") + QLatin1String(event) + QLatin1String("/format"));
        const Storage::Status s
            = m_decoder->addEvent(*m_writer, system, name, { system, QStringLiteral("tracepoint"), {} }, formatText);
        QVERIFY2(s, qPrintable(s ? QString() : s.error().message));
    }
    m_merger = std::make_unique<EventMerger>(2);
    m_sunk.clear();
}

void TestEventDecoder::cleanup()
{
    m_reader.reset();
    m_merger.reset();
    m_decoder.reset();
    m_writer.reset();
    m_work.reset();
}

const EventFormat& TestEventDecoder::format(const char* name) const
{
    const auto it = m_formats.find(QByteArray(name));
    if (it == m_formats.end())
        qFatal("no fixture format %s", name);
    return it->second;
}

QByteArray TestEventDecoder::switchRecord(int pid, const QByteArray& prevComm, int prevPid, int prevPrio, qint64 prevState,
    const QByteArray& nextComm, int nextPid, int nextPrio) const
{
    return EventRecord(format("sched_switch"), pid)
        .setText("prev_comm", prevComm)
        .set("prev_pid", prevPid)
        .set("prev_prio", prevPrio)
        .set("prev_state", prevState)
        .setText("next_comm", nextComm)
        .set("next_pid", nextPid)
        .set("next_prio", nextPrio)
        .bytes();
}

QByteArray TestEventDecoder::wakeupRecord(int pid, const QByteArray& comm, int wokenPid, int prio, int targetCpu) const
{
    return EventRecord(format("sched_wakeup"), pid)
        .setText("comm", comm)
        .set("pid", wokenPid)
        .set("prio", prio)
        .set("target_cpu", targetCpu)
        .bytes();
}

QByteArray TestEventDecoder::execRecord(int pid, const QByteArray& filename) const
{
    return EventRecord(format("sched_process_exec"), pid).setText("filename", filename).set("pid", pid).set("old_pid", pid).bytes();
}

void TestEventDecoder::addPages(int cpu, const QList<RingBufferPage>& pages)
{
    for (const RingBufferPage& page : pages)
        m_merger->addPage(RawPage { cpu, page.bytes() });
}

Storage::Status TestEventDecoder::drain(std::uint64_t watermark)
{
    return m_merger->drain(watermark, [this](int cpu, std::uint64_t ts, const char* data, int size) {
        m_sunk << QStringLiteral("%1@cpu%2").arg(ts).arg(cpu);
        return m_decoder->decode(*m_writer, cpu, ts, data, size);
    });
}

Storage::Status TestEventDecoder::finish()
{
    if (Storage::Status s = m_decoder->taskNames().writeTo(*m_writer); !s)
        return s;
    if (Storage::Status s = m_writer->finish(); !s)
        return s;
    auto reader = Storage::RecordingReader::open(m_writer->path());
    if (!reader)
        return reader.error();
    m_reader = std::move(reader.value());
    return {};
}

Storage::Result<QStringList> TestEventDecoder::exportCsv(const QString& type)
{
    const QString path = m_work->filePath(QStringLiteral("export.csv"));
    auto rows = Storage::exportEventsCsv(*m_reader, { type, std::nullopt, path });
    if (!rows)
        return rows.error();
    return csvLines(path);
}

Storage::Result<QStringList> TestEventDecoder::storedEvents(bool withCommon)
{
    auto query = m_reader->database().prepare(
        "SELECT e.ts, e.cpu, e.pid, e.flags, e.preempt_count, t.system || ':' || t.name"
        " FROM event e JOIN event_type t ON t.id = e.type_id ORDER BY e.id");
    if (!query)
        return query.error();
    QStringList lines;
    while (query->step() == SQLITE_ROW) {
        QString line = QStringLiteral("%1@cpu%2 %3 %4").arg(query->columnInt(0)).arg(query->columnInt(1)).arg(query->columnInt(2)).arg(query->columnString(5));
        if (withCommon)
            line += QStringLiteral(" flags=0x%1 preempt=%2").arg(query->columnInt(3), 0, 16).arg(query->columnInt(4));
        lines << line;
    }
    return lines;
}

Storage::Result<QList<std::uint64_t>> TestEventDecoder::storedTimestamps()
{
    auto query = m_reader->database().prepare("SELECT ts FROM event ORDER BY id");
    if (!query)
        return query.error();
    QList<std::uint64_t> timestamps;
    while (query->step() == SQLITE_ROW)
        timestamps << std::uint64_t(query->columnInt(0));
    return timestamps;
}

Storage::Result<QStringList> TestEventDecoder::nullFields(const QString& type)
{
    const Storage::EventTypeInfo* info = m_reader->findEventType(type);
    if (!info)
        return Storage::Error { QStringLiteral("no type %1").arg(type) };
    std::string sql = "SELECT event_id";
    for (const Storage::FieldInfo& field : info->fields)
        sql += ", " + Storage::quoteIdentifier(field.name.toStdString()) + " IS NULL";
    sql += " FROM " + Storage::quoteIdentifier(info->fieldTable.toStdString()) + " ORDER BY event_id";
    auto query = m_reader->database().prepare(sql);
    if (!query)
        return query.error();
    QStringList lines;
    while (query->step() == SQLITE_ROW) {
        QStringList nulls;
        for (std::size_t i = 0; i < info->fields.size(); ++i) {
            if (query->columnInt(int(i) + 1))
                nulls << info->fields[i].name;
        }
        lines << QStringLiteral("%1: %2").arg(query->columnInt(0)).arg(nulls.isEmpty() ? QStringLiteral("-") : nulls.join(QLatin1Char(' ')));
    }
    return lines;
}

// The builder itself, against the layout the kernel's header_event names: a self-check, so that
// the decoding tests below cannot pass on a builder that agrees with a wrong decoder.
void TestEventDecoder::pageBuilderMatchesHeaderEvent()
{
    const QByteArray headerEvent = readFile(m_tracefs.path() + QLatin1String("/events/header_event"));
    QVERIFY(headerEvent.contains("type_len    :    5 bits"));
    QVERIFY(headerEvent.contains("time_delta  :   27 bits"));
    QVERIFY(headerEvent.contains("time_extend : type == 30"));
    QVERIFY(headerEvent.contains("data max type_len  == 28"));
    const QByteArray headerPage = readFile(m_tracefs.path() + QLatin1String("/events/header_page"));
    QVERIFY(headerPage.contains("field: u64 timestamp;\toffset:0;\tsize:8;"));
    QVERIFY(headerPage.contains("field: local_t commit;\toffset:8;\tsize:8;"));
    QVERIFY(headerPage.contains("field: char data;\toffset:16;\tsize:4080;"));

    RingBufferPage page(0x1122334455667788);
    QVERIFY(page.append(0x1122334455667788 + 5, QByteArray("\x01\x02\x03\x04\x05", 5)));
    QVERIFY(page.append(0x1122334455667788 + 5 + (3ull << 27) + 9, QByteArray(8, 'x')));
    QVERIFY(page.append(0x1122334455667788 + 5 + (3ull << 27) + 9, QByteArray(116, 'y')));
    page.setMissedEvents(513);
    const std::vector<char> bytes = page.bytes();
    QCOMPARE(int(bytes.size()), 4096);
    const QByteArray head = QByteArray(bytes.data(), 16 + 44).toHex(' ');
    QCOMPARE(head,
        QByteArray("88 77 66 55 44 33 22 11 " // page timestamp
                   "9c 00 00 c0 00 00 00 00 " // commit: 0x9c = 156 bytes of data | MISSED_EVENTS | MISSED_STORED
                   "a2 00 00 00 01 02 03 04 05 00 00 00 " // type_len 2, delta 5; payload padded to 8
                   "3e 01 00 00 03 00 00 00 " // time extend: delta low bits 9 << 5 | 30, then 3 (<< 27)
                   "02 00 00 00 78 78 78 78 78 78 78 78 " // type_len 2, delta 0
                   "00 00 00 00 78 00 00 00 79 79 79 79")); // type_len 0, length word 116 + 4, payload
    QCOMPARE(page.timeExtendCount(), 1);
    QCOMPARE(page.dataSize(), 156);
    QCOMPARE(QByteArray(bytes.data() + 16 + 156, 8).toHex(' '), QByteArray("01 02 00 00 00 00 00 00")); // 513 lost
}

void TestEventDecoder::decodesFieldsPerFormat_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QStringList>("expected");

    const QString t = num(T);
    QTest::addRow("sched_switch: fixed char[16] strings, negative prio, task names")
        << QStringLiteral("sched:sched_switch")
        << QStringList {
               QStringLiteral("ts_ns,cpu,pid,comm,event,prev_comm,prev_pid,prev_prio,prev_state,next_comm,next_pid,next_prio"),
               t + QStringLiteral(",0,0,,sched:sched_switch,swapper/0,0,120,0,bash,1234,120"),
               num(T + 5000) + QStringLiteral(",0,1234,ls,sched:sched_switch,ls,1234,120,1,rt-app,4321,-1"),
               num(T + 7000) + QStringLiteral(",1,4321,rt-app,sched:sched_switch,rt-app,4321,-1,-9223372036854775808,swapper/1,0,120"),
           };
    QTest::addRow("sched_wakeup: a comm filling all 16 bytes has no NUL")
        << QStringLiteral("sched:sched_wakeup")
        << QStringList {
               QStringLiteral("ts_ns,cpu,pid,comm,event,comm,pid,prio,target_cpu"),
               num(T + 3000) + QStringLiteral(",1,1234,ls,sched:sched_wakeup,sshd,900,120,1"),
               num(T + 4500) + QStringLiteral(",1,900,sshd,sched:sched_wakeup,kworker/u16:7-ev,77,100,0"),
           };
    QTest::addRow("sys_enter_openat: 8-byte unsigned arguments")
        << QStringLiteral("syscalls:sys_enter_openat")
        << QStringList {
               QStringLiteral("ts_ns,cpu,pid,comm,event,__syscall_nr,dfd,filename,flags,mode"),
               num(T + 1500) + QStringLiteral(",0,1234,ls,syscalls:sys_enter_openat,257,18446744073709551516,140722626567744,524288,0"),
           };
    QTest::addRow("sys_exit_openat: negative long")
        << QStringLiteral("syscalls:sys_exit_openat")
        << QStringList {
               QStringLiteral("ts_ns,cpu,pid,comm,event,__syscall_nr,ret"),
               num(T + 2600) + QStringLiteral(",0,1234,ls,syscalls:sys_exit_openat,257,-2"),
               num(T + 2700) + QStringLiteral(",0,1234,ls,syscalls:sys_exit_openat,257,3"),
           };
    const QByteArray longPath = "/usr/lib/x86_64-linux-gnu/qt6/plugins/platforms/../../../../../libexec/ftlens/"
                                "a-very-long-helper-name-that-pushes-the-record-past-112-bytes";
    QTest::addRow("sched_process_exec: __data_loc strings, short and long (type_len 0) records")
        << QStringLiteral("sched:sched_process_exec")
        << QStringList {
               QStringLiteral("ts_ns,cpu,pid,comm,event,filename,pid,old_pid"),
               num(T + 4000) + QStringLiteral(",0,1234,ls,sched:sched_process_exec,/usr/bin/ls,1234,1234"),
               num(T + 6000) + QStringLiteral(",1,4321,rt-app,sched:sched_process_exec,") + QString::fromLatin1(longPath)
                   + QStringLiteral(",4321,4321"),
               // A location of length 0 (a probe's string fetch that faulted): "(fault)", as the kernel prints it.
               num(T + 6500) + QStringLiteral(",1,4321,rt-app,sched:sched_process_exec,(fault),4321,4321"),
           };
}

// One recording with events of every registered type on two CPUs, exported type by type.
void TestEventDecoder::decodesFieldsPerFormat()
{
    QFETCH(QString, type);
    QFETCH(QStringList, expected);

    const QByteArray longPath = "/usr/lib/x86_64-linux-gnu/qt6/plugins/platforms/../../../../../libexec/ftlens/"
                                "a-very-long-helper-name-that-pushes-the-record-past-112-bytes";
    RingBufferPage cpu0(T);
    QVERIFY(cpu0.append(T, switchRecord(0, "swapper/0", 0, 120, 0, "bash", 1234, 120)));
    QVERIFY(cpu0.append(T + 1500,
        EventRecord(format("sys_enter_openat"), 1234)
            .set("__syscall_nr", 257)
            .set("dfd", -100) // AT_FDCWD in an unsigned 8-byte slot
            .set("filename", 0x7ffc8a2b1e40)
            .set("flags", 0x80000)
            .set("mode", 0)
            .bytes()));
    QVERIFY(cpu0.append(T + 2600, EventRecord(format("sys_exit_openat"), 1234).set("__syscall_nr", 257).set("ret", -2).bytes()));
    QVERIFY(cpu0.append(T + 2700, EventRecord(format("sys_exit_openat"), 1234).set("__syscall_nr", 257).set("ret", 3).bytes()));
    QVERIFY(cpu0.append(T + 4000, execRecord(1234, "/usr/bin/ls")));
    QVERIFY(cpu0.append(T + 5000, switchRecord(1234, "ls", 1234, 120, 1, "rt-app", 4321, -1)));
    RingBufferPage cpu1(T + 3000);
    QVERIFY(cpu1.append(T + 3000, wakeupRecord(1234, "sshd", 900, 120, 1)));
    QVERIFY(cpu1.append(T + 4500, wakeupRecord(900, "kworker/u16:7-ev", 77, 100, 0)));
    const QByteArray exec = execRecord(4321, longPath);
    QVERIFY(exec.size() > RingBufferPage::maxSmallPayload);
    QVERIFY(cpu1.append(T + 6000, exec));
    QVERIFY(cpu1.append(T + 6500,
        EventRecord(format("sched_process_exec"), 4321).setDynamic("filename", QByteArray()).set("pid", 4321).set("old_pid", 4321).bytes()));
    QVERIFY(cpu1.append(T + 7000, switchRecord(4321, "rt-app", 4321, -1, std::numeric_limits<qint64>::min(), "swapper/1", 0, 120)));
    addPage(1, cpu1);
    addPage(0, cpu0);

    QVERIFY(drain(noWatermark));
    QCOMPARE(m_merger->eventsMerged(), 11);
    QCOMPARE(m_decoder->unknownEvents(), 0);
    QCOMPARE(m_decoder->malformedEvents(), 0);
    QVERIFY(finish());
    const auto csv = exportCsv(type);
    QVERIFY2(csv.ok(), qPrintable(csv.ok() ? QString() : csv.error().message));
    QCOMPARE(csv.value(), expected);
    const auto nulls = nullFields(type);
    QVERIFY2(nulls.ok(), qPrintable(nulls.ok() ? QString() : nulls.error().message));
    for (const QString& line : nulls.value())
        QVERIFY2(line.endsWith(QLatin1String(": -")), qPrintable(line));
}

void TestEventDecoder::storesCommonFields()
{
    RingBufferPage page(T);
    QVERIFY(page.append(T + 10, EventRecord(format("sched_wakeup"), 42, 0x0d, 0x21).setText("comm", "a").set("pid", 7).bytes()));
    QVERIFY(page.append(T + 20, EventRecord(format("sys_exit_openat"), -1, 0xff, 0xff).set("ret", 0).bytes()));
    addPage(0, page);
    QVERIFY(drain(noWatermark));
    QVERIFY(finish());
    const auto stored = storedEvents(true);
    QVERIFY(stored.ok());
    QCOMPARE(stored.value(),
        (QStringList { num(T + 10) + QStringLiteral("@cpu0 42 sched:sched_wakeup flags=0xd preempt=33"),
            num(T + 20) + QStringLiteral("@cpu0 -1 syscalls:sys_exit_openat flags=0xff preempt=255") }));
}

void TestEventDecoder::learnsTaskNamesFromCommFields()
{
    RingBufferPage page(T);
    // pid 0 (the idle task) is never named; the newest comm of a pid wins.
    QVERIFY(page.append(T + 1, switchRecord(0, "swapper/0", 0, 120, 0, "bash", 100, 120)));
    QVERIFY(page.append(T + 2, wakeupRecord(100, "sshd", 200, 120, 0)));
    QVERIFY(page.append(T + 3, switchRecord(100, "bash", 100, 120, 1, "sshd", 200, 120)));
    QVERIFY(page.append(T + 4, execRecord(200, "/usr/bin/vim")));
    QVERIFY(page.append(T + 5, switchRecord(200, "vim", 200, 120, 1, "swapper/0", 0, 120)));
    addPage(0, page);
    QVERIFY(drain(noWatermark));
    QVERIFY(finish());
    auto query = m_reader->database().prepare("SELECT k.pid, s.str FROM task k JOIN string s ON s.id = k.comm_id ORDER BY k.pid");
    QVERIFY(query.ok());
    QStringList tasks;
    while (query->step() == SQLITE_ROW)
        tasks << QStringLiteral("%1 %2").arg(query->columnInt(0)).arg(query->columnString(1));
    QCOMPARE(tasks, (QStringList { QStringLiteral("100 bash"), QStringLiteral("200 vim") }));
}

void TestEventDecoder::mergesCpusInTimeOrder()
{
    // Interleaved in time; CPU 1's pages are handed over first, CPU 3 is beyond the merger's slots.
    RingBufferPage cpu0(T);
    for (std::uint64_t ts : { T + 100, T + 300, T + 500, T + 500 })
        QVERIFY(cpu0.append(ts, wakeupRecord(10, "zero", 1, 120, 0)));
    RingBufferPage cpu1(T);
    for (std::uint64_t ts : { T + 200, T + 400, T + 500, T + 600 })
        QVERIFY(cpu1.append(ts, wakeupRecord(11, "one", 1, 120, 1)));
    RingBufferPage cpu3(T + 50);
    for (std::uint64_t ts : { T + 50, T + 450 })
        QVERIFY(cpu3.append(ts, wakeupRecord(13, "three", 1, 120, 3)));
    addPage(1, cpu1);
    addPage(3, cpu3);
    addPage(0, cpu0);
    QVERIFY(drain(noWatermark));
    QVERIFY(finish());
    const auto stored = storedEvents();
    QVERIFY(stored.ok());
    // Equal timestamps come out lower CPU first.
    QCOMPARE(stored.value(),
        (QStringList {
            num(T + 50) + QStringLiteral("@cpu3 13 sched:sched_wakeup"),
            num(T + 100) + QStringLiteral("@cpu0 10 sched:sched_wakeup"),
            num(T + 200) + QStringLiteral("@cpu1 11 sched:sched_wakeup"),
            num(T + 300) + QStringLiteral("@cpu0 10 sched:sched_wakeup"),
            num(T + 400) + QStringLiteral("@cpu1 11 sched:sched_wakeup"),
            num(T + 450) + QStringLiteral("@cpu3 13 sched:sched_wakeup"),
            num(T + 500) + QStringLiteral("@cpu0 10 sched:sched_wakeup"),
            num(T + 500) + QStringLiteral("@cpu0 10 sched:sched_wakeup"),
            num(T + 500) + QStringLiteral("@cpu1 11 sched:sched_wakeup"),
            num(T + 600) + QStringLiteral("@cpu1 11 sched:sched_wakeup"),
        }));
    QCOMPARE(m_merger->eventsMerged(), 10);
}

void TestEventDecoder::mergesManyPagesInTimeOrder()
{
    // Three CPUs, several pages each, with timestamps drawn so that the CPUs overlap everywhere.
    QList<std::uint64_t> all;
    for (int cpu = 0; cpu < 3; ++cpu) {
        PageSequence pages;
        std::uint64_t ts = T + std::uint64_t(cpu) * 7;
        for (int i = 0; i < 400; ++i) {
            ts += 1 + std::uint64_t((i * 37 + cpu * 11) % 29);
            pages.append(ts, wakeupRecord(100 + cpu, "task", i, 120, cpu));
            all << ts;
        }
        QVERIFY(pages.pages().size() >= 4);
        addPages(cpu, pages.pages());
    }
    std::sort(all.begin(), all.end());
    QVERIFY(drain(noWatermark));
    QVERIFY(finish());
    const auto timestamps = storedTimestamps();
    QVERIFY(timestamps.ok());
    QCOMPARE(timestamps.value(), all);
    QCOMPARE(m_merger->eventsMerged(), 1200);
}

void TestEventDecoder::watermarkHoldsEventsBack()
{
    RingBufferPage cpu0(T + 100);
    for (std::uint64_t ts : { T + 100, T + 200, T + 300 })
        QVERIFY(cpu0.append(ts, wakeupRecord(10, "zero", 1, 120, 0)));
    RingBufferPage cpu1(T + 150);
    for (std::uint64_t ts : { T + 150, T + 250 })
        QVERIFY(cpu1.append(ts, wakeupRecord(11, "one", 1, 120, 1)));
    addPage(0, cpu0);
    addPage(1, cpu1);

    QVERIFY(drain(T + 210));
    QCOMPARE(m_sunk, (QStringList { num(T + 100) + QStringLiteral("@cpu0"), num(T + 150) + QStringLiteral("@cpu1"),
                          num(T + 200) + QStringLiteral("@cpu0") }));
    QCOMPARE(m_merger->eventsMerged(), 3);
    QVERIFY(drain(T + 210)); // nothing new below the same watermark
    QCOMPARE(m_sunk.size(), 3);

    // Later pages: CPU 1 delivers T+260, earlier than CPU 0's held-back T+300.
    RingBufferPage cpu1Later(T + 260);
    for (std::uint64_t ts : { T + 260, T + 400 })
        QVERIFY(cpu1Later.append(ts, wakeupRecord(11, "one", 1, 120, 1)));
    RingBufferPage cpu0Later(T + 310);
    QVERIFY(cpu0Later.append(T + 310, wakeupRecord(10, "zero", 1, 120, 0)));
    addPage(1, cpu1Later);
    addPage(0, cpu0Later);
    m_sunk.clear();
    QVERIFY(drain(T + 300)); // strictly below the watermark: T+300 stays
    QCOMPARE(m_sunk, (QStringList { num(T + 250) + QStringLiteral("@cpu1"), num(T + 260) + QStringLiteral("@cpu1") }));
    m_sunk.clear();
    QVERIFY(drain(noWatermark));
    QCOMPARE(m_sunk, (QStringList { num(T + 300) + QStringLiteral("@cpu0"), num(T + 310) + QStringLiteral("@cpu0"),
                          num(T + 400) + QStringLiteral("@cpu1") }));
    QCOMPARE(m_merger->eventsMerged(), 8);

    QVERIFY(finish());
    const auto timestamps = storedTimestamps();
    QVERIFY(timestamps.ok());
    QCOMPARE(timestamps.value(), (QList<std::uint64_t> { T + 100, T + 150, T + 200, T + 250, T + 260, T + 300, T + 310, T + 400 }));
}

void TestEventDecoder::timeExtends_data()
{
    QTest::addColumn<QList<std::uint64_t>>("deltas"); // from the page's time, then from each previous event
    QTest::addColumn<int>("forcedAt");                // index of an event written with a time extend anyway, or -1
    QTest::addColumn<int>("expectedExtends");

    const std::uint64_t max27 = (1ull << 27) - 1;
    QTest::addRow("largest delta in 27 bits") << QList<std::uint64_t> { 0, max27, max27 } << -1 << 0;
    QTest::addRow("one past 27 bits") << QList<std::uint64_t> { 0, max27 + 1, 1 } << -1 << 1;
    QTest::addRow("one second idle") << QList<std::uint64_t> { 0, 10, 1'000'000'000, 10 } << -1 << 1;
    QTest::addRow("past 32 bits") << QList<std::uint64_t> { 0, (1ull << 32) + 12345, 5 } << -1 << 1;
    QTest::addRow("an hour, twice") << QList<std::uint64_t> { 0, 3'600'000'000'000, 3'600'000'000'001, 1 } << -1 << 2;
    QTest::addRow("first event of the page") << QList<std::uint64_t> { 2'000'000'000, 1 } << -1 << 1;
    QTest::addRow("extend with a small delta") << QList<std::uint64_t> { 0, 7, 8 } << 1 << 1;
    QTest::addRow("extend with delta 0, page start") << QList<std::uint64_t> { 0, 3 } << 0 << 1;
}

void TestEventDecoder::timeExtends()
{
    QFETCH(QList<std::uint64_t>, deltas);
    QFETCH(int, forcedAt);
    QFETCH(int, expectedExtends);

    RingBufferPage page(T);
    QList<std::uint64_t> expected;
    std::uint64_t ts = T;
    for (int i = 0; i < deltas.size(); ++i) {
        ts += deltas[i];
        QVERIFY(page.append(ts, wakeupRecord(1, "t", i, 120, 0), i == forcedAt));
        expected << ts;
    }
    QCOMPARE(page.timeExtendCount(), expectedExtends);
    addPage(0, page);
    QVERIFY(drain(noWatermark));
    QVERIFY(finish());
    const auto timestamps = storedTimestamps();
    QVERIFY(timestamps.ok());
    QCOMPARE(timestamps.value(), expected);
    // The extend records themselves are not events.
    QCOMPARE(m_merger->eventsMerged(), deltas.size());
    QCOMPARE(m_decoder->unknownEvents(), 0);
    QCOMPARE(m_decoder->malformedEvents(), 0);
}

void TestEventDecoder::countsMissedEvents_data()
{
    QTest::addColumn<QList<qint64>>("missed"); // per page: -1 none, -2 flag without a count, else the count
    QTest::addColumn<bool>("fullPages");          // fill the pages so the count has no room
    QTest::addColumn<bool>("leadingExtend");      // each page starts with a time extend
    QTest::addColumn<qint64>("expected");

    QTest::addRow("none") << QList<qint64> { -1, -1 } << false << false << qint64(0);
    QTest::addRow("count stored") << QList<qint64> { 37 } << false << false << qint64(37);
    QTest::addRow("count on the second page") << QList<qint64> { -1, 5 } << false << false << qint64(5);
    QTest::addRow("counts add up") << QList<qint64> { 5, 7, -1, 1000000 } << false << false << qint64(1000012);
    QTest::addRow("count on a page starting with a time extend") << QList<qint64> { 37 } << false << true << qint64(37);
    // The kernel sets RB_MISSED_STORED only when the count fits after the data; a full page
    // says only that something was lost: that is at least one event.
    QTest::addRow("flag without a count") << QList<qint64> { -2 } << false << false << qint64(1);
    QTest::addRow("full page: count does not fit") << QList<qint64> { 9 } << true << false << qint64(1);
    QTest::addRow("full pages, one with room") << QList<qint64> { 9, -2, 4 } << true << false << qint64(6);
}

void TestEventDecoder::countsMissedEvents()
{
    QFETCH(QList<qint64>, missed);
    QFETCH(bool, fullPages);
    QFETCH(bool, leadingExtend);
    QFETCH(qint64, expected);

    std::uint64_t ts = T;
    int events = 0;
    for (int p = 0; p < missed.size(); ++p) {
        RingBufferPage page(ts);
        ts += leadingExtend ? 1'000'000'000 : 0;
        QVERIFY(page.append(ts, wakeupRecord(1, "t", p, 120, 0), leadingExtend));
        ++events;
        // sched_wakeup records take 40 bytes with their header: 102 of them fill the 4080 bytes of
        // data to the byte, leaving no room for the count.
        const bool full = fullPages && p != 2;
        for (int i = 0; i < (full ? 101 : 2); ++i) {
            QVERIFY(page.append(++ts, wakeupRecord(1, "t", p, 120, 0)));
            ++events;
        }
        if (full)
            QCOMPARE(page.dataSize(), RingBufferPage::pageSize - RingBufferPage::headerSize);
        if (missed[p] == -2)
            page.setMissedEvents(std::nullopt);
        else if (missed[p] >= 0)
            page.setMissedEvents(std::uint64_t(missed[p]));
        QCOMPARE(page.missedCountStored(), missed[p] >= 0 && !full);
        addPage(0, page);
        ts += 1000;
    }
    QVERIFY(drain(noWatermark));
    QCOMPARE(m_merger->missedEvents(0), expected);
    QCOMPARE(m_merger->missedEvents(1), 0);
    QCOMPARE(m_merger->eventsMerged(), events); // pages with lost events before them still decode whole
    QCOMPARE(m_decoder->malformedEvents(), 0);
}

void TestEventDecoder::countsMissedEventsPerCpu()
{
    RingBufferPage cpu0(T);
    QVERIFY(cpu0.append(T, wakeupRecord(1, "t", 1, 120, 0)));
    cpu0.setMissedEvents(3);
    RingBufferPage cpu1(T);
    QVERIFY(cpu1.append(T + 1, wakeupRecord(1, "t", 1, 120, 1)));
    RingBufferPage cpu5(T);
    QVERIFY(cpu5.append(T + 2, wakeupRecord(1, "t", 1, 120, 5)));
    cpu5.setMissedEvents(11);
    addPage(0, cpu0);
    addPage(1, cpu1);
    addPage(5, cpu5);
    QVERIFY(drain(noWatermark));
    QCOMPARE(m_merger->missedEvents(0), 3);
    QCOMPARE(m_merger->missedEvents(1), 0);
    QCOMPARE(m_merger->missedEvents(5), 11);
    QCOMPARE(m_merger->missedEvents(99), 0);
    QCOMPARE(m_merger->missedEvents(-1), 0);
}

void TestEventDecoder::countsUnknownEvents()
{
    RingBufferPage page(T);
    QVERIFY(page.append(T + 1, wakeupRecord(1, "known", 2, 120, 0)));
    // ftrace:function is in the fake tracefs but not registered with the decoder.
    QVERIFY(page.append(T + 2, EventRecord(format("function"), 1).set("ip", 0xffffffff81000000).set("parent_ip", 0).bytes()));
    // An id no format has.
    QByteArray stray = wakeupRecord(1, "stray", 2, 120, 0);
    stray[0] = char(0xfe);
    stray[1] = char(0xff);
    QVERIFY(page.append(T + 3, stray));
    QVERIFY(page.append(T + 4, wakeupRecord(1, "known", 3, 120, 0)));
    addPage(0, page);
    QVERIFY(drain(noWatermark));
    QCOMPARE(m_decoder->unknownEvents(), 2);
    QCOMPARE(m_decoder->malformedEvents(), 0);
    QCOMPARE(m_merger->eventsMerged(), 4);
    QVERIFY(finish());
    const auto stored = storedEvents();
    QVERIFY(stored.ok());
    QCOMPARE(stored.value(), (QStringList { num(T + 1) + QStringLiteral("@cpu0 1 sched:sched_wakeup"),
                                 num(T + 4) + QStringLiteral("@cpu0 1 sched:sched_wakeup") }));
}

void TestEventDecoder::malformedRecordsGiveNullFields()
{
    const EventFormat& exec = format("sched_process_exec");
    RingBufferPage page(T);
    QVERIFY(page.append(T + 1, execRecord(10, "/bin/good")));
    // __data_loc offset past the end of the record.
    QVERIFY(page.append(T + 2, EventRecord(exec, 11).set("filename", (8 << 16) | 500).set("pid", 11).set("old_pid", 11).bytes()));
    // Offset inside, length past the end.
    QVERIFY(page.append(T + 3, EventRecord(exec, 12).set("filename", (200 << 16) | 20).set("pid", 12).set("old_pid", 12).bytes()));
    QVERIFY(page.append(T + 4, execRecord(13, "/bin/good-again")));
    // A record cut short after the common fields: not even the __data_loc word is there.
    QVERIFY(page.append(T + 5, EventRecord(exec, 14).setText("filename", "/bin/cut").bytes().left(8)));
    // A sched_switch cut after prev_comm: every later field is missing, still one malformed event.
    QVERIFY(page.append(T + 6, switchRecord(15, "cut", 15, 120, 0, "next", 16, 120).left(24)));
    // Shorter than the common fields: not stored at all.
    QVERIFY(page.append(T + 7, EventRecord(exec, 17).bytes().left(4)));
    addPage(0, page);
    QVERIFY(drain(noWatermark));
    QCOMPARE(m_decoder->malformedEvents(), 5);
    QCOMPARE(m_decoder->unknownEvents(), 0);
    QVERIFY(finish());

    const auto csv = exportCsv(QStringLiteral("sched:sched_process_exec"));
    QVERIFY(csv.ok());
    QCOMPARE(csv.value(),
        (QStringList {
            QStringLiteral("ts_ns,cpu,pid,comm,event,filename,pid,old_pid"),
            num(T + 1) + QStringLiteral(",0,10,,sched:sched_process_exec,/bin/good,10,10"),
            num(T + 2) + QStringLiteral(",0,11,,sched:sched_process_exec,,11,11"),
            num(T + 3) + QStringLiteral(",0,12,,sched:sched_process_exec,,12,12"),
            num(T + 4) + QStringLiteral(",0,13,,sched:sched_process_exec,/bin/good-again,13,13"),
            num(T + 5) + QStringLiteral(",0,14,,sched:sched_process_exec,,,"),
        }));
    // Empty in CSV is NULL in the recording, not an empty string (nor the previous row's value).
    const auto execNulls = nullFields(QStringLiteral("sched:sched_process_exec"));
    QVERIFY(execNulls.ok());
    QCOMPARE(execNulls.value(), (QStringList { QStringLiteral("1: -"), QStringLiteral("2: filename"), QStringLiteral("3: filename"),
                                    QStringLiteral("4: -"), QStringLiteral("5: filename pid old_pid") }));
    const auto switchCsv = exportCsv(QStringLiteral("sched:sched_switch"));
    QVERIFY(switchCsv.ok());
    QCOMPARE(switchCsv.value(),
        (QStringList {
            QStringLiteral("ts_ns,cpu,pid,comm,event,prev_comm,prev_pid,prev_prio,prev_state,next_comm,next_pid,next_prio"),
            num(T + 6) + QStringLiteral(",0,15,,sched:sched_switch,cut,,,,,,"),
        }));
}

// Pages a reader might hand over damaged: whatever of them is readable is stored, in time order,
// the rest counted per CPU as dropped pages; nothing is read outside a page.
void TestEventDecoder::dropsCorruptPagesAndCountsThem()
{
    auto putU32 = [](std::vector<char>& page, std::size_t dataOffset, std::uint32_t value) {
        std::memcpy(page.data() + RingBufferPage::headerSize + dataOffset, &value, sizeof value);
    };
    auto pageOf = [this](std::initializer_list<std::uint64_t> stamps) {
        RingBufferPage page(*stamps.begin());
        for (std::uint64_t ts : stamps)
            page.append(ts, wakeupRecord(10, "t", 1, 120, 0));
        return page.bytes();
    };
    m_merger->addPage(RawPage { 0, pageOf({ T + 1, T + 2 }) });
    std::vector<char> broken = pageOf({ T + 5 });
    const std::uint64_t tooLong = RingBufferPage::pageSize; // more data than the page holds
    std::memcpy(broken.data() + 8, &tooLong, sizeof tooLong);
    m_merger->addPage(RawPage { 0, broken });
    std::vector<char> cut = pageOf({ T + 10, T + 11, T + 12 });
    putU32(cut, 80, 28); // the third record claims 112 bytes: past the page's data
    m_merger->addPage(RawPage { 0, cut });
    m_merger->addPage(RawPage { 0, pageOf({ T + 20 }) });
    m_merger->addPage(RawPage { -1, pageOf({ T + 21 }) }); // of no CPU: never from the reader, still counted

    RingBufferPage big(T + 3);
    QVERIFY(big.append(T + 3, execRecord(20, QByteArray(150, 'x'))));
    std::vector<char> backwards = big.bytes();
    putU32(backwards, 4, 0xffffffff); // its length word: -5 bytes, which would walk backwards
    m_merger->addPage(RawPage { 1, backwards });
    m_merger->addPage(RawPage { 1, pageOf({ T + 15 }) });
    QCOMPARE(m_merger->droppedPages(0), 3);
    QCOMPARE(m_merger->droppedPages(1), 1);
    QCOMPARE(m_merger->droppedPages(2), 0);

    QVERIFY(drain(noWatermark));
    QCOMPARE(m_sunk, (QStringList { num(T + 1) + QStringLiteral("@cpu0"), num(T + 2) + QStringLiteral("@cpu0"),
                          num(T + 10) + QStringLiteral("@cpu0"), num(T + 11) + QStringLiteral("@cpu0"),
                          num(T + 15) + QStringLiteral("@cpu1"), num(T + 20) + QStringLiteral("@cpu0") }));
    QCOMPARE(m_merger->eventsMerged(), 6);
    QCOMPARE(m_decoder->malformedEvents(), 0);
    QCOMPARE(m_merger->missedEvents(0), 0);
}

QTEST_GUILESS_MAIN(TestEventDecoder)
#include "tst_eventdecoder.moc"
