/**
 * The open article as the editor holds it. The editor owns the live text:
 * nothing here copies it on a keystroke. Each edit publishes the editor's
 * (immutable) state; whoever needs the text, the detected figures or the
 * stored claims' positions asks the snapshot, which works them out once,
 * when first asked.
 */
import { startTransition, useEffect, useState, useSyncExternalStore } from 'react';
import { Text, type EditorState } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import type { DetectedClaim } from '../../../shared/claims/index.js';
import { detectedClaims, detectionVersion, forEachDetectedSpan } from '../editor/claim-highlights.js';
import { forEachStoredSpan, rememberBase, storedPositions } from '../editor/stored-claims.js';

function once<T>(f: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value;
  };
}

/** The article in the editor at one moment. */
export class LiveArticle {
  constructor(
    readonly state: EditorState,
    private readonly saved: Text,
  ) {}

  get length(): number {
    return this.state.doc.length;
  }

  /** Whether the text differs from the saved one (proportional to the edited stretch, not the text). */
  readonly dirty = once(() => !this.state.doc.eq(this.saved));
  /** False until the first whole-text detection has answered (a long article being opened). */
  get detecting(): boolean {
    return detectionVersion(this.state) === null;
  }
  readonly text = once(() => this.state.doc.toString());
  readonly detected = once((): DetectedClaim[] => detectedClaims(this.state));
  readonly storedPositions = once(() => storedPositions(this.state));

  /** How many detected figures no stored claim covers, counted without building claim objects. */
  readonly unclaimedCount = once(() => {
    let n = 0;
    this.sweepUnclaimed(() => n++);
    return n;
  });

  /** The detected figures no stored claim covers, in text order. */
  readonly unclaimed = once((): DetectedClaim[] => {
    const all = this.detected();
    const out: DetectedClaim[] = [];
    this.sweepUnclaimed(() => undefined, (k) => out.push(all[k]!));
    return out;
  });

  /**
   * One pass over the detected figures and the stored claims, both in text order. Detected
   * figures never overlap one another, so their ends rise with their starts: a figure is
   * covered exactly when the stored claims starting before its end reach past its start.
   */
  private sweepUnclaimed(each: () => void, at?: (index: number) => void): void {
    const starts: number[] = [];
    const ends: number[] = [];
    forEachStoredSpan(this.state, (from, to) => {
      starts.push(from);
      ends.push(to);
    });
    let j = 0;
    let reach = -1;
    let k = 0;
    forEachDetectedSpan(this.state, (from, to) => {
      for (; j < starts.length && starts[j]! < to; j++) reach = Math.max(reach, ends[j]!);
      if (!(reach > from)) {
        each();
        at?.(k);
      }
      k++;
    });
  }
}

/** Holds the editor of the open article and tells subscribers when what it shows changes. */
export class LiveArticleStore {
  private view: EditorView | null = null;
  private saved: Text = Text.empty;
  private snapshot: LiveArticle | null = null;
  private readonly listeners = new Set<() => void>();

  /** The editor of a newly loaded text; `savedText` is the text on disk (the editor may hold a restored draft). */
  attach(view: EditorView, savedText: string): void {
    this.view = view;
    this.saved = savedText === view.state.doc.toString() ? view.state.doc : Text.of(savedText.split('\n'));
    this.publish(view.state);
  }

  detach(view: EditorView): void {
    if (this.view !== view) return;
    this.view = null;
    this.snapshot = null;
    this.emit();
  }

  /** The editor's state after an update the app may care about (text, detection, stored claims). */
  publish(state: EditorState): void {
    this.snapshot = new LiveArticle(state, this.saved);
    this.emit();
  }

  current(): LiveArticle | null {
    return this.snapshot;
  }

  /** The text on screen now, remembered so that the claims saved with it map onto later edits without a diff. */
  textForSave(): { text: string; doc: Text } | null {
    const v = this.view;
    if (!v) return null;
    v.dispatch({ effects: rememberBase.of(null) });
    return { text: v.state.doc.toString(), doc: v.state.doc };
  }

  /** `doc` (from `textForSave`) is on disk now. */
  markSaved(doc: Text): void {
    this.saved = doc;
    if (this.view) this.publish(this.view.state);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

/**
 * The latest snapshot, taken at low priority: a keystroke paints first, and
 * React drops a panel render that a newer keystroke has overtaken.
 */
export function useLiveArticle(store: LiveArticleStore): LiveArticle | null {
  const [snapshot, setSnapshot] = useState(() => store.current());
  useEffect(() => {
    setSnapshot(store.current());
    return store.subscribe(() => startTransition(() => setSnapshot(store.current())));
  }, [store]);
  return snapshot;
}

/** Something small read from the latest snapshot at once (a flag, a count): the component re-renders only when it changes. */
export function useLiveValue<T>(store: LiveArticleStore, read: (a: LiveArticle | null) => T): T {
  return useSyncExternalStore(store.subscribe, () => read(store.current()));
}
