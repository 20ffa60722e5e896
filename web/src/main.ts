// The page: one playground filling the window, its state kept in the URL hash.
import './style.css';
import { mountPlayground } from './playground';

const app = document.querySelector<HTMLElement>('#app')!;
app.replaceChildren();
void mountPlayground(app, { hash: true, keys: document });
