/** The native menu, in zh-CN or en (from the OS locale, switchable under View). */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import { createI18n, type Language } from '../shared/i18n/index.js';

export interface MenuActions {
  openWorkspace: () => void;
  importArticles: () => void;
  exportArticle: () => void;
  importAnnotations: () => void;
  about: () => void;
  setLanguage: (lng: Language) => void;
}

export function buildMenu(lng: Language, actions: MenuActions): Menu {
  const t = createI18n(lng).t;
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: t('menu.file'),
      submenu: [
        { label: t('menu.openWorkspace'), accelerator: 'CmdOrCtrl+O', click: actions.openWorkspace },
        { label: t('menu.import'), accelerator: 'CmdOrCtrl+I', click: actions.importArticles },
        { label: t('menu.export'), accelerator: 'CmdOrCtrl+E', click: actions.exportArticle },
        { label: t('menu.importAnnotations'), click: actions.importAnnotations },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', label: t('menu.quit') },
      ],
    },
    {
      label: t('menu.edit'),
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: t('menu.view'),
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        { type: 'separator' },
        {
          label: t('menu.language'),
          submenu: [
            { label: '中文', type: 'radio', checked: lng === 'zh-CN', click: () => actions.setLanguage('zh-CN') },
            { label: 'English', type: 'radio', checked: lng === 'en', click: () => actions.setLanguage('en') },
          ],
        },
      ],
    },
    { label: t('menu.help'), submenu: [{ label: t('menu.about'), click: actions.about }] },
  ];
  return Menu.buildFromTemplate(template);
}
