// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace Cli {

// Exit codes of ftlens-cli.
enum ExitCode { Success = 0, Failure = 1, Usage = 2 };

// Dispatches "ftlens-cli COMMAND ...": info, export, synth, import, index. Writes results to stdout, errors to stderr.
int run(const QStringList& arguments);
int info(const QStringList& arguments);
int exportCsv(const QStringList& arguments);
int synth(const QStringList& arguments);
int importTrace(const QStringList& arguments);
int buildIndex(const QStringList& arguments);

} // namespace Cli
