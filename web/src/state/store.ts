// Holds the state and tells listeners when it changes. Every change that alters what is trained
// restarts the race (as TensorFlow Playground does); view-only changes do not.
import type { PlaygroundState } from './types';

type Listener = (state: PlaygroundState, retrain: boolean) => void;

export class Store {
  private listeners: Listener[] = [];

  constructor(public state: PlaygroundState) {}

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  update(change: (s: PlaygroundState) => void, retrain = true): void {
    change(this.state);
    for (const l of this.listeners) l(this.state, retrain);
  }

  replace(state: PlaygroundState, retrain = true): void {
    this.state = state;
    for (const l of this.listeners) l(this.state, retrain);
  }
}
