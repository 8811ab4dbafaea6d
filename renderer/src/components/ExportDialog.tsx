import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { mayOverrideGate, profileStore } from '../stores/profile.js';
import { useStore } from '../stores/store.js';
import { useTranslation } from 'react-i18next';
import { toErrorPayload, type ErrorPayload } from '../../../shared/errors.js';
import type { PublicationState } from '../../../shared/export/index.js';
import { describeError, type Language } from '../../../shared/i18n/index.js';
import { exportFormats, publicationFormats, type ExportFormat, type ExportedFile } from '../../../shared/model.js';
import { client } from '../client.js';
import { DiffView } from './DiffView.js';
import { WideDialog } from './WideDialog.js';

/** Report formats that can cover the whole workspace. */
const workspaceFormats = ['report-html', 'report-pdf', 'csv', 'json'] as const;
type WorkspaceFormat = (typeof workspaceFormats)[number];

/** What the preview frame can show as text; the rest (DOCX, PDF) is described. */
const previewable = new Set<ExportFormat>(['md', 'html', 'txt', 'report-html', 'csv', 'json', 'claimreview', 'web-annotation']);

export interface ExportDialogProps {
  /** The open article; null exports only the workspace report. */
  articleId: string | null;
  /** Jumps to a blocking claim's words (the dialog closes). */
  onShowClaim: (claimId: string, start: number, end: number) => void;
  onClose: () => void;
}

/** Saves an exported file: a download in browser mode, the system save dialog in the desktop app. */
export function download(file: ExportedFile): void {
  const bytes = file.encoding === 'base64' ? Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0)) : new TextEncoder().encode(file.data);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * File › Export…: the format, a live preview in a frame that runs no script,
 * the publication gate's verdict with the blocking claims (each jumps to its
 * words) and the override reason an editor may give, the correction note a
 * changed published article needs, and the workspace report with progress
 * and cancel.
 */
export function ExportDialog({ articleId, onShowClaim, onClose }: ExportDialogProps) {
  const { t, i18n } = useTranslation();
  const language = (i18n.language === 'zh-CN' ? 'zh-CN' : 'en') as Language;
  const [scope, setScope] = useState<'article' | 'workspace'>(articleId ? 'article' : 'workspace');
  const [format, setFormat] = useState<ExportFormat>(articleId ? 'html' : 'report-html');
  const [withCitations, setWithCitations] = useState(false);
  const [embedClaimReview, setEmbedClaimReview] = useState(false);
  const [override, setOverride] = useState('');
  // Overriding the gate is an editor's act; a fact-checker's profile gets the reason instead of the field.
  const overrideRefused = useStore(profileStore, () => mayOverrideGate());
  const [correction, setCorrection] = useState('');
  const [state, setState] = useState<PublicationState | null>(null);
  const [preview, setPreview] = useState<ExportedFile | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const job = useRef<string | null>(null);

  const isPublication = scope === 'article' && publicationFormats.includes(format);
  const blocked = isPublication && state?.gate.decision === 'blocked';
  const needsCorrection = isPublication && !!state?.changedSincePublication;

  const loadState = useCallback(async () => {
    if (!articleId) return;
    try {
      setState(await client['export.state']({ articleId }));
    } catch (e) {
      setError(toErrorPayload(e));
    }
  }, [articleId]);

  useEffect(() => {
    void loadState();
    return client.on('claims.changed', ({ id }) => {
      if (id === articleId) void loadState();
    });
  }, [articleId, loadState]);

  // The preview follows the choices; a slow answer for an older choice is dropped.
  const previewSerial = useRef(0);
  useEffect(() => {
    if (scope !== 'article' || !articleId || !previewable.has(format)) {
      setPreview(null);
      return;
    }
    const serial = ++previewSerial.current;
    void client['export.article']({ articleId, format, language, preview: true, withCitations, embedClaimReview }).then(
      ({ file }) => serial === previewSerial.current && setPreview(file),
      (e: unknown) => serial === previewSerial.current && setError(toErrorPayload(e)),
    );
  }, [scope, articleId, format, language, withCitations, embedClaimReview]);

  useEffect(
    () =>
      client.on('export.progress', (p) => {
        if (p.jobId === job.current) setProgress({ done: p.done, total: p.total });
      }),
    [],
  );

  const run = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      if (scope === 'workspace') {
        const jobId = Math.random().toString(36).slice(2, 12);
        job.current = jobId;
        setProgress({ done: 0, total: 0 });
        const file = await client['export.workspaceReport']({ format: format as WorkspaceFormat, language, jobId });
        download(file);
        setDone(t('exportDialog.saved', { name: file.filename }));
      } else if (articleId) {
        const { file, record } = await client['export.article']({
          articleId,
          format,
          language,
          withCitations,
          embedClaimReview,
          ...(blocked ? { overrideReason: override } : {}),
          ...(needsCorrection ? { correction } : {}),
        });
        download(file);
        setDone(record ? t('exportDialog.publishedAs', { name: file.filename, revision: record.revision }) : t('exportDialog.saved', { name: file.filename }));
        await loadState();
      }
    } catch (e) {
      setError(toErrorPayload(e));
    } finally {
      job.current = null;
      setProgress(null);
      setBusy(false);
    }
  };

  const cancel = () => {
    if (job.current) void client['export.cancel']({ jobId: job.current });
  };

  const formats = scope === 'workspace' ? workspaceFormats : exportFormats;
  const canRun = !busy && (!blocked || override.trim() !== '') && (!needsCorrection || correction.trim() !== '');
  const srcDoc = useMemo(() => {
    if (!preview || preview.encoding !== 'utf8') return null;
    if (preview.mime.startsWith('text/html')) return preview.data;
    // Anything else is shown as text: escaped into a <pre>, never interpreted.
    const escaped = preview.data.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    return `<!doctype html><meta charset="utf-8"><pre style="white-space:pre-wrap;font:13px/1.5 monospace">${escaped}</pre>`;
  }, [preview]);

  const footer = (
    <div className="export-actions">
      {progress ? (
        <span className="export-progress" role="status">
          <progress max={progress.total || 1} value={progress.done} /> {t('exportDialog.progress', { done: progress.done, total: progress.total })}
          <button onClick={cancel}>{t('exportDialog.cancel')}</button>
        </span>
      ) : null}
      {done ? (
        <span className="export-done" role="status">
          {done}
        </span>
      ) : null}
      <span className="spacer" />
      <button onClick={onClose}>{t('exportDialog.close')}</button>
      <button className="primary" disabled={!canRun} onClick={() => void run()}>
        {isPublication ? (blocked ? t('exportDialog.publishAnyway') : t('exportDialog.publish')) : t('exportDialog.export')}
      </button>
    </div>
  );

  return (
    <WideDialog title={t('exportDialog.title')} footer={footer} onClose={onClose}>
      <div className="export-dialog">
        <div className="export-options">
          <fieldset>
            <legend>{t('exportDialog.scope')}</legend>
            <label>
              <input type="radio" name="scope" checked={scope === 'article'} disabled={!articleId} onChange={() => (setScope('article'), setFormat('html'))} /> {t('exportDialog.thisArticle')}
            </label>
            <label>
              <input type="radio" name="scope" checked={scope === 'workspace'} onChange={() => (setScope('workspace'), setFormat('report-html'))} /> {t('exportDialog.wholeWorkspace')}
            </label>
          </fieldset>
          <label className="export-format">
            {t('exportDialog.format')}
            <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
              {formats.map((f) => (
                <option key={f} value={f}>
                  {t(`exportDialog.formats.${f}`)}
                </option>
              ))}
            </select>
          </label>
          {scope === 'article' && (format === 'html' || format === 'docx') ? (
            <label>
              <input type="checkbox" checked={withCitations} onChange={(e) => setWithCitations(e.target.checked)} /> {t('exportDialog.withCitations')}
            </label>
          ) : null}
          {scope === 'article' && format === 'html' ? (
            <label>
              <input type="checkbox" checked={embedClaimReview} onChange={(e) => setEmbedClaimReview(e.target.checked)} /> {t('exportDialog.embedClaimReview')}
            </label>
          ) : null}
          {isPublication && state ? (
            <div className={`export-gate export-gate-${state.gate.decision}`} role={blocked ? 'alert' : 'status'}>
              {blocked ? (
                <>
                  <p>{t('exportDialog.gateBlocked', { count: state.gate.blocking.length })}</p>
                  <ul className="export-blocking">
                    {state.gate.blocking.slice(0, 200).map((b) => (
                      <li key={b.claimId}>
                        <button className="link-button" onClick={() => onShowClaim(b.claimId, b.start, b.end)}>
                          {b.quote}
                        </button>{' '}
                        <span className={`status-chip status-${b.status}`}>{t(`review.status.${b.status}`)}</span>
                        {b.detached ? ` ${t('exportDialog.detached')}` : ''}
                        {b.conflict ? <span className="warn"> · {t('exportDialog.conflict')}</span> : null}
                      </li>
                    ))}
                  </ul>
                  {overrideRefused ? (
                    <p className="banner banner-warn" role="note">
                      {overrideRefused}
                    </p>
                  ) : (
                    <label className="export-override">
                      {t('exportDialog.overrideLabel')}
                      <textarea value={override} onChange={(e) => setOverride(e.target.value)} placeholder={t('exportDialog.overridePlaceholder')} rows={2} />
                    </label>
                  )}
                </>
              ) : (
                <p>{t('exportDialog.gateOpen')}</p>
              )}
            </div>
          ) : null}
          {needsCorrection && state ? (
            <div className="export-correction">
              <p>{t('exportDialog.changedSincePublication', { revision: state.publications.at(-1)!.revision, count: state.changedClaims.length })}</p>
              <label>
                {t('exportDialog.correctionLabel')}
                <textarea value={correction} onChange={(e) => setCorrection(e.target.value)} placeholder={t('exportDialog.correctionPlaceholder')} rows={2} />
              </label>
              {state.diff ? (
                <DiffView
                  diff={state.diff}
                  label={t('exportDialog.diffLabel', { revision: state.publications.at(-1)!.revision })}
                  oldLabel={t('exportDialog.published')}
                  newLabel={t('exportDialog.now')}
                  mode="inline"
                  modeToggle={false}
                />
              ) : null}
            </div>
          ) : null}
          {state && state.publications.length ? (
            <details className="export-history">
              <summary>{t('exportDialog.publicationsCount', { count: state.publications.length })}</summary>
              <ul>
                {state.publications.map((p) => (
                  <li key={`${p.at}-${p.fileHash}`}>
                    {t('exportDialog.publicationLine', { at: new Date(p.at).toLocaleString(language), by: p.by, format: p.format, revision: p.revision })}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {error ? (
            <div className="banner banner-error" role="alert">
              {describeError(i18n, error)}
            </div>
          ) : null}
        </div>
        <div className="export-preview">
          {srcDoc !== null ? (
            // No allow-scripts: nothing in an export can run here, whatever it holds.
            <iframe title={t('exportDialog.preview')} sandbox="" srcDoc={srcDoc} />
          ) : (
            <p className="muted">{scope === 'workspace' ? t('exportDialog.noPreviewWorkspace') : t('exportDialog.noPreview')}</p>
          )}
        </div>
      </div>
    </WideDialog>
  );
}
