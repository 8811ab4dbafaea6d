/**
 * Errors a user can meet. Each has a stable code, translated in
 * `shared/i18n` as `errors.<code>` with `params` interpolated, so the CLI, the
 * renderer and the menu all say the same thing in zh-CN and en.
 */
export const errorCodes = [
  'invalid-input',
  'not-found',
  'article-not-found',
  'path-outside-workspace',
  'invalid-name',
  'already-exists',
  'not-a-directory',
  'workspace-read-only',
  'workspace-locked',
  'file-too-large',
  'binary-file',
  'invalid-encoding',
  'unsupported-file-type',
  'changed-on-disk',
  'article-missing',
  'disk-full',
  'permission-denied',
  'store-corrupt',
  'store-corrupt-no-backup',
  'workspace-busy',
  'claim-not-found',
  'revision-not-found',
  'invalid-relation',
  'invalid-text',
  'correction-required',
  'cancelled',
  'store-link',
  'unsupported-in-host',
  'publication-blocked',
  'override-reason-required',
  'chromium-not-found',
  'evidence-too-large',
  'evidence-unsupported-type',
  'evidence-fetch-failed',
  'evidence-timeout',
  'evidence-redirects',
  'evidence-damaged',
  'evidence-missing',
  'team-role-refused',
  'team-auth-failed',
  'team-not-linked',
  'team-limit',
  'team-invalid-change',
  'team-unreachable',
  'role-refused',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** Plain data form of an error, as it crosses IPC and HTTP. */
export interface ErrorPayload {
  code: ErrorCode;
  /** English fallback message, for logs and for callers without i18n. */
  message: string;
  params?: Record<string, string | number>;
}

export class FactDeskError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;

  constructor(code: ErrorCode, message: string, params: Record<string, string | number> = {}) {
    super(message);
    this.name = 'FactDeskError';
    this.code = code;
    this.params = params;
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message, params: this.params };
  }

  static fromPayload(p: ErrorPayload): FactDeskError {
    return new FactDeskError(p.code, p.message, p.params ?? {});
  }
}

export function isFactDeskError(e: unknown): e is FactDeskError {
  return e instanceof FactDeskError;
}

/**
 * A message with every absolute path cut to its last part: what reaches a
 * user (or a page in another tab) never reveals where the workspace or the
 * user's home folder is.
 */
export function withoutAbsolutePaths(message: string): string {
  return message
    .replace(/(?<![\w.:/])(?:[A-Za-z]:)?[\\/](?:[^\s'"`\\/,:;()]+[\\/])+([^\s'"`\\/,:;()]*)/g, (_m, last: string) => `…/${last}`);
}

/** Maps any thrown value to a payload; unknown errors become `internal`, without absolute paths. */
export function toErrorPayload(e: unknown): ErrorPayload {
  if (isFactDeskError(e)) return e.toPayload();
  const message = withoutAbsolutePaths(e instanceof Error ? e.message : String(e));
  return { code: 'internal', message, params: { detail: message } };
}
