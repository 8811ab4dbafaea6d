import { useTranslation } from 'react-i18next';
import { claimStatuses, openClaimStatuses, type ClaimStatus } from '../../../shared/annotations.js';

export type StatusCounts = Record<ClaimStatus, number>;

/** Counts by status of a list of claims. */
export function countByStatus(claims: ReadonlyArray<{ status: ClaimStatus }>): StatusCounts {
  const counts = Object.fromEntries(claimStatuses.map((s) => [s, 0])) as StatusCounts;
  for (const c of claims) counts[c.status]++;
  return counts;
}

/**
 * "38 / 53 checked" and a bar of the claims by status. Each segment has its status's colour and
 * pattern (styles.css), and the counts are in the label as words, so neither colour nor the
 * picture is the only way to read it.
 */
export function ClaimProgress({ counts, compact = false }: { counts: StatusCounts; compact?: boolean }) {
  const { t } = useTranslation();
  const total = claimStatuses.reduce((n, s) => n + counts[s], 0);
  if (total === 0) return compact ? null : <span className="muted">{t('view.progressNone')}</span>;
  const checked = total - openClaimStatuses.reduce((n, s) => n + counts[s], 0);
  const present = claimStatuses.filter((s) => counts[s] > 0);
  const detail = present.map((s) => t('view.statusCount', { status: t(`review.status.${s}`), count: counts[s] })).join(', ');
  return (
    <span className={`claim-progress${compact ? ' compact' : ''}`}>
      <span className="claim-progress-bar" role="img" aria-label={t('view.progressLabel', { detail })} title={detail}>
        {present.map((s) => (
          <span key={s} className={`status-segment segment-${s}`} style={{ flexGrow: counts[s] }} />
        ))}
      </span>
      <span className="claim-progress-text">{t('view.progress', { checked, total })}</span>
    </span>
  );
}
