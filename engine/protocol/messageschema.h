// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <vector>

namespace Protocol {

enum class Sender { Client, Helper };

// The kind of value a field holds, checked strictly: an Integer is a CBOR integer (never a
// float), a Number either, a TextList an array of text strings only, and so on. A Map is a free
// map (only the helper sends one: the capability report); a MapList is an array of maps, each
// checked against the field's own item fields.
enum class FieldType { Text, Integer, Number, Bool, Bytes, TextList, IntegerList, Map, MapList };

struct FieldSpec {
    QString name;
    FieldType type = FieldType::Text;
    bool required = false;
    QString meaning;              // one line for the README's table
    std::vector<FieldSpec> items; // MapList: the fields of each map
};

struct MessageSpec {
    QString type;
    Sender sender = Sender::Client;
    QString meaning;
    std::vector<FieldSpec> fields;
};

// Every message of the protocol, both directions: what decodeMessage() accepts and what the
// README's table of messages and fields shows (protocolTable()). Plain data, any thread.
const std::vector<MessageSpec>& messageSpecs();
const MessageSpec* findMessage(QStringView type, Sender sender);
QString fieldTypeName(FieldType type);

// The README's table (Markdown), made from messageSpecs(): one row per message and field.
QString protocolTable();

} // namespace Protocol
