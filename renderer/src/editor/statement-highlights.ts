/**
 * Statements (awards, rankings, firsts, quotes, endorsements…) marked
 * quietly in the text — a dotted underline and a small sign, never colour
 * alone — until a checker accepts them as claims. Drawn for the visible lines
 * only, each line's statements remembered by its text, so typing in a long
 * article costs the lines in view, not the article (shared/statements is
 * line by line, like the claim engine).
 */
import { RangeSetBuilder } from '@codemirror/state';
import type { EditorView} from '@codemirror/view';
import { Decoration, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { detectStatements, type DetectedStatement, type StatementCategory } from '../../../shared/statements/index.js';

/** Statements of one line's text (offsets within the line), kept while that text is seen. */
class LineStatements {
  private cache = new Map<string, DetectedStatement[]>();
  private next = new Map<string, DetectedStatement[]>();

  of(line: string): DetectedStatement[] {
    let hit = this.next.get(line) ?? this.cache.get(line);
    if (!hit) hit = detectStatements(line);
    this.next.set(line, hit);
    return hit;
  }

  /** Forgets lines not looked at since the last call (the cache stays the size of the view). */
  sweep(): void {
    this.cache = this.next;
    this.next = new Map();
  }
}

class StatementMarks {
  decorations: DecorationSet;
  private readonly lines = new LineStatements();
  private readonly marks = new Map<StatementCategory, Decoration>();

  constructor(
    view: EditorView,
    private readonly describe: (c: StatementCategory) => string,
  ) {
    this.decorations = this.build(view);
  }

  update(u: ViewUpdate): void {
    if (u.docChanged || u.viewportChanged) this.decorations = this.build(u.view);
  }

  private markOf(category: StatementCategory): Decoration {
    let m = this.marks.get(category);
    if (!m) {
      m = Decoration.mark({ class: `cm-statement cm-statement-${category}`, attributes: { 'data-statement': category, title: this.describe(category) } });
      this.marks.set(category, m);
    }
    return m;
  }

  private build(view: EditorView): DecorationSet {
    const b = new RangeSetBuilder<Decoration>();
    const doc = view.state.doc;
    let done = 0;
    for (const { from, to } of view.visibleRanges) {
      for (let pos = from; pos <= to; ) {
        const line = doc.lineAt(pos);
        pos = line.to + 1;
        // Ranges split by a fold can share a line: each line once, in order.
        if (line.number <= done) continue;
        done = line.number;
        for (const st of this.lines.of(line.text)) b.add(line.from + st.start, line.from + st.end, this.markOf(st.category));
      }
    }
    this.lines.sweep();
    return b.finish();
  }
}

/** The extension; `describe` names a category in the UI language (the mark's tooltip). */
export function statementHighlighting(opts: { describe: (c: StatementCategory) => string }) {
  return ViewPlugin.define((view) => new StatementMarks(view, opts.describe), { decorations: (v) => v.decorations });
}
