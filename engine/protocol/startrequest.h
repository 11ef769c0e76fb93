// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QCborMap>
#include <QStringList>

namespace Protocol {

// The `start` message and the command line of `ftlens-helper record` are one set of options:
// each field stands for one option (messageschema.cpp lists them). The helper turns a start
// message back into record's arguments and validates them with record's own parser
// (Helper::parseRecordArguments), so the protocol can neither accept what the command line
// refuses nor refuse what it accepts. Plain functions, any thread.

// The options the protocol has no field for: the helper picks the output and the tracefs, never
// replaces a file and never runs the COMMAND as root for a client.
const QStringList& optionsWithoutField();

// The arguments of `ftlens-helper record` a start message's fields stand for (in the order the
// message gives sources; the COMMAND last, after "--"). The fields' kinds were checked by
// decodeMessage(); their values are for record's parser to judge (only a source's kind, which
// picks the option, is checked here). cwd and tail are not options and are left out.
Storage::Result<QStringList> startArguments(const QCborMap& start);

// The reverse, for `ftlens-cli remote record ARGS`: the fields for record's options. Only the
// shape is read here (which option takes which value; -P, -b and --max-graph-depth give
// integers, -d a number); the helper judges the rest. An option in optionsWithoutField() or
// unknown to record is an error naming it.
Storage::Result<QCborMap> startFieldsFromArguments(const QStringList& arguments);

} // namespace Protocol
