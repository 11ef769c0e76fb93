// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventselection.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <fnmatch.h>

namespace Recorder {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Recorder)
};

bool matches(const QString& pattern, const QString& name)
{
    return fnmatch(pattern.toUtf8().constData(), name.toUtf8().constData(), 0) == 0;
}

QStringList subdirectories(const QString& dir)
{
    QStringList names = QDir(dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    return names;
}
} // namespace

Storage::Result<std::vector<SelectedEvent>> expandEventRequests(const QString& eventsDir,
    const std::vector<EventRequest>& requests)
{
    std::vector<SelectedEvent> selected;
    const QStringList systems = subdirectories(eventsDir);
    for (const EventRequest& request : requests) {
        const QString systemPattern = request.pattern.section(QLatin1Char(':'), 0, 0);
        const QString eventPattern
            = request.pattern.contains(QLatin1Char(':')) ? request.pattern.section(QLatin1Char(':'), 1) : QStringLiteral("*");
        if (systemPattern.isEmpty() || eventPattern.isEmpty() || eventPattern.contains(QLatin1Char(':')))
            return Storage::Error { Tr::tr("bad event '%1': write SYSTEM:EVENT (globs allowed, e.g. sched:*)").arg(request.pattern) };
        bool matched = false;
        for (const QString& system : systems) {
            if (!matches(systemPattern, system))
                continue;
            const QStringList events = subdirectories(eventsDir + QLatin1Char('/') + system);
            for (const QString& event : events) {
                const QString dir = eventsDir + QLatin1Char('/') + system + QLatin1Char('/') + event;
                if (!matches(eventPattern, event) || !QFileInfo::exists(dir + QLatin1String("/enable")))
                    continue;
                matched = true;
                SelectedEvent candidate { system, event, request.filter };
                auto same = std::find_if(selected.begin(), selected.end(),
                    [&](const SelectedEvent& e) { return e.system == system && e.name == event; });
                if (same == selected.end())
                    selected.push_back(candidate);
                else if (!request.filter.isEmpty())
                    same->filter = request.filter;
            }
        }
        if (!matched)
            return Storage::Error { Tr::tr("unknown event '%1': no such event in %2 (see available_events)")
                                        .arg(request.pattern, eventsDir) };
    }
    return selected;
}

} // namespace Recorder
