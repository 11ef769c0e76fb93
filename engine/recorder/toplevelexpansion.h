// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace Recorder {

// The kernel gives the top-level buffer its full size (trace_buf_size) only when it is first used
// and shows "7 (expanded: 1408)" until then; but sizing any instance's buffer or setting a tracer
// in one marks every buffer as expanded, which would leave the top-level one at 7 KB for whoever
// uses it next. Made before an instance is touched, restore() (also the destructor) gives the
// top-level buffer the size it was to have, if that happened meanwhile.
class TopLevelExpansion {
public:
    explicit TopLevelExpansion(QString tracefsRoot);
    ~TopLevelExpansion() { restore(); }
    TopLevelExpansion(const TopLevelExpansion&) = delete;
    TopLevelExpansion& operator=(const TopLevelExpansion&) = delete;
    void restore();

private:
    QString m_root;
    QByteArray m_currentKb;  // the size before first use ("7")
    QByteArray m_expandedKb; // the size first use gives ("1408"); empty when expanded already
};

} // namespace Recorder
