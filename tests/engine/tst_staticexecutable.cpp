// SPDX-License-Identifier: GPL-3.0-or-later
// Whether a COMMAND is statically linked (no PT_INTERP), for the helper's note that uprobes in a
// shared library see nothing of it; and where a COMMAND name is found in a search path.
#include "staticexecutable.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Recorder;

class TestStaticExecutable : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void staticOrNot_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("expected"); // 1 static, 0 dynamic, -1 cannot tell
        const QString tools = QStringLiteral(FTLENS_BIN_DIR "/../tests/");
        QTest::addRow("the static opener") << tools + QStringLiteral("ftlens-test-opener-static") << 1;
        QTest::addRow("the dynamic opener") << tools + QStringLiteral("ftlens-test-opener-dynamic") << 0;
        QTest::addRow("a shell") << QStringLiteral("/bin/sh") << 0;
        QTest::addRow("a script") << QStringLiteral(FTLENS_SOURCE_DIR "/setup.sh") << -1;
        QTest::addRow("missing") << QStringLiteral("/nonexistent/program") << -1;
        QTest::addRow("a directory") << QStringLiteral("/tmp") << -1;
    }

    void staticOrNot()
    {
        QFETCH(QString, path);
        QFETCH(int, expected);
        const std::optional<bool> linked = isStaticallyLinked(path);
        QCOMPARE(linked ? int(*linked) : -1, expected);
    }

    // A header that promises program headers the file does not have is no answer, not a crash.
    void truncatedElf()
    {
        QFile opener(QStringLiteral(FTLENS_BIN_DIR "/../tests/ftlens-test-opener-dynamic"));
        QVERIFY(opener.open(QIODevice::ReadOnly));
        QTemporaryDir dir;
        for (const int size : { 16, 64, 80 }) {
            QFile cut(dir.filePath(QStringLiteral("cut%1").arg(size)));
            QVERIFY(cut.open(QIODevice::WriteOnly));
            opener.seek(0);
            cut.write(opener.read(size));
            cut.close();
            QCOMPARE(isStaticallyLinked(cut.fileName()), std::nullopt);
        }
    }

    void resolvesInTheSearchPath()
    {
        QCOMPARE(resolveProgram(QStringLiteral("sh"), QStringLiteral("/nonexistent:/usr/bin")), QStringLiteral("/usr/bin/sh"));
        QCOMPARE(resolveProgram(QStringLiteral("./local/tool"), QStringLiteral("/usr/bin")), QStringLiteral("./local/tool"));
        QCOMPARE(resolveProgram(QStringLiteral("no-such-program-here"), QStringLiteral("/usr/bin")), QString());
    }
};

QTEST_GUILESS_MAIN(TestStaticExecutable)
#include "tst_staticexecutable.moc"
