// SPDX-License-Identifier: GPL-3.0-or-later
#include "helperusage.h"

#include "capscommand.h"
#include "recordcommandline.h"

#include <QCoreApplication>

namespace Helper {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Helper)
};

constexpr qsizetype usageWidth = 100;
constexpr QLatin1String indent("      ");

// "[-e SYSTEM:EVENT] [-f FILTER] ...", wrapped at usageWidth below an indented first line.
QString optionList(const QStringList& items)
{
    QString text = indent;
    qsizetype lineStart = 0;
    for (const QString& item : items) {
        const bool first = text.size() - lineStart == indent.size();
        if (!first && text.size() - lineStart + 1 + item.size() > usageWidth) {
            text += QLatin1Char('\n');
            lineStart = text.size();
            text += indent;
        } else if (!first) {
            text += QLatin1Char(' ');
        }
        text += QLatin1Char('[') + item + QLatin1Char(']');
    }
    return text + QLatin1Char('\n');
}

QStringList recordItems()
{
    QStringList items;
    for (const RecordOption& option : recordOptions())
        items << (option.valueName.isEmpty() ? option.name : option.name + QLatin1Char(' ') + option.valueName);
    return items << QStringLiteral("-- COMMAND ARGS...");
}

QStringList capsItems()
{
    QStringList items;
    for (const QCommandLineOption& option : capsOptions()) {
        QStringList names;
        for (const QString& name : option.names())
            names << (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
        items << names.join(QLatin1Char('|')) + (option.valueName().isEmpty() ? QString() : QLatin1Char(' ') + option.valueName());
    }
    return items;
}
} // namespace

QString helperUsage()
{
    return Tr::tr("usage: ftlens-helper COMMAND [OPTIONS]\n"
                  "       ftlens-helper --help | --version\n\n"
                  "commands:\n")
        + QStringLiteral("  record\n") + optionList(recordItems())
        + Tr::tr("      record tracepoints, probes and kernel functions into a .ftlens file\n"
                 "      ('ftlens-helper record --help' explains each option)\n")
        + QStringLiteral("  caps\n") + optionList(capsItems())
        + Tr::tr("      what this kernel's tracing allows, and why not\n")
        + Tr::tr("  cleanup\n"
                 "      remove instances and probes left by a crashed helper and restore the shared tracefs\n"
                 "      settings it changed\n");
}

} // namespace Helper
