// The widget's entry (dist/descent-widget.js): importing it defines <descent-playground>. A page that
// loads it twice (or also loads the tutorial bundle) keeps the first definition.
import { DescentPlayground } from './element';

if (!customElements.get('descent-playground')) customElements.define('descent-playground', DescentPlayground);
