// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Damaged and edited recordings for the tests of every reader (tst_damagedrecordings,
// tst_damagedrecordingsgui): small real recordings, and the ways a file gets broken — values
// no writer stores, NULLs, tables dropped, truncation, flipped bytes.

#include <QList>
#include <QString>

#include <string>

namespace DamageTest {

// The recordings damages start from.
enum class Base {
    Scheduler, // synthetic: sched_switch, sched_wakeup, openat on 4 CPUs, no timeline index yet
    Indexed, // the same with its timeline index built
    Probes, // tests/data/import/opens.txt imported: a kprobe pair and sched_switch on 2 CPUs
    Calls, // function_graph text imported: calls only, no events, no call index yet
    CallsIndexed, // the same with its call index built
};
QString baseName(Base base);

// One damage: SQL run on a copy (after NOT NULL was dropped from `looseTable`'s schema, if set),
// or bytes changed. `expect` is what ftlens-cli info must do with it: "ok" (read it), text that
// its error must contain, or empty (an error naming the file, or a correct reading).
struct Damage {
    QString name;
    Base base = Base::Scheduler;
    std::string sql;
    std::string looseTable;
    double truncateAt = -1; // keep this share of the file
    double flipAt = -1; // flip bytes in the page at this share of the file
    QString expect;
};

// Every damage, each on every base it applies to.
QList<Damage> damages();

// Writes the base recordings into dir; returns an empty string or what failed.
QString makeBases(const QString& dir);
QString basePath(const QString& dir, Base base);

// Copies the damage's base from dir to target and damages it; an empty string or what failed.
QString makeDamaged(const QString& dir, const Damage& damage, const QString& target);

// Limits the address space of the calling process (or of a child, from its pre-exec hook) so
// that an allocation sized by a damaged value fails instead of taking the machine's memory.
// Does nothing under AddressSanitizer, which reserves terabytes of address space for itself.
void limitAddressSpace(long long bytes);

} // namespace DamageTest
