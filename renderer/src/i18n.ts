import { initReactI18next } from 'react-i18next';
import { createInstance, type i18n as I18n } from 'i18next';
import { languages, pickLanguage, resources, type Language } from '../../shared/i18n/index.js';

const stored = localStorage.getItem('factdesk.language');
export const initialLanguage: Language = (languages as readonly string[]).includes(stored ?? '')
  ? (stored as Language)
  : pickLanguage([...navigator.languages, navigator.language]);

export const i18n: I18n = createInstance();
void i18n.use(initReactI18next).init({
  lng: initialLanguage,
  fallbackLng: 'en',
  resources,
  interpolation: { escapeValue: false },
  initAsync: false,
});

export function setLanguage(lng: Language): void {
  localStorage.setItem('factdesk.language', lng);
  void i18n.changeLanguage(lng);
  document.documentElement.lang = lng;
}
document.documentElement.lang = initialLanguage;
