// SPDX-License-Identifier: GPL-3.0-or-later
// FilterExpression: good expressions and the fields they name, bad ones with the column and the
// message of their first error, and evaluation (compiled per event type through EventQuery) on
// a copy of resources/demo.ftlens compared with the ids hand-written SQL selects.
#include "eventquery.h"
#include "filterexpression.h"
#include "recordingreader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <memory>

using namespace Storage;

class TestFilterExpression : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void parseGood_data();
    void parseGood();
    void parseBad_data();
    void parseBad();
    void evaluate_data();
    void evaluate();
    void missingFieldIsNeverTrue();

private:
    QList<qint64> idsOf(const char* sql);

    QTemporaryDir m_dir;
    std::unique_ptr<RecordingReader> m_reader;
};

void TestFilterExpression::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("demo.ftlens"));
    QVERIFY(QFile::copy(QStringLiteral(FTLENS_SOURCE_DIR "/resources/demo.ftlens"), path));
    auto reader = RecordingReader::open(path);
    QVERIFY2(reader, reader ? "" : qPrintable(reader.error().message));
    m_reader = std::move(reader.value());
}

void TestFilterExpression::parseGood_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("fields");

    auto list = [](std::initializer_list<const char*> names) {
        QStringList out;
        for (const char* name : names)
            out << QString::fromUtf8(name);
        return out;
    };
    QTest::addRow("empty") << QString() << QStringList();
    QTest::addRow("blank") << QStringLiteral("   ") << QStringList();
    QTest::addRow("equality") << QStringLiteral("prev_state == 1") << list({ "prev_state" });
    QTest::addRow("glob") << QStringLiteral("filename ~ \"*stat\"") << list({ "filename" });
    QTest::addRow("not glob") << QStringLiteral("filename !~ \"*stat\"") << list({ "filename" });
    QTest::addRow("and") << QStringLiteral("next_comm ~ \"kworker*\" && prev_prio < 120")
                         << list({ "next_comm", "prev_prio" });
    QTest::addRow("not, or, parentheses") << QStringLiteral("!(ret >= 0) || comm == \"bash\"") << list({ "ret", "comm" });
    QTest::addRow("all comparisons") << QStringLiteral("a==1&&b!=2&&c<3&&d<=4&&e>5&&f>=6") << list({ "a", "b", "c", "d", "e", "f" });
    QTest::addRow("hex and negative") << QStringLiteral("flags == 0x8000 || ret == -2 || ip == 0xffffffffffffffff")
                                      << list({ "flags", "ret", "ip" });
    QTest::addRow("escapes") << QStringLiteral("path == \"a \\\"b\\\" \\\\ \\n\\t\"") << list({ "path" });
    QTest::addRow("nested") << QStringLiteral("((!!(a == 1)))") << list({ "a" });
    QTest::addRow("repeated field") << QStringLiteral("pid == 1 || pid == 2") << list({ "pid" });
}

void TestFilterExpression::parseGood()
{
    QFETCH(QString, text);
    QFETCH(QStringList, fields);
    const FilterExpression expression = FilterExpression::parse(text);
    QVERIFY2(expression.isValid(), qPrintable(expression.errorText()));
    QCOMPARE(expression.errorColumn(), 0);
    QCOMPARE(expression.fieldNames(), fields);
    QCOMPARE(expression.isEmpty(), fields.isEmpty());
}

void TestFilterExpression::parseBad_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error"); // the whole errorText()

    auto row = [](const char* name, const char* text, const char* error) {
        QTest::addRow("%s", name) << QString::fromUtf8(text) << QString::fromUtf8(error);
    };
    row("missing value", "prev_state == ", "column 15: expected a value after '=='");
    row("missing value mid", "prev_state ==  && a == 1", "column 16: expected a value after '=='");
    row("single =", "prev_state = 1", "column 12: '=' is not an operator; use '=='");
    row("missing operator", "prev_state 1", "column 12: expected a comparison operator (== != < <= > >= ~ !~) after "
                                            "'prev_state', found '1'");
    row("no field", "== 1", "column 1: expected a field name, found '=='");
    row("value first", "1 == a", "column 1: expected a field name, found '1'");
    row("dangling and", "a == 1 &&", "column 10: expected a comparison after '&&'");
    row("dangling or", "a == 1 || ", "column 11: expected a comparison after '||'");
    row("single &", "a == 1 & b == 2", "column 8: '&' is not an operator; use '&&'");
    row("single |", "a == 1 | b == 2", "column 8: '|' is not an operator; use '||'");
    row("unclosed parenthesis", "(a == 1", "column 8: expected ')' for the '(' at column 1, found the end");
    row("extra parenthesis", "a == 1)", "column 7: unexpected ')' after the expression");
    row("two comparisons", "a == 1 b == 2", "column 8: unexpected 'b' after the expression");
    row("unterminated string", "comm == \"bash", "column 9: string not terminated (missing '\"')");
    row("bad escape", "comm == \"a\\qb\"", "column 11: unknown escape '\\q' in a string");
    row("bad number", "a == 12abc", "column 6: '12abc' is not an integer (or is out of range)");
    row("out of range", "a == 99999999999999999999", "column 6: '99999999999999999999' is not an integer (or is out of range)");
    row("bad hex", "a == 0x", "column 6: '0x' is not an integer (or is out of range)");
    row("unknown character", "a == 1 @", "column 8: unexpected character '@'");
    row("bare not", "!", "column 2: expected a comparison after '!'");
    row("empty parentheses", "()", "column 2: expected a field name, found ')'");
    row("string as field", "\"a\" == 1", "column 1: expected a field name, found 'a'");
    row("name as value", "a == b", "column 6: expected a value after '=='");
    // Deeper than the SQL it becomes may nest (found by fuzz_filterexpression): refused where the
    // depth is passed, before the parser's own recursion or SQLite's parser stack overflows.
    QTest::addRow("65 nots") << QString(65, QLatin1Char('!')) + QStringLiteral("a == 1")
                             << QStringLiteral("column 65: the expression nests deeper than 64 levels");
    QTest::addRow("65 parentheses") << QString(65, QLatin1Char('(')) + QStringLiteral("a == 1") + QString(65, QLatin1Char(')'))
                                    << QStringLiteral("column 65: the expression nests deeper than 64 levels");
}

void TestFilterExpression::parseBad()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    const FilterExpression expression = FilterExpression::parse(text);
    QVERIFY(!expression.isValid());
    QCOMPARE(expression.errorText(), error);
    QVERIFY(error.startsWith(QStringLiteral("column %1: ").arg(expression.errorColumn())));
    QVERIFY(expression.fieldNames().isEmpty());
}

QList<qint64> TestFilterExpression::idsOf(const char* sql)
{
    QList<qint64> ids;
    auto statement = m_reader->database().prepare(sql);
    if (!statement) {
        qWarning("%s", qPrintable(statement.error().message));
        return { -1 };
    }
    while (statement->step() == SQLITE_ROW)
        ids << statement->columnInt(0);
    std::sort(ids.begin(), ids.end());
    return ids;
}

void TestFilterExpression::evaluate_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QByteArray>("sql"); // the same selection by hand
    QTest::addColumn<bool>("expectSome");

    auto row = [](const char* expression, const char* sql, bool expectSome = true) {
        QTest::addRow("%s", expression) << QString::fromUtf8(expression) << QByteArray(sql) << expectSome;
    };
    row("prev_state == 1", "SELECT event_id FROM ev_sched__sched_switch WHERE prev_state = 1");
    row("prev_state != 1", "SELECT event_id FROM ev_sched__sched_switch WHERE prev_state != 1");
    row("filename ~ \"*/ls\"", "SELECT id FROM view_sched__sched_process_exec WHERE filename GLOB '*/ls'");
    row("path ~ \"*stat\"", "SELECT id FROM view_uprobes__libc_open64 WHERE path GLOB '*stat'");
    row("path !~ \"/usr/*\"", "SELECT id FROM view_uprobes__libc_open64 WHERE path NOT GLOB '/usr/*'");
    row("next_comm ~ \"kworker*\" && prev_prio < 120",
        "SELECT id FROM view_sched__sched_switch WHERE next_comm GLOB 'kworker*' AND prev_prio < 120", false);
    row("next_comm == \"swapper/0\" || next_comm == \"swapper/1\"",
        "SELECT id FROM view_sched__sched_switch WHERE next_comm IN ('swapper/0', 'swapper/1')");
    row("next_comm < \"b\"", "SELECT id FROM view_sched__sched_switch WHERE next_comm < 'b'");
    row("next_comm != \"swapper/0\"", "SELECT id FROM view_sched__sched_switch WHERE next_comm != 'swapper/0'");
    // ret is a field of sys_exit_openat and libc_open64_ret; comm is sched_wakeup's and
    // sched_process_exit's own field, the task's comm elsewhere.
    row("!(ret >= 0) || comm == \"bash\"",
        "SELECT event_id FROM ev_syscalls__sys_exit_openat WHERE ret < 0"
        " UNION SELECT event_id FROM ev_uprobes__libc_open64_ret WHERE ret < 0"
        " UNION SELECT id FROM view_sched__sched_wakeup WHERE comm = 'bash'"
        " UNION SELECT id FROM view_sched__sched_process_exit WHERE comm = 'bash'"
        " UNION SELECT e.id FROM events e WHERE e.comm = 'bash' AND e.event NOT IN"
        " ('sched:sched_wakeup', 'sched:sched_process_exit')");
    row("cpu == 1 && common_pid > 12000", "SELECT id FROM event WHERE cpu = 1 AND pid > 12000");
    // A type's own field wins over the common column of the same name.
    row("cpu == 1 && pid > 12000",
        "SELECT e.id FROM event e LEFT JOIN ev_sched__sched_wakeup w ON w.event_id = e.id"
        " LEFT JOIN ev_sched__sched_process_exec x ON x.event_id = e.id"
        " LEFT JOIN ev_sched__sched_process_exit t ON t.event_id = e.id"
        " WHERE e.cpu = 1 AND COALESCE(w.pid, x.pid, t.pid, e.pid) > 12000");
    row("common_comm == \"bash\"", "SELECT id FROM events WHERE comm = 'bash'");
    row("ts < 1660491282460", "SELECT id FROM event WHERE ts < 1660491282460");
    row("flags == 0x8000", "SELECT event_id FROM ev_uprobes__libc_open64 WHERE flags = 32768"
                           " UNION SELECT event_id FROM ev_syscalls__sys_enter_openat WHERE flags = 32768", false);
    row("ret == -2", "SELECT event_id FROM ev_syscalls__sys_exit_openat WHERE ret = -2"
                     " UNION SELECT event_id FROM ev_uprobes__libc_open64_ret WHERE ret = -2", false);
    row("ret ~ \"-*\"", "SELECT event_id FROM ev_syscalls__sys_exit_openat WHERE ret < 0"
                        " UNION SELECT event_id FROM ev_uprobes__libc_open64_ret WHERE ret < 0");
    row("prev_pid == \"0\"", "SELECT event_id FROM ev_sched__sched_switch WHERE prev_pid = 0");
    // A field only sched_switch has: unknown for the other types, and so is its negation.
    row("!(prev_state == 1)", "SELECT event_id FROM ev_sched__sched_switch WHERE NOT prev_state = 1");
    row("comm == \"no such task\"", "SELECT id FROM event WHERE 0", false);
}

void TestFilterExpression::evaluate()
{
    QFETCH(QString, expression);
    QFETCH(QByteArray, sql);
    QFETCH(bool, expectSome);

    EventFilter filter;
    filter.expression = expression;
    auto query = EventQuery::create(m_reader->eventTypes(), filter);
    QVERIFY2(query, query ? "" : qPrintable(query.error().message));
    auto range = query->idRange(m_reader->database());
    QVERIFY(range);
    auto ids = query->matchingIds(m_reader->database(), *range);
    QVERIFY2(ids, ids ? "" : qPrintable(ids.error().message));
    QList<qint64> got;
    for (std::int64_t id = ids->nextId(0); id >= 0; id = ids->nextId(id + 1))
        got << id;
    const QList<qint64> expected = idsOf(sql.constData());
    QCOMPARE(got.size(), expected.size());
    QCOMPARE(got, expected);
    QCOMPARE(ids->count(), std::int64_t(expected.size()));
    auto count = query->count(m_reader->database(), *range);
    QVERIFY(count);
    QCOMPARE(*count, std::int64_t(expected.size()));
    if (expectSome)
        QVERIFY(!expected.isEmpty()); // the row tests something on this recording
}

void TestFilterExpression::missingFieldIsNeverTrue()
{
    const EventTypeInfo* wakeup = m_reader->findEventType(QStringLiteral("sched:sched_wakeup"));
    QVERIFY(wakeup);
    for (const char* text : { "prev_state == 1", "!(prev_state == 1)", "prev_state == 1 && cpu == 0",
             "!(prev_state == 1 || ret < 0)" }) {
        const SqlFragment fragment = FilterExpression::parse(QString::fromUtf8(text)).compile(*wakeup);
        QVERIFY2(fragment.alwaysFalse, text);
    }
    for (const char* text : { "prev_state == 1 || cpu == 0", "!(prev_state == 1) || pid == 1", "comm == \"x\"" }) {
        const SqlFragment fragment = FilterExpression::parse(QString::fromUtf8(text)).compile(*wakeup);
        QVERIFY2(!fragment.alwaysFalse, text);
    }
}

QTEST_GUILESS_MAIN(TestFilterExpression)
#include "tst_filterexpression.moc"
