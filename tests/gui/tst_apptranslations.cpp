// SPDX-License-Identifier: GPL-3.0-or-later
// The zh_CN locale translates both ftlens's own strings and Qt's standard dialogs (buttons of
// message boxes, file dialogs): the latter come from Debian's qt6-translations-l10n, which the
// set-up script installs, so a missing package makes this test fail rather than leave English
// buttons in Chinese dialogs.
#include "apptranslations.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLocale>
#include <QPushButton>
#include <QTest>

class TestAppTranslations : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void translates_data();
    void translates();
    void standardButtonsFollowTheLocale_data();
    void standardButtonsFollowTheLocale();
};

void TestAppTranslations::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    Gui::AppTranslations::install(QCoreApplication::instance());
}

void TestAppTranslations::translates_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    QTest::addRow("ftlens menu") << QStringLiteral("Gui::WindowActions") << QStringLiteral("&Open…") << QStringLiteral("打开(&O)…");
    QTest::addRow("Qt theme button") << QStringLiteral("QPlatformTheme") << QStringLiteral("Cancel") << QStringLiteral("取消");
    QTest::addRow("Qt file dialog") << QStringLiteral("QFileDialog") << QStringLiteral("File &name:") << QStringLiteral("文件名称(&N)：");
}

void TestAppTranslations::translates()
{
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QCOMPARE(QCoreApplication::translate(context.toUtf8().constData(), source.toUtf8().constData()), expected);
}

void TestAppTranslations::standardButtonsFollowTheLocale_data()
{
    QTest::addColumn<int>("button");
    QTest::addColumn<QString>("text");
    QTest::addRow("OK") << int(QDialogButtonBox::Ok) << QStringLiteral("确定");
    QTest::addRow("Cancel") << int(QDialogButtonBox::Cancel) << QStringLiteral("取消");
}

void TestAppTranslations::standardButtonsFollowTheLocale()
{
    QFETCH(int, button);
    QFETCH(QString, text);
    QDialogButtonBox box { QDialogButtonBox::StandardButtons(button) };
    QCOMPARE(box.button(QDialogButtonBox::StandardButton(button))->text(), text);
}

QTEST_MAIN(TestAppTranslations)
#include "tst_apptranslations.moc"
