// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Helper {

// `ftlens-helper --help`: the commands, with every option `record` and `caps` accept, taken from
// their parsers' tables (recordOptions(), capsOptions()).
QString helperUsage();

} // namespace Helper
