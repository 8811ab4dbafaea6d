/**
 * PDF in the desktop app: Electron's own `webContents.printToPDF` on a
 * hidden, sandboxed window with JavaScript off that loads the (already
 * sanitized) report from a data URL and may not reach the network.
 */
import { BrowserWindow } from 'electron';

export async function printToPdf(html: string): Promise<Buffer> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, partition: 'factdesk-print' },
  });
  try {
    // The report is self-contained: nothing it names is fetched.
    win.webContents.session.webRequest.onBeforeRequest((details, cb) => cb({ cancel: !details.url.startsWith('data:') }));
    await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
    return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    win.destroy();
  }
}
