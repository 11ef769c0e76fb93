// SPDX-License-Identifier: GPL-3.0-or-later
// The `ftlens` desktop app: a thin entry point over ftlens_gui.
#include "appoptions.h"
#include "apptranslations.h"
#include "benchmode.h"
#include "demorecording.h"
#include "mainwindow.h"
#include "screenshotmode.h"

#include <QApplication>
#include <QElapsedTimer>

#include <cstdio>

namespace {
// Batch runs keep their own settings: a user's layout must not change a screenshot, and batch
// runs must not fill the user's recent files.
void setIdentity(Gui::AppOptions::Mode mode)
{
    QApplication::setOrganizationName(QStringLiteral("ftlens"));
    QApplication::setApplicationName(
        mode == Gui::AppOptions::Mode::Interactive ? QStringLiteral("ftlens") : QStringLiteral("ftlens-batch"));
}

template <typename Mode>
int runBatch(QApplication& app, Mode* mode, const QString& file)
{
    QObject::connect(mode, &Mode::finished, &app, &QApplication::exit, Qt::QueuedConnection);
    mode->start(file);
    return app.exec();
}
} // namespace

int main(int argc, char* argv[])
{
    QElapsedTimer clock;
    clock.start();
    QApplication app(argc, argv);
    QApplication::setApplicationVersion(QStringLiteral(FTLENS_VERSION));
    Gui::AppTranslations::install(&app);
    const auto options = Gui::AppOptions::parse(QApplication::arguments());
    if (!options)
        return 2;
    setIdentity(options->mode);

    QStringList files = options->files;
    if (files.isEmpty())
        files.append(Gui::DemoRecording::path());
    if (files.first().isEmpty()) {
        std::fprintf(stderr, "ftlens: the demo recording is not installed (looked in %s)\n",
            qUtf8Printable(Gui::DemoRecording::candidates().join(QLatin1String(", "))));
        files.clear();
    }

    auto* window = new Gui::MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    if (options->mode == Gui::AppOptions::Mode::Screenshot) {
        auto* mode = new Gui::ScreenshotMode(window, options->screenshotPath, options->size);
        if (options->range)
            mode->setRange(options->range->first, options->range->second);
        return files.isEmpty() ? 1 : runBatch(app, mode, files.first());
    }
    if (options->mode == Gui::AppOptions::Mode::Bench)
        return files.isEmpty() ? 1 : runBatch(app, new Gui::BenchMode(window, clock, options->benchStepTimeoutMs), files.first());
    window->show();
    for (const QString& file : std::as_const(files))
        window->openFile(file);
    return app.exec();
}
