/**
 * Node-only: reads a UTF-8 text file the user named, turning every way it can fail (missing, a directory, no
 * permission, a special file) into a one-line FileError that names the path and what to do, never a raw Node error.
 */
import { readFileSync, statSync } from 'node:fs';
import { FileError } from '../errors.js';
import { fileErrorFrom } from './system-error.js';

/** Reads `path` as UTF-8 text; `what` names the file's role in messages, with its article (e.g. 'a scenario file'). */
export function readTextFile(path: string, what = 'a file'): string {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (e) {
    throw fileErrorFrom(path, e, 'cannot be read');
  }
  if (isDirectory) throw new FileError(path, `is a directory; expected ${what}`, 'EISDIR');
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw fileErrorFrom(path, e, 'cannot be read');
  }
}
