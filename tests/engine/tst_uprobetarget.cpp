// SPDX-License-Identifier: GPL-3.0-or-later
// A uprobe's file, opened once: the place is found and checked on that descriptor (inside an
// executable segment; SYMBOL+OFFS inside the symbol), the kernel gets /proc/self/fd/N — the very
// file checked, even once the name points elsewhere — and the definition as stored names the
// path exactly as written, "%1" and "%2" included. Errors name the column of the place.
#include "uprobetarget.h"

#include "elfsymbols.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using Recorder::ProbeDefinition;
using Recorder::UprobeTarget;

// Probed in a copy of this test executable: extern "C" keeps the name, noinline and used keep a
// real body with a size in .symtab.
extern "C" __attribute__((noinline, used)) int ftlensUprobeTargetFunction(int value)
{
    return value * 7 + 3;
}

namespace {
const QString function = QStringLiteral("ftlensUprobeTargetFunction");

QString hex(std::uint64_t value) { return QStringLiteral("0x") + QString::number(value, 16); }

struct Facts {
    std::uint64_t symbolOffset = 0;
    std::uint64_t symbolSize = 0;
    QList<Recorder::ElfRange> code;
    std::uint64_t fileSize = 0;
};

Facts factsOf(const QString& path)
{
    Facts facts;
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return facts;
    if (auto f = Recorder::findFunction(fd, path, function)) {
        facts.symbolOffset = f->fileOffset;
        facts.symbolSize = f->size;
    }
    if (auto ranges = Recorder::executableRanges(fd, path))
        facts.code = ranges.value();
    facts.fileSize = std::uint64_t(QFileInfo(path).size());
    ::close(fd);
    return facts;
}

Storage::Result<ProbeDefinition> parse(const QString& text)
{
    return Recorder::parseProbeDefinition(text, ProbeDefinition::Kind::Uprobe, false);
}
} // namespace

class TestUprobeTarget : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pathIsExactlyTheOneChecked();
    void places_data();
    void places();
    void onlyRegularFiles_data();
    void onlyRegularFiles();

private:
    QTemporaryDir m_dir;
    QString m_copy; // this executable, at a path with "%2" and "%1" in it
    Facts m_facts;
};

void TestUprobeTarget::initTestCase()
{
    volatile auto keep = &ftlensUprobeTargetFunction;
    QCOMPARE(keep(1), 10);
    QVERIFY(QDir().mkdir(m_dir.filePath(QStringLiteral("a%2b"))));
    m_copy = m_dir.filePath(QStringLiteral("a%2b/prog%1"));
    QVERIFY(QFile::copy(QCoreApplication::applicationFilePath(), m_copy));
    m_facts = factsOf(m_copy);
    QVERIFY2(m_facts.symbolSize > 4, "the function has a size in .symtab");
    QVERIFY(!m_facts.code.isEmpty());
}

void TestUprobeTarget::pathIsExactlyTheOneChecked()
{
    auto def = parse(QStringLiteral("p:ev %1:%2").arg(m_copy, function));
    QVERIFY2(def.ok(), qPrintable(def.ok() ? QString() : def.error().message));
    auto target = UprobeTarget::open(*def);
    QVERIFY2(target.ok(), qPrintable(target.ok() ? QString() : target.error().message));
    QCOMPARE((*target)->fileOffset(), m_facts.symbolOffset);
    def->fileOffset = (*target)->fileOffset();
    // As stored in the recording: the path as written, "%1" and "%2" untouched.
    QCOMPARE(QString::fromUtf8(def->kernelLine(QStringLiteral("g"))), QStringLiteral("p:g/ev ") + m_copy + QLatin1String(":") + hex(m_facts.symbolOffset));
    const QString kernelPath = (*target)->kernelPath();
    QVERIFY2(kernelPath.startsWith(QLatin1String("/proc/self/fd/")), qPrintable(kernelPath));
    QCOMPARE(QString::fromUtf8(def->kernelLine(QStringLiteral("g"), kernelPath)),
        QStringLiteral("p:g/ev ") + kernelPath + QLatin1String(":") + hex(m_facts.symbolOffset));
    // The name now leads to another file; what the kernel is given is still the file checked.
    struct stat checked {};
    QCOMPARE(::stat(QFile::encodeName(m_copy).constData(), &checked), 0);
    const QString other = m_dir.filePath(QStringLiteral("other"));
    QVERIFY(QFile::copy(QCoreApplication::applicationFilePath(), other));
    QVERIFY(::rename(QFile::encodeName(other).constData(), QFile::encodeName(m_copy).constData()) == 0);
    struct stat viaKernelPath {};
    QCOMPARE(::stat(QFile::encodeName(kernelPath).constData(), &viaKernelPath), 0);
    QCOMPARE(viaKernelPath.st_ino, checked.st_ino);
    struct stat now {};
    QCOMPARE(::stat(QFile::encodeName(m_copy).constData(), &now), 0);
    QVERIFY(now.st_ino != checked.st_ino);
}

void TestUprobeTarget::places_data()
{
    QTest::addColumn<QString>("where"); // after "PATH:"
    QTest::addColumn<qint64>("offset"); // -1: refused with message
    QTest::addColumn<QString>("message");
    const Facts& f = m_facts;
    const QString code = [&f] {
        QStringList parts;
        for (const Recorder::ElfRange& r : f.code)
            parts << hex(r.begin) + QLatin1Char('-') + hex(r.end - 1);
        return parts.join(QLatin1String(", "));
    }();
    QTest::addRow("symbol") << function << qint64(f.symbolOffset) << QString();
    QTest::addRow("symbol+1") << function + QLatin1String("+1") << qint64(f.symbolOffset + 1) << QString();
    QTest::addRow("symbol+last byte") << function + QLatin1Char('+') + hex(f.symbolSize - 1) << qint64(f.symbolOffset + f.symbolSize - 1)
                                      << QString();
    QTest::addRow("symbol+size") << function + QLatin1Char('+') + hex(f.symbolSize) << qint64(-1)
                                 << QStringLiteral("+%1 is beyond the end of %2, which is %3 bytes long")
                                        .arg(hex(f.symbolSize), function)
                                        .arg(f.symbolSize);
    QTest::addRow("symbol+1 MB") << function + QLatin1String("+0x100000") << qint64(-1)
                                 << QStringLiteral("+0x100000 is beyond the end of %1").arg(function);
    QTest::addRow("offset of the symbol") << hex(f.symbolOffset) << qint64(f.symbolOffset) << QString();
    QTest::addRow("start of the code") << hex(f.code.first().begin) << qint64(f.code.first().begin) << QString();
    QTest::addRow("the ELF header") << QStringLiteral("0x0") << qint64(-1)
                                    << QStringLiteral("offset 0x0 is not in an executable segment of %1 (code at file offsets %2)")
                                           .arg(m_copy, code);
    QTest::addRow("just past the code") << hex(f.code.last().end) << qint64(-1)
                                        << QStringLiteral("offset %1 is not in an executable segment").arg(hex(f.code.last().end));
    QTest::addRow("past the end of the file") << hex(f.fileSize + 0x1000) << qint64(-1)
                                              << QStringLiteral("is not in an executable segment");
    QTest::addRow("no such symbol") << QStringLiteral("ftlens_no_such_function") << qint64(-1)
                                    << QStringLiteral("no function symbol 'ftlens_no_such_function'");
}

void TestUprobeTarget::places()
{
    QFETCH(QString, where);
    QFETCH(qint64, offset);
    QFETCH(QString, message);
    const QString text = QStringLiteral("p:ev ") + m_copy + QLatin1Char(':') + where;
    auto def = parse(text);
    QVERIFY2(def.ok(), qPrintable(def.ok() ? QString() : def.error().message));
    auto target = UprobeTarget::open(*def);
    if (offset >= 0) {
        QVERIFY2(target.ok(), qPrintable(target.ok() ? QString() : target.error().message));
        QCOMPARE(qint64((*target)->fileOffset()), offset);
        return;
    }
    QVERIFY(!target.ok());
    const QString column = QStringLiteral("column %1: ").arg(text.lastIndexOf(QLatin1Char(':')) + 2);
    QVERIFY2(target.error().message.startsWith(column), qPrintable(target.error().message));
    QVERIFY2(target.error().message.contains(message), qPrintable(target.error().message));
}

void TestUprobeTarget::onlyRegularFiles_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message");
    QTest::addRow("device") << QStringLiteral("/dev/null") << QStringLiteral("/dev/null: not a regular file");
    QTest::addRow("fifo") << QStringLiteral("fifo") << QStringLiteral(": not a regular file");
    QTest::addRow("directory") << QStringLiteral("dir") << QStringLiteral(": not a regular file");
    QTest::addRow("gone") << QStringLiteral("gone") << QStringLiteral(": cannot open: No such file or directory");
}

// Opening a FIFO for reading would block the helper, and a device's open can act (a watchdog
// starts): neither is opened at all.
void TestUprobeTarget::onlyRegularFiles()
{
    QFETCH(QString, kind);
    QFETCH(QString, message);
    ProbeDefinition def;
    def.kind = ProbeDefinition::Kind::Uprobe;
    def.fileOffset = 0;
    def.path = kind.startsWith(QLatin1Char('/')) ? kind : m_dir.filePath(kind);
    if (kind == QLatin1String("fifo"))
        QCOMPARE(::mkfifo(QFile::encodeName(def.path).constData(), 0600), 0);
    else if (kind == QLatin1String("dir"))
        QVERIFY(QDir().mkdir(def.path));
    auto target = UprobeTarget::open(def);
    QVERIFY(!target.ok());
    QVERIFY2(target.error().message.endsWith(message), qPrintable(target.error().message));
}

QTEST_GUILESS_MAIN(TestUprobeTarget)
#include "tst_uprobetarget.moc"
