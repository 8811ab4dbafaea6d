import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClaimSource } from '../../../shared/annotations.js';
import { FactDeskError, toErrorPayload } from '../../../shared/errors.js';
import { kindOfMediaType, maxEvidenceBytes, mediaTypeEssence, type EvidenceRef } from '../../../shared/evidence.js';
import { describeError } from '../../../shared/i18n/index.js';
import { client, keptCopyUrl } from '../client.js';
import { WideDialog } from './WideDialog.js';

function formatSize(bytes: number, lang: string): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'megabyte'] : bytes >= 1024 ? [bytes / 1024, 'kilobyte'] : [bytes, 'byte'];
  // "463 bytes" rather than "463 byte"; kB and MB are read as abbreviations anyway.
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: unit === 'byte' ? 'long' : 'short', maximumFractionDigits: 1 }).format(value);
}

function formatWhen(iso: string, lang: string): string {
  return new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The kind of copy in words a checker knows: "PDF", "HTML", "PNG". */
function kindLabel(ref: EvidenceRef): string {
  return (kindOfMediaType(ref.mediaType)?.ext ?? mediaTypeEssence(ref.mediaType)).toUpperCase();
}

/** The place in the source and, when FactDesk keeps a copy, what it is and a way to open it. */
export function SourceEvidence({ source }: { source: ClaimSource }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const ref = source.evidence;
  return (
    <>
      {source.locator ? <div className="muted">{t('evidence.located', { locator: source.locator })}</div> : null}
      {ref ? (
        <div className="kept-copy" aria-label={t('evidence.kept')}>
          <button className="link-button" onClick={() => setOpen(true)}>
            {t('evidence.open')}
          </button>
          <span className="muted">
            {[kindLabel(ref), formatSize(ref.size, i18n.language), t('evidence.accessed', { when: formatWhen(ref.accessedAt, i18n.language) })].join(' · ')}
          </span>
        </div>
      ) : null}
      {open && ref ? <EvidenceViewer source={source} evidence={ref} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

/**
 * The kept copy, from the workspace (never from the web): a page in a frame
 * with no script (the frame's sandbox and the host's CSP both say so), a PDF
 * in the browser's viewer, an image as an image, a spreadsheet to download.
 * Checked first, so a copy changed on disk is reported in words, not shown.
 */
function EvidenceViewer({ source, evidence, onClose }: { source: ClaimSource; evidence: EvidenceRef; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<'checking' | 'intact' | string>('checking');
  useEffect(() => {
    let live = true;
    client['evidence.info']({ hash: evidence.hash }).then(
      (info) => live && setState(info.intact ? 'intact' : describeError(i18n, { code: 'evidence-damaged', message: '', params: { hash: evidence.hash.slice(0, 12) } })),
      (e: unknown) => live && setState(describeError(i18n, toErrorPayload(e))),
    );
    return () => {
      live = false;
    };
  }, [evidence.hash, i18n]);
  const url = keptCopyUrl(evidence);
  const kind = kindOfMediaType(evidence.mediaType);
  const title = t('evidence.viewerTitle', { name: source.title || evidence.name });
  const address = evidence.origin === 'url' ? (evidence.finalUrl ?? evidence.name) : evidence.name;
  return (
    <WideDialog
      title={title}
      onClose={onClose}
      footer={
        <div className="row">
          <span className="muted">
            {[t('evidence.from', { address }), t('evidence.accessed', { when: formatWhen(evidence.accessedAt, i18n.language) })].join(' · ')}
          </span>
          <span className="spacer" />
          {state === 'intact' && client.host === 'browser' ? (
            <a href={url} target="_blank" rel="noopener noreferrer">
              {kind?.inline === false ? t('evidence.download') : t('evidence.openNewTab')}
            </a>
          ) : null}
          <button onClick={onClose}>{t('evidence.close')}</button>
        </div>
      }
    >
      {source.quote ? <blockquote className="kept-quote">{source.quote}</blockquote> : null}
      {state === 'checking' ? <p className="muted">{t('evidence.checking')}</p> : null}
      {state !== 'checking' && state !== 'intact' ? <p role="alert">{state}</p> : null}
      {state === 'intact' && kind ? (
        kind.mediaType.startsWith('image/') ? (
          <img className="kept-frame" src={url} alt={title} />
        ) : kind.ext === 'pdf' ? (
          <iframe className="kept-frame" src={url} title={title} />
        ) : kind.inline ? (
          <>
            <p className="muted">{t('evidence.noScript')}</p>
            {/* No allow-* token: no script, no forms, no popups, an origin of its own. */}
            <iframe className="kept-frame" src={url} title={title} sandbox="" referrerPolicy="no-referrer" />
          </>
        ) : (
          <a href={url} download>
            {t('evidence.download')}
          </a>
        )
      ) : null}
    </WideDialog>
  );
}

/** Reads a file as base64 (what the contract carries: browser mode has no paths). */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(file);
  });
}

/**
 * Keeps a copy of a source with the claim: a web address FactDesk fetches
 * once, or a file from this computer; with the passage and the page that
 * support the figure. Errors are said here, beside what caused them.
 */
export function AttachEvidence({ articleId, claimId }: { articleId: string; claimId: string }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [url, setUrl] = useState('');
  const [quote, setQuote] = useState('');
  const [locator, setLocator] = useState('');
  const [busy, setBusy] = useState<'fetching' | 'keeping' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = (what: 'fetching' | 'keeping', work: () => Promise<unknown>) => {
    setBusy(what);
    setError(null);
    work().then(
      () => {
        setBusy(null);
        setOpen(false);
        setUrl('');
        setQuote('');
        setLocator('');
      },
      (e: unknown) => {
        setBusy(null);
        setError(describeError(i18n, toErrorPayload(e)));
      },
    );
  };
  const fields = () => ({ articleId, claimId, ...(quote.trim() ? { quote } : {}), ...(locator.trim() ? { locator } : {}) });

  if (!open) return <button onClick={() => setOpen(true)}>{t('evidence.attach')}</button>;
  return (
    <form
      className="source-form"
      aria-label={t('evidence.attach')}
      onSubmit={(e) => {
        e.preventDefault();
        if (url.trim()) run('fetching', () => client['evidence.attachUrl']({ ...fields(), url: url.trim() }));
      }}
    >
      <p className="muted">{t('evidence.attachHint')}</p>
      <label>
        {t('evidence.url')}
        <input className="field" type="url" placeholder="https://" value={url} disabled={busy !== null} onChange={(e) => setUrl(e.target.value)} />
      </label>
      <label>
        {t('evidence.file')}
        <input
          className="field"
          type="file"
          disabled={busy !== null}
          accept=".pdf,.html,.htm,.xhtml,.png,.jpg,.jpeg,.gif,.webp,.txt,.csv,.xlsx,.xls,.ods"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            // Said before anything is read or sent: the services would refuse it anyway.
            if (file.size > maxEvidenceBytes) {
              setError(describeError(i18n, new FactDeskError('evidence-too-large', '', { name: file.name, size: file.size, max: maxEvidenceBytes }).toPayload()));
              return;
            }
            run('keeping', async () => client['evidence.attachFile']({ ...fields(), name: file.name, data: await base64Of(file) }));
          }}
        />
        <span className="muted">{t('evidence.fileHint')}</span>
      </label>
      <label>
        {t('evidence.quote')}
        <textarea className="field" rows={2} value={quote} disabled={busy !== null} onChange={(e) => setQuote(e.target.value)} />
      </label>
      <label>
        {t('evidence.locator')}
        <input className="field" placeholder={t('evidence.locatorPlaceholder')} value={locator} disabled={busy !== null} onChange={(e) => setLocator(e.target.value)} />
      </label>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <div className="row">
        {busy ? <span className="muted">{t(`evidence.${busy}`)}</span> : null}
        <span className="spacer" />
        <button type="button" disabled={busy !== null} onClick={() => setOpen(false)}>
          {t('review.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy !== null || !url.trim()}>
          {t('evidence.fetch')}
        </button>
      </div>
    </form>
  );
}
