/**
 * The renderer's state containers: a value, a way to change it, and
 * subscribers — read by components through `useSyncExternalStore`, so a
 * component re-renders only when the part it reads changes. Plain modules
 * rather than a library: the live article store already works this way,
 * and the few stores the app needs do not earn a dependency.
 */
import { useSyncExternalStore } from 'react';

export class Store<T> {
  private readonly listeners = new Set<() => void>();
  constructor(private value: T) {}

  get = (): T => this.value;

  set(next: T | ((prev: T) => T)): void {
    const value = typeof next === 'function' ? (next as (prev: T) => T)(this.value) : next;
    if (Object.is(value, this.value)) return;
    this.value = value;
    for (const l of this.listeners) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** The store's value, or a part of it; `select` must return something stable (a field, a flag), not a new object. */
export function useStore<T>(store: Store<T>): T;
export function useStore<T, S>(store: Store<T>, select: (value: T) => S): S;
export function useStore<T, S>(store: Store<T>, select?: (value: T) => S): T | S {
  return useSyncExternalStore(store.subscribe, () => (select ? select(store.get()) : store.get()));
}
