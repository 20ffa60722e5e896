// uPlot is only needed to draw, not to train, so it is kept out of the first load: every chart gets it
// through here, which makes Vite emit one uPlot chunk shared by the playground and the search section.
import type uPlot from 'uplot';

export type UPlot = typeof uPlot;

let loaded: UPlot | null = null;
let loading: Promise<UPlot> | null = null;
// Each chart's latest draw only: every update passes the whole series, so it holds all recorded so far.
const waiting = new Map<object, (U: UPlot) => void>();

// Started when the playground mounts, so the charts are ready by the time there is data to draw.
export function loadUPlot(): Promise<UPlot> {
  loading ??= import('uplot').then(
    (m) => {
      loaded = m.default;
      for (const draw of waiting.values()) draw(loaded);
      waiting.clear();
      return loaded;
    },
    (e) => {
      loading = null; // the next draw tries again
      throw e;
    },
  );
  return loading;
}

// Draws now if uPlot is here, else once it arrives.
export function withUPlot(owner: object, draw: (U: UPlot) => void): void {
  if (loaded) return draw(loaded);
  waiting.set(owner, draw);
  loadUPlot().catch(() => {}); // not fetched: the chart's next update tries again
}

// A chart destroyed before uPlot arrived must not be drawn after all.
export function cancelDraw(owner: object): void {
  waiting.delete(owner);
}
