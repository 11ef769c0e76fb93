// SPDX-License-Identifier: GPL-3.0-or-later
// The kprobe_events syntax as ftlens parses it before anything reaches the kernel: every
// element of the place and of the fetch arguments, good and bad, with the column of the error.
#include "probedefinition.h"

#include <QTest>

using Recorder::ProbeDefinition;

namespace {
const QString x86 = QStringLiteral("x86_64");
const QString arm = QStringLiteral("aarch64");
} // namespace

class TestProbeDefinition : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void kprobes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("isReturn");
        QTest::addColumn<QString>("arch");
        QTest::addColumn<QString>("kernelLine");
        auto row = [](const char* name, const char* text, bool ret, const QString& arch, const char* line) {
            QTest::addRow("%s", name) << QString::fromUtf8(text) << ret << arch << QString::fromUtf8(line);
        };
        row("symbol only", "do_sys_open", false, x86, "p:g/do_sys_open do_sys_open");
        row("prefix and name", "p:myopen do_sys_open", false, x86, "p:g/myopen do_sys_open");
        row("bare prefix", "p do_sys_open", false, x86, "p:g/do_sys_open do_sys_open");
        row("name without prefix", "myopen do_sys_open dfd=%di", false, x86, "p:g/myopen do_sys_open dfd=%di");
        row("symbol+offset", "p:x vfs_read+0x10", false, x86, "p:g/x vfs_read+16");
        row("module symbol", "p:x ext4:ext4_file_open", false, x86, "p:g/x ext4:ext4_file_open");
        row("address", "p:x 0xffffffff81000000", false, x86, "p:g/x 0xffffffff81000000");
        row("default name with offset", "vfs_read+8", false, x86, "p:g/vfs_read_8 vfs_read+8");
        row("kretprobe", "r:myret do_sys_open $retval", true, x86, "r:g/myret do_sys_open $retval");
        row("kretprobe maxactive", "r16:myret do_sys_open ret=$retval:s32", true, x86, "r16:g/myret do_sys_open ret=$retval:s32");
        row("default return name", "do_sys_open", true, x86, "r:g/do_sys_open__return do_sys_open");
        row("registers", "p:x f a=%ax b=%r15 c=%orig_ax", false, x86, "p:g/x f a=%ax b=%r15 c=%orig_ax");
        row("arm64 registers", "p:x f a=%x0 b=%x30 c=%sp", false, arm, "p:g/x f a=%x0 b=%x30 c=%sp");
        row("memory address", "p:x f v=@0xffff8880:u64", false, x86, "p:g/x f v=@0xffff8880:u64");
        row("symbol memory", "p:x f j=@jiffies j2=@jiffies+8 j3=@jiffies-0x10", false, x86,
            "p:g/x f j=@jiffies j2=@jiffies+8 j3=@jiffies-0x10");
        row("stack", "p:x f s=$stack s0=$stack0 s12=$stack12", false, x86, "p:g/x f s=$stack s0=$stack0 s12=$stack12");
        row("argN at entry", "p:x do_sys_open a1=$arg1 a4=$arg4:x32", false, x86, "p:g/x do_sys_open a1=$arg1 a4=$arg4:x32");
        row("comm", "p:x f c=$comm", false, x86, "p:g/x f c=$comm:string");
        row("comm typed", "p:x f c=$comm:string", false, x86, "p:g/x f c=$comm:string");
        row("dereference string", "p:x do_sys_open filename=+0(%si):string", false, x86,
            "p:g/x do_sys_open filename=+0(%si):string");
        row("nested dereference (do_filp_open pathname)", "p:x do_filp_open dfd=%di:s32 pathname=+0(+0(%si)):string",
            false, x86, "p:g/x do_filp_open dfd=%di:s32 pathname=+0(+0(%si)):string");
        row("negative and user dereference", "p:x f a=-8(%bp):u32 b=+u0(%si):ustring b2=+u8(%di):u64", false, x86,
            "p:g/x f a=-8(%bp):u32 b=+u0(%si):ustring b2=+u8(%di):u64");
        row("all basic types", "p:x f a=%ax:u8 b=%ax:u16 c=%ax:u32 d=%ax:u64 e=%ax:s8 f=%ax:s16 g=%ax:s32 h=%ax:s64", false, x86,
            "p:g/x f a=%ax:u8 b=%ax:u16 c=%ax:u32 d=%ax:u64 e=%ax:s8 f=%ax:s16 g=%ax:s32 h=%ax:s64");
        row("hex types", "p:x f a=%ax:x8 b=%ax:x16 c=%ax:x32 d=%ax:x64", false, x86, "p:g/x f a=%ax:x8 b=%ax:x16 c=%ax:x32 d=%ax:x64");
        row("char symbol symstr", "p:x f c=+0(%di):char s=%ip:symbol t=+0(%si):symstr", false, x86,
            "p:g/x f c=+0(%di):char s=%ip:symbol t=+0(%si):symstr");
        row("bitfield", "p:x f flags=+4(%di):b3@5/32", false, x86, "p:g/x f flags=+4(%di):b3@5/32");
        row("array", "p:x f v=+0(%di):u8[16] w=+0(%si):x64[64]", false, x86, "p:g/x f v=+0(%di):u8[16] w=+0(%si):x64[64]");
        row("string array", "p:x f argv=+0(%si):string[4]", false, x86, "p:g/x f argv=+0(%si):string[4]");
        row("immediates", "p:x f one=\\1 neg=\\-5 hex=\\0x10 s=\\\"hi\\\":string", false, x86,
            "p:g/x f one=\\1 neg=\\-5 hex=\\0x10 s=\\\"hi\\\":string");
        row("unnamed args", "p:x f %di +0(%si):string", false, x86, "p:g/x f %di +0(%si):string");
        row("vfs types", "p:x vfs_open path=+0(%di):%pd", false, x86, "p:g/x vfs_open path=+0(%di):%pd");
    }

    void kprobes()
    {
        QFETCH(QString, text);
        QFETCH(bool, isReturn);
        QFETCH(QString, arch);
        QFETCH(QString, kernelLine);
        auto def = Recorder::parseProbeDefinition(text, ProbeDefinition::Kind::Kprobe, isReturn, arch);
        QVERIFY2(def.ok(), def.ok() ? "" : qPrintable(def.error().message));
        QCOMPARE(QString::fromUtf8(def->kernelLine(QStringLiteral("g"))), kernelLine);
    }

    void uprobes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("isReturn");
        QTest::addColumn<QString>("kernelLine");
        QTest::addRow("offset") << QStringLiteral("p:u /bin/true:0x1234 a=%di") << false << QStringLiteral("p:g/u /bin/true:0x1234 a=%di");
        QTest::addRow("ref counter") << QStringLiteral("u /bin/true:0x1234(0x10)") << false << QStringLiteral("p:g/u /bin/true:0x1234(0x10)");
        QTest::addRow("file offset memory") << QStringLiteral("p:u /bin/true:0x10 v=@+0x2000:u32") << false
                                            << QStringLiteral("p:g/u /bin/true:0x10 v=@+0x2000:u32");
        QTest::addRow("return") << QStringLiteral("r:u /bin/true:0x10 ret=$retval:s32") << true
                                << QStringLiteral("r:g/u /bin/true:0x10 ret=$retval:s32");
        QTest::addRow("string") << QStringLiteral("/bin/true:0x10 path=+0(%di):string") << false
                                << QStringLiteral("p:g/p_true_0x10 /bin/true:0x10 path=+0(%di):string");
    }

    void uprobes()
    {
        QFETCH(QString, text);
        QFETCH(bool, isReturn);
        QFETCH(QString, kernelLine);
        auto def = Recorder::parseProbeDefinition(text, ProbeDefinition::Kind::Uprobe, isReturn, x86);
        QVERIFY2(def.ok(), def.ok() ? "" : qPrintable(def.error().message));
        QCOMPARE(QString::fromUtf8(def->kernelLine(QStringLiteral("g"))), kernelLine);
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("isReturn");
        QTest::addColumn<QString>("message");
        const int k = int(ProbeDefinition::Kind::Kprobe);
        const int u = int(ProbeDefinition::Kind::Uprobe);
        // pointsAt: the text the error's column must point at ("END": just past the text).
        auto row = [](const char* name, const char* text, int kind, bool ret, const char* pointsAt, const char* message) {
            const QString definition = QString::fromUtf8(text);
            QString expected = QString::fromUtf8(message);
            if (pointsAt) {
                const qsizetype column = qstrcmp(pointsAt, "END") == 0 ? definition.size() + 1
                                                                       : definition.indexOf(QString::fromUtf8(pointsAt)) + 1
                    ;
                expected = QStringLiteral("column %1: %2").arg(column).arg(expected);
            }
            QTest::addRow("%s", name) << definition << kind << ret << expected;
        };
        row("empty", "", k, false, nullptr, "empty probe definition");
        row("entry prefix for return option", "p:x f", k, true, "p:x", "'p' makes an entry probe, but --kretprobe takes return probes");
        row("return prefix for entry option", "r:x f", k, false, "r:x", "'r' makes a return probe, but --kprobe takes entry probes");
        row("maxactive on entry", "p5:x f", k, false, "5:x", "MAXACTIVE is only for kretprobes (r<N>:...)");
        row("maxactive on uretprobe", "r5:x /bin/true:0x10", u, true, "5:x", "MAXACTIVE is only for kretprobes (r<N>:...)");
        row("group", "p:grp/x f", k, false, "grp/x", "group names are chosen by ftlens; write only the event name");
        row("bad event name", "p:9x f", k, false, "9x", "'9x' is not a valid event name (letters, digits, _; at most 64)");
        row("missing place", "p:x", k, false, "END", "the place SYMBOL[+OFFS] or MEMADDR is missing");
        row("bad place", "p:x f+zz", k, false, "f+zz", "'f+zz' is not [MOD:]SYMBOL[+OFFS] or an address");
        row("return with offset", "r:x f+4", k, true, "f+4", "a return probe sits at a function's entry: no +OFFS");
        row("unknown register", "p:x f a=%zz", k, false, "%zz", "unknown register '%zz' for x86_64");
        row("register with r prefix", "p:x f a=%rdi", k, false, "%rdi", "unknown register '%rdi' for x86_64 (did you mean %di?)");
        row("empty register", "p:x f a=% b=%di", k, false, " b=", "expected a register name after '%'");
        row("retval on entry", "p:x f r=$retval", k, false, "$retval", "$retval is only for return probes (r)");
        row("arg0", "p:x f a=$arg0", k, false, "$arg0", "$argN counts from 1");
        row("arg not at entry", "p:x f+8 a=$arg1", k, false, "$arg1", "$argN is only available at a function's entry (no +OFFSET)");
        row("arg on uprobe", "p:x /bin/true:0x10 a=$arg1", u, false, "$arg1", "$argN is not available for uprobes; use the registers of the calling convention");
        row("unknown variable", "p:x f a=$foo", k, false, "$foo", "unknown variable '$foo' (expected $stack, $stackN, $argN, $retval or $comm)");
        row("symbol memory on uprobe", "p:x /bin/true:0x10 a=@jiffies", u, false, "@jiffies", "@SYMBOL is for kprobes only; uprobes take @ADDR or @+OFFSET");
        row("file offset on kprobe", "p:x f a=@+0x10", k, false, "@+", "@+OFFSET (a file offset) is for uprobes only");
        row("bad fetch", "p:x f a=foo", k, false, "foo", "expected %REG, @ADDR, @SYMBOL, $stack, $argN, $retval, $comm, \\IMM or +|-OFFS(FETCHARG)");
        row("missing paren", "p:x f a=+0%di", k, false, "%di", "expected '(' after the offset of a dereference");
        row("unclosed paren", "p:x f a=+0(%di", k, false, "END", "expected ')'");
        row("bad offset", "p:x f a=+zz(%di)", k, false, "zz(", "expected a number");
        row("dereferenced immediate", "p:x f a=+0(\\1)", k, false, "\\1", "an immediate value cannot be dereferenced");
        row("unknown type", "p:x f a=%di:u128", k, false, "u128", "unknown type 'u128' (u8..u64, s8..s64, x8..x64, char, string, ustring, symbol, symstr, %pd, %pD, bWIDTH@OFFSET/SIZE, TYPE[N])");
        row("empty type", "p:x f a=%di:", k, false, "END", "expected a type after ':'");
        row("string of register", "p:x f a=%di:string", k, false, "string", "'string' needs a memory reference such as +0(%di), @ADDR or $comm");
        row("comm not string", "p:x f c=$comm:u32", k, false, "u32", "$comm is a string: its type can only be string");
        row("bitfield container", "p:x f a=+0(%di):b3@5/24", k, false, "b3@", "a bitfield's container is 8, 16, 32 or 64 bits, not 24");
        row("bitfield overflow", "p:x f a=+0(%di):b30@5/32", k, false, "b30@", "30 bits at bit 5 do not fit in 32 bits");
        row("array too long", "p:x f a=+0(%di):u8[65]", k, false, "u8[", "array length 65 is not between 1 and 64");
        row("bad arg name", "p:x f 1a=%di", k, false, "1a=", "'1a' is not an argument name (letters, digits, _)");
        row("duplicate arg name", "p:x f a=%di a=%si", k, false, "a=%si", "a second argument named 'a'");
        row("junk after fetch", "p:x f a=%di)", k, false, ")", "unexpected ')' after the fetch argument");
        row("relative uprobe path", "p:x bin/true:0x10", u, false, "bin/", "the path 'bin/true' is not absolute");
        row("symstr on uprobe", "p:x /bin/true:0x10 a=+0(%di):symstr", u, false, "symstr", "'symstr' is for kprobes only");
        row("dentry type on uprobe", "p:x /bin/true:0x10 a=%di:%pd", u, false, "%pd", "'%pd' is for kprobes only");
        row("uprobe bad offset", "p:x /bin/true:0xzz", u, false, "0xzz", "'0xzz' is not an offset");
        // Control characters would cut or split the line the kernel reads (found by fuzz_probedefinition).
        row("escape in an immediate string", "p:x f s=\\\"a\x1b\":string", k, false, "\x1b", "control character U+001B in the definition");
        row("control character in a path", "p:x /bin/true\x01:0x10", u, false, "\x01", "control character U+0001 in the definition");
        QTest::addRow("NUL in an immediate string") << QStringLiteral("p:x f s=\\\"a") + QChar(0) + QStringLiteral("\":string") << k << false
                                                    << QStringLiteral("column 12: control character U+0000 in the definition");
    }

    void rejects()
    {
        QFETCH(QString, text);
        QFETCH(int, kind);
        QFETCH(bool, isReturn);
        QFETCH(QString, message);
        auto def = Recorder::parseProbeDefinition(text, ProbeDefinition::Kind(kind), isReturn, x86);
        QVERIFY2(!def.ok(), "accepted");
        QCOMPARE(def.error().message, message);
    }
};

QTEST_GUILESS_MAIN(TestProbeDefinition)
#include "tst_probedefinition.moc"
