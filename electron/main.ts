/**
 * The Electron main process: app lifecycle, the hardened window, the app://
 * protocol, the native menu, and the IPC binding of the contract over the
 * same services browser mode uses.
 */
import { readProfile } from './services/profile-store.js';
import { app, BrowserWindow, dialog, ipcMain, Menu, session as electronSession, shell } from 'electron';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createI18n, describeError, pickLanguage, type Language } from '../shared/i18n/index.js';
import { toErrorPayload } from '../shared/errors.js';
import { bindIpc, forwardEvents } from './ipc.js';
import { buildMenu } from './menu.js';
import { printToPdf } from './print-pdf.js';
import { appUrl, registerAppScheme, serveRenderer } from './protocol.js';
import { createDispatcher } from './services/dispatcher.js';
import { EventBus } from './services/event-bus.js';
import { createHandlers } from './services/handlers.js';
import { TeamClient } from './services/team/team-client.js';
import { ensureSampleWorkspace } from './services/sample-workspace.js';
import { Session } from './services/session.js';
import { decodeArticleBytes } from './services/text-codec.js';
import { loadWindowState, trackWindowState } from './window-state.js';

const here = dirname(fileURLToPath(import.meta.url));
app.setName('FactDesk');
if (process.env.FACTDESK_HOME) app.setPath('userData', process.env.FACTDESK_HOME);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  void start();
}

async function start(): Promise<void> {
  await app.whenReady();
  let language: Language = pickLanguage([app.getLocale(), ...app.getPreferredSystemLanguages()]);
  const userData = app.getPath('userData');
  const bus = new EventBus();
  const workspaceArg = process.argv.slice(app.isPackaged ? 1 : 2).find((a) => !a.startsWith('-') && existsSync(a));
  // The kept profile's name is the author (audit entries, comments); without one, the OS user.
  const profileAuthor = async () => {
    const name = (await readProfile())?.name;
    return name ? { author: name } : {};
  };
  let current = await Session.open(workspaceArg ? resolve(workspaceArg) : await ensureSampleWorkspace(), { watch: true, warm: true, bus, ...(await profileAuthor()) });
  // Each workspace has its own team client (or none: it connects only if the workspace is linked to a team).
  let team = await TeamClient.attach(current);
  const dispatch = createDispatcher(createHandlers({ host: 'electron', session: () => current, team: () => team, pdf: printToPdf }));

  hardenSessions();
  serveRenderer(join(here, '..', 'renderer'), (hash) => current.evidence.read(hash));
  bindIpc(ipcMain, dispatch);

  const state = loadWindowState(userData);
  const win = new BrowserWindow({
    ...(state.centered ? { width: state.bounds.width, height: state.bounds.height } : state.bounds),
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'FactDesk',
    backgroundColor: '#f4f5f7',
    webPreferences: {
      preload: join(here, 'preload.cjs'), // eng-disable PRELOAD_JS_CHECK (reviewed in docs/security.md: contextBridge, one function per method)
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Chromium's built-in PDF viewer (kept evidence PDFs); Electron offers no other plugins.
      plugins: true,
      spellcheck: false,
      // A middle click must not open a link in a new window (Electronegativity AUXCLICK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (state.maximized) win.maximize();
  trackWindowState(win, userData);
  forwardEvents(bus, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  win.once('ready-to-show', () => win.show());
  // The page asks to stay when it holds unsaved edits; Electron would silently refuse to close,
  // so ask the user like any desktop editor does.
  win.webContents.on('will-prevent-unload', (event) => {
    const tr = createI18n(language).t;
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: [tr('menu.closeAnyway'), tr('menu.cancel')],
      defaultId: 1,
      cancelId: 1,
      message: tr('menu.unsavedClose'),
      detail: tr('menu.unsavedCloseDetail'),
    });
    if (choice === 0) event.preventDefault();
  });
  await win.loadURL(appUrl);

  app.on('second-instance', (_e, argv) => {
    if (win.isMinimized()) win.restore();
    win.focus();
    const ws = argv.slice(1).find((a) => !a.startsWith('-') && existsSync(a));
    if (ws) void switchWorkspace(resolve(ws));
  });

  const t = () => createI18n(language).t;
  const showError = (e: unknown) => void dialog.showMessageBox(win, { type: 'error', message: describeError(createI18n(language), toErrorPayload(e)) });

  async function switchWorkspace(root: string): Promise<void> {
    try {
      const next = await Session.open(root, { watch: true, warm: true, bus, ...(await profileAuthor()) });
      const nextTeam = await TeamClient.attach(next);
      const prev = current;
      const prevTeam = team;
      current = next;
      team = nextTeam;
      await prevTeam.close();
      await prev.close();
      bus.emit('workspace.changed', { root: next.workspace.root });
    } catch (e) {
      showError(e);
    }
  }

  const menuActions = {
    openWorkspace: async () => {
      const r = await dialog.showOpenDialog(win, { title: t()('menu.openWorkspace'), properties: ['openDirectory', 'createDirectory'] });
      if (!r.canceled && r.filePaths[0]) await switchWorkspace(r.filePaths[0]);
    },
    importArticles: async () => {
      const r = await dialog.showOpenDialog(win, {
        title: t()('menu.import'),
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: 'Articles', extensions: ['md', 'txt', 'html'] }],
      });
      for (const file of r.canceled ? [] : r.filePaths) {
        try {
          // A GBK/GB18030 or UTF-16 file is converted to UTF-8 only if the user agrees.
          const { encoding } = decodeArticleBytes(await readFile(file), basename(file));
          let toUtf8 = false;
          if (encoding !== 'utf-8') {
            const answer = await dialog.showMessageBox(win, {
              type: 'question',
              message: t()('menu.importEncodingTitle', { name: basename(file), encoding: encoding.toUpperCase() }),
              detail: t()('menu.importEncodingDetail', { encoding: encoding.toUpperCase() }),
              buttons: [t()('menu.importConvert'), t()('menu.importKeep', { encoding: encoding.toUpperCase() }), t()('menu.cancel')],
              defaultId: 1,
              cancelId: 2,
            });
            if (answer.response === 2) continue;
            toUtf8 = answer.response === 0;
          }
          await current.workspace.importFile(file, { toUtf8 });
        } catch (e) {
          showError(e);
        }
      }
      if (!r.canceled) bus.emit('articles.changed', {});
    },
    // The dialogs live in the renderer, so the app and browser mode share them.
    exportArticle: () => bus.emit('ui.command', { command: 'export' }),
    importAnnotations: () => bus.emit('ui.command', { command: 'import-annotations' }),
    about: () => void dialog.showMessageBox(win, { type: 'info', title: t()('menu.about'), message: `FactDesk ${app.getVersion()}`, detail: t()('app.tagline') }),
    setLanguage: (lng: Language) => {
      language = lng;
      Menu.setApplicationMenu(buildMenu(language, menuActions));
    },
  };
  Menu.setApplicationMenu(buildMenu(language, menuActions));

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => void team.close().then(() => current.close()));
}

/** Electron security checklist items that apply to every web contents. */
function hardenSessions(): void {
  const ses = electronSession.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(appUrl.replace('index.html', ''))) {
        event.preventDefault();
        void confirmOpenExternal(url);
      }
    });
    contents.on('will-redirect', (event, url) => {
      if (!url.startsWith(appUrl.replace('index.html', ''))) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      void confirmOpenExternal(url);
      return { action: 'deny' };
    });
  });
}

/** Opens https links in the system browser, only after the user agrees. */
async function confirmOpenExternal(url: string): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.protocol !== 'https:') return;
  const lng = pickLanguage([app.getLocale()]);
  const t = createI18n(lng).t;
  const win = BrowserWindow.getFocusedWindow();
  const opts = {
    type: 'question' as const,
    buttons: [t('menu.open'), t('menu.cancel')],
    defaultId: 1,
    cancelId: 1,
    message: t('menu.openExternalTitle'),
    detail: t('menu.openExternalDetail', { url: parsed.href }),
  };
  const r = win ? await dialog.showMessageBox(win, opts) : await dialog.showMessageBox(opts);
  if (r.response === 0) await shell.openExternal(parsed.href);
}
