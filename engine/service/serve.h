// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "servecommandline.h"

namespace Service {

// `ftlens-helper serve`: opens the data directory, finds who the client is (--stdio: the user who
// ran pkexec or sudo, from the kernel) or listens (--unix), and serves until the client is gone
// (--stdio) or SIGTERM/SIGINT, always finishing a running recording first. Returns the exit code
// (HelperExit). Needs a QCoreApplication; runs its event loop.
int runServe(const Helper::ServeOptions& options);

} // namespace Service
