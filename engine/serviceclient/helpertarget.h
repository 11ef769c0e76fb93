// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace ServiceClient {

// Where a helper is and how to reach it:
//   unix:PATH  a running `ftlens-helper serve --unix PATH` (e.g. the system service's socket);
//   pkexec     a helper of its own, started as `pkexec HELPER serve --stdio` (polkit asks for
//              the password; HELPER is the installed path the polkit action pins).
// A Process target runs any program whose stdin/stdout speak the protocol (tests, later ssh).
// Plain value.
struct HelperTarget {
    enum class Kind { UnixSocket, Pkexec, Process };
    Kind kind = Kind::UnixSocket;
    QString socketPath;   // UnixSocket
    QString program;      // Pkexec, Process: what is started
    QStringList arguments;

    static Storage::Result<HelperTarget> parse(const QString& text);
    static HelperTarget unixSocket(const QString& path);
    static HelperTarget pkexec(const QString& helperPath = installedHelperPath());
    static HelperTarget process(const QString& program, const QStringList& arguments);

    // The helper's installed path: the one the polkit action org.ftlens.helper.record pins.
    static QString installedHelperPath();
    // The system service's socket (packaging/ftlens-helper.service).
    static QString systemSocketPath();
    QString describe() const;
};

// What a failed `pkexec` means, from its exit status and what it printed: 126 is "the dialog was
// dismissed"; 127 is any other refusal or failure, told apart by pkexec's message (not
// authorized, no authentication agent, no polkit daemon, no program at the pinned path).
// Translated text.
QString pkexecFailure(int exitCode, const QByteArray& stderrText);

} // namespace ServiceClient
