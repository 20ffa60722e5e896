// The tutorial page: its formulas (KaTeX from the bundle, no CDN) and its widgets.
import katex from 'katex';
import 'katex/dist/katex.min.css';
import './tutorial.css';
import '../widget/index';

for (const el of document.querySelectorAll<HTMLElement>('.tex')) {
  katex.render(el.textContent ?? '', el, { displayMode: el.classList.contains('display'), throwOnError: false });
}
