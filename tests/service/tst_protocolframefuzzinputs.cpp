// SPDX-License-Identifier: GPL-3.0-or-later
// The protocol frame decoder's fuzz target (tests/fuzz/fuzz_protocolframe.cpp) run once over its
// committed seeds and every reproducer, without libFuzzer, so any build checks them (the fuzz
// runs themselves need a libFuzzer build, see README "Sanitizers and fuzzing").
#include <QDir>
#include <QFile>
#include <QTest>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

class TestProtocolFrameFuzzInputs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void inputs_data()
    {
        QTest::addColumn<QString>("path");
        int count = 0;
        for (const char* kind : { "seeds", "regressions" }) {
            const QDir dir(QStringLiteral(FTLENS_SOURCE_DIR "/tests/fuzz/%1/protocolframe").arg(QLatin1String(kind)));
            for (const QString& name : dir.entryList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name)) {
                QTest::addRow("%s/%s", kind, qPrintable(name)) << dir.filePath(name);
                ++count;
            }
        }
        QVERIFY2(count >= 4, "the seeds are missing");
    }
    // Each input runs to its end: no invariant of the target broken (it aborts), no crash.
    void inputs()
    {
        QFETCH(QString, path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QCOMPARE(LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.constData()), std::size_t(bytes.size())), 0);
    }
};

QTEST_GUILESS_MAIN(TestProtocolFrameFuzzInputs)
#include "tst_protocolframefuzzinputs.moc"
