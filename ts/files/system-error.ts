/** Plain-language reasons for the operating-system errors a user can cause with a path. */
import { FileError } from '../errors.js';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EEXIST: 'already exists',
  ENOTEMPTY: 'directory not empty',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many symbolic links',
  EXDEV: 'on another file system',
  EMFILE: 'too many open files',
  EBUSY: 'busy',
  EINVAL: 'not valid here',
};

/** The errno name of an error thrown by a Node system call ('ENOENT'; Node's 'ERR_FS_EISDIR' → 'EISDIR'), else undefined. */
function errnoCode(e: unknown): string | undefined {
  const code = e instanceof Error ? (e as NodeJS.ErrnoException).code : undefined;
  const m = typeof code === 'string' ? /^(?:ERR_FS_)?(E[A-Z0-9]+)$/.exec(code) : null;
  return m ? m[1] : undefined;
}

/** One-line reason for a system error ('permission denied (EACCES)'), or undefined for any other error. */
export function describeSystemError(e: unknown): string | undefined {
  const code = errnoCode(e);
  if (code === undefined) return undefined;
  return `${REASONS[code] ?? (e as Error).message.split('\n')[0]!.replace(/^E[A-Z0-9]+: /, '').replace(/, \w+ .*$/, '')} (${code})`;
}

/** A FileError for a failed file-system call on `path` (naming the flag that gave it, if any); other errors pass through. */
export function fileErrorFrom(path: string, e: unknown, doing: string, flag?: string): unknown {
  const reason = describeSystemError(e);
  return reason === undefined ? e : new FileError(path, `${doing}: ${reason}`, errnoCode(e), flag);
}
