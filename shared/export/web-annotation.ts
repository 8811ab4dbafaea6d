/**
 * W3C Web Annotation (https://www.w3.org/TR/annotation-model/) export and
 * import of claims. Each claim is an `Annotation` whose target is the
 * article with a TextQuoteSelector and a TextPositionSelector; its bodies
 * say the status, the normalized value, the verdict, the sources and the
 * discussion in the model's own terms (tagging, describing, assessing,
 * linking, commenting), so other tools can read them, plus one
 * `application/json` body that carries the claim's fields exactly, so a
 * FactDesk import loses nothing.
 */
import { claimStatuses, type Claim, type ClaimComment, type ClaimSource, type ClaimStatus } from '../annotations.js';
import { reanchor, type AnchorCandidate, type TextAnchor } from '../anchoring/index.js';
import { claimKinds, type ClaimKind } from '../claims/index.js';
import { textHash } from '../revisions/index.js';
import { hasVerdict } from './claim-review.js';
import { claimRecord, type ClaimRecord, type ExportArticle } from './types.js';

export const annotationContext = 'http://www.w3.org/ns/anno.jsonld';

/** The `format` of the body that carries a claim's fields for a lossless FactDesk round trip. */
export const claimBodyFormat = 'application/json';
const claimBodyMarker = 'factdesk-claim';

export interface WebAnnotationOptions {
  /** The IRI of the article, when it has no publication URL: default `urn:factdesk:article:<id>`. */
  source?: string;
  /** The application that made the file (name and version). */
  generator?: { name: string; version: string };
  /** When the file is made; default now. */
  generated?: string;
}

/**
 * A UUID (version 8, RFC 9562 "custom") derived from the article and claim
 * ids, so exporting the same claim again gives the same annotation id and an
 * annotation server updates it rather than adding a copy.
 */
export function annotationId(articleId: string, claimId: string): string {
  const key = `${articleId}/${claimId}`;
  const hex = (textHash(key) + textHash(`factdesk:${key}`)).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** UTF-16 offset → Unicode code point offset (the Web Annotation model counts characters). */
export function toCodePoints(text: string, offset: number): number {
  let n = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    n++;
  }
  return n;
}

/** Unicode code point offset → UTF-16 offset. */
export function fromCodePoints(text: string, points: number): number {
  let i = 0;
  for (let n = 0; n < points && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return i;
}

function articleSource(article: ExportArticle, options: WebAnnotationOptions): string {
  return options.source ?? article.url ?? `urn:factdesk:article:${article.id}`;
}

function person(name: string): Record<string, string> {
  return { type: 'Person', name };
}

/** The value of a claim as `describing` body text: `30570000000 CNY`. */
function valueText(c: Claim): string | null {
  if (c.value === null) return null;
  return c.unit ? `${c.value} ${c.unit}` : String(c.value);
}

/** One claim as a W3C Web Annotation. */
export function claimAnnotation(article: ExportArticle, claim: Claim, options: WebAnnotationOptions = {}): Record<string, unknown> {
  const { text } = article;
  const { anchor } = claim;
  const selectors: Record<string, unknown>[] = [{ type: 'TextQuoteSelector', exact: anchor.quote, prefix: anchor.prefix, suffix: anchor.suffix }];
  // Offsets are only worth giving when they point at the quote in this text.
  if (!claim.detached && text.slice(anchor.start, anchor.end) === anchor.quote) {
    selectors.push({ type: 'TextPositionSelector', start: toCodePoints(text, anchor.start), end: toCodePoints(text, anchor.end) });
  }
  const body: Record<string, unknown>[] = [{ type: 'TextualBody', purpose: 'tagging', value: claim.status, format: 'text/plain' }];
  const value = valueText(claim);
  if (value !== null) body.push({ type: 'TextualBody', purpose: 'describing', value, format: 'text/plain' });
  if (hasVerdict(claim.status) && claim.verdictNote.trim()) body.push({ type: 'TextualBody', purpose: 'assessing', value: claim.verdictNote, format: 'text/plain' });
  for (const s of claim.sources) {
    // An External Web Resource may not carry a purpose itself (model 3.3.5); a SpecificResource around it can.
    if (/^https?:\/\//i.test(s.url)) body.push({ type: 'SpecificResource', purpose: 'linking', source: s.url });
  }
  for (const m of claim.comments) {
    body.push({ type: 'TextualBody', purpose: 'commenting', value: m.text, format: 'text/plain', creator: person(m.author), created: m.at });
  }
  body.push({ type: 'TextualBody', purpose: 'describing', format: claimBodyFormat, value: JSON.stringify({ [claimBodyMarker]: 1, id: claim.id, ...claimRecord(claim) }) });
  const annotation: Record<string, unknown> = {
    '@context': annotationContext,
    id: annotationId(article.id, claim.id),
    type: 'Annotation',
    motivation: hasVerdict(claim.status) ? 'assessing' : 'highlighting',
    creator: person(claim.createdBy || 'FactDesk'),
    created: claim.createdAt,
    modified: claim.updatedAt,
    body,
    target: { type: 'SpecificResource', source: articleSource(article, options), selector: selectors },
  };
  if (options.generator) annotation.generator = { type: 'Software', name: `${options.generator.name} ${options.generator.version}` };
  if (options.generated) annotation.generated = options.generated;
  return annotation;
}

/**
 * An article's claims (deleted ones left out) as a W3C `AnnotationCollection`
 * with every annotation in its first and only page.
 */
export function annotationCollection(article: ExportArticle, claims: readonly Claim[], options: WebAnnotationOptions = {}): Record<string, unknown> {
  const generated = options.generated ?? new Date().toISOString();
  const items = claims
    .filter((c) => !c.deleted)
    .sort((a, b) => a.anchor.start - b.anchor.start)
    .map((c) => claimAnnotation(article, c, { ...options, generated }));
  const id = annotationId(article.id, 'collection');
  return {
    '@context': annotationContext,
    id,
    type: 'AnnotationCollection',
    label: article.title,
    total: items.length,
    first: { id: `${id}#page1`, type: 'AnnotationPage', startIndex: 0, items },
  };
}

// ---------------------------------------------------------------- import

/** A claim read from a Web Annotation file, before it is placed in the text. */
export interface ImportedClaim extends ClaimRecord {
  /** The annotation's id (an IRI), or null when it had none. */
  annotationId: string | null;
  /** The FactDesk claim id, when the file came from FactDesk. */
  claimId: string | null;
  /** Quote and context from the TextQuoteSelector; offsets from the TextPositionSelector (UTF-16 of the text), or -1 when none. */
  anchor: TextAnchor;
  /** Offsets in code points as the file gave them, converted against the text when placed. */
  position: { start: number; end: number } | null;
}

/** What reading a Web Annotation file gave: the claims, and the annotations passed over (no TextQuoteSelector) with why. */
export interface WebAnnotationImport {
  claims: ImportedClaim[];
  skipped: Array<{ annotationId: string | null; reason: string }>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const hasType = (v: Json, type: string): boolean => list(v.type ?? v['@type']).includes(type);

/** Every Annotation in a parsed file: a single one, an array, a collection with pages, or a JSON-LD `@graph`. */
function annotationsIn(data: unknown, out: Json[] = [], depth = 0): Json[] {
  if (depth > 8) return out;
  if (Array.isArray(data)) {
    for (const d of data) annotationsIn(d, out, depth + 1);
    return out;
  }
  if (!isObject(data)) return out;
  if (hasType(data, 'Annotation') || hasType(data, 'oa:Annotation')) {
    out.push(data);
    return out;
  }
  for (const key of ['@graph', 'items', 'first', 'next', 'annotations']) {
    if (key in data) annotationsIn(data[key], out, depth + 1);
  }
  return out;
}

function agentName(v: unknown): string {
  const first = list(v)[0];
  if (typeof first === 'string') return first;
  if (isObject(first)) return str(first.name) || str(first.nickname) || str(first.id);
  return '';
}

function readSelectors(target: unknown): { quote: Json | null; position: Json | null } {
  for (const t of list(target)) {
    if (!isObject(t)) continue;
    const selectors = list(t.selector).filter(isObject);
    // A RangeSelector or refinedBy chain is beyond a plain-text article; the quote is enough.
    const quote = selectors.find((s) => hasType(s, 'TextQuoteSelector')) ?? null;
    if (!quote) continue;
    const position = selectors.find((s) => hasType(s, 'TextPositionSelector')) ?? null;
    return { quote, position };
  }
  return { quote: null, position: null };
}

function isStatus(v: string): v is ClaimStatus {
  return (claimStatuses as readonly string[]).includes(v);
}

function ownClaimBody(bodies: Json[]): Json | null {
  for (const b of bodies) {
    if (str(b.format) !== claimBodyFormat || typeof b.value !== 'string') continue;
    try {
      const data: unknown = JSON.parse(b.value);
      if (isObject(data) && data[claimBodyMarker] === 1) return data;
    } catch {
      // Another tool's JSON body: read the rest of the annotation as it is.
    }
  }
  return null;
}

function readSources(v: unknown): ClaimSource[] {
  return list(v)
    .filter(isObject)
    .map((s, i) => ({
      id: str(s.id, `s${i}`),
      title: str(s.title),
      url: str(s.url),
      publisher: str(s.publisher),
      accessed: str(s.accessed),
      quote: str(s.quote),
      note: str(s.note),
      addedBy: str(s.addedBy),
      addedAt: str(s.addedAt),
    }));
}

function readComments(v: unknown): ClaimComment[] {
  return list(v)
    .filter(isObject)
    .map((m, i) => ({ id: str(m.id, `m${i}`), author: str(m.author), at: str(m.at), text: str(m.text) }));
}

/**
 * Reads a Web Annotation file (FactDesk's own, or another tool's annotations
 * that select text with a TextQuoteSelector) into claims to be placed.
 * FactDesk's own files come back with every field; others' give a claim per
 * annotation with its comments (`commenting` or untyped text bodies, or
 * `bodyValue`), its `linking` bodies as sources and a status tag if one of
 * FactDesk's statuses is among its `tagging` bodies (else `unchecked`).
 */
export function readWebAnnotations(data: unknown): WebAnnotationImport {
  const result: WebAnnotationImport = { claims: [], skipped: [] };
  for (const a of annotationsIn(data)) {
    const id = typeof a.id === 'string' ? a.id : typeof a['@id'] === 'string' ? (a['@id'] as string) : null;
    const { quote, position } = readSelectors(a.target);
    if (!quote || typeof quote.exact !== 'string' || quote.exact === '') {
      result.skipped.push({ annotationId: id, reason: 'no TextQuoteSelector' });
      continue;
    }
    const bodies = list(a.body).filter(isObject);
    const own = ownClaimBody(bodies);
    const creator = agentName(a.creator);
    const created = str(a.created);
    const modified = str(a.modified, created);
    const pos =
      position && Number.isInteger(position.start) && Number.isInteger(position.end) && (position.start as number) <= (position.end as number)
        ? { start: position.start as number, end: position.end as number }
        : null;
    const claim: ImportedClaim = {
      annotationId: id,
      claimId: null,
      anchor: { start: -1, end: -1, quote: quote.exact, prefix: str(quote.prefix), suffix: str(quote.suffix) },
      position: pos,
      kind: 'other',
      value: null,
      unit: null,
      status: 'unchecked',
      verdictNote: '',
      note: '',
      assignee: null,
      sources: [],
      comments: [],
      createdBy: creator,
      createdAt: created,
      updatedBy: creator,
      updatedAt: modified,
    };
    if (own) {
      claim.claimId = str(own.id) || null;
      if ((claimKinds as readonly string[]).includes(str(own.kind))) claim.kind = own.kind as ClaimKind;
      claim.value = typeof own.value === 'number' && Number.isFinite(own.value) ? own.value : null;
      claim.unit = typeof own.unit === 'string' ? own.unit : null;
      if (isStatus(str(own.status))) claim.status = own.status as ClaimStatus;
      claim.verdictNote = str(own.verdictNote);
      claim.note = str(own.note);
      claim.assignee = typeof own.assignee === 'string' ? own.assignee : null;
      claim.sources = readSources(own.sources);
      claim.comments = readComments(own.comments);
      claim.createdBy = str(own.createdBy, creator);
      claim.createdAt = str(own.createdAt, created);
      claim.updatedBy = str(own.updatedBy, creator);
      claim.updatedAt = str(own.updatedAt, modified);
    } else {
      readForeignBodies(a, bodies, claim);
    }
    result.claims.push(claim);
  }
  return result;
}

function readForeignBodies(a: Json, bodies: Json[], claim: ImportedClaim): void {
  const notes: string[] = [];
  if (typeof a.bodyValue === 'string') claim.comments.push({ id: 'm0', author: claim.createdBy, at: claim.createdAt, text: a.bodyValue });
  for (const b of bodies) {
    const purpose = list(b.purpose).map((p) => str(p));
    const value = typeof b.value === 'string' ? b.value : null;
    if (value !== null && purpose.includes('tagging') && isStatus(value)) {
      claim.status = value;
    } else if (value !== null && purpose.includes('assessing')) {
      claim.verdictNote = value;
    } else if (value !== null && (purpose.length === 0 || purpose.includes('commenting') || purpose.includes('replying'))) {
      claim.comments.push({ id: `m${claim.comments.length}`, author: agentName(b.creator) || claim.createdBy, at: str(b.created, claim.createdAt), text: value });
    } else if (value !== null) {
      notes.push(value);
    } else {
      // An External Web Resource (its id) or a SpecificResource on one (its source) is a source the annotator linked.
      const source = hasType(b, 'SpecificResource') ? (isObject(b.source) ? b.source.id : b.source) : b.id;
      if (typeof source === 'string' && /^https?:\/\//i.test(source)) {
        claim.sources.push({ id: `s${claim.sources.length}`, title: str(b.title), url: source, publisher: '', accessed: '', quote: '', note: '', addedBy: claim.createdBy, addedAt: claim.createdAt });
      }
    }
  }
  claim.note = notes.join('\n');
}

/** Where an imported claim ended up in the text. */
export type PlacedClaim =
  | { claim: ImportedClaim; placement: 'attached'; anchor: TextAnchor }
  | { claim: ImportedClaim; placement: 'orphan'; anchor: TextAnchor; at: number }
  | { claim: ImportedClaim; placement: 'ambiguous'; anchor: TextAnchor; candidates: AnchorCandidate[] };

/**
 * Places imported claims in `text` with the one anchoring routine
 * (`reanchor`): a claim whose position still holds its quote stays there;
 * otherwise its quote and context are looked for. What cannot be placed comes
 * back as `orphan` or `ambiguous`, to be stored as a detached claim — never dropped.
 */
export function placeImportedClaims(claims: readonly ImportedClaim[], text: string): PlacedClaim[] {
  const anchors = claims.map((c) => {
    const start = c.position ? fromCodePoints(text, c.position.start) : -1;
    const end = c.position ? fromCodePoints(text, c.position.end) : -1;
    return { ...c.anchor, start, end };
  });
  // The text is both "old" and "new": offsets that hold the quote are kept, the rest found by quote + context.
  const outcomes = reanchor(anchors, text, text);
  return outcomes.map((o, i) => {
    const claim = claims[i]!;
    switch (o.status) {
      case 'unchanged':
      case 'moved':
        return { claim, placement: 'attached', anchor: o.anchor };
      case 'ambiguous':
        return { claim, placement: 'ambiguous', anchor: unplaced(o.anchor), candidates: o.candidates };
      case 'orphan':
        return { claim, placement: 'orphan', anchor: unplaced(o.anchor), at: o.at };
      case 'figure-changed':
        // Only when the offsets already hold other words: not this claim's, so it waits to be placed by hand.
        return { claim, placement: 'orphan', anchor: unplaced(anchors[i]!), at: o.anchor.start };
    }
  });
}

/** A detached claim keeps its quote and context; offsets the file did not give become 0. */
function unplaced(anchor: TextAnchor): TextAnchor {
  return anchor.start < 0 ? { ...anchor, start: 0, end: 0 } : anchor;
}
