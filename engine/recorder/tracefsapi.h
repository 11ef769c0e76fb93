// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// libtracefs's header is C, without an extern "C" guard, and one of its inline functions
// (tracefs_hist_start) passes the int 0 where C++ wants an enum tracefs_hist_command: valid C,
// an error in C++ that only GCC's -fpermissive turns into a warning (clang has no such switch).
// ftlens never uses the histogram API, so while the header is read every call and the
// declaration of tracefs_hist_command go to another name, overloaded with one that takes that
// int. Both are declared only: the inline functions that call them are unused, so nothing
// references either symbol (and tracefs_hist_command itself cannot be called from ftlens).
#include <event-parse.h>

struct tracefs_instance;
struct tracefs_hist;
int ftlens_tracefs_hist_command_unused(tracefs_instance* instance, tracefs_hist* hist, int command);
#define tracefs_hist_command(instance, hist, command) ftlens_tracefs_hist_command_unused(instance, hist, command)
extern "C" {
#include <tracefs.h>
}
#undef tracefs_hist_command
