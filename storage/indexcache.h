// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Storage::IndexCache {

// Where the indexes of recordings that lack them go, so that opening a recording never changes
// it: `ftlens/index/` under the user's XDG cache directory ($XDG_CACHE_HOME, else ~/.cache),
// created with mode 0700 and used only while it is a real directory owned by this user and
// writable by no one else. Otherwise (no home, someone else's directory) a private temporary
// directory of this process is used instead, which goes with it. Thread-safe (the fallback is
// made once).
QString directory();

// The cache file of a recording: named by the file's identity (device, inode, size,
// modification time, and those of its -wal file) and content (its first and last pages and
// pages sampled between), so a changed, replaced or rewritten recording never finds the index
// of what it was. Empty when the recording cannot be read.
QString pathFor(const QString& recordingPath);

// Marks a cache file as used now (pruning removes the least recently used first).
void touch(const QString& cacheFile);

// Keeps the cache within limitBytes(): removes files unused for 30 days, leftovers of builds that
// died, then the least recently used until the rest fits. Never removes `keep`.
void prune(const QString& keep = {});

// FTLENS_INDEX_CACHE_MB in the environment, else 2048 MiB.
qint64 limitBytes();

} // namespace Storage::IndexCache
