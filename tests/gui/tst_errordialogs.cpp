// SPDX-License-Identifier: GPL-3.0-or-later
// Opening a bad file shows a dialog that names the file and the problem, the window keeps
// working, and another window's recording is untouched.
#include "errordialog.h"
#include "guitestsupport.h"
#include "mainwindow.h"
#include "recordingstatusbar.h"
#include "sqlitedb.h"

#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using Gui::MainWindow;

namespace {
enum class Kind { TextFile, OtherSqlite, Truncated, NewerVersion, Missing, Unreadable };

// Makes the bad file; returns an empty string or why it could not.
QString makeBadFile(Kind kind, const QString& dir, const QString& path)
{
    switch (kind) {
    case Kind::TextFile: {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write("just some text\nnot a database\n") < 0)
            return QStringLiteral("cannot write");
        return {};
    }
    case Kind::OtherSqlite: {
        auto db = Storage::Database::open(path, Storage::Database::Mode::Create);
        if (!db)
            return db.error().message;
        Storage::Status s = db->exec("CREATE TABLE contacts(name TEXT, phone TEXT); INSERT INTO contacts VALUES ('a', '1')");
        return s ? QString() : s.error().message;
    }
    case Kind::Truncated: {
        const QString copy = GuiTest::copyDemo(dir, QStringLiteral("full.ftlens"));
        QFile file(copy);
        if (copy.isEmpty() || !file.open(QIODevice::ReadOnly))
            return QStringLiteral("no demo");
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(file.read(file.size() / 3)) < 0)
            return QStringLiteral("cannot write");
        return {};
    }
    case Kind::NewerVersion: {
        if (GuiTest::copyDemo(dir, QFileInfo(path).fileName()).isEmpty())
            return QStringLiteral("no demo");
        auto db = Storage::Database::open(path, Storage::Database::Mode::ReadWrite);
        if (!db)
            return db.error().message;
        Storage::Status s = db->exec("PRAGMA user_version = 99");
        return s ? QString() : s.error().message;
    }
    case Kind::Missing:
        return {};
    case Kind::Unreadable: {
        if (GuiTest::copyDemo(dir, QFileInfo(path).fileName()).isEmpty())
            return QStringLiteral("no demo");
        return QFile::setPermissions(path, QFileDevice::WriteOwner) ? QString() : QStringLiteral("chmod failed");
    }
    }
    return QStringLiteral("unknown kind");
}

Gui::RecordingPtr openAndWait(MainWindow& window, const QString& path)
{
    QSignalSpy opened(&window, &MainWindow::recordingOpened);
    window.openFile(path);
    if (!opened.wait(20000) && opened.isEmpty())
        return nullptr;
    return window.recording();
}
} // namespace

Q_DECLARE_METATYPE(Kind)

class TestErrorDialogs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void badFile_data();
    void badFile();
    void dialogWithoutParent();

private:
    QTemporaryDir m_dir;
};

void TestErrorDialogs::initTestCase()
{
    QVERIFY(m_dir.isValid());
    GuiTest::isolateSettings(m_dir.path(), QStringLiteral("tst_errordialogs"));
}

void TestErrorDialogs::badFile_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("problem");

    QTest::addRow("text file") << Kind::TextFile << QStringLiteral("not an SQLite database");
    QTest::addRow("SQLite database of another application")
        << Kind::OtherSqlite << QStringLiteral("an SQLite database of another application");
    QTest::addRow("truncated recording") << Kind::Truncated << QStringLiteral("corrupt or truncated");
    QTest::addRow("newer schema version") << Kind::NewerVersion << QStringLiteral("schema version 99");
    QTest::addRow("missing file") << Kind::Missing << QStringLiteral("no such file");
    QTest::addRow("unreadable file") << Kind::Unreadable << QStringLiteral("not a readable file");
}

void TestErrorDialogs::badFile()
{
    QFETCH(Kind, kind);
    QFETCH(QString, problem);
    if (kind == Kind::Unreadable && ::geteuid() == 0)
        QSKIP("root reads files whatever their permissions");

    const QString path = m_dir.filePath(QStringLiteral("bad-%1.ftlens").arg(int(kind)));
    QCOMPARE(makeBadFile(kind, m_dir.path(), path), QString());

    // Another window with a good recording, which must not notice anything.
    MainWindow other;
    other.show();
    const Gui::RecordingPtr otherRecording = openAndWait(other, GuiTest::copyDemo(m_dir.path(), QStringLiteral("other.ftlens")));
    QVERIFY(otherRecording);
    const QString otherEvents = other.findChild<QLabel*>(QStringLiteral("eventsLabel"))->text();

    MainWindow window;
    window.show();
    QSignalSpy failed(&window, &MainWindow::openFailed);
    window.openFile(path);
    QVERIFY(failed.wait(20000) || !failed.isEmpty());
    QCOMPARE(failed.count(), 1);

    auto* box = window.findChild<QMessageBox*>(QStringLiteral("openErrorDialog"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QCOMPARE(QApplication::activeModalWidget(), box);
    QCOMPARE(box->icon(), QMessageBox::Critical);
    const QString shown = box->text() + QLatin1Char('\n') + box->informativeText();
    QVERIFY2(shown.contains(path), qPrintable(shown));
    QVERIFY2(shown.contains(problem), qPrintable(shown));
    QVERIFY(!window.recording());
    // Only this window is blocked by the dialog.
    QVERIFY(!box->isModal() || box->windowModality() == Qt::WindowModal);

    box->accept();
    QTRY_VERIFY(!window.findChild<QMessageBox*>(QStringLiteral("openErrorDialog")));

    // The window still works: it opens a good recording afterwards.
    QVERIFY(openAndWait(window, GuiTest::copyDemo(m_dir.path(), QStringLiteral("after.ftlens"))));
    QCOMPARE(window.recording()->summary.events, otherRecording->summary.events);

    // And the other window is untouched.
    QCOMPARE(other.recording(), otherRecording);
    QVERIFY(other.isVisible());
    QVERIFY(!other.findChild<QMessageBox*>());
    QCOMPARE(other.findChild<QLabel*>(QStringLiteral("eventsLabel"))->text(), otherEvents);
}

void TestErrorDialogs::dialogWithoutParent()
{
    QMessageBox* box = Gui::ErrorDialog::create(nullptr, QStringLiteral("/x/y.ftlens"), QStringLiteral("/x/y.ftlens: broken"));
    QVERIFY(box->testAttribute(Qt::WA_DeleteOnClose));
    QVERIFY(box->text().contains(QStringLiteral("/x/y.ftlens")));
    QCOMPARE(box->informativeText(), QStringLiteral("/x/y.ftlens: broken"));
    QVERIFY(!box->isVisible()); // create() does not show
    delete box;
}

QTEST_MAIN(TestErrorDialogs)
#include "tst_errordialogs.moc"
