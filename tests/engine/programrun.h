// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QStringList>

// Runs the real built programs (build/bin) as a user would, for the tests of their command lines.
namespace ProgramTest {

struct Run {
    int exitCode = -1; // -1: crashed, or not finished within a minute
    QByteArray out;
    QByteArray err;
    QString outText() const { return QString::fromUtf8(out); }
    QString errText() const { return QString::fromUtf8(err); }
};

// program: the name of a built program, e.g. "ftlens-cli".
inline Run runProgram(const QString& program, const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral(FTLENS_BIN_DIR "/") + program, arguments);
    Run run;
    if (!process.waitForFinished(60000))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

inline Run cli(const QStringList& arguments) { return runProgram(QStringLiteral("ftlens-cli"), arguments); }

} // namespace ProgramTest
