import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiffPart, DisplayDiff, ParagraphDiff } from '../../../shared/revisions/index.js';

export type DiffMode = 'inline' | 'side';

export interface DiffViewProps {
  diff: DisplayDiff;
  /** Accessible name of the diff, e.g. "Changes from revision 2 to revision 3". */
  label: string;
  /** Column headings of the side-by-side view, e.g. "Revision 2" / "Revision 3". */
  oldLabel: string;
  newLabel: string;
  /** Legend words for struck / underlined text; "deleted" / "inserted" unless given. */
  removedLabel?: string;
  addedLabel?: string;
  /** Controlled mode; without it the view keeps its own, starting at `defaultMode`. */
  mode?: DiffMode;
  defaultMode?: DiffMode;
  onModeChange?: (mode: DiffMode) => void;
  /** Show the inline / side-by-side switch (default); off when the caller shows one for several diffs. */
  modeToggle?: boolean;
}

/** One figure that changed, was removed or was added, in reading order. */
interface FigureChange {
  old?: string;
  new?: string;
}

/** A piece of a paragraph as shown: plain, struck, inserted, or one figure replaced by another. */
type Piece = { kind: DiffPart['kind']; text: string; figure?: number } | { kind: 'figure'; old: string; new: string; figure: number };

type Row =
  | { type: 'paragraph'; key: number; p: ParagraphDiff; pieces: Piece[] }
  /** An unchanged paragraph kept in view between changes. */
  | { type: 'same'; key: number; p: ParagraphDiff }
  /** A run of unchanged paragraphs, folded until asked for. */
  | { type: 'unchanged'; key: number; paragraphs: ParagraphDiff[] };

interface DiffModel {
  rows: Row[];
  figures: FigureChange[];
  changed: number;
  added: number;
  removed: number;
  moved: number;
  /** Empty lines added or removed: not worth a row unless nothing else changed. */
  blank: number;
  /** Paragraph numbers as an editor counts them (empty lines skipped), by line index. */
  oldOrdinal: Map<number, number>;
  newOrdinal: Map<number, number>;
}

const isBlank = (s: string) => s.trim() === '';

/** What follows a figure's last numeral: `亿元` in `305.7亿元`, `%` in `19.6%`, ` per cent`. */
function unitOf(figure: string): string {
  return figure.replace(/^.*[0-9０-９零〇一二三四五六七八九十百千两.．]/s, '');
}

/**
 * Which removed figure became which added one, as index pairs, in reading
 * order. As many figures on each side: taken in order. Otherwise only
 * figures with the same unit are paired (`1524户` → `1542户`), so a figure
 * inserted beside an edited one is not shown as its replacement.
 */
function pairFigures(removed: DiffPart[], added: DiffPart[]): Array<[number, number]> {
  const r = removed.flatMap((p, i) => (p.figure ? [i] : []));
  const a = added.flatMap((p, i) => (p.figure ? [i] : []));
  if (r.length === a.length) return r.map((ri, k) => [ri, a[k]!]);
  const pairs: Array<[number, number]> = [];
  let from = 0;
  for (const ri of r) {
    const unit = unitOf(removed[ri]!.text);
    const k = a.findIndex((ai, k) => k >= from && unitOf(added[ai]!.text) === unit);
    if (k < 0) continue;
    pairs.push([ri, a[k]!]);
    from = k + 1;
  }
  return pairs;
}

/**
 * The pieces of one run of changes (removed parts, then added parts): a
 * figure that became another is shown as one replaced token
 * (`305.7亿元 → 306.1亿元`), the words around it struck or inserted as usual.
 */
function changePieces(removed: DiffPart[], added: DiffPart[], figures: FigureChange[]): Piece[] {
  const out: Piece[] = [];
  const plain = (kind: 'removed' | 'added', parts: DiffPart[]) => {
    for (const p of parts) {
      if (p.figure) out.push({ kind, text: p.text, figure: figures.push(kind === 'removed' ? { old: p.text } : { new: p.text }) - 1 });
      else out.push({ kind, text: p.text });
    }
  };
  let r = 0;
  let a = 0;
  for (const [ri, ai] of pairFigures(removed, added)) {
    plain('removed', removed.slice(r, ri));
    plain('added', added.slice(a, ai));
    const change = { old: removed[ri]!.text, new: added[ai]!.text };
    out.push({ kind: 'figure', ...change, figure: figures.push(change) - 1 });
    r = ri + 1;
    a = ai + 1;
  }
  plain('removed', removed.slice(r));
  plain('added', added.slice(a));
  return out;
}

function piecesOf(parts: readonly DiffPart[], figures: FigureChange[]): Piece[] {
  const out: Piece[] = [];
  for (let i = 0; i < parts.length; ) {
    if (parts[i]!.kind === 'same') {
      out.push({ kind: 'same', text: parts[i++]!.text });
      continue;
    }
    const removed: DiffPart[] = [];
    const added: DiffPart[] = [];
    for (; i < parts.length && parts[i]!.kind !== 'same'; i++) (parts[i]!.kind === 'removed' ? removed : added).push(parts[i]!);
    out.push(...changePieces(removed, added, figures));
  }
  return out;
}

function buildModel(diff: DisplayDiff): DiffModel {
  const m: DiffModel = { rows: [], figures: [], changed: 0, added: 0, removed: 0, moved: 0, blank: 0, oldOrdinal: new Map(), newOrdinal: new Map() };
  let oldN = 0;
  let newN = 0;
  const blankOnly = diff.paragraphs.every((p) => p.kind === 'same' || (p.kind !== 'changed' && isBlank(p.oldText + p.newText)));
  let run: ParagraphDiff[] = [];
  let runKey = 0;
  const closeRun = () => {
    const shown = run.filter((p) => !isBlank(p.oldText));
    // Folding a single paragraph saves little and hides the context of the change.
    if (shown.length === 1) m.rows.push({ type: 'same', key: runKey, p: shown[0]! });
    else if (shown.length > 1) m.rows.push({ type: 'unchanged', key: runKey, paragraphs: run });
    run = [];
  };
  diff.paragraphs.forEach((p, i) => {
    if (p.oldIndex !== null && !isBlank(p.oldText)) m.oldOrdinal.set(p.oldIndex, ++oldN);
    if (p.newIndex !== null && !isBlank(p.newText)) m.newOrdinal.set(p.newIndex, ++newN);
    if (p.kind === 'same') {
      if (run.length === 0) runKey = i;
      run.push(p);
      return;
    }
    if (p.kind !== 'changed' && isBlank(p.oldText + p.newText)) {
      m.blank++;
      if (!blankOnly) return;
    } else if (p.kind === 'changed') m.changed++;
    else if (p.movedTo !== undefined || p.movedFrom !== undefined) {
      // A move is one removed and one added paragraph; count it once.
      if (p.movedTo !== undefined) m.moved++;
    } else if (p.kind === 'added') m.added++;
    else m.removed++;
    closeRun();
    m.rows.push({ type: 'paragraph', key: i, p, pieces: piecesOf(p.parts, m.figures) });
  });
  closeRun();
  return m;
}

function summaryOf(m: DiffModel, t: (k: string, o?: Record<string, unknown>) => string): string {
  const pairs = m.figures.filter((f) => f.old !== undefined && f.new !== undefined).length;
  const figAdded = m.figures.filter((f) => f.old === undefined).length;
  const figRemoved = m.figures.filter((f) => f.new === undefined).length;
  const bits: string[] = [];
  if (m.changed) bits.push(t('history.diff.paragraphsChanged', { count: m.changed }));
  if (m.added) bits.push(t('history.diff.paragraphsAdded', { count: m.added }));
  if (m.removed) bits.push(t('history.diff.paragraphsRemoved', { count: m.removed }));
  if (m.moved) bits.push(t('history.diff.paragraphsMoved', { count: m.moved }));
  if (pairs) bits.push(t('history.diff.figuresChanged', { count: pairs }));
  if (figAdded) bits.push(t('history.diff.figuresAdded', { count: figAdded }));
  if (figRemoved) bits.push(t('history.diff.figuresRemoved', { count: figRemoved }));
  return bits.join(' · ');
}

/**
 * A readable diff of two texts, as editors know it from Word's "compare
 * documents": inline (deleted words struck through, inserted ones
 * underlined) or side by side (old left, new right, paragraphs aligned).
 * A figure that changed is one replaced token, emphasized and listed at the
 * top, since figures are what fact-checkers look at first. Unchanged
 * paragraphs fold away.
 */
export function DiffView({ diff, label, oldLabel, newLabel, removedLabel, addedLabel, mode, defaultMode = 'inline', onModeChange, modeToggle = true }: DiffViewProps) {
  const { t } = useTranslation();
  const [ownMode, setOwnMode] = useState<DiffMode>(defaultMode);
  const shown = mode ?? ownMode;
  const setMode = (next: DiffMode) => {
    setOwnMode(next);
    onModeChange?.(next);
  };
  const model = useMemo(() => buildModel(diff), [diff]);
  // Unfolded runs belong to one diff; a new diff starts folded.
  const [unfolded, setUnfolded] = useState<{ diff: DisplayDiff; keys: ReadonlySet<number>; all: boolean }>({ diff, keys: new Set(), all: false });
  const open = unfolded.diff === diff ? unfolded : { diff, keys: new Set<number>(), all: false };
  const body = useRef<HTMLDivElement>(null);

  const unfold = (key: number) => setUnfolded({ ...open, keys: new Set([...open.keys, key]) });
  const folds = model.rows.filter((r) => r.type === 'unchanged');
  const hasFolds = folds.length > 0;
  const allOpen = open.all || folds.every((r) => open.keys.has(r.key));
  const same = model.rows.every((r) => r.type !== 'paragraph');
  const summary = summaryOf(model, t);

  const showFigure = (i: number) => {
    const el = body.current?.querySelector<HTMLElement>(`[data-figure="${i}"]`);
    if (!el) return;
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    el.classList.remove('diff-flash');
    void el.offsetWidth;
    el.classList.add('diff-flash');
  };

  const moveNote = (p: ParagraphDiff): ReactNode => {
    if (p.movedTo !== undefined) return <span className="diff-move">{t('history.diff.movedTo', { n: model.newOrdinal.get(p.movedTo) ?? p.movedTo + 1 })}</span>;
    if (p.movedFrom !== undefined) return <span className="diff-move">{t('history.diff.movedFrom', { n: model.oldOrdinal.get(p.movedFrom) ?? p.movedFrom + 1 })}</span>;
    return null;
  };

  const pieceNode = (x: Piece, k: number, side: 'old' | 'new' | 'both'): ReactNode => {
    if (x.kind === 'figure') {
      if (side === 'old')
        return (
          <del key={k} className="diff-fig" data-figure={x.figure}>
            {x.old}
          </del>
        );
      if (side === 'new')
        return (
          <ins key={k} className="diff-fig" data-figure={x.figure}>
            {x.new}
          </ins>
        );
      return (
        <span key={k} className="diff-fig-change" role="group" aria-label={t('history.diff.figureChange', { old: x.old, new: x.new })} data-figure={x.figure}>
          <del>{x.old}</del>
          <span className="diff-arrow" aria-hidden="true">
            →
          </span>
          <ins>{x.new}</ins>
        </span>
      );
    }
    if (x.kind === 'same') return <span key={k}>{x.text}</span>;
    if ((x.kind === 'removed' && side === 'new') || (x.kind === 'added' && side === 'old')) return null;
    const Tag = x.kind === 'removed' ? 'del' : 'ins';
    return (
      <Tag key={k} className={x.figure !== undefined ? 'diff-fig' : undefined} data-figure={x.figure}>
        {x.text}
      </Tag>
    );
  };

  const paragraphText = (p: ParagraphDiff, pieces: Piece[], side: 'old' | 'new' | 'both'): ReactNode => {
    const text = side === 'old' ? p.oldText : side === 'new' ? p.newText : p.oldText + p.newText;
    if (isBlank(text) && p.kind !== 'changed') return <span className="diff-blank">{t('history.diff.emptyLine')}</span>;
    return pieces.map((x, k) => pieceNode(x, k, side));
  };

  const foldButton = (r: Extract<Row, { type: 'unchanged' }>) => {
    const count = r.paragraphs.filter((p) => !isBlank(p.oldText)).length;
    return (
      <button className="diff-fold" aria-expanded={false} onClick={() => unfold(r.key)}>
        {t('history.diff.unchanged', { count })}
      </button>
    );
  };

  const unfoldedRun = (r: Extract<Row, { type: 'unchanged' }>) => allOpen || open.keys.has(r.key);

  const sameInline = (p: ParagraphDiff, key: string | number) => (
    <p key={key} className="diff-para diff-para-same">
      {p.oldText}
    </p>
  );
  const sameRow = (p: ParagraphDiff, key: string | number) => (
    <tr key={key} className="diff-row-same">
      <td>{p.oldText}</td>
      <td>{p.newText}</td>
    </tr>
  );

  const inline = (
    <div className="diff-inline">
      {model.rows.map((r) => {
        if (r.type === 'same') return sameInline(r.p, r.key);
        if (r.type === 'unchanged') {
          if (!unfoldedRun(r)) return <div key={r.key}>{foldButton(r)}</div>;
          return r.paragraphs.filter((p) => !isBlank(p.oldText)).map((p) => sameInline(p, `${r.key}:${p.oldIndex}`));
        }
        const { p } = r;
        const moved = p.movedTo !== undefined || p.movedFrom !== undefined;
        return (
          <p key={r.key} className={`diff-para diff-para-${p.kind}${moved ? ' diff-para-moved' : ''}`}>
            {moveNote(p)}
            {paragraphText(p, r.pieces, 'both')}
          </p>
        );
      })}
    </div>
  );

  const side = (
    <table className="diff-side">
      <colgroup>
        <col />
        <col />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">{oldLabel}</th>
          <th scope="col">{newLabel}</th>
        </tr>
      </thead>
      <tbody>
        {model.rows.map((r) => {
          if (r.type === 'same') return sameRow(r.p, r.key);
          if (r.type === 'unchanged') {
            if (!unfoldedRun(r))
              return (
                <tr key={r.key} className="diff-row-fold">
                  <td colSpan={2}>{foldButton(r)}</td>
                </tr>
              );
            return r.paragraphs.filter((p) => !isBlank(p.oldText)).map((p) => sameRow(p, `${r.key}:${p.oldIndex}`));
          }
          const { p } = r;
          const moved = p.movedTo !== undefined || p.movedFrom !== undefined;
          return (
            <tr key={r.key} className={`diff-row-${p.kind}${moved ? ' diff-row-moved' : ''}`}>
              <td className={p.oldIndex === null ? 'diff-cell-empty' : 'diff-cell-old'}>
                {p.oldIndex !== null ? (
                  <>
                    {p.movedTo !== undefined ? moveNote(p) : null}
                    {paragraphText(p, r.pieces, 'old')}
                  </>
                ) : null}
              </td>
              <td className={p.newIndex === null ? 'diff-cell-empty' : 'diff-cell-new'}>
                {p.newIndex !== null ? (
                  <>
                    {p.movedFrom !== undefined ? moveNote(p) : null}
                    {paragraphText(p, r.pieces, 'new')}
                  </>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );

  return (
    <section className={`diff-view diff-mode-${shown}`} aria-label={label}>
      {same ? (
        <p className="diff-note">{t('history.diff.noChanges')}</p>
      ) : (
        <>
          <div className="diff-toolbar">
            {modeToggle ? <DiffModeToggle mode={shown} onChange={setMode} /> : null}
            <span className="spacer" />
            {hasFolds ? (
              <button className="link-button" aria-pressed={allOpen} onClick={() => setUnfolded(allOpen ? { diff, keys: new Set(), all: false } : { diff, keys: open.keys, all: true })}>
                {allOpen ? t('history.diff.hideUnchanged') : t('history.diff.showAll')}
              </button>
            ) : null}
          </div>
          <div className="diff-summary-row">
            <p className="diff-summary">{summary || t('history.diff.blankOnly')}</p>
            {shown === 'inline' ? (
              <span className="diff-legend" aria-hidden="true">
                <del>{removedLabel ?? t('history.diff.removed')}</del>
                <ins>{addedLabel ?? t('history.diff.added')}</ins>
              </span>
            ) : null}
          </div>
          {model.figures.length ? (
            <div className="diff-figures">
              <span className="diff-figures-label">{t('history.diff.figures')}</span>
              {model.figures.map((f, i) => (
                <button key={i} className="diff-figure-chip" onClick={() => showFigure(i)}>
                  {f.old !== undefined ? <del>{f.old}</del> : null}
                  {f.old !== undefined && f.new !== undefined ? <span aria-hidden="true"> → </span> : null}
                  {f.new !== undefined ? <ins>{f.new}</ins> : null}
                </button>
              ))}
            </div>
          ) : null}
          {diff.fellBack ? (
            <p className="diff-note diff-note-warn" role="note">
              {t('history.diff.fellBack')}
            </p>
          ) : null}
          <div className="diff-body" ref={body}>
            {shown === 'inline' ? inline : side}
          </div>
        </>
      )}
    </section>
  );
}

/** The inline / side-by-side switch, for a view that shows several diffs in one mode. */
export function DiffModeToggle({ mode, onChange }: { mode: DiffMode; onChange: (mode: DiffMode) => void }) {
  const { t } = useTranslation();
  return (
    <div className="diff-modes" role="group" aria-label={t('history.diff.view')}>
      {(['inline', 'side'] as const).map((m) => (
        <button key={m} className={mode === m ? 'diff-mode active' : 'diff-mode'} aria-pressed={mode === m} onClick={() => onChange(m)}>
          {t(`history.diff.${m}`)}
        </button>
      ))}
    </div>
  );
}
