/**
 * Markdown as an editor sees it: in `.md` articles headings, emphasis,
 * links, lists, quotes and code are styled in place (CodeMirror's Markdown
 * language and a highlighter), while every character — `#`, `**`, `>` —
 * stays in the text, so the file is saved byte for byte as it was. Claims
 * and their marks work the same inside styled text.
 *
 * The highlighter gives each kind a class of its own (`md-*`); styles.css
 * draws them, with the colours of both themes beside the rest of the app's.
 */
import { markdown } from '@codemirror/lang-markdown';
import { syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { styleTags, tagHighlighter, Tag, tags } from '@lezer/highlight';

/** A list's bullet or number: a mark like `#` or `**`, drawn a little stronger, since it is what shows the list. */
const listMark = Tag.define(tags.processingInstruction);

const highlighter = tagHighlighter([
  { tag: tags.heading1, class: 'md-heading md-heading1' },
  { tag: tags.heading2, class: 'md-heading md-heading2' },
  { tag: tags.heading3, class: 'md-heading md-heading3' },
  { tag: [tags.heading4, tags.heading5, tags.heading6], class: 'md-heading' },
  { tag: tags.strong, class: 'md-strong' },
  { tag: tags.emphasis, class: 'md-emphasis' },
  { tag: tags.strikethrough, class: 'md-strike' },
  { tag: tags.link, class: 'md-link' },
  { tag: tags.url, class: 'md-url' },
  { tag: tags.quote, class: 'md-quote' },
  { tag: tags.monospace, class: 'md-code' },
  // The marks themselves (#, **, >) are shown quietly: present, but not what the eye reads. A list's
  // words are the article's words: only its marker is styled.
  { tag: listMark, class: 'md-mark md-list-mark' },
  { tag: [tags.processingInstruction, tags.contentSeparator], class: 'md-mark' },
]);

/** The editor extensions for an article of this format: Markdown styling for `.md`, nothing for `.txt`/`.html`. */
export function formatExtensions(format: string): Extension[] {
  return format === 'md' ? [markdown({ extensions: { props: [styleTags({ ListMark: listMark })] } }), syntaxHighlighting(highlighter)] : [];
}
