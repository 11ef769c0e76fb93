// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineOption>
#include <QList>
#include <QStringList>

namespace Helper {

// "ftlens-helper caps [--json] [--tracefs DIR]" (arguments[0] is "caps"): reports what the running
// kernel allows and why something is missing, as an aligned table or one line of JSON on stdout.
// Returns 0, 1 when detection fails (one "ftlens-helper: ..." line on stderr) or 2 on a usage error.
int runCaps(const QStringList& arguments);
// The options `caps` accepts besides -h/--help: its parser's table, which its --help and
// `ftlens-helper --help` list.
QList<QCommandLineOption> capsOptions();

} // namespace Helper
