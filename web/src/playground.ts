// The playground as a mountable component: mountPlayground(root, options) builds the whole UI inside
// `root` (an element or a shadow root), queries only within it, and returns a handle. The page mounts
// it once; the embeddable widget mounts one per shadow root.
import css from './playground.css?inline';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';
import searchCss from './search/search.css?inline';
import type { Catalog, RunSummary } from './protocol';
import { Race } from './runs/race';
import { WorkerClient } from './runs/worker-client';
import { Store } from './state/store';
import { defaultState, isRegression, type Options, type PlaygroundState } from './state/types';
import { decodeState, encodeState } from './state/hash';
import { importState } from './state/from-spec';
import { experimentSpec } from './state/spec';
import { DataView } from './views/data-view';
import { LandscapeView } from './views/landscape-view';
import { h, select, uid } from './ui/dom';
import { dataPanel } from './panels/data-panel';
import { modelPanel } from './panels/model-panel';
import { trainingPanel } from './panels/training-panel';
import { runsPanel } from './panels/runs-panel';
import { transport } from './panels/transport';
import { legend } from './panels/legend';
import { chartsPanel } from './panels/charts-panel';
import { presetsPanel } from './panels/presets-panel';
import { presetFor, type Preset } from './presets';
import { sharePanel } from './panels/share-panel';
import type { PanelContext, UploadedCsv } from './panels/context';
import { canvasPng, download, metricsCsv } from './export';
import { embedSnippets } from './widget/embed-code';
import { lazySearchSection } from './search/lazy-section';
import { loadUPlot } from './charts/uplot-lazy';

export interface PlaygroundOptions {
  state?: PlaygroundState;
  hash?: boolean; // keep the state in location.hash (the page; not embedded widgets)
  keys?: EventTarget; // where keyboard shortcuts listen (default: the playground itself)
  theme?: 'light' | 'dark';
  controls?: string[]; // panels to show: data, model, training, optimizers, charts, views, presets, share, search
}

export interface PlaygroundHandle {
  readonly store: Store;
  readonly playing: boolean;
  play(): void;
  pause(): void;
  reset(): Promise<void>;
  setState(state: PlaygroundState): void;
  destroy(): void;
}

export async function mountPlayground(root: HTMLElement | ShadowRoot, options: PlaygroundOptions = {}): Promise<PlaygroundHandle> {
  const style = h('style', { text: `${uplotCss}\n${css}\n${searchCss}` });
  // Fetched alongside the core rather than on the first draw, so the charts show up with the first
  // steps; training itself never waits for it.
  loadUPlot().catch(() => {}); // a chart's first update tries again
  const host = h('div', { class: 'descent', 'data-theme': options.theme ?? 'light' });
  // The error line stays in view while the page scrolls, so it can be dismissed. The × is drawn by
  // CSS: the line's text is the message alone.
  const errorText = h('span');
  const dismiss = h('button', { type: 'button', class: 'icon dismiss', 'aria-label': 'dismiss this message', title: 'dismiss' });
  const errorLine = h('div', { class: 'error-line', testid: 'error', role: 'alert', hidden: true }, errorText, dismiss);
  const coreStatus = h('p', { testid: 'core-status', class: 'status', text: 'Loading the WebAssembly core…' });
  host.append(errorLine, h('p', { class: 'loading', text: 'Starting the engine…' }));
  root.append(style, host);

  const showError = (message: string | null) => {
    errorText.textContent = message ?? '';
    errorLine.hidden = !message;
  };
  dismiss.addEventListener('click', () => {
    stickyError = null;
    showError(null);
  });

  // Kept until the next change: typed right after another change, it would otherwise be cleared by
  // that change's restart a moment later, before the learner could read it.
  host.addEventListener('invalid-number', (e) => {
    stickyError = (e as CustomEvent<string>).detail;
    showError(stickyError);
  });

  const core = new WorkerClient(() => {}, (m) => showError(m));
  let catalog: Catalog = { optimizers: [], schedules: [], functions: [] };
  try {
    const info = await core.request({ type: 'info' });
    if (info.type === 'info') {
      coreStatus.textContent = `descent ${info.info.version} · WebAssembly SIMD ${info.info.simd ? 'on' : 'off'} · check sum ${info.dot}`;
      coreStatus.dataset.dot = String(info.dot);
      coreStatus.dataset.simd = String(info.info.simd);
    }
    const reply = await core.request({ type: 'catalog' });
    if (reply.type === 'catalog') catalog = reply.catalog;
  } catch (e) {
    showError(`The engine did not start: ${(e as Error).message}`);
  }

  // The starting state: explicit option, else the link's hash (a bad one keeps the defaults).
  // A link (or an imported file) that could not be read stays reported until the learner changes
  // something.
  let initial = options.state ?? defaultState();
  let stickyError: string | null = null;
  if (!options.state && options.hash) {
    try {
      initial = decodeState(location.hash) ?? initial;
    } catch (e) {
      stickyError = `This link could not be restored — ${(e as Error).message}. The default experiment is shown instead.`;
      showError(stickyError);
    }
  }
  const store = new Store(initial);
  let csv: UploadedCsv | null = null;
  // The last experiment that started, with its file: a newly uploaded file that cannot be read
  // gives way to it, so a bad upload never loses what was already loaded.
  let lastGood: { state: PlaygroundState; csv: UploadedCsv | null } | null = null;
  let newFile = false;
  const ctx: PanelContext = {
    store,
    catalog,
    get csv() {
      return csv;
    },
    setCsv(c) {
      csv = c;
      newFile = true;
    },
    showError,
  };

  const lrPreview = async (schedule: Options | null, lr: number, steps: number) => {
    const reply = await core.request({ type: 'lr-preview', schedule, lr, steps });
    return reply.type === 'lr-preview' ? reply.lrs : [];
  };

  // Views, charts and readouts redraw at most once per animation frame, charts at most every 150 ms.
  let frame = 0;
  let lastCharts = 0;
  let viewsDirty = true;
  let lastViews = 0;
  // Streaming metrics need no more than ~20 redraws a second; rendering the page costs far more than
  // the drawing code, so fewer frames keep every main-thread task short.
  let lastFrame = 0;
  const requestDraw = () => {
    if (frame) return;
    frame = requestAnimationFrame((t) => {
      if (t - lastFrame < 45) {
        frame = 0;
        setTimeout(requestDraw, 45 - (t - lastFrame));
        return;
      }
      lastFrame = t;
      draw();
    });
  };
  const race = new Race(() => {
    viewsDirty = true;
    charts.changed();
    requestDraw();
  });

  const data = dataPanel(ctx);
  const model = modelPanel(ctx);
  const training = trainingPanel(ctx);
  const runs = runsPanel(ctx, lrPreview);
  const dataView = new DataView();
  const landscape = new LandscapeView((x, y) => {
    const s = store.state;
    if (s.problem === 'function') store.update((st) => (st.fn.x0 = [x, y]));
    data.render();
  });
  const internals = h('input', { type: 'checkbox', id: uid('show-internals') });
  internals.addEventListener('change', () => {
    landscape.showInternals = internals.checked;
    requestDraw();
  });
  const runLegend = legend();
  const charts = chartsPanel(() => ({ runs: race.runs, regression: regression(), isFunction: store.state.problem === 'function' }));
  charts.onRedraw(() => {
    lastCharts = 0;
    requestDraw();
  });
  const controls = transport(
    {
      play: () => play(),
      pause: () => pause(),
      step: () => step(),
      reset: () => void reset(),
      speed: (v) => {
        store.update((s) => (s.speed = v), false);
        // The race on screen goes on at the new speed, without a restart that would take a new
        // snapshot: a refused file would otherwise bring back the speed of the last start.
        if (lastGood) lastGood.state.speed = v;
        if (race.playing) race.play(v);
      },
    },
    store.state.speed,
  );

  const lesson = h('aside', { class: 'lesson', hidden: true, 'aria-live': 'polite', testid: 'lesson-note' });
  const presets = presetsPanel((p) => {
    setState(p.state(), true, p);
    host.querySelector<HTMLElement>('.transport button')?.focus();
  });

  const share = sharePanel({
    copyLink: async () => {
      const url = location.href.split('#')[0] + encodeState(store.state);
      try {
        await navigator.clipboard.writeText(url);
        return 'Link copied.';
      } catch {
        return 'Copy this link from the address bar.';
      }
    },
    metricsCsv: () => download('descent-metrics.csv', new Blob([metricsCsv(race.runs)], { type: 'text/csv' })),
    chartPng: () => {
      // Never silently nothing: the picture comes once the chart is drawn, or a message says why not.
      const fail = (message: string) => {
        stickyError = message;
        showError(message);
      };
      charts.lossCanvas().then(
        (c) => (c ? canvasPng(c, 'descent-loss.png', getComputedStyle(host).getPropertyValue('--panel').trim() || '#ffffff') : fail('The loss chart is not drawn yet: try again in a moment.')),
        () => fail('The chart library did not load, so the loss chart has no picture yet: check the connection and try again.'),
      );
    },
    experimentJson: () => {
      const s = store.state;
      const doc = { playground: s, experiments: s.problem === 'data' ? s.runs.map((r) => experimentSpec(s, r)) : [] };
      download('descent-experiment.json', new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' }));
    },
    weightsJson: async () => {
      const weights = await Promise.all(race.runs.map((r) => r.weights().catch(() => 'null')));
      const doc = `[${weights.join(',')}]`;
      download('descent-weights.json', new Blob([doc], { type: 'application/json' }));
    },
    embedCode: () => embedSnippets(store.state, location.href),
    importJson: (text) => {
      try {
        const state = importState(text);
        setState(state, true, presetFor(state));
        showError(null);
      } catch (e) {
        // Stays shown until the next change, even if a run that was starting finishes meanwhile.
        stickyError = `The imported file is not a descent experiment: ${(e as Error).message}`;
        showError(stickyError);
      }
    },
  });

  const landscapeHint = h('p', { class: 'muted small', text: 'Click to start from another point.' });
  // In a race the picture is one run's: the learner picks which, as for the per-layer chart.
  const dataRun = select([['0', 'Run 1']], '0', { 'aria-label': 'run whose model is drawn', testid: 'data-view-run', hidden: true });
  dataRun.addEventListener('change', () => dataView.showRun(Number(dataRun.value)));
  const dataFigure = h('figure', { class: 'view', testid: 'data-view' }, h('figcaption', {}, 'Model and data ', h('span', { class: 'chart-tools' }, dataRun)), dataView.canvas);
  const landscapeFigure = h('figure', { class: 'view', testid: 'landscape' },
    h('figcaption', {}, 'Loss landscape ', h('span', { class: 'check small' }, internals, h('label', { for: internals.id, text: 'show optimizer state', title: 'arrow: momentum (next step’s direction); dashed ellipse: per-coordinate step scale 1/√v of adaptive optimizers' }))),
    landscape.canvas,
    landscapeHint);
  const viewsEl = h('section', { class: 'panel views', 'aria-label': 'Views' },
    h('h2', { text: 'What the runs are doing' }),
    lesson,
    h('div', { class: 'view-pair' }, dataFigure, landscapeFigure, h('div', { class: 'legend-box' }, h('h3', { class: 'legend-title', text: 'Runs' }), runLegend.el)));

  // With every control panel hidden (an embedded widget), the outputs take the whole width.
  const layout = (controls: HTMLElement, outputs: HTMLElement) =>
    controls.childElementCount ? h('div', { class: 'layout' }, controls, outputs) : h('div', { class: 'layout single' }, outputs);
  const shown = (name: string) => !options.controls || options.controls.includes(name);
  const search = shown('search')
    ? lazySearchSection({
        store,
        spec: (i) => experimentSpec(store.state, store.state.runs[i] ?? store.state.runs[0]),
        csv: () => {
          if (store.state.problem !== 'data' || store.state.data.source !== 'csv') return undefined;
          if (!csv) throw new Error('This experiment trains on a CSV file, and files are not stored in links: upload it again.');
          return csv.text;
        },
        expand: async (spec, search) => {
          const reply = await core.request({ type: 'expand-search', spec, search });
          if (reply.type !== 'plan') throw new Error(`unexpected reply ${reply.type}`);
          return reply.lines;
        },
        refresh: () => {
          runs.render();
          training.render();
        },
        open: (state) => {
          setState(state);
          host.scrollIntoView({ block: 'start' });
        },
        addRun: (run) => {
          store.update((s) => {
            s.runs.push(run);
          });
          runs.render();
        },
      })
    : null;
  host.querySelector('.loading')?.remove();
  const parts: Array<Node | null> = [
    h('div', { class: 'topbar' }, controls.el, shown('share') ? share.el : null),
    shown('presets') ? presets.el : null,
    layout(
      h('div', { class: 'column controls' }, shown('data') ? data.el : null, shown('model') ? model.el : null, shown('training') ? training.el : null),
      h('div', { class: 'column outputs' }, shown('views') ? viewsEl : null, shown('optimizers') ? runs.el : null, shown('charts') ? charts.el : null)),
    search?.el ?? null,
    h('footer', { class: 'foot' }, coreStatus),
  ];
  for (const p of parts) if (p) host.appendChild(p);

  let summary: RunSummary | null = null;
  let shownLandscape: unknown = null;

  function regression(): boolean {
    if (summary) return summary.task === 'regression';
    return isRegression(store.state);
  }

  function draw(): void {
    frame = 0;
    const all = race.runs;
    const first = all[0];
    const isFunction = store.state.problem === 'function';
    controls.setPlaying(race.playing && !race.finished);
    controls.setFinished(race.finished);
    if (race.playing && race.finished) race.playing = false;
    // Texts and pictures at most 10 times a second: each change costs the page a layout.
    if (viewsDirty && performance.now() - lastViews >= 100) {
      viewsDirty = false;
      lastViews = performance.now();
      const e = first?.latest() ?? null;
      const lastLoss = first && first.loss.length ? first.loss[first.loss.length - 1] : null;
      controls.show({
        step: first?.step ?? 0,
        trainLoss: isFunction ? lastLoss : (e?.trainLoss ?? null),
        testLoss: e?.testLoss ?? null,
        score: e?.score ?? null,
        trainScore: e?.trainScore ?? null,
        hasTest: !summary || summary.nTest > 0,
        regression: regression(),
        function: isFunction,
        diverged: first?.divergedAt !== null && first?.divergedAt !== undefined,
      });
      runLegend.show(all, regression(), isFunction);
      if (dataRun.options.length !== all.length) {
        const keep = Number(dataRun.value) < all.length ? dataRun.value : '0';
        while (dataRun.options.length) dataRun.remove(0);
        all.forEach((r) => dataRun.add(new Option(`Run ${r.index + 1}`, String(r.index))));
        dataRun.value = keep;
        dataView.showRun(Number(keep));
      }
      // 1-D fits of every run are drawn together: nothing to pick.
      dataRun.hidden = all.length < 2 || first?.view?.kind === 'curve';
      dataView.update(all.map((r) => r.view));
      if (first?.landscape && first.landscape !== shownLandscape) {
        shownLandscape = first.landscape;
        landscape.setGrid(first.landscape);
      }
      landscape.draw(all.map((r) => ({ index: r.index, path: r.path, internals: r.internals })));
      const failed = all.find((r) => r.error && !r.summary);
      // When the others run, say which run's settings are wrong.
      const alone = all.some((r) => !r.error);
      if (failed) showError(alone ? `Run ${failed.index + 1}: ${failed.error}` : runError(failed.error!));
    } else if (viewsDirty) requestDraw();
    // One chart per frame at most, in turn, so no frame carries all five redraws.
    const now = performance.now();
    if (lastCharts === 0) {
      lastCharts = now;
      charts.drawAll();
    } else if (now - lastCharts >= 60) {
      lastCharts = now;
      const playing = race.playing && !race.finished;
      charts.drawNext(playing);
      if (charts.behind(playing)) requestDraw();
    } else if (charts.behind(race.playing && !race.finished)) requestDraw();
  }

  // Errors about the learner's file say which file.
  function runError(message: string): string {
    const fromCsv = store.state.problem === 'data' && store.state.data.source === 'csv' && csv;
    return fromCsv && !message.startsWith(csv!.name) ? `${csv!.name}: ${message}` : message;
  }

  async function reset(): Promise<void> {
    // A new file is tried beside the race on screen, which stays as it is if the file is refused.
    const keep = newFile && summary !== null;
    if (!keep) summary = null;
    try {
      // Links carry settings, never the learner's file: ask for it instead of failing obscurely.
      if (store.state.problem === 'data' && store.state.data.source === 'csv' && !csv) {
        throw new Error('This experiment trains on a CSV file, and files are not stored in links: upload it again (the other settings are kept).');
      }
      const s = await race.reset(store.state, csv?.text, keep);
      if (!s) return;
      summary = s;
      newFile = false;
      lastGood = { state: structuredClone(store.state), csv };
      showError(stickyError);
      data.setNotes(s.notes, s.task);
      dataView.setSummary(s);
      landscape.setGrid(s.landscape);
      landscape.start = s.start;
      const fn = catalog.functions.find((f) => f.name === store.state.fn.name);
      landscape.minima = store.state.problem === 'function' && fn ? fn.minima : [];
      landscape.axisNames = store.state.problem === 'function' ? ['x', 'y'] : ['weight w', 'bias b'];
      // Show only the pictures this problem has: a test function has no data, most data no landscape.
      dataFigure.hidden = s.task === 'function';
      landscapeFigure.hidden = !s.landscape;
      landscapeHint.hidden = s.task !== 'function'; // only a test function's start can be moved
    } catch (e) {
      if (newFile && lastGood) {
        restore(lastGood, runError((e as Error).message), !keep);
        return;
      }
      summary = null;
      dataView.setSummary(null, 'The run could not start: see the message at the top.');
      landscape.setGrid(null);
      landscapeFigure.hidden = true;
      dataFigure.hidden = false;
      data.setNotes([]);
      showError(runError((e as Error).message));
    }
    viewsDirty = true;
    lastCharts = 0;
    requestDraw();
  }

  // Without a restart the race on screen is the one `good` started, kept as it was.
  function restore(good: { state: PlaygroundState; csv: UploadedCsv | null }, message: string, restart: boolean): void {
    newFile = false;
    csv = good.csv;
    if (restart) race.dispose(); // its failed runs would otherwise repeat the bare error until the restored ones start
    showState(structuredClone(good.state), restart); // the lesson note, if any, was about this state
    if (!restart && summary) data.setNotes(summary.notes, summary.task);
    stickyError = `${message} — the file was not loaded; the previous data is kept.`;
    showError(stickyError);
  }

  function play(): void {
    if (race.finished) {
      void reset().then(() => race.play(store.state.speed));
      return;
    }
    race.play(store.state.speed);
  }

  // A finished race cannot take another step; like Play, Step then starts it over, at step 1.
  function step(): void {
    if (race.finished) {
      void reset().then(() => race.stepOnce());
      return;
    }
    race.stepOnce();
  }

  function pause(): void {
    race.pause();
  }

  let pending: ReturnType<typeof setTimeout> | null = null;
  store.subscribe((s, retrain) => {
    stickyError = null;
    if (options.hash) history.replaceState(null, '', encodeState(s));
    if (!retrain) return;
    if (pending) clearTimeout(pending);
    // A change while playing restarts the race and keeps it playing (like moving a slider).
    const wasPlaying = race.playing;
    pending = setTimeout(() => {
      pending = null;
      const resume = wasPlaying || race.playing; // Play may have been pressed during the wait
      void reset().then(() => {
        if (resume && race.runs.some((r) => r.summary)) race.play(store.state.speed);
      });
    }, 120);
  });

  // The lesson note describes the experiment on screen: a lesson brings its own, and any other state
  // put in place of the whole one (a link, an imported file, a search result) takes it away, unless
  // it is a lesson's (presetFor).
  function setState(state: PlaygroundState, retrain = true, preset: Preset | null = null): void {
    showState(state, retrain);
    showLesson(preset);
  }

  function showLesson(preset: Preset | null): void {
    lesson.hidden = !preset;
    if (preset) lesson.replaceChildren(h('strong', { text: preset.title }), ' — ', preset.lesson, ' Press Play.');
  }

  function showState(state: PlaygroundState, retrain = true): void {
    store.replace(state, retrain);
    controls.setSpeed(state.speed);
    data.render();
    model.render();
    training.render();
    runs.render();
  }

  // A link pasted over the page's own differs only in its hash: the browser does not reload, so the
  // page would go on showing the old experiment under the new link.
  const onHash = () => {
    try {
      const state = decodeState(location.hash) ?? defaultState();
      setState(state, true, presetFor(state));
      showError(null);
    } catch (e) {
      stickyError = `This link could not be restored — ${(e as Error).message}. The experiment shown is kept.`;
      showError(stickyError);
    }
  };
  if (options.hash) addEventListener('hashchange', onHash);

  const keyTarget = options.keys ?? host;
  const onKey = (event: Event) => {
    const e = event as KeyboardEvent;
    const t = e.composedPath()[0] as HTMLElement | undefined;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (t && t.closest?.('input, select, textarea, button, summary, [contenteditable]')) return;
    if (e.key === ' ') {
      e.preventDefault();
      if (race.playing) pause();
      else play();
    } else if (e.key === 'ArrowRight') {
      e.preventDefault();
      step();
    } else if (e.key === 'r' || e.key === 'R') {
      e.preventDefault();
      void reset();
    }
  };
  keyTarget.addEventListener('keydown', onKey);

  if (options.hash && !stickyError) history.replaceState(null, '', encodeState(store.state));
  if (options.hash) showLesson(presetFor(store.state)); // a lesson's link
  await reset();
  host.dataset.ready = 'true'; // tests wait for this before interacting

  return {
    store,
    get playing() {
      return race.playing && !race.finished;
    },
    play,
    pause,
    reset,
    setState,
    destroy() {
      keyTarget.removeEventListener('keydown', onKey);
      removeEventListener('hashchange', onHash);
      race.dispose();
      search?.dispose();
      core.terminate();
      style.remove();
      host.remove();
    },
  };
}

