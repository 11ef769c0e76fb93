// SPDX-License-Identifier: GPL-3.0-or-later
// The polkit action the build installs (component polkit): valid against polkit's own DTD
// (xmllint), auth_admin_keep for active sessions, the exec path pinned to where the helper
// itself is installed — checked by installing both into a scratch DESTDIR — and the systemd unit
// naming the same helper and the client's default socket.
#include "helpertarget.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <QDirIterator>

namespace {
const QString policyName = QStringLiteral("org.ftlens.helper.policy");

QString read(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

struct Run {
    int code = -1;
    QByteArray output;
};
Run run(const QString& program, const QStringList& arguments, const QStringList& environment = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& variable : environment)
        env.insert(variable.section(QLatin1Char('='), 0, 0), variable.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(120000))
        return {};
    return { process.exitCode(), process.readAll() };
}

// The action's defaults and annotations as polkit reads them.
QMap<QString, QString> actionSettings(const QString& xml)
{
    QMap<QString, QString> settings;
    QXmlStreamReader reader(xml);
    QString action;
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QString name = reader.name().toString();
        if (name == QLatin1String("action"))
            action = reader.attributes().value(QLatin1String("id")).toString();
        else if (name == QLatin1String("annotate")) {
            const QString key = action + QLatin1Char(' ') + reader.attributes().value(QLatin1String("key")).toString();
            settings.insert(key, reader.readElementText());
        }
        else if (name.startsWith(QLatin1String("allow_"))) {
            const QString key = action + QLatin1Char(' ') + name;
            settings.insert(key, reader.readElementText());
        }
    }
    if (reader.hasError())
        settings.insert(QStringLiteral("error"), reader.errorString());
    return settings;
}
} // namespace

class TestPolkitPolicy : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_destdir.isValid());
        const Run installed = run(QStringLiteral("cmake"), { QStringLiteral("--install"), QStringLiteral(FTLENS_BIN_DIR "/.."), QStringLiteral("--component"),
                                                               QStringLiteral("polkit") }, { QStringLiteral("DESTDIR=") + m_destdir.path() });
        QVERIFY2(installed.code == 0, installed.output.constData());
        const Run helper = run(QStringLiteral("cmake"), { QStringLiteral("--install"), QStringLiteral(FTLENS_BIN_DIR "/.."), QStringLiteral("--component"),
                                                            QStringLiteral("helper") }, { QStringLiteral("DESTDIR=") + m_destdir.path() });
        QVERIFY2(helper.code == 0, helper.output.constData());
        const QStringList found = QDir(m_destdir.path()).entryList(); // keep the tree for the checks
        QVERIFY(!found.isEmpty());
        QDirIterator it(m_destdir.path(), { policyName }, QDir::Files, QDirIterator::Subdirectories);
        QVERIFY2(it.hasNext(), "the polkit component installs no policy");
        m_policy = it.next();
        QVERIFY2(m_policy.endsWith(QStringLiteral("/share/polkit-1/actions/") + policyName), qPrintable(m_policy));
    }

    void validAgainstPolkitsDtd()
    {
        const QString dtd = QStringLiteral("/usr/share/polkit-1/policyconfig-1.dtd");
        const QString xmllint = QStandardPaths::findExecutable(QStringLiteral("xmllint"));
        if (xmllint.isEmpty() || !QFile::exists(dtd))
            QSKIP("xmllint or polkit's DTD is missing (packaging/build-deps.txt lists libxml2-utils and polkitd)");
        const Run checked = run(xmllint, { QStringLiteral("--noout"), QStringLiteral("--dtdvalid"), dtd, m_policy });
        QVERIFY2(checked.code == 0, checked.output.constData());
    }

    void defaultsAndPin()
    {
        const QMap<QString, QString> settings = ::actionSettings(read(m_policy));
        QVERIFY2(!settings.contains(QStringLiteral("error")), qPrintable(settings.value(QStringLiteral("error"))));
        const QString action = QStringLiteral("org.ftlens.helper.record ");
        QCOMPARE(settings.value(action + QStringLiteral("allow_active")), QStringLiteral("auth_admin_keep"));
        QCOMPARE(settings.value(action + QStringLiteral("allow_inactive")), QStringLiteral("auth_admin"));
        QCOMPARE(settings.value(action + QStringLiteral("allow_any")), QStringLiteral("auth_admin"));
        QCOMPARE(settings.value(action + QStringLiteral("org.freedesktop.policykit.exec.path")), ServiceClient::HelperTarget::installedHelperPath());
    }

    // The pinned path is where the helper component really puts the helper (and what pkexec is given).
    void pinnedPathIsTheInstalledHelper()
    {
        QVERIFY2(QFileInfo(m_destdir.path() + ServiceClient::HelperTarget::installedHelperPath()).isExecutable(),
            qPrintable(m_destdir.path() + ServiceClient::HelperTarget::installedHelperPath()));
        QCOMPARE(ServiceClient::HelperTarget::pkexec().arguments.first(), ServiceClient::HelperTarget::installedHelperPath());
    }

    void systemdUnit()
    {
        QDirIterator it(m_destdir.path(), { QStringLiteral("ftlens-helper.service") }, QDir::Files, QDirIterator::Subdirectories);
        QVERIFY(it.hasNext());
        const QString unit = read(it.next());
        QVERIFY2(unit.contains(QStringLiteral("ExecStart=%1 serve --unix %2 ")
                                   .arg(ServiceClient::HelperTarget::installedHelperPath(), ServiceClient::HelperTarget::systemSocketPath())),
            qPrintable(unit));
        QVERIFY(unit.contains(QStringLiteral("RuntimeDirectory=ftlens")));
    }

private:
    QTemporaryDir m_destdir;
    QString m_policy;
};

QTEST_GUILESS_MAIN(TestPolkitPolicy)
#include "tst_polkitpolicy.moc"
