// SPDX-License-Identifier: GPL-3.0-or-later
// CsvWriter: RFC 4180 quoting (only where needed, quotes doubled), CRLF rows, 64-bit number
// formatting at the extremes, the exact bytes that reach the file (also across the internal flush
// threshold), and that failed opens and failed writes come back as errors naming the path.
#include "csvwriter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

using namespace Storage;

namespace {

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<cannot read>");
}

// strerror() text as the writer sees it (QCoreApplication sets the locale from the environment).
QString systemMessage(int error) { return QString::fromLocal8Bit(std::strerror(error)); }

std::string_view view(const QByteArray& bytes) { return { bytes.constData(), static_cast<std::size_t>(bytes.size()) }; }

} // namespace

class TestCsvWriter : public QObject {
    Q_OBJECT

private slots:
    void quoting_data();
    void quoting();
    void signedNumbers_data();
    void signedNumbers();
    void unsignedNumbers_data();
    void unsignedNumbers();
    void wholeFileBytes();
    void largeOutputAcrossFlushes();
    void unwritablePath_data();
    void unwritablePath();
    void writeFailureReported_data();
    void writeFailureReported();

private:
    QTemporaryDir m_dir;
};

void TestCsvWriter::quoting_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("plain") << QByteArray("sched_switch") << QByteArray("sched_switch");
    QTest::addRow("comma") << QByteArray("a,b") << QByteArray("\"a,b\"");
    QTest::addRow("quote doubled") << QByteArray("say \"hi\"") << QByteArray("\"say \"\"hi\"\"\"");
    QTest::addRow("lone quote") << QByteArray("\"") << QByteArray("\"\"\"\"");
    QTest::addRow("CR") << QByteArray("a\rb") << QByteArray("\"a\rb\"");
    QTest::addRow("LF") << QByteArray("a\nb") << QByteArray("\"a\nb\"");
    QTest::addRow("CRLF") << QByteArray("line1\r\nline2") << QByteArray("\"line1\r\nline2\"");
    QTest::addRow("empty") << QByteArray("") << QByteArray("");
    QTest::addRow("leading and trailing spaces kept") << QByteArray("  kworker/0:1  ") << QByteArray("  kworker/0:1  ");
    QTest::addRow("spaces and comma") << QByteArray(" a, b ") << QByteArray("\" a, b \"");
    QTest::addRow("tab not quoted") << QByteArray("a\tb") << QByteArray("a\tb");
    QTest::addRow("semicolon not quoted") << QByteArray("a;b") << QByteArray("a;b");
    QTest::addRow("utf-8 untouched") << QByteArray("gr\xc3\xbc\xc3\x9f"
                                                   "e")
                                     << QByteArray("gr\xc3\xbc\xc3\x9f"
                                                   "e");
}

void TestCsvWriter::quoting()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);

    std::string out = "prefix|";
    CsvWriter::appendField(out, view(text));
    QCOMPARE(QByteArray::fromStdString(out), "prefix|" + expected);

    // The same field in the middle of a written row: separators outside the quotes, CRLF after.
    const QString path = m_dir.filePath(QStringLiteral("quoting.csv"));
    CsvWriter csv;
    QVERIFY(csv.open(path).ok());
    csv.field(std::string_view("x"));
    csv.field(view(text));
    csv.field(std::string_view("y"));
    QVERIFY(csv.endRow().ok());
    const Status closed = csv.close();
    QVERIFY2(closed.ok(), qPrintable(closed ? QString() : closed.error().message));
    QCOMPARE(readFile(path), "x," + expected + ",y\r\n");
}

void TestCsvWriter::signedNumbers_data()
{
    QTest::addColumn<qint64>("value");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("zero") << qint64(0) << QByteArray("0");
    QTest::addRow("minus one") << qint64(-1) << QByteArray("-1");
    QTest::addRow("a timestamp") << qint64(1234567890123) << QByteArray("1234567890123");
    QTest::addRow("int64 min") << std::numeric_limits<qint64>::min() << QByteArray("-9223372036854775808");
    QTest::addRow("int64 max") << std::numeric_limits<qint64>::max() << QByteArray("9223372036854775807");
}

void TestCsvWriter::signedNumbers()
{
    QFETCH(qint64, value);
    QFETCH(QByteArray, expected);

    const QString path = m_dir.filePath(QStringLiteral("signed.csv"));
    CsvWriter csv;
    QVERIFY(csv.open(path).ok());
    csv.field(std::int64_t(value));
    csv.field(std::int64_t(7));
    QVERIFY(csv.endRow().ok());
    QVERIFY(csv.close().ok());
    QCOMPARE(readFile(path), expected + ",7\r\n");
}

void TestCsvWriter::unsignedNumbers_data()
{
    QTest::addColumn<quint64>("value");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("zero") << quint64(0) << QByteArray("0");
    QTest::addRow("above int64 max") << quint64(9223372036854775808ULL) << QByteArray("9223372036854775808");
    QTest::addRow("uint64 max") << std::numeric_limits<quint64>::max() << QByteArray("18446744073709551615");
}

void TestCsvWriter::unsignedNumbers()
{
    QFETCH(quint64, value);
    QFETCH(QByteArray, expected);

    const QString path = m_dir.filePath(QStringLiteral("unsigned.csv"));
    CsvWriter csv;
    QVERIFY(csv.open(path).ok());
    csv.field(std::uint64_t(value));
    QVERIFY(csv.endRow().ok());
    QVERIFY(csv.close().ok());
    QCOMPARE(readFile(path), expected + "\r\n");
}

void TestCsvWriter::wholeFileBytes()
{
    const QString path = m_dir.filePath(QStringLiteral("table.csv"));
    CsvWriter csv;
    QVERIFY(csv.open(path).ok());
    for (const char* name : { "ts_ns", "comm", "note", "value" })
        csv.field(std::string_view(name));
    QVERIFY(csv.endRow().ok());

    csv.field(std::int64_t(100));
    csv.field(std::string_view("bash"));
    csv.emptyField();
    csv.field(std::int64_t(-5));
    QVERIFY(csv.endRow().ok());

    csv.field(std::int64_t(200));
    csv.field(std::string_view("my,app"));
    csv.field(std::string_view("he said \"no\"\nthen left"));
    csv.field(std::numeric_limits<std::uint64_t>::max());
    QVERIFY(csv.endRow().ok());

    csv.emptyField();
    csv.emptyField();
    csv.emptyField();
    csv.emptyField();
    QVERIFY(csv.endRow().ok());
    QVERIFY(csv.close().ok());

    const QByteArray expected = "ts_ns,comm,note,value\r\n"
                                "100,bash,,-5\r\n"
                                "200,\"my,app\",\"he said \"\"no\"\"\nthen left\",18446744073709551615\r\n"
                                ",,,\r\n";
    QCOMPARE(readFile(path), expected);
}

void TestCsvWriter::largeOutputAcrossFlushes()
{
    // Well over the 1 MiB buffer, so rows are flushed from endRow() several times before close().
    const QString path = m_dir.filePath(QStringLiteral("large.csv"));
    constexpr int rows = 200000;
    CsvWriter csv;
    QVERIFY(csv.open(path).ok());
    QByteArray expected;
    for (int i = 0; i < rows; ++i) {
        csv.field(std::int64_t(i));
        csv.field(std::string_view("some,text"));
        QVERIFY(csv.endRow().ok());
        expected += QByteArray::number(i) + ",\"some,text\"\r\n";
    }
    QVERIFY(csv.close().ok());
    QVERIFY(expected.size() > 3 * (1 << 20));
    const QByteArray written = readFile(path);
    QCOMPARE(written.size(), expected.size());
    QVERIFY(written == expected);
}

void TestCsvWriter::unwritablePath_data()
{
    QTest::addColumn<QString>("relativePath");
    QTest::addColumn<int>("error");

    QTest::addRow("directory does not exist") << QStringLiteral("no/such/dir/out.csv") << ENOENT;
    QTest::addRow("path is a directory") << QString() << EISDIR;
}

void TestCsvWriter::unwritablePath()
{
    QFETCH(QString, relativePath);
    QFETCH(int, error);

    const QString path = relativePath.isEmpty() ? m_dir.path() : m_dir.filePath(relativePath);
    CsvWriter csv;
    const Status opened = csv.open(path);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().message, path + QLatin1String(": cannot write: ") + systemMessage(error));
}

void TestCsvWriter::writeFailureReported_data()
{
    QTest::addColumn<int>("rows");
    QTest::addColumn<bool>("endRowFails");

    // A short output sits in the buffers until close(); a long one is flushed by endRow().
    QTest::addRow("one row, failure seen by close()") << 1 << false;
    QTest::addRow("3 MiB of rows, failure seen by endRow()") << 50000 << true;
}

void TestCsvWriter::writeFailureReported()
{
    QFETCH(int, rows);
    QFETCH(bool, endRowFails);

    const QString path = QStringLiteral("/dev/full");
    if (!QFile::exists(path))
        QSKIP("/dev/full does not exist here");
    CsvWriter csv;
    const Status opened = csv.open(path);
    QVERIFY2(opened.ok(), qPrintable(opened ? QString() : opened.error().message));

    const std::string padding(48, 'x');
    QString firstError;
    for (int i = 0; i < rows && firstError.isEmpty(); ++i) {
        csv.field(std::int64_t(i));
        csv.field(std::string_view(padding));
        if (Status s = csv.endRow(); !s)
            firstError = s.error().message;
    }
    QCOMPARE(!firstError.isEmpty(), endRowFails);

    // Whatever endRow() said, close() must not claim the data arrived.
    const Status closed = csv.close();
    QVERIFY(!closed.ok());
    if (firstError.isEmpty())
        firstError = closed.error().message;
    QCOMPARE(firstError, QLatin1String("/dev/full: write failed: ") + systemMessage(ENOSPC));
}

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "tst_csvwriter.moc"
