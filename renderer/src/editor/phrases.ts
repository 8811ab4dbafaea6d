/**
 * CodeMirror's own words (the find panel, go-to-line, screen-reader
 * announcements) in the UI language, from the i18n catalogue's `codemirror`
 * strings. CodeMirror looks a phrase up by its English text.
 */
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import type { TFunction } from 'i18next';

const catalogueKeys: Record<string, string> = {
  Find: 'find',
  Replace: 'replace',
  next: 'next',
  previous: 'previous',
  all: 'all',
  'match case': 'matchCase',
  regexp: 'regexp',
  'by word': 'byWord',
  replace: 'replaceOne',
  'replace all': 'replaceAll',
  close: 'close',
  'Go to line': 'goToLine',
  go: 'go',
  'replaced match on line $': 'replacedOnLine',
  'replaced $ matches': 'replacedCount',
  'current match': 'currentMatch',
  'on line': 'onLine',
  'Selection deleted': 'selectionDeleted',
  'Control character': 'controlCharacter',
};

/** Holds the phrases, so a switch of the UI language reconfigures an open editor. */
export const phrasesCompartment = new Compartment();

/** `EditorState.phrases` for the language `t` translates into. */
export function editorPhrases(t: TFunction): Extension {
  return EditorState.phrases.of(Object.fromEntries(Object.entries(catalogueKeys).map(([phrase, key]) => [phrase, t(`codemirror.${key}`)])));
}
