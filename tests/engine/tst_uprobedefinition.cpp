// SPDX-License-Identifier: GPL-3.0-or-later
// Parsing --uprobe/--uretprobe definitions (kprobe_events syntax) and the uprobe_events line built
// from them. PATH must name an existing file, so the rows use /bin/true, which every system has.
#include "uprobedefinition.h"

#include <QTest>

using namespace Recorder;

namespace {

// One line per property, so a failure shows which property differs.
QStringList describe(const UprobeDefinition& def)
{
    return {
        QStringLiteral("kind: %1").arg(def.isReturn ? QStringLiteral("return") : QStringLiteral("entry")),
        QStringLiteral("event: %1").arg(def.event),
        QStringLiteral("path: %1").arg(def.path),
        QStringLiteral("symbol: %1").arg(def.symbol),
        QStringLiteral("symbolOffset: 0x%1").arg(def.symbolOffset, 0, 16),
        QStringLiteral("fileOffset: %1").arg(def.fileOffset ? QStringLiteral("0x%1").arg(*def.fileOffset, 0, 16)
                                                           : QStringLiteral("(to resolve)")),
        QStringLiteral("args: %1").arg(def.fetchArgs.join(QLatin1Char('|'))),
    };
}

} // namespace

class TestUprobeDefinition : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesGood_data();
    void parsesGood();
    void rejectsBad_data();
    void rejectsBad();
    void validatesEventNames_data();
    void validatesEventNames();
};

void TestUprobeDefinition::parsesGood_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("returnProbe");
    QTest::addColumn<QStringList>("expected");
    // kernelLine("ftlens_1"); a symbol probe is given file offset 0x4a0, as ElfSymbols would resolve it.
    QTest::addColumn<QString>("kernelLine");

    QTest::addRow("p:NAME PATH:0xOFFS fetcharg")
        << QStringLiteral("p:myopen /bin/true:0x1234 path=+0(%di):string") << false
        << QStringList { QStringLiteral("kind: entry"), QStringLiteral("event: myopen"), QStringLiteral("path: /bin/true"),
               QStringLiteral("symbol: "), QStringLiteral("symbolOffset: 0x0"), QStringLiteral("fileOffset: 0x1234"),
               QStringLiteral("args: path=+0(%di):string") }
        << QStringLiteral("p:ftlens_1/myopen /bin/true:0x1234 path=+0(%di):string");
    QTest::addRow("p:GRP/NAME as the kernel's documentation writes it: ftlens's group")
        << QStringLiteral("p:uprobes/myopen /bin/true:0x1234") << false
        << QStringList { QStringLiteral("kind: entry"), QStringLiteral("event: myopen"), QStringLiteral("path: /bin/true"),
               QStringLiteral("symbol: "), QStringLiteral("symbolOffset: 0x0"), QStringLiteral("fileOffset: 0x1234"),
               QStringLiteral("args: ") }
        << QStringLiteral("p:ftlens_1/myopen /bin/true:0x1234");
    QTest::addRow("p:NAME PATH:SYM")
        << QStringLiteral("p:myopen /bin/true:open") << false
        << QStringList { QStringLiteral("kind: entry"), QStringLiteral("event: myopen"), QStringLiteral("path: /bin/true"),
               QStringLiteral("symbol: open"), QStringLiteral("symbolOffset: 0x0"), QStringLiteral("fileOffset: (to resolve)"),
               QStringLiteral("args: ") }
        << QStringLiteral("p:ftlens_1/myopen /bin/true:0x4a0");
    QTest::addRow("NAME PATH:SYM args, no prefix")
        << QStringLiteral("myopen /bin/true:open dfd=%di path=+0(%si):string") << false
        << QStringList { QStringLiteral("kind: entry"), QStringLiteral("event: myopen"), QStringLiteral("path: /bin/true"),
               QStringLiteral("symbol: open"), QStringLiteral("symbolOffset: 0x0"), QStringLiteral("fileOffset: (to resolve)"),
               QStringLiteral("args: dfd=%di|path=+0(%si):string") }
        << QStringLiteral("p:ftlens_1/myopen /bin/true:0x4a0 dfd=%di path=+0(%si):string");
    QTest::addRow("r:NAME PATH:SYM $retval")
        << QStringLiteral("r:openret /bin/true:open ret=$retval") << true
        << QStringList { QStringLiteral("kind: return"), QStringLiteral("event: openret"), QStringLiteral("path: /bin/true"),
               QStringLiteral("symbol: open"), QStringLiteral("symbolOffset: 0x0"), QStringLiteral("fileOffset: (to resolve)"),
               QStringLiteral("args: ret=$retval") }
        << QStringLiteral("r:ftlens_1/openret /bin/true:0x4a0 ret=$retval");
    QTest::addRow("p: without a name")
        << QStringLiteral("p: /bin/true:main") << false
        << QStringList { QStringLiteral("kind: entry"), QStringLiteral("event: main"), QStringLiteral("path: /bin/true"),
               QStringLiteral("symbol: main"), QStringLiteral("symbolOffset: 0x0"), QStringLiteral("fileOffset: (to resolve)"),
               QStringLiteral("args: ") }
        << QStringLiteral("p:ftlens_1/main /bin/true:0x4a0");
    QTest::addRow("bare p prefix")
        << QStringLiteral("p /bin/true:main") << false
        << QStringList { QStringLiteral("kind: entry"), QStringLiteral("event: main"), QStringLiteral("path: /bin/true"),
               QStringLiteral("symbol: main"), QStringLiteral("symbolOffset: 0x0"), QStringLiteral("fileOffset: (to resolve)"),
               QStringLiteral("args: ") }
        << QStringLiteral("p:ftlens_1/main /bin/true:0x4a0");
    QTest::addRow("PATH:SYM only: name is the symbol")
        << QStringLiteral("/bin/true:main") << false
        << QStringList { QStringLiteral("kind: entry"), QStringLiteral("event: main"), QStringLiteral("path: /bin/true"),
               QStringLiteral("symbol: main"), QStringLiteral("symbolOffset: 0x0"), QStringLiteral("fileOffset: (to resolve)"),
               QStringLiteral("args: ") }
        << QStringLiteral("p:ftlens_1/main /bin/true:0x4a0");
    QTest::addRow("PATH:SYM only, return probe: SYM__return")
        << QStringLiteral("/bin/true:main") << true
        << QStringList { QStringLiteral("kind: return"), QStringLiteral("event: main__return"), QStringLiteral("path: /bin/true"),
               QStringLiteral("symbol: main"), QStringLiteral("symbolOffset: 0x0"), QStringLiteral("fileOffset: (to resolve)"),
               QStringLiteral("args: ") }
        << QStringLiteral("r:ftlens_1/main__return /bin/true:0x4a0");
    QTest::addRow("PATH:0xOFFS only: name p_BASENAME_0xOFFS")
        << QStringLiteral("/bin/true:0x1234") << false
        << QStringList { QStringLiteral("kind: entry"), QStringLiteral("event: p_true_0x1234"), QStringLiteral("path: /bin/true"),
               QStringLiteral("symbol: "), QStringLiteral("symbolOffset: 0x0"), QStringLiteral("fileOffset: 0x1234"),
               QStringLiteral("args: ") }
        << QStringLiteral("p:ftlens_1/p_true_0x1234 /bin/true:0x1234");
    QTest::addRow("PATH:0xOFFS only, return probe")
        << QStringLiteral("/bin/true:0xABC") << true
        << QStringList { QStringLiteral("kind: return"), QStringLiteral("event: p_true_0xabc__return"),
               QStringLiteral("path: /bin/true"), QStringLiteral("symbol: "), QStringLiteral("symbolOffset: 0x0"),
               QStringLiteral("fileOffset: 0xabc"), QStringLiteral("args: ") }
        << QStringLiteral("r:ftlens_1/p_true_0xabc__return /bin/true:0xabc");
    QTest::addRow("PATH:decimal offset")
        << QStringLiteral("p:at4660 /bin/true:4660") << false
        << QStringList { QStringLiteral("kind: entry"), QStringLiteral("event: at4660"), QStringLiteral("path: /bin/true"),
               QStringLiteral("symbol: "), QStringLiteral("symbolOffset: 0x0"), QStringLiteral("fileOffset: 0x1234"),
               QStringLiteral("args: ") }
        << QStringLiteral("p:ftlens_1/at4660 /bin/true:0x1234");
    QTest::addRow("PATH:SYM+0xOFFS")
        << QStringLiteral("/bin/true:main+0x10") << false
        << QStringList { QStringLiteral("kind: entry"), QStringLiteral("event: main_16"), QStringLiteral("path: /bin/true"),
               QStringLiteral("symbol: main"), QStringLiteral("symbolOffset: 0x10"), QStringLiteral("fileOffset: (to resolve)"),
               QStringLiteral("args: ") }
        << QStringLiteral("p:ftlens_1/main_16 /bin/true:0x4a0");
    QTest::addRow("PATH:SYM+decimal")
        << QStringLiteral("p:mid /bin/true:main+16") << false
        << QStringList { QStringLiteral("kind: entry"), QStringLiteral("event: mid"), QStringLiteral("path: /bin/true"),
               QStringLiteral("symbol: main"), QStringLiteral("symbolOffset: 0x10"), QStringLiteral("fileOffset: (to resolve)"),
               QStringLiteral("args: ") }
        << QStringLiteral("p:ftlens_1/mid /bin/true:0x4a0");
    QTest::addRow("version-suffixed symbol: name drops the version")
        << QStringLiteral("/bin/true:open64@@GLIBC_2.2.5") << false
        << QStringList { QStringLiteral("kind: entry"), QStringLiteral("event: open64"), QStringLiteral("path: /bin/true"),
               QStringLiteral("symbol: open64@@GLIBC_2.2.5"), QStringLiteral("symbolOffset: 0x0"),
               QStringLiteral("fileOffset: (to resolve)"), QStringLiteral("args: ") }
        << QStringLiteral("p:ftlens_1/open64 /bin/true:0x4a0");
    QTest::addRow("symbol with a dot: name made valid")
        << QStringLiteral("/bin/true:main.cold") << false
        << QStringList { QStringLiteral("kind: entry"), QStringLiteral("event: main_cold"), QStringLiteral("path: /bin/true"),
               QStringLiteral("symbol: main.cold"), QStringLiteral("symbolOffset: 0x0"),
               QStringLiteral("fileOffset: (to resolve)"), QStringLiteral("args: ") }
        << QStringLiteral("p:ftlens_1/main_cold /bin/true:0x4a0");
    QTest::addRow("bare register and unnamed fetch args")
        << QStringLiteral("p:regs /bin/true:0x10 %ax +8(%sp):u32 count=%si:s64") << false
        << QStringList { QStringLiteral("kind: entry"), QStringLiteral("event: regs"), QStringLiteral("path: /bin/true"),
               QStringLiteral("symbol: "), QStringLiteral("symbolOffset: 0x0"), QStringLiteral("fileOffset: 0x10"),
               QStringLiteral("args: %ax|+8(%sp):u32|count=%si:s64") }
        << QStringLiteral("p:ftlens_1/regs /bin/true:0x10 %ax +8(%sp):u32 count=%si:s64");
    QTest::addRow("extra white space")
        << QStringLiteral("  p:myopen\t /bin/true:0x20   ret=%ax  ") << false
        << QStringList { QStringLiteral("kind: entry"), QStringLiteral("event: myopen"), QStringLiteral("path: /bin/true"),
               QStringLiteral("symbol: "), QStringLiteral("symbolOffset: 0x0"), QStringLiteral("fileOffset: 0x20"),
               QStringLiteral("args: ret=%ax") }
        << QStringLiteral("p:ftlens_1/myopen /bin/true:0x20 ret=%ax");
}

void TestUprobeDefinition::parsesGood()
{
    QFETCH(QString, text);
    QFETCH(bool, returnProbe);
    QFETCH(QStringList, expected);
    QFETCH(QString, kernelLine);

    auto def = parseUprobeDefinition(text, returnProbe);
    QVERIFY2(def.ok(), qPrintable(def.ok() ? QString() : def.error().message));
    QCOMPARE(describe(def.value()), expected);
    if (!def->fileOffset)
        def->fileOffset = 0x4a0;
    QCOMPARE(QString::fromUtf8(def->kernelLine(QStringLiteral("ftlens_1"))), kernelLine);
}

void TestUprobeDefinition::rejectsBad_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("returnProbe");
    QTest::addColumn<QString>("messageFragment");

    QTest::addRow("r: prefix given to --uprobe")
        << QStringLiteral("r:x /bin/true:main") << false << QStringLiteral("'r' makes a return probe, but --uprobe takes entry probes");
    QTest::addRow("p: prefix given to --uretprobe")
        << QStringLiteral("p:x /bin/true:main") << true << QStringLiteral("'p' makes an entry probe, but --uretprobe takes return probes");
    QTest::addRow("bad group name")
        << QStringLiteral("p:my-grp/name /bin/true:main") << false << QStringLiteral("'my-grp' is not a valid group name");
    QTest::addRow("event name starts with a digit")
        << QStringLiteral("p:1abc /bin/true:main") << false << QStringLiteral("'1abc' is not a valid event name");
    QTest::addRow("event name with a dash")
        << QStringLiteral("my-open /bin/true:main") << false << QStringLiteral("'my-open' is not a valid event name");
    QTest::addRow("relative path")
        << QStringLiteral("p:x bin/true:main") << false << QStringLiteral("the path 'bin/true' is not absolute");
    QTest::addRow("missing file")
        << QStringLiteral("/nonexistent/ftlens/bin:main") << false << QStringLiteral("/nonexistent/ftlens/bin: no such file");
    QTest::addRow("directory, not a file")
        << QStringLiteral("/tmp:main") << false << QStringLiteral("/tmp: no such file");
    QTest::addRow("missing place after the name")
        << QStringLiteral("p:myopen") << false << QStringLiteral("the place PATH:SYMBOL or PATH:0xOFFSET is missing");
    QTest::addRow("missing place after a bare name")
        << QStringLiteral("myopen") << false << QStringLiteral("column 1: the place 'myopen' is not PATH:SYMBOL or PATH:0xOFFSET");
    QTest::addRow("place without a symbol")
        << QStringLiteral("p:x /bin/true:") << false << QStringLiteral("the place '/bin/true:' is not PATH:SYMBOL or PATH:0xOFFSET");
    QTest::addRow("place without a path")
        << QStringLiteral("p:x :main") << false << QStringLiteral("the place ':main' is not PATH:SYMBOL or PATH:0xOFFSET");
    QTest::addRow("bad hex offset")
        << QStringLiteral("/bin/true:0xZZ") << false << QStringLiteral("'0xZZ' is not an offset");
    QTest::addRow("bad decimal offset")
        << QStringLiteral("/bin/true:12ab") << false << QStringLiteral("'12ab' is not an offset");
    QTest::addRow("bad symbol offset")
        << QStringLiteral("/bin/true:main+0xZZ") << false << QStringLiteral("'main+0xZZ' is not a symbol name or SYMBOL+OFFSET");
    QTest::addRow("fetch arg with two =")
        << QStringLiteral("p:x /bin/true:main a=b=%di") << false << QStringLiteral("column 22: expected %REG");
    QTest::addRow("fetch arg with an empty value")
        << QStringLiteral("p:x /bin/true:main a=") << false << QStringLiteral("column 22: expected a fetch argument");
    QTest::addRow("empty") << QStringLiteral("   ") << false << QStringLiteral("empty probe definition");
}

void TestUprobeDefinition::rejectsBad()
{
    QFETCH(QString, text);
    QFETCH(bool, returnProbe);
    QFETCH(QString, messageFragment);

    const auto def = parseUprobeDefinition(text, returnProbe);
    QVERIFY2(!def.ok(), qPrintable(QStringLiteral("accepted: ") + (def.ok() ? describe(def.value()).join(QLatin1String("; ")) : QString())));
    const QString message = def.error().message;
    QVERIFY2(message.contains(messageFragment), qPrintable(message));
    // Every message names the definition it rejects.
    QVERIFY2(message.contains(QStringLiteral("'%1'").arg(text)), qPrintable(message));
}

void TestUprobeDefinition::validatesEventNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::addRow("plain") << QStringLiteral("do_sys_open") << true;
    QTest::addRow("leading underscore") << QStringLiteral("_x1") << true;
    QTest::addRow("64 characters") << QString(64, QLatin1Char('a')) << true;
    QTest::addRow("65 characters") << QString(65, QLatin1Char('a')) << false;
    QTest::addRow("empty") << QString() << false;
    QTest::addRow("leading digit") << QStringLiteral("9lives") << false;
    QTest::addRow("dot") << QStringLiteral("a.b") << false;
    QTest::addRow("SQL quote") << QStringLiteral("a'b") << false;
    QTest::addRow("slash") << QStringLiteral("a/b") << false;
}

void TestUprobeDefinition::validatesEventNames()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(isValidEventName(name), valid);
}

QTEST_GUILESS_MAIN(TestUprobeDefinition)
#include "tst_uprobedefinition.moc"
