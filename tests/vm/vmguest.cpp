// SPDX-License-Identifier: GPL-3.0-or-later
#include "vmguest.h"

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>

#include <sqlite3.h>

namespace VmGuest {

QString harness() { return QStringLiteral(FTLENS_SOURCE_DIR "/tests/vm/ftlens-vm"); }
QString binary(const QString& name) { return QStringLiteral(FTLENS_BIN_DIR "/") + name; }

Run run(const QString& program, const QStringList& arguments, const QStringList& environment, int timeoutMs)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& entry : environment)
        env.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(env);
    process.start(program, arguments);
    Run result;
    if (!process.waitForStarted(10000)) {
        result.err = "did not start: " + program.toUtf8();
        return result;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.terminate(); // the harness stops its guest on SIGTERM
        if (!process.waitForFinished(20000))
            process.kill();
        process.waitForFinished();
        result.err = "timed out: " + program.toUtf8() + '\n';
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err += process.readAllStandardError();
    return result;
}

Guest boot(const QString& script, const QString& outDir, const QStringList& harnessOptions, const QStringList& environment)
{
    QStringList arguments { QStringLiteral("--build"), QStringLiteral(FTLENS_BIN_DIR "/.."), QStringLiteral("--out"), outDir,
        QStringLiteral("--in"), QStringLiteral(FTLENS_SOURCE_DIR "/tests/vm/guest"), QStringLiteral("--timeout"),
        QStringLiteral("540") };
    arguments << harnessOptions << QStringLiteral("--") << QStringLiteral("sh") << QStringLiteral("/in/guest/") + script;
    const Run run = VmGuest::run(harness(), arguments, environment);
    Guest guest { outDir, run.exitCode, run.out + run.err, {} };
    // 124: the guest did not power off in time; 125: the harness failed (its last line says why).
    if (run.exitCode == 124 || run.exitCode == 125 || run.exitCode < 0)
        guest.failure = QStringLiteral("ftlens-vm failed (exit status %1): %2")
                            .arg(run.exitCode)
                            .arg(QString::fromUtf8(run.err.trimmed().split('\n').constLast()));
    return guest;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int stepStatus(const QString& out, const QString& name)
{
    bool ok = false;
    const int status = readFile(out + QLatin1Char('/') + name + QLatin1String(".status")).trimmed().toInt(&ok);
    return ok ? status : -1;
}

QMap<QString, QString> snapshot(const QString& out, const QString& name)
{
    QMap<QString, QString> entries;
    const QList<QByteArray> lines = readFile(out + QLatin1Char('/') + name + QLatin1String(".snapshot")).split('\n');
    for (const QByteArray& line : lines) {
        const qsizetype colon = line.indexOf(": ");
        if (colon > 0)
            entries.insert(QString::fromUtf8(line.left(colon)), QString::fromUtf8(line.mid(colon + 2)).trimmed());
    }
    return entries;
}

namespace {
// "7 (expanded: 1408);" before first use, "1410;" once allocated with that size.
bool sameBufferSize(const QString& before, const QString& after)
{
    static const QRegularExpression pending(QStringLiteral("\\(expanded: (\\d+)\\)"));
    const auto match = pending.match(before);
    if (!match.hasMatch())
        return before == after;
    bool ok = false;
    const int now = QString(after).remove(QLatin1Char(';')).trimmed().toInt(&ok);
    const int expected = match.captured(1).toInt();
    return ok && now >= expected && now <= expected + 16;
}
} // namespace

QStringList differences(const QMap<QString, QString>& before, const QMap<QString, QString>& after)
{
    QStringList lines;
    QStringList keys = before.keys() + after.keys();
    keys.removeDuplicates();
    for (const QString& key : std::as_const(keys)) {
        const QString was = before.value(key, QStringLiteral("(absent)"));
        const QString is = after.value(key, QStringLiteral("(absent)"));
        const bool same = key == QLatin1String("buffer_size_kb") ? sameBufferSize(was, is) : was == is;
        if (!same)
            lines << QStringLiteral("%1: '%2' became '%3'").arg(key, was, is);
    }
    return lines;
}

namespace {
// One CSV record: fields split at commas outside quotes, "" inside quotes as one ".
QStringList csvFields(const QString& line)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted && c == QLatin1Char('"') && i + 1 < line.size() && line.at(i + 1) == QLatin1Char('"')) {
            field += c;
            ++i;
        } else if (c == QLatin1Char('"')) {
            quoted = !quoted;
        } else if (c == QLatin1Char(',') && !quoted) {
            fields << field;
            field.clear();
        } else {
            field += c;
        }
    }
    return fields << field;
}
} // namespace

QList<QMap<QString, QString>> csv(const QString& path)
{
    const QStringList lines = QString::fromUtf8(readFile(path)).split(QLatin1String("\r\n"), Qt::SkipEmptyParts);
    QList<QMap<QString, QString>> rows;
    if (lines.isEmpty())
        return rows;
    const QStringList header = csvFields(lines.first());
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList fields = csvFields(lines.at(i));
        QMap<QString, QString> row;
        for (qsizetype column = 0; column < header.size(); ++column)
            row.insert(header.at(column), fields.value(column));
        rows << row;
    }
    return rows;
}

QList<QStringList> query(const QString& file, const QString& sql)
{
    QList<QStringList> rows;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(file).constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return rows;
    }
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &statement, nullptr) == SQLITE_OK) {
        while (sqlite3_step(statement) == SQLITE_ROW) {
            QStringList row;
            for (int column = 0; column < sqlite3_column_count(statement); ++column) {
                const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
                row << (text ? QString::fromUtf8(text) : QString());
            }
            rows << row;
        }
    } else {
        qWarning("%s: %s", qPrintable(sql), sqlite3_errmsg(db));
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return rows;
}

QString scalar(const QString& file, const QString& sql)
{
    const QList<QStringList> rows = query(file, sql);
    return rows.isEmpty() || rows.first().isEmpty() ? QString() : rows.first().first();
}

} // namespace VmGuest
