/**
 * The peer of `npm run bench browser`: CodeMirror 6 alone (the same packages and the editor
 * extensions FactDesk's article view starts from — history, drawn selection, active line,
 * selection matches, wrapping, the default keymap — with no claims, statements, suggestions,
 * panel or React) showing the same article in the same Chromium. What a key costs here is the
 * floor FactDesk's editor stands on; the bench reports both side by side.
 */
import { EditorState } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, keymap } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { highlightSelectionMatches } from '@codemirror/search';

(window as unknown as { openBare: (text: string) => void }).openBare = (text: string) => {
  new EditorView({
    parent: document.getElementById('host')!,
    state: EditorState.create({
      doc: text,
      extensions: [history(), drawSelection(), highlightActiveLine(), highlightSelectionMatches(), EditorView.lineWrapping, keymap.of([...defaultKeymap, ...historyKeymap])],
    }),
  });
};
