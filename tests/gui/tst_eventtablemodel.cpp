// SPDX-License-Identifier: GPL-3.0-or-later
// EventTableModel and EventsPanel on a copy of resources/demo.ftlens: QAbstractItemModelTester,
// row counts and cell texts against direct SQL (unfiltered and filtered), rows loading as
// "loading…" first, the current event both ways, search, and the panel's CSV export against
// `ftlens-cli export` with the same selection, byte for byte; a field no chosen type has is an
// error listing the fields they have.
#include "checklistbutton.h"
#include "eventrowsource.h"
#include "eventspanel.h"
#include "eventtablemodel.h"
#include "recordingreader.h"
#include "timeselection.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDeadlineTimer>
#include <QFile>
#include <QMenu>
#include <QProcess>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <limits>
#include <memory>

using namespace Gui;

namespace {
QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<cannot read>");
}
} // namespace

class TestEventTableModel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void unfilteredCountAndCells_data();
    void unfilteredCountAndCells();
    void filteredCounts_data();
    void filteredCounts();
    void invalidExpressionFails();
    void unknownFieldFails();
    void currentEventBothWays();
    void search();
    void exportMatchesCli_data();
    void exportMatchesCli();

private:
    std::int64_t sqlInt(const QByteArray& sql);
    QString sqlText(const QByteArray& sql);
    bool waitCounted(EventTableModel& model);
    bool waitLoaded(EventTableModel& model, int row);

    QTemporaryDir m_dir;
    QString m_path;
    RecordingPtr m_recording;
    std::unique_ptr<Storage::RecordingReader> m_reader;
};

void TestEventTableModel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("demo.ftlens"));
    QVERIFY(QFile::copy(QStringLiteral(FTLENS_SOURCE_DIR "/resources/demo.ftlens"), m_path));
    auto reader = Storage::RecordingReader::open(m_path);
    QVERIFY(reader);
    m_reader = std::move(reader.value());
    auto summary = m_reader->summary();
    QVERIFY(summary);
    auto recording = std::make_shared<OpenedRecording>();
    recording->path = m_path;
    recording->meta = m_reader->meta();
    recording->eventTypes = m_reader->eventTypes();
    recording->summary = summary.value();
    recording->cpus = summary->cpus;
    m_recording = recording;
}

std::int64_t TestEventTableModel::sqlInt(const QByteArray& sql)
{
    auto value = m_reader->database().queryInt(sql.toStdString());
    return value ? *value : -12345;
}

QString TestEventTableModel::sqlText(const QByteArray& sql)
{
    auto statement = m_reader->database().prepare(sql.toStdString());
    return statement && statement->step() == SQLITE_ROW ? statement->columnString(0) : QStringLiteral("<no row>");
}

bool TestEventTableModel::waitCounted(EventTableModel& model)
{
    if (model.isReady())
        return true;
    QSignalSpy counted(&model, &EventTableModel::countFinished);
    return counted.wait(20000);
}

bool TestEventTableModel::waitLoaded(EventTableModel& model, int row)
{
    const QModelIndex index = model.index(row, 0);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.fetchRow(row);
    const QDeadlineTimer deadline(10000);
    while (!model.data(index, EventTableModel::LoadedRole).toBool() && !deadline.hasExpired())
        changed.wait(100);
    return model.data(index, EventTableModel::LoadedRole).toBool();
}

void TestEventTableModel::unfilteredCountAndCells_data()
{
    QTest::addColumn<QByteArray>("which"); // SQL giving an event id
    QTest::addRow("first") << QByteArray("SELECT MIN(id) FROM event");
    QTest::addRow("middle") << QByteArray("SELECT MAX(id) / 2 FROM event");
    QTest::addRow("last") << QByteArray("SELECT MAX(id) FROM event");
    QTest::addRow("a sched_switch") << QByteArray("SELECT MAX(id) FROM event WHERE type_id = 1");
    QTest::addRow("a uprobe with a path") << QByteArray("SELECT MAX(id) FROM event WHERE type_id = 7");
}

void TestEventTableModel::unfilteredCountAndCells()
{
    QFETCH(QByteArray, which);
    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRecording(m_recording);
    QVERIFY(waitCounted(model));
    QCOMPARE(model.rowCount(), sqlInt("SELECT COUNT(*) FROM event"));
    QCOMPARE(model.columnCount(), int(EventTableModel::NumColumns));

    const std::int64_t id = sqlInt(which);
    const int row = model.rowForEvent(id);
    QCOMPARE(model.eventIdAt(row), id);
    // Unloaded rows say so, then fill in.
    if (!model.data(model.index(row, 0), EventTableModel::LoadedRole).toBool())
        QCOMPARE(model.data(model.index(row, EventTableModel::TimeColumn)).toString(), QStringLiteral("loading…"));
    QVERIFY(waitLoaded(model, row));

    const QByteArray where = " WHERE id = " + QByteArray::number(static_cast<qint64>(id));
    const std::int64_t ts = sqlInt("SELECT ts FROM event" + where) - sqlInt("SELECT MIN(ts) FROM event");
    auto cell = [&model, row](int column) { return model.data(model.index(row, column)).toString(); };
    QCOMPARE(cell(EventTableModel::TimeColumn), EventRowSource::formatTime(ts));
    QCOMPARE(cell(EventTableModel::CpuColumn), sqlText("SELECT cpu FROM events" + where));
    QCOMPARE(cell(EventTableModel::TaskColumn), sqlText("SELECT comm || '-' || pid FROM events" + where));
    QCOMPARE(cell(EventTableModel::EventColumn), sqlText("SELECT event FROM events" + where));
    const QString fields = cell(EventTableModel::FieldsColumn);
    if (which.contains("type_id = 1")) {
        QCOMPARE(fields, sqlText("SELECT 'prev_comm=' || prev_comm || ' prev_pid=' || prev_pid || ' prev_prio=' || prev_prio"
                                 " || ' prev_state=' || prev_state || ' next_comm=' || next_comm || ' next_pid=' || next_pid"
                                 " || ' next_prio=' || next_prio FROM view_sched__sched_switch"
            + where));
    } else if (which.contains("type_id = 7")) {
        QVERIFY2(fields.contains(QStringLiteral(" path=") + sqlText("SELECT path FROM view_uprobes__libc_open64" + where)),
            qPrintable(fields));
    }
    QCOMPARE(model.data(model.index(row, 0), EventTableModel::TimestampRole).toLongLong(),
        sqlInt("SELECT ts FROM event" + where));
}

void TestEventTableModel::filteredCounts_data()
{
    QTest::addColumn<QStringList>("types");
    QTest::addColumn<QList<int>>("cpus");
    QTest::addColumn<QList<int>>("pids");
    QTest::addColumn<QString>("expression");
    QTest::addColumn<bool>("range"); // the middle third of the recording
    QTest::addColumn<QByteArray>("where");

    const QStringList all;
    QTest::addRow("cpu 1") << all << QList<int> { 1 } << QList<int> {} << QString() << false << QByteArray("cpu = 1");
    QTest::addRow("sched_switch, prev_state == 1")
        << QStringList { QStringLiteral("sched:sched_switch") } << QList<int> {} << QList<int> {}
        << QStringLiteral("prev_state == 1") << false
        << QByteArray("id IN (SELECT event_id FROM ev_sched__sched_switch WHERE prev_state = 1)");
    QTest::addRow("path glob over all types")
        << all << QList<int> {} << QList<int> {} << QStringLiteral("path ~ \"/usr/*\"") << false
        << QByteArray("id IN (SELECT id FROM view_uprobes__libc_open64 WHERE path GLOB '/usr/*')");
    QTest::addRow("two types in a range")
        << QStringList { QStringLiteral("syscalls:sys_enter_openat"), QStringLiteral("syscalls:sys_exit_openat") }
        << QList<int> {} << QList<int> {} << QString() << true << QByteArray("type_id IN (5, 6)");
    QTest::addRow("range only") << all << QList<int> {} << QList<int> {} << QString() << true << QByteArray("1");
    QTest::addRow("nothing") << all << QList<int> {} << QList<int> { -7 } << QString() << false << QByteArray("0");
}

void TestEventTableModel::filteredCounts()
{
    QFETCH(QStringList, types);
    QFETCH(QList<int>, cpus);
    QFETCH(QList<int>, pids);
    QFETCH(QString, expression);
    QFETCH(bool, range);
    QFETCH(QByteArray, where);

    const std::int64_t first = sqlInt("SELECT MIN(ts) FROM event");
    const std::int64_t last = sqlInt("SELECT MAX(ts) FROM event");
    Storage::EventFilter filter { types, cpus, pids, std::numeric_limits<std::int64_t>::min(),
        std::numeric_limits<std::int64_t>::max(), expression };
    if (range) {
        filter.from = first + (last - first) / 3;
        filter.to = first + 2 * (last - first) / 3;
        where += " AND ts >= " + QByteArray::number(static_cast<qint64>(filter.from)) + " AND ts < "
            + QByteArray::number(static_cast<qint64>(filter.to));
    }
    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRecording(m_recording);
    model.setFilter(filter);
    QVERIFY(waitCounted(model));
    const std::int64_t expected = sqlInt("SELECT COUNT(*) FROM event WHERE " + where);
    QCOMPARE(model.rowCount(), expected);
    if (expected == 0)
        return;
    QCOMPARE(model.eventIdAt(0), sqlInt("SELECT MIN(id) FROM event WHERE " + where));
    QCOMPARE(model.eventIdAt(model.rowCount() - 1), sqlInt("SELECT MAX(id) FROM event WHERE " + where));
    const int lastRow = model.rowCount() - 1;
    QVERIFY(waitLoaded(model, lastRow));
    QCOMPARE(model.data(model.index(lastRow, EventTableModel::CpuColumn)).toString(),
        sqlText("SELECT cpu FROM event WHERE id = (SELECT MAX(id) FROM event WHERE " + where + ")"));
}

void TestEventTableModel::invalidExpressionFails()
{
    EventTableModel model;
    model.setRecording(m_recording);
    QSignalSpy failed(&model, &EventTableModel::queryFailed);
    Storage::EventFilter filter;
    filter.expression = QStringLiteral("prev_state == ");
    model.setFilter(filter);
    QVERIFY(waitCounted(model));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("filter: column 15: expected a value after '=='"));

    EventsPanel panel;
    panel.setRecording(m_recording);
    QVERIFY(!panel.setExpression(QStringLiteral("a == 1 && (b")));
    QCOMPARE(panel.filter().expression, QString()); // the last good filter stays
    QVERIFY(panel.setExpression(QStringLiteral("prev_state == 1")));
    QCOMPARE(panel.filter().expression, QStringLiteral("prev_state == 1"));
}

// A field none of the chosen types has would list nothing: the panel says so, listing the fields
// the types have, and keeps listing by the last good filter; the model (and so the CLI and the
// timeline, which share EventQuery) fails with the same words.
void TestEventTableModel::unknownFieldFails()
{
    EventTableModel model;
    model.setRecording(m_recording);
    QSignalSpy failed(&model, &EventTableModel::queryFailed);
    Storage::EventFilter filter;
    filter.eventTypes = QStringList { QStringLiteral("sched:sched_switch") };
    filter.expression = QStringLiteral("prev_stat == 1");
    model.setFilter(filter);
    QVERIFY(waitCounted(model));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(failed.size(), 1);
    const QString switchFields = QStringLiteral("sched:sched_switch has no field 'prev_stat'; its fields: prev_comm, prev_pid, "
                                                "prev_prio, prev_state, next_comm, next_pid, next_prio (and cpu, pid, comm, ts of "
                                                "every event)");
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("filter: ") + switchFields);

    EventsPanel panel;
    panel.setRecording(m_recording);
    QVERIFY(panel.setExpression(QStringLiteral("prev_state == 1")));
    QVERIFY(!panel.setExpression(QStringLiteral("prev_stat == 1")));
    QCOMPARE(panel.filter().expression, QStringLiteral("prev_state == 1")); // the last good filter stays
    QVERIFY2(panel.errorText().startsWith(QStringLiteral("Filter: no event type of this recording has a field 'prev_stat'; "
                                                         "their fields: ")),
        qPrintable(panel.errorText()));
    for (const Storage::EventTypeInfo& type : m_recording->eventTypes) {
        for (const Storage::FieldInfo& field : type.fields)
            QVERIFY2(panel.errorText().contains(field.name), qPrintable(field.name));
    }

    // With sched_switch chosen in the Events menu: its fields only.
    CheckListButton* types = nullptr;
    for (CheckListButton* button : panel.findChildren<CheckListButton*>()) {
        if (button->text().startsWith(QStringLiteral("Events")))
            types = button;
    }
    QVERIFY(types);
    for (QAction* action : types->menu()->actions()) {
        if (action->text() == QLatin1String("sched:sched_switch"))
            action->setChecked(true);
    }
    QVERIFY(!panel.setExpression(QStringLiteral("prev_stat == 1")));
    QCOMPARE(panel.errorText(), QStringLiteral("Filter: ") + switchFields);
    // A field only some types have keeps the NULL rule: the others simply do not match.
    QVERIFY(panel.setExpression(QStringLiteral("comm == \"bash\" || prev_state == 1")));
    QVERIFY(panel.errorText().isEmpty());
}

void TestEventTableModel::currentEventBothWays()
{
    TimeSelection selection;
    EventsPanel panel;
    panel.setSelection(&selection);
    panel.setRecording(m_recording);
    QVERIFY(panel.setExpression(QStringLiteral("prev_state == 1")));
    QVERIFY(waitCounted(*panel.model()));

    // Chosen elsewhere (the timeline): the table selects that event's row.
    const std::int64_t id = sqlInt("SELECT MAX(event_id) FROM ev_sched__sched_switch WHERE prev_state = 1");
    selection.setCurrentEvent(id, sqlInt("SELECT ts FROM event WHERE id = " + QByteArray::number(static_cast<qint64>(id))));
    QCOMPARE(panel.model()->eventIdAt(panel.view()->currentIndex().row()), id);

    // Chosen in the table: the selection's current event follows once the row is loaded.
    QSignalSpy changed(&selection, &TimeSelection::currentEventChanged);
    panel.view()->setCurrentIndex(panel.model()->index(3, 0));
    QTRY_COMPARE_WITH_TIMEOUT(selection.currentEventId(), panel.model()->eventIdAt(3), 10000);
    QCOMPARE(selection.currentEventTs(),
        sqlInt("SELECT ts FROM event WHERE id = " + QByteArray::number(static_cast<qint64>(panel.model()->eventIdAt(3)))));
}

void TestEventTableModel::search()
{
    EventTableModel model;
    model.setRecording(m_recording);
    QVERIFY(waitCounted(model));
    QSignalSpy found(&model, &EventTableModel::textFound);
    model.findText(QStringLiteral("/proc/"), -1, false);
    QVERIFY(found.wait(20000));
    const int row = found.at(0).at(0).toInt();
    QCOMPARE(model.eventIdAt(row),
        sqlInt("SELECT MIN(id) FROM view_uprobes__libc_open64 WHERE path LIKE '%/proc/%'"));
    model.findText(QStringLiteral("/proc/"), row, false);
    QVERIFY(found.wait(20000));
    const int next = found.at(1).at(0).toInt();
    QVERIFY(next > row);
    model.findText(QStringLiteral("/proc/"), next, true);
    QVERIFY(found.wait(20000));
    QCOMPARE(found.at(2).at(0).toInt(), row);
    model.findText(QStringLiteral("no such text anywhere"), -1, false);
    QVERIFY(found.wait(20000));
    QCOMPARE(found.at(3).at(0).toInt(), -1);
}

void TestEventTableModel::exportMatchesCli_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QList<int>>("pids");
    QTest::addColumn<bool>("range");
    QTest::addColumn<QStringList>("cliArguments");

    QTest::addRow("expression over all types") << QStringLiteral("ret < 0 || path ~ \"*stat\"") << QList<int> {} << false
                                               << QStringList { QStringLiteral("--filter"),
                                                      QStringLiteral("ret < 0 || path ~ \"*stat\"") };
    QTest::addRow("range and pids")
        << QString() << QList<int> { 12086, 15 } << true
        << QStringList { QStringLiteral("--pid"), QStringLiteral("12086"), QStringLiteral("--pid"), QStringLiteral("15") };
    QTest::addRow("everything") << QString() << QList<int> {} << false << QStringList {};
}

void TestEventTableModel::exportMatchesCli()
{
    QFETCH(QString, expression);
    QFETCH(QList<int>, pids);
    QFETCH(bool, range);
    QFETCH(QStringList, cliArguments);

    TimeSelection selection;
    EventsPanel panel;
    panel.setSelection(&selection);
    panel.setRecording(m_recording);
    QVERIFY(panel.setExpression(expression));
    panel.setTaskPids(pids);
    if (range) {
        const std::int64_t first = sqlInt("SELECT MIN(ts) FROM event");
        const std::int64_t last = sqlInt("SELECT MAX(ts) FROM event");
        selection.setRange(first + (last - first) / 4, first + (last - first) / 2);
        cliArguments << QStringLiteral("--from-ns") << QString::number(selection.rangeStart()) << QStringLiteral("--to-ns")
                     << QString::number(selection.rangeEnd());
    }
    QCOMPARE(panel.filter().pids, pids);

    const QString panelCsv = m_dir.filePath(QStringLiteral("panel.csv"));
    QSignalSpy finished(&panel, &EventsPanel::exportFinished);
    panel.exportCsv(panelCsv);
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));

    const QString cliCsv = m_dir.filePath(QStringLiteral("cli.csv"));
    QProcess cli;
    cli.start(QStringLiteral(FTLENS_BIN_DIR "/ftlens-cli"),
        QStringList { QStringLiteral("export"), m_path } + cliArguments + QStringList { QStringLiteral("-o"), cliCsv });
    QVERIFY(cli.waitForFinished(60000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());

    const QByteArray bytes = readFile(panelCsv);
    QVERIFY(bytes.startsWith("ts_ns,cpu,pid,comm,event,fields\r\n"));
    QVERIFY(bytes.count("\r\n") > 1); // the selection is not empty
    QCOMPARE(bytes.size(), readFile(cliCsv).size());
    QVERIFY(bytes == readFile(cliCsv));
}

QTEST_MAIN(TestEventTableModel)
#include "tst_eventtablemodel.moc"
