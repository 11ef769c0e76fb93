// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventcatalog.h"

#include "tracefsroot.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>

namespace Service {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Service)
};

// "unsigned long prev_state" -> ("unsigned long", "prev_state"); "char comm[16]" -> ("char[16]", "comm").
std::pair<QString, QString> splitDeclaration(const QString& declaration)
{
    static const QRegularExpression form(QStringLiteral("^(.*?)\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(\\[[^\\]]*\\])?$"));
    const QRegularExpressionMatch match = form.match(declaration.trimmed());
    if (!match.hasMatch())
        return { declaration.trimmed(), QString() };
    return { match.captured(1) + match.captured(3), match.captured(2) };
}

int numberAfter(const QString& line, QLatin1String key)
{
    const qsizetype at = line.indexOf(key);
    if (at < 0)
        return 0;
    const qsizetype start = at + key.size();
    const qsizetype end = line.indexOf(QLatin1Char(';'), start);
    return line.mid(start, end < 0 ? -1 : end - start).trimmed().toInt();
}
} // namespace

QCborArray parseFormatFields(const QByteArray& format)
{
    QCborArray fields;
    const QList<QByteArray> lines = format.split('\n');
    for (const QByteArray& raw : lines) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (!line.startsWith(QLatin1String("field:")))
            continue;
        const qsizetype end = line.indexOf(QLatin1Char(';'));
        const auto [type, name] = splitDeclaration(line.mid(6, end < 0 ? -1 : end - 6));
        if (name.isEmpty() || name.startsWith(QLatin1String("common_")))
            continue;
        fields.append(QCborMap { { QStringLiteral("name"), name }, { QStringLiteral("type"), type },
            { QStringLiteral("size"), numberAfter(line, QLatin1String("size:")) },
            { QStringLiteral("signed"), numberAfter(line, QLatin1String("signed:")) != 0 } });
    }
    return fields;
}

Storage::Result<QCborArray> listEvents(const QString& tracefsRoot)
{
    const QDir events(tracefsRoot + QLatin1String("/events"));
    if (!events.exists())
        return Storage::Error { Tr::tr("%1 has no events directory").arg(tracefsRoot) };
    static const QRegularExpression helperGroup(QStringLiteral("^ftlens_[0-9]+$"));
    QCborArray out;
    const QStringList systems = events.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString& system : systems) {
        if (helperGroup.match(system).hasMatch())
            continue;
        const QDir dir(events.filePath(system));
        const QStringList names = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        for (const QString& name : names) {
            auto format = Recorder::readTracefsFile(dir.filePath(name) + QLatin1String("/format"));
            if (!format)
                continue; // not an event (or one the kernel does not describe)
            out.append(QCborMap { { QStringLiteral("system"), system }, { QStringLiteral("name"), name },
                { QStringLiteral("fields"), parseFormatFields(format.value()) } });
        }
    }
    return out;
}

} // namespace Service
