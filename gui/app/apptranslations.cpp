// SPDX-License-Identifier: GPL-3.0-or-later
#include "apptranslations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace Gui {

void AppTranslations::install(QCoreApplication* app)
{
    const QLocale locale;
    auto* own = new QTranslator(app);
    if (own->load(locale, QStringLiteral("ftlens"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        app->installTranslator(own);
    auto* qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app->installTranslator(qt);
}

} // namespace Gui
