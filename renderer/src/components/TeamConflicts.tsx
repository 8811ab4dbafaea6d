import { useTranslation } from 'react-i18next';
import { useTeamConflicts } from '../stores/team.js';

/**
 * Two members changed a field of this claim (or, with `claimId` null, of the
 * article: workflow, name, deletion) without seeing each other's change:
 * every value, with who set it and when.
 */
export function TeamConflicts({ articleId, claimId }: { articleId: string; claimId: string | null }) {
  const { t, i18n } = useTranslation();
  const conflicts = useTeamConflicts(articleId, claimId);
  if (conflicts.length === 0) return null;
  const show = (field: string, v: string | number | boolean | null) =>
    field === 'status' && typeof v === 'string' ? t(`review.status.${v}`) : field === 'workflow' && typeof v === 'string' ? t(`workflow.${v}`) : v === null ? '—' : typeof v === 'string' ? v : String(v);
  return (
    <section className="team-conflict" role="alert">
      <h4>{t('team.conflict')}</h4>
      {conflicts.map((c) => (
        <div key={`${c.itemId ?? ''}|${c.field}`}>
          <strong>{t(`team.fields.${c.field}`)}</strong>
          <ul>
            {c.values.map((v) => (
              <li key={v.eventId}>
                {t('team.conflictValue', {
                  value: show(c.field, v.value),
                  by: v.by,
                  at: new Date(v.at).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }),
                })}
              </li>
            ))}
          </ul>
        </div>
      ))}
      <p className="muted">{t('team.conflictHint')}</p>
    </section>
  );
}
