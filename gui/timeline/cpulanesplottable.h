// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "eventfilter.h"
#include "timelinedatasource.h"

#include <QHash>
#include <QSet>

#include "customplot.h"

#include <optional>
#include <vector>

namespace Gui {

// Draws the timeline lanes (one per CPU, then optional per-task lanes) from the level-of-detail
// data of the visible range: everything narrower than a few pixels is coalesced into flat
// per-pixel arrays (busy share, dominant task, event-type bits) and drawn as runs; wider
// slices are drawn one by one with a "comm-pid" label when it fits. Key coordinates are ns
// since `origin`; lane i spans values [i, i + 1]. GUI thread only.
class CpuLanesPlottable : public QCPAbstractPlottable {
    Q_OBJECT
public:
    struct Lane {
        QString title;
        int cpu = -1; // a CPU lane, or
        int pid = -1; // a task lane
    };
    struct Hit {
        int lane = -1;
        std::optional<Storage::TimelineSlice> slice;
        std::optional<Storage::TimelineMark> mark;
        std::optional<Storage::TimelineBucket> bucket;
        std::int64_t bucketWidth = 0;
    };

    CpuLanesPlottable(QCPAxis* keyAxis, QCPAxis* valueAxis);

    void setOrigin(qint64 origin) { m_origin = origin; }
    qint64 origin() const { return m_origin; }
    void setLanes(const QList<Lane>& lanes);
    const QList<Lane>& lanes() const { return m_lanes; }
    void setData(TimelineDataPtr data) { m_data = std::move(data); }
    TimelineDataPtr data() const { return m_data; }
    void setTaskNames(const QHash<int, QString>& names) { m_taskNames = names; }
    void setEventTypes(const std::vector<Storage::EventTypeInfo>& types);
    void setHighlightFilter(const Storage::EventFilter& filter);

    int laneAt(double pixelY) const;
    // What lies at ts in a lane: the slice, bucket and the nearest mark within tolerance ns.
    Hit hitTest(int lane, qint64 ts, qint64 tolerance) const;
    QString taskLabel(int pid) const;
    static QColor taskColor(int pid);
    static QColor typeColor(int bit);

    double selectTest(const QPointF& pos, bool onlySelectable, QVariant* details = nullptr) const override;
    QCPRange getKeyRange(bool& foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth) const override;
    QCPRange getValueRange(bool& foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth,
        const QCPRange& inKeyRange = QCPRange()) const override;

protected:
    void draw(QCPPainter* painter) override;
    void drawLegendIcon(QCPPainter* painter, const QRectF& rect) const override;

private:
    struct LaneGeometry {
        double top;
        double markTop;
        double markHeight;
        double sliceTop;
        double sliceHeight;
    };
    const Storage::TimelineLane* laneData(int lane) const;
    LaneGeometry geometry(int lane) const;
    double toPixel(std::int64_t ts) const { return (double(ts - m_origin) - m_keyLower) * m_scale; }
    void resetColumns(int width);
    void addSpan(double x0, double x1, int pid, float share);
    void accumulate(const Storage::TimelineLane& lane, bool laneMatches);
    bool markMatches(const Storage::TimelineMark& mark) const;
    void drawLane(QCPPainter* painter, int lane);
    void drawBusyColumns(QCPPainter* painter, const LaneGeometry& g);
    void drawWideSlices(QCPPainter* painter, const Storage::TimelineLane& lane, const LaneGeometry& g);
    void drawMarks(QCPPainter* painter, const LaneGeometry& g);

    QList<Lane> m_lanes;
    TimelineDataPtr m_data;
    QHash<int, QString> m_taskNames;
    std::vector<Storage::EventTypeInfo> m_types;
    QHash<int, int> m_typeBits; // type bit (TimelineIndex::maskBit) -> marker row
    int m_markRows = 1;
    qint64 m_origin = 0;

    // The highlight filter. Zoomed in to events, the data carries which marks the field
    // expression matches; zoomed out (summaries), markers of matching types stay lit.
    bool m_filterActive = false;
    bool m_filterHasExpression = false;
    std::uint64_t m_matchingTypes = ~std::uint64_t(0);
    QSet<int> m_filterPids;
    QSet<int> m_filterCpus;
    std::int64_t m_filterFrom = 0;
    std::int64_t m_filterTo = 0;

    // Per-frame scratch, reused: the current lane's columns relative to the axis rect's left.
    double m_keyLower = 0;
    double m_scale = 1;
    double m_left = 0;
    std::vector<float> m_busy;
    std::vector<float> m_best;
    std::vector<int> m_pid;
    std::vector<std::uint64_t> m_marksLit;
    std::vector<std::uint64_t> m_marksDim;
    std::vector<std::size_t> m_wide;
};

} // namespace Gui
