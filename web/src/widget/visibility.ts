// Tells a widget whether a reader can see it: on screen (IntersectionObserver) and in a tab that is
// not hidden (visibilitychange). Off-screen widgets neither start nor keep training.
export class Visibility {
  private onScreen = false;
  private observer: IntersectionObserver;
  private onTab = () => this.changed();

  constructor(private el: Element, private listener: (visible: boolean) => void) {
    this.observer = new IntersectionObserver((entries) => {
      const last = entries[entries.length - 1];
      this.onScreen = last.isIntersecting;
      this.changed();
    }, { rootMargin: '0px' });
    this.observer.observe(el);
    document.addEventListener('visibilitychange', this.onTab);
  }

  get visible(): boolean {
    return this.onScreen && document.visibilityState === 'visible';
  }

  private changed(): void {
    this.listener(this.visible);
  }

  disconnect(): void {
    this.observer.unobserve(this.el);
    this.observer.disconnect();
    document.removeEventListener('visibilitychange', this.onTab);
  }
}
