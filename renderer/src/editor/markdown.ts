/**
 * Markdown as an editor sees it: in `.md` articles headings, emphasis,
 * links, lists, quotes and code are styled in place (CodeMirror's Markdown
 * language and a highlight style), while every character — `#`, `**`, `>` —
 * stays in the text, so the file is saved byte for byte as it was. Claims
 * and their marks work the same inside styled text.
 */
import { markdown } from '@codemirror/lang-markdown';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { tags } from '@lezer/highlight';

const style = HighlightStyle.define([
  { tag: tags.heading1, fontSize: '1.5em', fontWeight: '700', lineHeight: '1.4' },
  { tag: tags.heading2, fontSize: '1.3em', fontWeight: '700' },
  { tag: tags.heading3, fontSize: '1.15em', fontWeight: '700' },
  { tag: [tags.heading4, tags.heading5, tags.heading6], fontWeight: '700' },
  { tag: tags.strong, fontWeight: '700' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.strikethrough, textDecoration: 'line-through' },
  { tag: tags.link, color: 'var(--md-link, #1a56c4)', textDecoration: 'underline' },
  { tag: tags.url, color: 'var(--md-url, #5f6368)' },
  { tag: tags.quote, color: 'var(--md-quote, #4a4f57)', fontStyle: 'italic' },
  { tag: tags.monospace, fontFamily: 'ui-monospace, "Noto Sans Mono CJK SC", monospace', backgroundColor: 'var(--md-code-bg, rgba(127,127,127,0.12))' },
  // The marks themselves (#, **, >, -) are shown quietly: present, but not what the eye reads.
  { tag: [tags.processingInstruction, tags.contentSeparator], color: 'var(--md-mark, #9aa0a6)' },
  { tag: tags.list, color: 'var(--md-mark, #9aa0a6)' },
]);

/** The editor extensions for an article of this format: Markdown styling for `.md`, nothing for `.txt`/`.html`. */
export function formatExtensions(format: string): Extension[] {
  return format === 'md' ? [markdown(), syntaxHighlighting(style)] : [];
}
