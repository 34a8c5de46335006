import { useSyncExternalStore } from 'react';

/** An item copied for pasting (ITEM-8: copy needs view); pasting is only offered in the same project. */
export interface Copied {
  key: string;
  title: string;
  projectKey: string;
}

const STORAGE_KEY = 'timeward.itemClipboard';
const listeners = new Set<() => void>();
let current: Copied | null = read();

function read(): Copied | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Copied) : null;
  } catch {
    return null;
  }
}

/** Puts an item on the clipboard (kept for the tab's session), or clears it with null. */
export function setClipboard(copied: Copied | null): void {
  current = copied;
  try {
    if (copied) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(copied));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage may be off; the clipboard still lasts as long as the page.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The copied item, if it can be pasted in this project. */
export function useClipboard(projectKey: string): Copied | null {
  const copied = useSyncExternalStore(subscribe, () => current);
  return copied && copied.projectKey === projectKey ? copied : null;
}
