/**
 * An editor bound live to a team article: a mirror of the team's Y.Text in
 * the page, kept in step with the services' team document through the one
 * client (`team.textState`, `team.textPush`, event `team.text`), and bound
 * to CodeMirror with y-codemirror.next — so members see each other's typing
 * and cursors (with names) as they happen.
 */
import { useEffect, useState } from 'react';
import { EditorState, type Extension } from '@codemirror/state';
import { ViewPlugin } from '@codemirror/view';
import { yCollab, ySyncAnnotation, ySyncFacet } from 'y-codemirror.next';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { client } from '../client.js';
import { useTeamStatus } from '../stores/team.js';

export interface LiveText {
  /** The team's text now: an editor made for the binding starts from it. */
  readonly text: string;
  extension: Extension;
  destroy(): void;
}

const remote = 'factdesk-remote';

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A member's cursor colour, the same on every screen (from the name). */
function colourOf(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) % 360;
  return `hsl(${h} 70% 40%)`;
}

/**
 * y-codemirror.next assumes the editor starts with the Y.Text's content; an
 * editor made a moment before a remote change arrived is brought up to it
 * (as a change the binding does not send back).
 */
function catchUp(ytext: Y.Text): Extension {
  return ViewPlugin.define((view) => {
    let alive = true;
    queueMicrotask(() => {
      if (!alive) return;
      const have = view.state.doc.toString();
      const want = ytext.toString();
      if (have === want) return;
      let from = 0;
      while (from < have.length && from < want.length && have[from] === want[from]) from++;
      let end = 0;
      while (end < have.length - from && end < want.length - from && have[have.length - 1 - end] === want[want.length - 1 - end]) end++;
      view.dispatch({ changes: { from, to: have.length - end, insert: want.slice(from, want.length - end) }, annotations: [ySyncAnnotation.of(view.state.facet(ySyncFacet))] });
    });
    return {
      destroy: () => {
        alive = false;
      },
    };
  });
}

export async function bindLiveText(articleId: string, member: { name: string }, canEdit: boolean): Promise<LiveText> {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  const colour = colourOf(member.name);
  awareness.setLocalStateField('user', { name: member.name, color: colour, colorLight: colour.replace('40%)', '40% / 0.2)') });
  const off = client.on('team.text', (p) => {
    if (p.articleId !== articleId) return;
    if (p.update) Y.applyUpdate(doc, fromBase64(p.update), remote);
    if (p.awareness) applyAwarenessUpdate(awareness, fromBase64(p.awareness), remote);
  });
  const { update } = await client['team.textState']({ articleId });
  Y.applyUpdate(doc, fromBase64(update), remote);
  doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== remote && canEdit) void client['team.textPush']({ articleId, update: toBase64(u) });
  });
  awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    if (origin === remote) return;
    const changed = [...added, ...updated, ...removed];
    void client['team.textPush']({ articleId, awareness: toBase64(encodeAwarenessUpdate(awareness, changed)) }).catch(() => {});
  });
  const ytext = doc.getText('text');
  const bound = yCollab(ytext, awareness, { undoManager: false });
  return {
    get text() {
      return ytext.toString();
    },
    // The editor's own history stays (Ctrl+Z undoes this member's typing as before). A member who may not edit the
    // text (a fact-checker) follows it read-only: the team server would refuse their typing anyway.
    extension: [bound, catchUp(ytext), ...(canEdit ? [] : [EditorState.readOnly.of(true)])],
    destroy: () => {
      off();
      awareness.setLocalState(null);
      awareness.destroy();
      doc.destroy();
    },
  };
}

/**
 * The live binding of the open article when it is a team article (null
 * otherwise, or until it is ready): made once per article and member, undone
 * when another article opens.
 */
export function useLiveText(articleId: string | null): LiveText | null {
  const status = useTeamStatus();
  const linked = !!status && status.state !== 'unlinked' && !!status.member;
  const name = status?.member?.name ?? '';
  const canEdit = status?.member?.role === 'editor';
  const [live, setLive] = useState<{ articleId: string; binding: LiveText } | null>(null);
  useEffect(() => {
    if (!articleId || !linked) return;
    let binding: LiveText | null = null;
    let cancelled = false;
    bindLiveText(articleId, { name }, canEdit).then(
      (b) => {
        if (cancelled) return b.destroy();
        binding = b;
        setLive({ articleId, binding: b });
      },
      // Not a team article (yet): the editor works on the file as before.
      () => {},
    );
    return () => {
      cancelled = true;
      binding?.destroy();
      setLive(null);
    };
  }, [articleId, linked, name, canEdit]);
  return live && live.articleId === articleId ? live.binding : null;
}
