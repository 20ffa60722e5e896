// The URL hash carries the whole state (seed included) as base64url JSON behind "#s=", so a link
// reproduces a run exactly. Decoding validates; a bad hash throws a message that says what is wrong.
import { StateError, validateState } from './validate';
import type { PlaygroundState } from './types';

const prefix = '#s=';

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function encodeState(state: PlaygroundState): string {
  return prefix + toBase64Url(JSON.stringify(state));
}

// Returns null for an empty hash (use defaults); throws StateError for anything unreadable.
export function decodeState(hash: string): PlaygroundState | null {
  if (hash === '' || hash === '#') return null;
  if (!hash.startsWith(prefix)) throw new StateError(`The link's state must start with "${prefix}"`);
  let json: string;
  try {
    json = fromBase64Url(hash.slice(prefix.length));
  } catch {
    throw new StateError("The link's state is not valid base64url text");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new StateError("The link's state is not valid JSON");
  }
  return validateState(parsed);
}
