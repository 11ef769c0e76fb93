// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "callslicequery.h"

#include <QColor>
#include <QHash>
#include <QList>

#include "customplot.h"

#include <memory>
#include <optional>
#include <vector>

namespace Gui {

using CallLanesPtr = std::shared_ptr<const Storage::CallLanesData>;

// Draws the calls of task lanes stacked by depth (depth 0 on top, one row per depth) from the
// level-of-detail data of the visible range: single calls at least a couple of pixels wide as
// boxes coloured by function (named where they fit; a call whose exit was not recorded is
// hatched), everything narrower and the summaries of a zoomed-out range as shaded per-pixel
// columns (shade = share of the time at that depth, colour = the function with most of it).
// Each lane has a region of the value axis (ns since `origin` on the key axis, as the CPU
// lanes); the view places it below its task lane. GUI thread only.
class CallLanesPlottable : public QCPAbstractPlottable {
    Q_OBJECT
public:
    struct Lane {
        int pid = 0;
        double top = 0;       // value-axis coordinates of the lane's region
        double bottom = 1;
        double rowHeight = 1; // one depth row, in value-axis units
        int rows = 1;
    };
    struct Hit {
        int lane = -1;
        int depth = -1;
        std::optional<Storage::CallSlice> call;
        std::optional<Storage::CallBucket> bucket;
        std::int64_t bucketWidth = 0;
    };

    CallLanesPlottable(QCPAxis* keyAxis, QCPAxis* valueAxis);

    void setOrigin(qint64 origin) { m_origin = origin; }
    void setLanes(const QList<Lane>& lanes) { m_lanes = lanes; }
    const QList<Lane>& lanes() const { return m_lanes; }
    void setData(CallLanesPtr data);
    CallLanesPtr data() const { return m_data; }
    // The call drawn as selected (outlined); 0 for none.
    void setSelectedCall(std::int64_t id) { m_selected = id; }
    std::int64_t selectedCall() const { return m_selected; }

    // The lane and depth row at a pixel height, or -1.
    int laneAt(double pixelY) const;
    int depthAt(int lane, double pixelY) const;
    // The call (or summary bucket) at ts in a lane's depth row; a call within tolerance ns
    // counts when none is under ts (narrow calls are hard to hit).
    Hit hitTest(int lane, int depth, qint64 ts, qint64 tolerance) const;
    const Storage::CallLane* laneData(int lane) const;
    QString functionName(std::int64_t id) const;
    static QColor functionColor(const QString& name);

    double selectTest(const QPointF& pos, bool onlySelectable, QVariant* details = nullptr) const override;
    QCPRange getKeyRange(bool& foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth) const override;
    QCPRange getValueRange(bool& foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth,
        const QCPRange& inKeyRange = QCPRange()) const override;

protected:
    void draw(QCPPainter* painter) override;
    void drawLegendIcon(QCPPainter* painter, const QRectF& rect) const override;

private:
    struct Row {
        double top;
        double height;
    };
    Row row(const Lane& lane, int depth) const;
    double toPixel(std::int64_t ts) const { return (double(ts - m_origin) - m_keyLower) * m_scale; }
    QColor colorOf(std::int64_t function) const;
    void resetColumns(int width);
    void addSpan(double x0, double x1, std::int64_t function, float share);
    void drawLane(QCPPainter* painter, int lane);
    void drawSummaryRow(const Storage::CallLane& lane, int depth);
    void drawCallRow(const Storage::CallLane& lane, int depth);
    void drawColumns(QCPPainter* painter, const Row& r);
    void drawCall(QCPPainter* painter, const Storage::CallSlice& call, const Row& r);

    QList<Lane> m_lanes;
    CallLanesPtr m_data;
    qint64 m_origin = 0;
    std::int64_t m_selected = 0;
    mutable QHash<std::int64_t, QColor> m_colors; // by function id, for the data's names

    // Per-frame scratch, reused: one depth row's columns relative to the axis rect's left.
    double m_keyLower = 0;
    double m_scale = 1;
    double m_left = 0;
    std::vector<float> m_share;
    std::vector<float> m_best;
    std::vector<std::int64_t> m_function;
    std::vector<const Storage::CallSlice*> m_wide;
    QFont m_font;
};

} // namespace Gui
