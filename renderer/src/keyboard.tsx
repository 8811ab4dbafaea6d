/**
 * The fact-checker's keys: step through the claims, jump to the next one
 * needing a check, give a status by number, accept the figure at the cursor,
 * close the card, and the help overlay that lists them all. One listener on
 * the window; keys that type text are taken only outside text fields.
 */
import { claimStatuses, type Claim, type ClaimStatus } from '../../shared/annotations.js';
import { client } from './client.js';
import { i18n } from './i18n.js';
import { claimListStore, focusSpans, selectClaim, selectedClaimStore } from './stores/claims.js';
import { errorStore, showError } from './stores/errors.js';
import { ensureSaved, live, openArticleStore } from './stores/open-article.js';
import { dialogStore, showDialog, viewStore } from './stores/ui.js';
import { isReadOnly } from './stores/workspace.js';
import { mayGive } from './stores/profile.js';

/** Statuses a checker still has to act on (the "next unchecked" jump stops at these). */
const needsCheck: ReadonlySet<ClaimStatus> = new Set(['unchecked', 'in-progress', 'needs-recheck']);

/** The open article's claims in text order, where they are now in the editor. */
function claimsInTextOrder(): Array<{ claim: Claim; start: number; end: number }> {
  const list = claimListStore.get();
  if (!list) return [];
  const positions = live.current()?.storedPositions();
  const out: Array<{ claim: Claim; start: number; end: number }> = [];
  for (const c of list.claims) {
    const pos = positions?.get(c.id) ?? (c.anchor.start < c.anchor.end ? { start: c.anchor.start, end: c.anchor.end } : null);
    if (pos) out.push({ claim: c, start: pos.start, end: pos.end });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The card of the selected claim takes the keyboard once it is drawn (so 1–7 and Escape reach it). */
function focusCard(): void {
  let tries = 0;
  const tick = () => {
    const card = document.querySelector<HTMLElement>('.claim-card');
    if (card && card.getAttribute('data-claim-id') === selectedClaimStore.get()) card.focus();
    else if (tries++ < 30) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

function show(target: { claim: Claim; start: number; end: number }): void {
  selectClaim(target.claim.id);
  focusSpans([{ start: target.start, end: target.end, tone: 'claim' }], true);
  focusCard();
}

/** The next (or previous) claim after the selected one, or after the cursor; `open`: only those needing a check. */
export function stepClaim(dir: 1 | -1, open = false): void {
  const all = claimsInTextOrder();
  if (!all.length) return;
  const selected = selectedClaimStore.get();
  let from = all.findIndex((c) => c.claim.id === selected);
  if (from < 0) {
    const cursor = live.current()?.state.selection.main.head ?? 0;
    from = dir === 1 ? all.findIndex((c) => c.start >= cursor) - 1 : all.findIndex((c) => c.start >= cursor);
    if (from < -1) from = dir === 1 ? -1 : all.length;
    if (from === -1 && dir === -1) from = all.length;
  }
  for (let step = 1; step <= all.length; step++) {
    const i = (((from + dir * step) % all.length) + all.length) % all.length;
    const c = all[i]!;
    if (!open || needsCheck.has(c.claim.status)) return show(c);
  }
}

/** 1–7: the status in the order the card lists them. */
export async function setStatusByKey(n: number): Promise<void> {
  const status = claimStatuses[n - 1];
  const claimId = selectedClaimStore.get();
  const articleId = openArticleStore.get()?.doc.id;
  if (!status || !claimId || !articleId || isReadOnly()) return;
  const refusal = mayGive(status);
  if (refusal) return errorStore.set(refusal);
  try {
    await client['claims.setStatus']({ articleId, claimId, status });
  } catch (e) {
    showError(e);
  }
}

/** Ctrl+Shift+C in the text: the detected figure under the cursor becomes a claim, selected with its card open. */
export async function acceptAtCursor(pos: number): Promise<void> {
  const articleId = openArticleStore.get()?.doc.id;
  if (!articleId || isReadOnly()) return;
  const figure = live.current()?.detected().find((d) => d.start <= pos && pos <= d.end);
  if (!figure) return;
  // Claims point at saved text: after the save the live positions are the saved ones.
  if (!(await ensureSaved())) return;
  try {
    const r = await client['claims.addDetected']({ articleId, start: figure.start, end: figure.end });
    const added = r.added[0];
    if (added) selectClaim(added.id);
  } catch (e) {
    showError(e);
  }
}

const inTextField = (el: Element | null) =>
  !!el && (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || (el instanceof HTMLInputElement && !['radio', 'checkbox', 'button'].includes(el.type)) || (el as HTMLElement).isContentEditable);

/** The shortcuts, for the help overlay: keys (or the i18n key of a gesture, `keys.*`) and the i18n key of what they do. */
export const shortcuts: Array<[string, string]> = [
  ['F8', 'keys.next'],
  ['Shift+F8', 'keys.previous'],
  ['Ctrl+F8', 'keys.nextUnchecked'],
  ['1 – 7', 'keys.status'],
  ['Ctrl+Shift+C', 'keys.accept'],
  ['Enter', 'keys.openCard'],
  // As the key is labelled (and read the same in both languages).
  ['Esc', 'keys.closeCard'],
  ['Ctrl+Enter', 'keys.saveField'],
  ['Ctrl+Z', 'keys.undoField'],
  ['Ctrl+Shift+B', 'keys.board'],
  ['/  ·  Ctrl+F', 'keys.search'],
  ['Ctrl+A', 'keys.selectAll'],
  ['keys.shiftClick', 'keys.range'],
  ['Ctrl+S', 'keys.save'],
  ['Ctrl+E', 'keys.export'],
  ['?', 'keys.help'],
  ['S', 'keys.suggest'],
  ['A  ·  R', 'keys.resolve'],
];

function showHelp(): void {
  const t = i18n.t.bind(i18n);
  showDialog({
    title: t('keys.title'),
    message: (
      <div className="help-overlay">
        <table>
          <tbody>
            {shortcuts.map(([key, what]) => (
              <tr key={key}>
                <td>
                  <kbd>{key.startsWith('keys.') ? t(key) : key}</kbd>
                </td>
                <td>{t(what)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    ),
    buttons: [{ label: t('keys.close'), value: 'cancel', primary: true }],
    onClose: () => showDialog(null),
  });
}

function onKey(e: KeyboardEvent): void {
  if (e.defaultPrevented || dialogStore.get()) return;
  const el = document.activeElement;
  if (e.key === '?' && !inTextField(el)) {
    e.preventDefault();
    return showHelp();
  }
  if (viewStore.get() !== 'article' || !openArticleStore.get()) return;
  if (e.key === 'F8') {
    e.preventDefault();
    return stepClaim(e.shiftKey ? -1 : 1, e.ctrlKey || e.metaKey);
  }
  const inReview = !!el?.closest('.claims-panel');
  if (!inReview || inTextField(el) || e.ctrlKey || e.metaKey || e.altKey) return;
  if (/^[1-7]$/.test(e.key) && selectedClaimStore.get()) {
    e.preventDefault();
    void setStatusByKey(Number(e.key));
  } else if (e.key === 'Escape' && selectedClaimStore.get()) {
    e.preventDefault();
    const id = selectedClaimStore.get();
    selectClaim(null);
    // Back to the claim's row, so Enter opens the card again.
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-claim-row="${id}"] button`)?.focus());
  }
}

/** Installs the keys; returns how to remove them. */
export function installReviewKeys(): () => void {
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
