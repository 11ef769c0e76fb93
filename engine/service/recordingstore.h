// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <optional>
#include <sys/types.h>

namespace Service {

// What the store knows about one recording, for `list` and for deciding who may fetch it.
struct RecordingInfo {
    QString id;
    std::int64_t bytes = 0;
    bool complete = false;
    QString started, stopped, sources, command;
    std::optional<uid_t> uid; // who asked for it (meta requested_by_uid)
    QString user;
    QString problem; // why the meta could not be read
};

// The helper's data directory (`serve --data-dir`, default /var/lib/ftlens/recordings): the only
// place recordings made over the protocol live, under names the helper picks (ID.ftlens, ID as
// newId() makes it). Clients name recordings only by ID, and an ID is taken only in exactly that
// form — never a path, "..", or a name with a slash. The directory is root's alone (created 0700;
// refused when someone else owns it or may write to it, or when it is a symlink), held through a
// descriptor, and locked (flock) so that one helper serves it at a time. Files are opened
// relative to that descriptor without following symlinks. Service thread.
class RecordingStore {
public:
    static Storage::Result<std::unique_ptr<RecordingStore>> open(const QString& dir);
    ~RecordingStore();

    static bool isValidId(const QString& id);
    const QString& dir() const { return m_dir; }

    // A fresh ID: UTC date and time and 6 random hex digits (20250101-120000-a1b2c3).
    QString newId() const;
    // Where recording ID is written (the recorder creates it there, O_EXCL).
    QString pathFor(const QString& id) const;
    // IDs of the recordings present, oldest first.
    QStringList ids() const;
    // Checks ID's form and that it is present; errors say which (for not-found vs bad-request).
    enum class Lookup { Found, BadId, Missing };
    Lookup lookup(const QString& id) const;

    // A read-only descriptor of recording ID's file (the caller closes it).
    Storage::Result<int> openForReading(const QString& id) const;
    Storage::Result<RecordingInfo> describe(const QString& id) const;
    // Removes the recording and what SQLite keeps beside it.
    Storage::Status remove(const QString& id);

    // Folds a write-ahead log left beside a recording (by a helper killed while recording, or
    // a reader that kept the log from being checkpointed) into the file, so that the file alone
    // holds everything committed and fetching its bytes gives a valid recording. Incomplete
    // recordings stay marked incomplete.
    Storage::Status settle(const QString& id);
    // settle() for every recording with a log beside it; one line per recording settled or not.
    QStringList settleAll();

private:
    RecordingStore(QString dir, int fd);
    bool exists(const QString& name) const;

    QString m_dir;
    int m_fd = -1;
};

} // namespace Service
