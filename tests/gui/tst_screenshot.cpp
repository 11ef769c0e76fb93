// SPDX-License-Identifier: GPL-3.0-or-later
// `ftlens --screenshot` under Xvfb on the demo recording, whole and zoomed in: each image must
// have the requested size, show real content (not one colour, not nearly uniform, coloured
// task slices present), and the zoomed one must differ from the whole one. `ftlens --bench`:
// its JSON figures, and steps whose data did not come in time counted apart (exit code 3).
#include "guitestsupport.h"

#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

namespace {
struct ImageStats {
    int distinctColours = 0;
    double dominantShare = 1; // share of the most common colour
    double saturatedShare = 0; // share of clearly coloured pixels (slices, markers) in the timeline
};

// The timeline is the central widget: with the default layout (batch runs do not read the
// user's settings) it fills the top left, left of the statistics dock and above the events dock.
QRect timelineArea(const QImage& image)
{
    return QRect(image.width() * 5 / 100, image.height() * 8 / 100, image.width() / 2, image.height() * 45 / 100);
}

ImageStats measure(const QImage& image)
{
    QHash<QRgb, int> counts;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            ++counts[image.pixel(x, y)];
    }
    int dominant = 0;
    for (int count : std::as_const(counts))
        dominant = std::max(dominant, count);
    const QRect area = timelineArea(image);
    qint64 saturated = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            const QColor colour(image.pixel(x, y));
            saturated += colour.hsvSaturation() > 100 && colour.value() > 60;
        }
    }
    const double pixels = double(image.width()) * image.height();
    return ImageStats { int(counts.size()), dominant / pixels, saturated / (double(area.width()) * area.height()) };
}

// Share of pixels that differ between two images of the same size.
double differingShare(const QImage& a, const QImage& b)
{
    qint64 differing = 0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x)
            differing += a.pixel(x, y) != b.pixel(x, y);
    }
    return differing / (double(a.width()) * a.height());
}

// The last line of ftlens' stdout as a JSON object (empty when it is not one).
QJsonObject lastJsonLine(const QByteArray& output)
{
    const QList<QByteArray> lines = output.trimmed().split('\n');
    return QJsonDocument::fromJson(lines.last()).object();
}
} // namespace

class TestScreenshot : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void screenshots_data();
    void screenshots();
    void zoomChangesImage();
    void badFileFails();
    void benchModePrintsItsFigures();
    void benchModeCountsStepsWithoutData();
    void benchTimeoutNeedsANumber();

private:
    // Runs ftlens under xvfb-run; returns its exit code (or -1), its stderr in `errors` and,
    // when asked, its stdout in `output`.
    int runFtlens(const QStringList& arguments, QString* errors, QByteArray* output = nullptr);

    QTemporaryDir m_dir;
    QString m_xvfbRun;
    QString m_demo;
    QHash<QString, QImage> m_images;
};

void TestScreenshot::initTestCase()
{
    m_xvfbRun = QStandardPaths::findExecutable(QStringLiteral("xvfb-run"));
    if (m_xvfbRun.isEmpty())
        QSKIP("xvfb-run is not installed (Debian package xvfb; ./setup.sh installs it): screenshot test skipped");
    QVERIFY(QFile::exists(QStringLiteral(FTLENS_BIN_DIR "/ftlens")));
    QVERIFY(m_dir.isValid());
    m_demo = GuiTest::copyDemo(m_dir.path());
    QVERIFY(!m_demo.isEmpty());
}

int TestScreenshot::runFtlens(const QStringList& arguments, QString* errors, QByteArray* output)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    process.setProcessEnvironment(env);
    process.start(m_xvfbRun,
        QStringList { QStringLiteral("-a"), QStringLiteral("-s"), QStringLiteral("-screen 0 1920x1200x24"),
            QStringLiteral(FTLENS_BIN_DIR "/ftlens") }
            + arguments);
    if (!process.waitForFinished(120'000)) {
        process.kill();
        process.waitForFinished();
        *errors = QStringLiteral("timed out");
        return -1;
    }
    *errors = QString::fromLocal8Bit(process.readAllStandardError());
    if (output)
        *output = process.readAllStandardOutput();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

void TestScreenshot::screenshots_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QSize>("size");
    QTest::addRow("whole, 1600x1000") << QStringLiteral("whole") << QStringList {} << QSize(1600, 1000);
    QTest::addRow("zoomed, 1600x1000") << QStringLiteral("zoomed") << GuiTest::strings({ "--range", "1200000000:1205000000" })
                                       << QSize(1600, 1000);
    QTest::addRow("whole, 1000x700") << QStringLiteral("small") << GuiTest::strings({ "--size", "1000x700" }) << QSize(1000, 700);
}

void TestScreenshot::screenshots()
{
    QFETCH(QString, name);
    QFETCH(QStringList, extra);
    QFETCH(QSize, size);

    const QString out = m_dir.filePath(name + QStringLiteral(".png"));
    QString errors;
    const int code = runFtlens(QStringList { QStringLiteral("--screenshot"), out } + extra + QStringList { m_demo }, &errors);
    QVERIFY2(code == 0, qPrintable(QStringLiteral("exit %1: %2").arg(code).arg(errors)));
    QImage image(out);
    QVERIFY2(!image.isNull(), qPrintable(out));
    QCOMPARE(image.size(), size);
    image = image.convertToFormat(QImage::Format_RGB32);

    const ImageStats stats = measure(image);
    QVERIFY2(stats.distinctColours > 1, "blank image (one colour)");
    QVERIFY2(stats.distinctColours >= 64, qPrintable(QStringLiteral("only %1 colours").arg(stats.distinctColours)));
    QVERIFY2(stats.dominantShare < 0.85,
        qPrintable(QStringLiteral("too uniform: %1% one colour").arg(stats.dominantShare * 100, 0, 'f', 1)));
    QVERIFY2(stats.saturatedShare > 0.05,
        qPrintable(QStringLiteral("no timeline drawn: %1% coloured pixels").arg(stats.saturatedShare * 100, 0, 'f', 2)));
    m_images.insert(name, image);
}

void TestScreenshot::zoomChangesImage()
{
    if (!m_images.contains(QStringLiteral("whole")) || !m_images.contains(QStringLiteral("zoomed")))
        QSKIP("needs both screenshots");
    const double share = differingShare(m_images.value(QStringLiteral("whole")), m_images.value(QStringLiteral("zoomed")));
    QVERIFY2(share > 0.02, qPrintable(QStringLiteral("zoomed image unchanged: %1% pixels differ").arg(share * 100)));
}

void TestScreenshot::badFileFails()
{
    const QString bad = m_dir.filePath(QStringLiteral("bad.ftlens"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a recording");
    file.close();
    QString errors;
    const int code = runFtlens({ QStringLiteral("--screenshot"), m_dir.filePath(QStringLiteral("bad.png")), bad }, &errors);
    QVERIFY2(code != 0, "a bad file must fail");
    QVERIFY2(errors.contains(bad), qPrintable(errors));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("bad.png"))));
}

// --bench opens, paints, runs its 200 zoom/pan steps and prints one JSON line of figures: every
// step got its data in time (exit code 0, no timeouts), so every step is a timed frame.
void TestScreenshot::benchModePrintsItsFigures()
{
    QString errors;
    QByteArray output;
    const int code = runFtlens({ QStringLiteral("--bench"), m_demo }, &errors, &output);
    QVERIFY2(code == 0, qPrintable(errors));
    const QJsonObject figures = lastJsonLine(output);
    for (const char* key : { "open_ms", "first_paint_ms", "frame_ms_p50", "frame_ms_p95", "peak_rss_mib" })
        QVERIFY2(figures.value(QLatin1String(key)).toDouble() > 0, key);
    QVERIFY(figures.value(QStringLiteral("first_paint_ms")).toDouble() >= figures.value(QStringLiteral("open_ms")).toDouble());
    QVERIFY(figures.value(QStringLiteral("frame_ms_p95")).toDouble() >= figures.value(QStringLiteral("frame_ms_p50")).toDouble());
    QCOMPARE(figures.value(QStringLiteral("steps")).toInt(), 200);
    QCOMPARE(figures.value(QStringLiteral("frames")).toInt(), 200);
    QVERIFY(figures.contains(QStringLiteral("timeouts")));
    QCOMPARE(figures.value(QStringLiteral("timeouts")).toInt(-1), 0);
}

// With --bench-timeout 0 a step's data must already be there when the step asks for its range:
// every step that needs a query is a timeout. Those steps are counted, not timed (frames +
// timeouts = steps), and the exit code is 3. The first step shows the whole recording, which
// the first paint already has: at least one frame is timed.
void TestScreenshot::benchModeCountsStepsWithoutData()
{
    QString errors;
    QByteArray output;
    const int code = runFtlens({ QStringLiteral("--bench"), QStringLiteral("--bench-timeout"), QStringLiteral("0"), m_demo },
        &errors, &output);
    QVERIFY2(code == 3, qPrintable(QStringLiteral("exit code %1: %2").arg(code).arg(errors)));
    const QJsonObject figures = lastJsonLine(output);
    const int steps = figures.value(QStringLiteral("steps")).toInt();
    const int frames = figures.value(QStringLiteral("frames")).toInt(-1);
    const int timeouts = figures.value(QStringLiteral("timeouts")).toInt(-1);
    QCOMPARE(steps, 200);
    QVERIFY2(timeouts > 0, output.constData());
    QVERIFY2(frames > 0, output.constData());
    QCOMPARE(frames + timeouts, steps);
    QVERIFY(figures.value(QStringLiteral("frame_ms_p50")).toDouble() > 0);
    QVERIFY2(errors.contains(QStringLiteral("%1 of 200 steps got no timeline data within 0 ms").arg(timeouts)), qPrintable(errors));
}

// A bad --bench-timeout is a usage error before anything opens.
void TestScreenshot::benchTimeoutNeedsANumber()
{
    QString errors;
    const int code = runFtlens({ QStringLiteral("--bench"), QStringLiteral("--bench-timeout"), QStringLiteral("soon"), m_demo },
        &errors);
    QCOMPARE(code, 2);
    QVERIFY2(errors.contains(QStringLiteral("--bench-timeout")), qPrintable(errors));
}

QTEST_GUILESS_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
