/**
 * The colour theme: light or dark, following the OS unless the user picked one
 * (remembered in localStorage). The resolved theme is set on <html data-theme>,
 * which is all styles.css keys its dark set on.
 */
import { useSyncExternalStore } from 'react';

export const themeChoices = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themeChoices)[number];

const storageKey = 'factdesk.theme';
const osDark = window.matchMedia('(prefers-color-scheme: dark)');
const listeners = new Set<() => void>();

function readChoice(): ThemeChoice {
  const v = localStorage.getItem(storageKey);
  return (themeChoices as readonly string[]).includes(v ?? '') ? (v as ThemeChoice) : 'system';
}

let choice = readChoice();

function apply(): void {
  const dark = choice === 'dark' || (choice === 'system' && osDark.matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  listeners.forEach((l) => l());
}

// The OS switching (e.g. at sunset) moves a window that follows it, without a reload.
osDark.addEventListener('change', apply);
apply();

export function setThemeChoice(next: ThemeChoice): void {
  choice = next;
  localStorage.setItem(storageKey, next);
  apply();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The user's choice (system, light or dark). */
export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, () => choice);
}

/** The theme in force now. */
export function useResolvedTheme(): 'light' | 'dark' {
  return useSyncExternalStore(subscribe, () => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light'));
}
