// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

// The host side of the VM tests: boots Debian's kernel with tests/vm/ftlens-vm to run one guest
// script of tests/vm/guest (its results come back in a directory), then reads those results:
// the exit status and output of each step, tracefs snapshots, recordings. Test thread only.
namespace VmGuest {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

struct Guest {
    QString out;       // the guest's /out, copied back
    int exitCode = -1; // the guest script's
    QByteArray console;
    QString failure; // why the guest did not run to its end (harness failure, timeout), else empty
};

// Runs `sh /in/guest/SCRIPT` in a guest (tests/vm/guest is copied to /in/guest) and copies /out to
// outDir. harnessOptions go before the script (e.g. --smp 1); environment adds to the harness's.
Guest boot(const QString& script, const QString& outDir, const QStringList& harnessOptions = {},
    const QStringList& environment = {});

QString harness();                     // tests/vm/ftlens-vm
QString binary(const QString& name);   // build/bin/NAME
Run run(const QString& program, const QStringList& arguments, const QStringList& environment = {}, int timeoutMs = 900000);

QByteArray readFile(const QString& path);
// The exit status the guest's step NAME ended with (common.sh), -1 when it did not run.
int stepStatus(const QString& out, const QString& name);

// A snapshot of tracefs (common.sh) as "file: value" entries.
QMap<QString, QString> snapshot(const QString& out, const QString& name);
// How after differs from before, one line per entry; empty when it is as it was. The top-level
// buffer_size_kb "N (expanded: M)" (the size the kernel gives it on first use) matches M as the
// kernel shows it once allocated (whole pages: at most a few KB more).
QStringList differences(const QMap<QString, QString>& before, const QMap<QString, QString>& after);

// The rows of a CSV file ftlens-cli wrote (RFC 4180, a header row), each as column -> value.
QList<QMap<QString, QString>> csv(const QString& path);

// Rows of an SQL query on a recording, each column as text (NULL as an empty string).
QList<QStringList> query(const QString& file, const QString& sql);
QString scalar(const QString& file, const QString& sql);

} // namespace VmGuest
