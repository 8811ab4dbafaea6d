import { useTranslation } from 'react-i18next';
import { setThemeChoice, themeChoices, useThemeChoice, type ThemeChoice } from '../stores/theme.js';

/** The toolbar's theme picker: follow the OS, or always light, or always dark. */
export function ThemeSwitch() {
  const { t } = useTranslation();
  const choice = useThemeChoice();
  return (
    <label className="theme-switch">
      <span>{t('view.theme')}</span>
      <select value={choice} onChange={(e) => setThemeChoice(e.target.value as ThemeChoice)} aria-label={t('view.theme')}>
        {themeChoices.map((c) => (
          <option key={c} value={c}>
            {t(`view.themeChoice.${c}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
