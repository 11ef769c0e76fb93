// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

namespace Service {
// The service's log (stderr; the journal when it runs as a systemd service): connections
// admitted and refused, every connection closed for a protocol violation and why, recordings
// started and finished.
Q_DECLARE_LOGGING_CATEGORY(lcService)
}
