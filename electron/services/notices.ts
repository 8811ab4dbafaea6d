/**
 * What the services must tell the user about their own files — a store
 * recovered, an index rebuilt, a link refused, a file left out of the list,
 * unreadable bytes kept before a save — kept for the session so a window
 * that connects later still sees them, and pushed to open windows at once.
 */
import { randomBytes } from 'node:crypto';
import type { NoticeCode, WorkspaceNotice } from '../../shared/model.js';

export class NoticeBoard {
  private readonly notices: WorkspaceNotice[] = [];
  private readonly keys = new Set<string>();
  private listener: ((n: WorkspaceNotice) => void) | null = null;

  /** Where new notices go once a session is listening (its event bus). */
  listen(listener: (n: WorkspaceNotice) => void): void {
    this.listener = listener;
  }

  /** Adds a notice; one with the same `key` is said once per session. */
  add(code: NoticeCode, params: Record<string, string | number>, key?: string): WorkspaceNotice | null {
    if (key !== undefined) {
      if (this.keys.has(key)) return null;
      this.keys.add(key);
    }
    const notice: WorkspaceNotice = { id: randomBytes(6).toString('hex'), code, params, at: new Date().toISOString() };
    this.notices.push(notice);
    this.listener?.(notice);
    return notice;
  }

  list(): WorkspaceNotice[] {
    return [...this.notices];
  }

  dismiss(id: string): void {
    const i = this.notices.findIndex((n) => n.id === id);
    if (i >= 0) this.notices.splice(i, 1);
  }
}
