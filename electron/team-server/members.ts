/**
 * The team's members: `members.json` in the server's data folder. A join
 * token is `<member id>.<secret>`; only a salted scrypt hash of the secret is
 * kept, so the token is shown once, when the member is added. Removing a
 * member marks them removed (kept for the audit log's names); the running
 * server re-reads the file when it changes and cuts them off.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FactDeskError } from '../../shared/errors.js';
import { isTeamRole, type TeamRole } from '../../shared/team/roles.js';
import { writeFileDurable } from '../services/durable-file.js';

export interface Member {
  id: string;
  name: string;
  role: TeamRole;
  salt: string;
  hash: string;
  addedAt: string;
  removedAt?: string;
}

interface MembersFile {
  version: 1;
  members: Member[];
}

const hashOf = (secret: string, salt: string) => scryptSync(secret, Buffer.from(salt, 'hex'), 32).toString('hex');

/** A member name as the team shows it: 1–100 characters, no control characters, not only spaces. */
export function validateMemberName(name: string): string {
  const n = name.trim();
  // eslint-disable-next-line no-control-regex
  if (n === '' || n.length > 100 || /[\u0000-\u001f\u007f]/.test(n)) {
    throw new FactDeskError('invalid-input', 'a member name must be 1–100 characters without control characters', { detail: 'member name' });
  }
  return n;
}

export class MemberBook {
  private members: Member[] = [];

  constructor(readonly dataDir: string) {
    this.reload();
  }

  get file(): string {
    return join(this.dataDir, 'members.json');
  }

  /** Re-reads the file (the CLI adds and removes members while the server runs). */
  reload(): void {
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as MembersFile;
      this.members = Array.isArray(data.members) ? data.members.filter((m) => typeof m.id === 'string' && isTeamRole(m.role)) : [];
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      this.members = [];
    }
  }

  list(): readonly Member[] {
    return this.members;
  }

  /** Writes `members` and only then makes it the list (a reload while the file is written must not lose the change). */
  private async save(members: Member[]): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    const data: MembersFile = { version: 1, members };
    // Hashes only, but nobody else on the server needs to read them.
    await writeFileDurable(this.file, JSON.stringify(data, null, 2) + '\n', { mode: 0o600 });
    this.members = members;
  }

  /** Adds a member and returns their join token (shown once: only its hash is kept). */
  async add(name: string, role: TeamRole): Promise<{ member: Member; token: string }> {
    this.reload();
    const n = validateMemberName(name);
    if (this.members.some((m) => m.name === n && !m.removedAt)) throw new FactDeskError('already-exists', `member ${n} exists`, { name: n });
    const id = 'm' + randomBytes(6).toString('hex');
    const secret = randomBytes(24).toString('base64url');
    const salt = randomBytes(16).toString('hex');
    const member: Member = { id, name: n, role, salt, hash: hashOf(secret, salt), addedAt: new Date().toISOString() };
    await this.save([...this.members, member]);
    return { member, token: `${id}.${secret}` };
  }

  async remove(name: string): Promise<Member> {
    this.reload();
    const m = this.members.find((x) => x.name === name.trim() && !x.removedAt);
    if (!m) throw new FactDeskError('not-found', `no member ${name}`, { what: name });
    const removed = { ...m, removedAt: new Date().toISOString() };
    await this.save(this.members.map((x) => (x === m ? removed : x)));
    return removed;
  }

  /** The current (not removed) member a token belongs to, or null. */
  verify(token: string): Member | null {
    const dot = token.indexOf('.');
    if (dot < 0 || token.length > 200) return null;
    const m = this.members.find((x) => x.id === token.slice(0, dot));
    if (!m || m.removedAt) return null;
    const got = Buffer.from(hashOf(token.slice(dot + 1), m.salt), 'hex');
    const want = Buffer.from(m.hash, 'hex');
    return got.length === want.length && timingSafeEqual(got, want) ? m : null;
  }

  isCurrent(id: string): boolean {
    return this.members.some((m) => m.id === id && !m.removedAt);
  }
}
