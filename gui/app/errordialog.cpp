// SPDX-License-Identifier: GPL-3.0-or-later
#include "errordialog.h"

#include <QCoreApplication>
#include <QDir>
#include <QMessageBox>

namespace Gui {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Gui::ErrorDialog)
};
} // namespace

QMessageBox* ErrorDialog::create(QWidget* parent, const QString& path, const QString& problem)
{
    auto* box = new QMessageBox(parent);
    box->setObjectName(QStringLiteral("openErrorDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Critical);
    box->setWindowTitle(Tr::tr("Cannot Open Recording"));
    box->setText(Tr::tr("Cannot open the recording “%1”.").arg(QDir::toNativeSeparators(path)));
    // The storage layer's messages already say which file and what is wrong with it.
    box->setInformativeText(problem);
    box->setStandardButtons(QMessageBox::Ok);
    box->setWindowModality(parent ? Qt::WindowModal : Qt::ApplicationModal);
    return box;
}

QMessageBox* ErrorDialog::showOpenError(QWidget* parent, const QString& path, const QString& problem)
{
    QMessageBox* box = create(parent, path, problem);
    box->open();
    return box;
}

} // namespace Gui
