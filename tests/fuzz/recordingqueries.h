// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace FuzzSupport {

// Does with the recording at path what ftlens-cli and the app do when it is opened and looked
// at: builds its calls and indexes on first open, reads its summary (info), counts and lists
// events through a filter (events panel, statistics), fetches timeline and call lanes, loads
// calls into the call trees and function statistics, pairs probe calls, and writes the CSV
// exports into the scratch directory. Errors are fine (a damaged file must give one); what a
// fuzz target looks for is a crash, a hang, a leak or memory beyond its limit on the way.
void queryRecording(const QString& path);

} // namespace FuzzSupport
