// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

// Runs the built ftlens-helper / ftlens-cli / test workloads for the kernel tests, and checks
// what a helper run left in tracefs. Test thread only.
namespace KernelTest {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

QString binary(const QString& name);   // build/bin/NAME
QString testTool(const QString& name); // build/tests/NAME
QString systemLibc();                  // the libc this process runs with
QString tracefsRoot();                 // empty when tracefs is not mounted

// cwd: the working directory it starts in (empty: this process's).
Run run(const QString& program, const QStringList& arguments, int timeoutMs = 120000, const QString& cwd = {});
// Starts the helper and waits until it says it is recording (or ends); returns false on timeout.
bool startRecording(QProcess& helper, const QStringList& arguments);

// Instances and probe groups of the helper with this pid still present in tracefs.
QStringList leftoversOf(qint64 helperPid);

// A failed check kills a running helper with its QProcess (SIGKILL): this removes what it left.
void removeLeftovers();

// Why kernel tests cannot run here, or empty.
QString skipReason();

} // namespace KernelTest
