// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace Recorder {

// Tracefs settings the kernel keeps once for every instance, changed only for the length of a
// recording: max_graph_depth, set_graph_function and set_graph_notrace exist at the top level
// only, and on many kernels the function_graph tracer's options/funcgraph-* flags are shared by
// all instances although each instance shows them. Before each change the old value goes into a
// journal (STATEDIR/settings-<pid>.json); restore(), also run by the destructor, writes back
// every value still as the helper left it, and restoreStale() does the same for a helper that
// died first (the next `record` and `cleanup` call it). Main thread only.
class SharedSettings {
public:
    SharedSettings(QString tracefsRoot, QString stateDir);
    ~SharedSettings();
    SharedSettings(const SharedSettings&) = delete;
    SharedSettings& operator=(const SharedSettings&) = delete;

    // Sets file (relative to the tracefs root) to text once its value is journaled. Refused when
    // the journal cannot be written or another running helper has changed the same setting.
    Storage::Status set(const QString& file, const QByteArray& text);
    // Puts back what set() changed, newest first, and removes the journal. A value someone else
    // changed in the meantime is left alone; the returned lines say which.
    QStringList restore();
    bool isEmpty() const { return m_changes.empty(); }

    // Restores what helpers that no longer run (or a previous process with this pid) left
    // changed; returns a line per setting restored or left alone.
    static QStringList restoreStale(const QString& tracefsRoot, const QString& stateDir);

    struct Change {
        QString file;
        QByteArray old;                // as read before the change
        std::optional<QByteArray> set; // as read back after it; unknown when the helper died in between
    };

private:
    Storage::Status saveJournal() const;
    QString journalPath() const;
    Storage::Status refuseIfTaken(const QString& file) const;

    QString m_root;
    QString m_stateDir;
    std::vector<Change> m_changes;
};

} // namespace Recorder
