// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// libtracefs's header is C: one of its inline functions passes an int where C++ wants an enum
// (tracefs_hist_command), an error in C++. Files that include it through here are compiled
// with -fpermissive (see CMakeLists.txt), which makes that a warning, and the header comes
// from a system include directory, which silences it. It has no extern "C" guard either.
#include <event-parse.h>
extern "C" {
#include <tracefs.h>
}
