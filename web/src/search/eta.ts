// Time left in a search: the mean duration of finished runs (or, before any has finished, what the
// runs in flight extrapolate to) times the work still to do, shared by the workers.
export interface InFlight {
  elapsed: number; // seconds since the run started
  fraction: number; // 0..1 of its step budget
}

export function secondsLeft(durations: number[], inFlight: InFlight[], queued: number, workers: number): number | null {
  let perRun: number | null = null;
  if (durations.length) perRun = durations.reduce((a, b) => a + b, 0) / durations.length;
  else {
    const known = inFlight.filter((r) => r.fraction >= 0.02);
    if (known.length) perRun = known.reduce((a, r) => a + r.elapsed / r.fraction, 0) / known.length;
  }
  if (perRun === null) return queued + inFlight.length === 0 ? 0 : null;
  const work = queued * perRun + inFlight.reduce((a, r) => a + Math.max(0, perRun! * (1 - r.fraction)), 0);
  const parallel = Math.max(1, Math.min(workers, queued + inFlight.length));
  return work / parallel;
}

export function formatSeconds(s: number): string {
  if (s < 1) return 'less than a second';
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}
