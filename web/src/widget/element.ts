// <descent-playground>: the playground in a shadow root, configured by attributes. It mounts only
// once it is on screen (so a page with many widgets starts only what the reader looks at), pauses
// when scrolled away or when the tab is hidden, and resumes where it was when seen again.
import css from './widget.css?inline';
import { mountPlayground, type PlaygroundHandle } from '../playground';
import { parseControls, parseHeight, parseTheme, resolveState } from './attributes';
import { Visibility } from './visibility';

// rem follows the host page's root font size, which the shadow root cannot shield; the playground's
// sheet is written in rem for the page, so inside a widget it is pinned to the default 16px.
function pinRem(root: ParentNode): void {
  for (const style of root.querySelectorAll('style')) {
    style.textContent = (style.textContent ?? '').replace(/(\d*\.?\d+)rem\b/g, 'calc($1 * 16px)');
  }
}

export class DescentPlayground extends HTMLElement {
  static observedAttributes = ['preset', 'config', 'controls', 'autoplay', 'height', 'theme'];

  private frame: HTMLDivElement;
  private handle: PlaygroundHandle | null = null;
  private visibility: Visibility | null = null;
  private mounted = false; // a mount has begun for the current configuration
  private version = 0; // bumped by every reconfiguration; stale mounts discard themselves
  private abort = new AbortController();
  private resume = false; // play when next visible (autoplay, or playing when it was hidden)
  private queued = false;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = css;
    this.frame = document.createElement('div');
    this.frame.className = 'frame';
    this.frame.setAttribute('part', 'frame'); // lets a host page (embed.html) restyle the border
    shadow.append(style, this.frame);
  }

  connectedCallback(): void {
    this.applyHeight();
    this.reconfigure();
    this.visibility = new Visibility(this, (visible) => this.visibleChanged(visible));
  }

  disconnectedCallback(): void {
    this.visibility?.disconnect();
    this.visibility = null;
    this.teardown();
  }

  attributeChangedCallback(name: string, before: string | null, after: string | null): void {
    if (before === after || !this.isConnected) return;
    // A new height needs no restart, unless the widget is showing an error (or still starting).
    if (name === 'height' && this.applyHeight() && this.handle) return;
    // Several attributes set in a row (a script configuring the element) cost one remount.
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      this.reconfigure();
      if (this.visibility?.visible) void this.mount();
    });
  }

  // Returns false for a bad value, which mount() then reports.
  private applyHeight(): boolean {
    try {
      this.frame.style.height = parseHeight(this.getAttribute('height'));
      return true;
    } catch {
      return false;
    }
  }

  private teardown(): void {
    this.version += 1;
    this.abort.abort();
    this.abort = new AbortController();
    this.handle?.destroy();
    this.handle = null;
    this.mounted = false;
  }

  // Drops the running playground and shows a placeholder until the widget is seen.
  private reconfigure(): void {
    this.teardown();
    let theme: 'light' | 'dark' = 'light';
    try {
      theme = parseTheme(this.getAttribute('theme'));
    } catch {
      // reported by mount(), which validates every attribute
    }
    this.frame.dataset.theme = theme;
    const note = document.createElement('p');
    note.className = 'placeholder';
    note.textContent = 'This playground starts when it scrolls into view.';
    this.frame.replaceChildren(note);
  }

  private async mount(): Promise<void> {
    if (this.mounted) return;
    this.mounted = true;
    const version = this.version;
    try {
      const controls = parseControls(this.getAttribute('controls'));
      const theme = parseTheme(this.getAttribute('theme'));
      parseHeight(this.getAttribute('height'));
      const state = await resolveState(this.getAttribute('preset'), this.getAttribute('config'), this.abort.signal);
      if (version !== this.version) return;
      this.frame.replaceChildren();
      const mounting = mountPlayground(this.frame, { state, theme, controls });
      pinRem(this.frame);
      const handle = await mounting;
      if (version !== this.version) {
        handle.destroy();
        return;
      }
      this.handle = handle;
      this.resume = this.hasAttribute('autoplay');
      this.visibleChanged(this.visibility?.visible ?? false);
    } catch (e) {
      if (version === this.version) this.showError((e as Error).message);
    }
  }

  private showError(message: string): void {
    const box = document.createElement('div');
    box.className = 'widget-error';
    box.setAttribute('role', 'alert');
    box.dataset.testid = 'error';
    const title = document.createElement('strong');
    title.textContent = 'This descent playground could not start.';
    box.append(title, message);
    this.frame.replaceChildren(box);
  }

  private visibleChanged(visible: boolean): void {
    if (visible && !this.mounted) {
      void this.mount();
      return;
    }
    const handle = this.handle;
    if (!handle) return;
    if (visible && this.resume) {
      this.resume = false;
      handle.play();
    } else if (!visible && handle.playing) {
      this.resume = true;
      handle.pause();
    }
  }
}
