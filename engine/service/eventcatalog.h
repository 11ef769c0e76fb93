// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QByteArray>
#include <QCborArray>
#include <QCborMap>
#include <QString>

namespace Service {

// The tracepoints a kernel offers, each with its own fields as its tracefs `format` file gives
// them (name, C type, size, signedness; the common_ fields every event has are left out), as
// the `events` reply carries them. Probe groups of running helpers (ftlens_PID) are not offered.
// Any thread.
Storage::Result<QCborArray> listEvents(const QString& tracefsRoot);

// The fields of one format file (exposed for tests).
QCborArray parseFormatFields(const QByteArray& format);

} // namespace Service
