// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QStringList>

namespace Cli {

// Exit codes of ftlens-cli.
enum ExitCode { Success = 0, Failure = 1, Usage = 2 };

// One ftlens-cli command: its name, what `ftlens-cli --help` says of it and what runs it. `options`
// is the command's own table: its parser accepts exactly these (plus -h/--help), its --help and
// `ftlens-cli --help` list them from it.
struct Command {
    QString name;
    QString arguments; // its positional arguments, as the synopsis shows them ("FILE")
    QString summary;   // one line
    QList<QCommandLineOption> options;
    int (*run)(const QStringList& arguments); // arguments[0] is the command's name
};

// The commands, in the order `ftlens-cli --help` lists them.
QList<Command> commands();
// `ftlens-cli --help`: every command with every option it accepts.
QString usageText();

// When the parsed command line asks for help (-h, --help, --help-all), prints the command's help
// on stdout and returns true.
bool printHelpIfAsked(const QCommandLineParser& parser);

// Dispatches "ftlens-cli COMMAND ...": info, export, import, synth. Writes results to stdout, errors to stderr.
int run(const QStringList& arguments);

// The commands and their option tables.
int info(const QStringList& arguments);
QList<QCommandLineOption> infoOptions();
int exportCsv(const QStringList& arguments);
QList<QCommandLineOption> exportOptions();
int synth(const QStringList& arguments);
QList<QCommandLineOption> synthOptions();
int importTrace(const QStringList& arguments);
QList<QCommandLineOption> importOptions();

} // namespace Cli
