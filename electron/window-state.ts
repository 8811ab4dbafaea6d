/** Remembers the main window's size and position between runs. */
import { promises as fs, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';
import { screen } from 'electron';
import { writeFileDurable } from './services/durable-file.js';

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const fallback: WindowState = { bounds: { x: 0, y: 0, width: 1360, height: 860 }, maximized: false };

export function loadWindowState(userData: string): WindowState & { centered: boolean } {
  try {
    const s = JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8')) as WindowState;
    // Only reuse a position that is still on one of the connected displays.
    const visible = screen.getAllDisplays().some((d) => {
      const a = d.workArea;
      return s.bounds.x + 100 > a.x && s.bounds.x < a.x + a.width && s.bounds.y >= a.y - 10 && s.bounds.y < a.y + a.height - 50;
    });
    if (s.bounds.width >= 600 && s.bounds.height >= 400) return { ...s, centered: !visible };
  } catch {
    /* first run or unreadable: use the default */
  }
  return { ...fallback, centered: true };
}

export function trackWindowState(win: BrowserWindow, userData: string): void {
  const save = () => {
    if (win.isDestroyed()) return;
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    void fs.mkdir(userData, { recursive: true }).then(() => writeFileDurable(join(userData, 'window-state.json'), JSON.stringify(state, null, 2) + '\n')).catch((e) => console.error('factdesk: could not save window state:', e));
  };
  let timer: NodeJS.Timeout | null = null;
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('close', save);
}
