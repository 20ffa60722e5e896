// Labelled vertical lines on a uPlot chart: the LR finder's suggestions, the step where a run diverged.

export interface PlacedMarker {
  x: number; // canvas pixels
  label: string;
  color: string;
}

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

// A dashed vertical line per marker, then every label, one row each, on the panel colour: drawn after
// all lines, so a close marker's line passes behind a label, not through its text. A label goes left
// of its line when the right side has no room, and never past the plot's left edge (on a phone a
// label can be wider than either side). The text is aligned explicitly: uPlot leaves the context
// right- or centre-aligned from its axes, which put the text beside its background, over the
// neighbouring line.
export function drawMarkers(ctx: CanvasRenderingContext2D, markers: PlacedMarker[], bbox: Box, panel: string, ratio: number): void {
  ctx.save();
  ctx.font = `${Math.round(11 * ratio)}px system-ui, sans-serif`;
  ctx.lineWidth = 1.5 * ratio;
  ctx.setLineDash([5 * ratio, 4 * ratio]);
  for (const m of markers) {
    ctx.strokeStyle = m.color;
    ctx.beginPath();
    ctx.moveTo(m.x, bbox.top);
    ctx.lineTo(m.x, bbox.top + bbox.height);
    ctx.stroke();
  }
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  markers.forEach((m, i) => {
    const w = ctx.measureText(m.label).width + 4 * ratio;
    const x = m.x + 3 * ratio + w <= bbox.left + bbox.width ? m.x + 3 * ratio : Math.max(bbox.left, m.x - 3 * ratio - w);
    const y = bbox.top + (4 + 15 * i) * ratio;
    ctx.fillStyle = panel;
    ctx.fillRect(x, y, w, 14 * ratio);
    ctx.fillStyle = m.color;
    ctx.fillText(m.label, x + 2 * ratio, y + 1.5 * ratio);
  });
  ctx.restore();
}
