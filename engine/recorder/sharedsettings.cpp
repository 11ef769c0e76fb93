// SPDX-License-Identifier: GPL-3.0-or-later
#include "sharedsettings.h"

#include "traceinstance.h"
#include "tracefsroot.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <sys/stat.h>
#include <unistd.h>

namespace Recorder {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Recorder)
};

const QLatin1String journalPrefix("settings-");

// What a setting holds, in a form comparable before and after and writable back: without the
// kernel's "#### all functions enabled ####" style comments and the " [module]" a function list
// shows; the clock trace_clock marks with brackets; the size buffer_size_kb
// will have once used ("7 (expanded: 1408)"); an event filter whole, "none" as none.
QByteArray canonical(const QString& file, const QByteArray& text)
{
    const QByteArray trimmed = text.trimmed();
    if (file.endsWith(QLatin1String("/filter")))
        return trimmed == "none" ? QByteArray() : trimmed;
    if (file.endsWith(QLatin1String("trace_clock"))) {
        const qsizetype open = trimmed.indexOf('[');
        const qsizetype close = trimmed.indexOf(']', open);
        return open >= 0 && close > open ? trimmed.mid(open + 1, close - open - 1) : trimmed;
    }
    if (file.endsWith(QLatin1String("buffer_size_kb"))) {
        const qsizetype expanded = trimmed.indexOf("(expanded: ");
        return expanded >= 0 ? trimmed.mid(expanded + 11).chopped(1) : trimmed.split(' ').value(0);
    }
    // "no pid" (no list at all) is not an empty list, which is what the kernel leaves once every
    // task of a list has exited.
    if (trimmed == "no pid")
        return trimmed;
    QList<QByteArray> values;
    for (const QByteArray& line : text.split('\n')) {
        const QByteArray value = line.trimmed();
        if (!value.isEmpty() && !value.startsWith('#'))
            values << value.split(' ').value(0).split('\t').value(0);
    }
    QByteArray joined = values.join('\n');
    // An event's enable file shows "0*" or "1*" while a trigger holds it soft-disabled.
    if (file.endsWith(QLatin1String("/enable")) && joined.endsWith('*'))
        joined.chop(1);
    return joined;
}

// The text that sets a file back to a canonical value. A list is written whole (the write
// truncates it); an empty function list as a lone newline, which the kernel reads as "no
// functions"; no pids as nothing at all (opening with O_TRUNC alone drops the list, where a
// newline would leave an empty one, which filters out every task); an event filter is cleared by "0".
QByteArray restoreText(const QString& file, const QByteArray& canonicalValue)
{
    if (file.endsWith(QLatin1String("/filter")))
        return canonicalValue.isEmpty() ? QByteArray("0\n") : canonicalValue + '\n';
    if (file.endsWith(QLatin1String("_pid")) && (canonicalValue.isEmpty() || canonicalValue == "no pid"))
        return {};
    QByteArray text = canonicalValue;
    text.replace('\n', ' ');
    return text + '\n';
}

// The same setting whichever instance's options/ directory shows it.
QString settingKey(const QString& file)
{
    const qsizetype options = file.indexOf(QLatin1String("options/"));
    return options >= 0 ? file.mid(options) : file;
}

QJsonObject changeToJson(const SharedSettings::Change& change)
{
    return { { QStringLiteral("file"), change.file }, { QStringLiteral("old"), QString::fromUtf8(change.old) },
        { QStringLiteral("set"), change.set ? QJsonValue(QString::fromUtf8(*change.set)) : QJsonValue() } };
}

struct Journal {
    qint64 pid = 0;
    QString tracefs;
    std::vector<SharedSettings::Change> changes;
};

std::optional<Journal> readJournal(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    if (json.isEmpty())
        return std::nullopt;
    Journal journal { json.value(QStringLiteral("pid")).toInteger(), json.value(QStringLiteral("tracefs")).toString(), {} };
    const QJsonArray changes = json.value(QStringLiteral("changes")).toArray();
    for (const QJsonValue& value : changes) {
        const QJsonObject change = value.toObject();
        const QJsonValue set = change.value(QStringLiteral("set"));
        journal.changes.push_back({ change.value(QStringLiteral("file")).toString(),
            change.value(QStringLiteral("old")).toString().toUtf8(),
            set.isString() ? std::optional<QByteArray>(set.toString().toUtf8()) : std::nullopt });
    }
    return journal;
}

// Writes one journaled value back when the setting still holds what the helper set. Empty when
// restored or when there is nothing to restore (its instance is gone, and the setting with it);
// otherwise why it was left as it is.
QString restoreChange(const QString& root, const SharedSettings::Change& change, bool* restored = nullptr)
{
    const QString path = root + QLatin1Char('/') + change.file;
    if (!QFileInfo::exists(path))
        return {};
    auto now = readTracefsFile(path);
    if (!now)
        return Tr::tr("%1 not restored: %2").arg(change.file, now.error().message);
    // The kernel itself takes exited tasks out of (and adds forked children to) the pid lists.
    const bool kernelEdits = change.file.endsWith(QLatin1String("_pid"));
    if (change.set && !kernelEdits && canonical(change.file, now.value()) != *change.set)
        return Tr::tr("%1 not restored to '%2': it was changed by someone else meanwhile")
            .arg(change.file, QString::fromUtf8(canonical(change.file, change.old)));
    // A pid list that has lost its last task reads like no list at all, yet filters out
    // everything: those are written back whatever they show.
    if (!kernelEdits && canonical(change.file, now.value()) == canonical(change.file, change.old))
        return {};
    if (Storage::Status s = writeTracefsFile(path, restoreText(change.file, canonical(change.file, change.old))); !s)
        return Tr::tr("%1 not restored: %2").arg(change.file, s.error().message);
    if (restored)
        *restored = true;
    return {};
}

QStringList journalFiles(const QString& stateDir)
{
    QStringList paths;
    const QStringList names = QDir(stateDir).entryList({ journalPrefix + QLatin1String("*.json") }, QDir::Files);
    for (const QString& name : names)
        paths << stateDir + QLatin1Char('/') + name;
    return paths;
}
} // namespace

SharedSettings::SharedSettings(QString tracefsRoot, QString stateDir)
    : m_root(std::move(tracefsRoot))
    , m_stateDir(std::move(stateDir))
{
}

SharedSettings::~SharedSettings() { (void)restore(); }

QString SharedSettings::journalPath() const
{
    return m_stateDir + QLatin1Char('/') + journalPrefix + QString::number(::getpid()) + QLatin1String(".json");
}

Storage::Status SharedSettings::saveJournal() const
{
    // Root-only: the journal names settings root restores.
    if (!QFileInfo::exists(m_stateDir) && ::mkdir(QFile::encodeName(m_stateDir).constData(), 0700) != 0)
        return Storage::Error { Tr::tr("cannot create %1 for the journal of shared tracefs settings").arg(m_stateDir) };
    QJsonArray changes;
    for (const Change& change : m_changes)
        changes.append(changeToJson(change));
    const QJsonObject json { { QStringLiteral("pid"), qint64(::getpid()) }, { QStringLiteral("tracefs"), m_root },
        { QStringLiteral("changes"), changes } };
    QSaveFile file(journalPath());
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(json).toJson()) < 0 || !file.commit())
        return Storage::Error { Tr::tr("%1: cannot write the journal of shared tracefs settings: %2").arg(file.fileName(), file.errorString()) };
    return {};
}

Storage::Status SharedSettings::refuseIfTaken(const QString& file) const
{
    for (const QString& path : journalFiles(m_stateDir)) {
        const std::optional<Journal> journal = readJournal(path);
        if (!journal || journal->pid == ::getpid() || !helperIsRunning(journal->pid))
            continue;
        for (const Change& change : journal->changes) {
            if (settingKey(change.file) == settingKey(file))
                return Storage::Error { Tr::tr("ftlens-helper %1 is recording with %2 changed, a setting the kernel keeps for "
                                               "all instances; wait until it ends")
                                            .arg(journal->pid)
                                            .arg(settingKey(file)) };
        }
    }
    return {};
}

Storage::Status SharedSettings::set(const QString& file, const QByteArray& text)
{
    const QString path = m_root + QLatin1Char('/') + file;
    if (Storage::Status s = refuseIfTaken(file); !s)
        return s;
    // A setting changed again keeps the value it had before the first change.
    auto earlier = std::find_if(m_changes.begin(), m_changes.end(), [&file](const Change& c) { return c.file == file; });
    if (earlier == m_changes.end()) {
        auto old = readTracefsFile(path);
        if (!old)
            return Storage::Error { Tr::tr("cannot save %1 before changing it: %2").arg(file, old.error().message) };
        m_changes.push_back({ file, old.value(), std::nullopt });
        if (Storage::Status s = saveJournal(); !s) {
            m_changes.pop_back();
            return s;
        }
        earlier = m_changes.end() - 1;
    } else {
        earlier->set.reset(); // unknown until read back
        if (Storage::Status s = saveJournal(); !s)
            return s;
    }
    const std::size_t index = std::size_t(earlier - m_changes.begin());
    const Storage::Status written = writeTracefsFile(path, text);
    auto now = readTracefsFile(path);
    m_changes[index].set = canonical(file, now ? now.value() : text);
    if (Storage::Status s = saveJournal(); !s)
        return s;
    return written;
}

QStringList SharedSettings::restore()
{
    QStringList notes;
    for (auto it = m_changes.crbegin(); it != m_changes.crend(); ++it) {
        if (const QString note = restoreChange(m_root, *it); !note.isEmpty())
            notes << note;
    }
    if (!m_changes.empty())
        QFile::remove(journalPath());
    m_changes.clear();
    return notes;
}

QStringList SharedSettings::restoreStale(const QString& tracefsRoot, const QString& stateDir)
{
    QStringList notes;
    for (const QString& path : journalFiles(stateDir)) {
        const std::optional<Journal> journal = readJournal(path);
        // A journal with this process's pid is from an earlier process that had the pid: this
        // one has changed nothing yet.
        if (journal && journal->pid != ::getpid() && helperIsRunning(journal->pid))
            continue;
        const QString root = journal && QFileInfo::exists(journal->tracefs) ? journal->tracefs : tracefsRoot;
        if (journal) {
            for (auto it = journal->changes.crbegin(); it != journal->changes.crend(); ++it) {
                bool restored = false;
                const QString note = restoreChange(root, *it, &restored);
                if (restored)
                    notes << Tr::tr("restored %1, left changed by ftlens-helper %2").arg(it->file).arg(journal->pid);
                else if (!note.isEmpty())
                    notes << note;
            }
        }
        QFile::remove(path);
    }
    return notes;
}

} // namespace Recorder
