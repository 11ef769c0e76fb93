// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace TestSupport {

// The helper writes only where statfs says tracefs or debugfs. A test executable that links
// faketracefsmount.cpp sees statfs answer TRACEFS_MAGIC for the directories marked here (and
// everything below them): this is how the fake tracefs directories of the tests are reached,
// without any seam in the product code, and the installed ftlens-helper has no such path.
// Any thread.
void markAsTracefs(const QString& dir);
void unmarkAsTracefs(const QString& dir);

} // namespace TestSupport
