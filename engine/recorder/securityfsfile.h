// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <optional>

namespace Recorder {

// Reads /sys/kernel/security/NAME where securityfs is not mounted, without mounting it for the
// rest of the system: a short-lived child enters a mount namespace of its own, mounts securityfs
// there and sends the file back. Needs CAP_SYS_ADMIN; nullopt when the child cannot make the
// namespace, mount or read the file. Safe to call from any thread (the child only makes system
// calls before it exits).
std::optional<QByteArray> readSecurityfsFilePrivately(const char* name);

} // namespace Recorder
