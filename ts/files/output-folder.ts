/**
 * Node-only: the folder a command writes its result files to (`--out DIR`), written so that a failed or interrupted
 * run leaves nothing half-written and a reused folder never mixes two runs:
 *  - everything is first written to a staging folder created next to the target (same file system, so the final
 *    moves are renames);
 *  - `commit()` removes the files an earlier run left there (those its manifest lists, and any file the command
 *    declares its own), renames each new file into place, and writes the manifest `peergrid-run.json` last;
 *  - `discard()` (or a failed run) removes the staging folder and leaves the target as it was.
 * Files the user keeps in the folder that are not the command's are never touched.
 * Every failure is a FileError naming the flag and the path: a target that is a file, a path under a file, an
 * unwritable place, a virtual file system (/proc) — checked before the run starts, not after an hour of computing.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { FileError } from '../errors.js';
import { fileErrorFrom } from './system-error.js';

/** Name of the manifest listing the files of the last completed run in an output folder. */
export const OUTPUT_MANIFEST = 'peergrid-run.json';

/** What a command tells its output folder. */
export interface OutputFolderOptions {
  /** The flag the user gave the folder with, for messages (default '--out'). */
  flag?: string;
  /** True for a file name this command writes (so a stale copy from an earlier run is removed even without a manifest). */
  isOwnFile?: (name: string) => boolean;
}

/** The manifest written last into a committed output folder. */
export interface OutputManifest {
  /** The command that wrote the files, e.g. 'peergrid simulate'. */
  command: string;
  /** When the run finished, ISO 8601 UTC. */
  finishedAt: string;
  /** The files of this run, in the order they were written. */
  files: string[];
}

/** An output folder being written; create with `openOutputFolder`. */
export class OutputFolder {
  /** Absolute path of the folder the files end up in. */
  readonly target: string;
  /** Absolute path of the staging folder the files are written to until `commit()`. */
  readonly staging: string;
  private readonly flag: string;
  private readonly isOwnFile: (name: string) => boolean;
  private readonly written: string[] = [];
  private done = false;

  /** Use `openOutputFolder`. */
  constructor(target: string, staging: string, options: OutputFolderOptions) {
    this.target = target;
    this.staging = staging;
    this.flag = options.flag ?? '--out';
    this.isOwnFile = options.isOwnFile ?? (() => false);
  }

  /** Path in the staging folder for the result file `name` (for writers that stream); records it as written. */
  pathFor(name: string): string {
    if (name === OUTPUT_MANIFEST || name.includes('/') || name.includes('\\')) throw new Error(`bad output file name ${name}`);
    if (!this.written.includes(name)) this.written.push(name);
    return join(this.staging, name);
  }

  /** Writes the result file `name` (to the staging folder). */
  write(name: string, text: string): void {
    const path = this.pathFor(name);
    try {
      writeFileSync(path, text);
    } catch (e) {
      throw this.error(join(this.target, name), e, 'cannot write the result file');
    }
  }

  /** Moves the run's files into the target folder, removing an earlier run's files, then writes the manifest. */
  commit(command: string): void {
    if (this.done) return;
    const stale = new Set<string>(previousRunFiles(this.target));
    try {
      for (const name of readdirSafe(this.target)) if (this.isOwnFile(name)) stale.add(name);
    } catch {
      // the target vanished meanwhile: nothing stale to remove
    }
    // A folder in the way of a result file is found before anything is removed, so a refused commit changes nothing.
    for (const name of this.written) {
      const at = join(this.target, name);
      if (existsSync(at) && statSync(at).isDirectory()) throw new FileError(at, 'is a folder where a result file goes', 'EISDIR', this.flag);
    }
    // The old manifest goes first: from here until the new one is written, no manifest claims the folder's files.
    stale.add(OUTPUT_MANIFEST);
    for (const name of stale) {
      try {
        rmSync(join(this.target, name), { force: true });
      } catch (e) {
        throw this.error(join(this.target, name), e, 'cannot remove a result file of an earlier run');
      }
    }
    for (const name of this.written) {
      try {
        renameSync(join(this.staging, name), join(this.target, name));
      } catch (e) {
        throw this.error(join(this.target, name), e, 'cannot write the result file');
      }
    }
    const manifest: OutputManifest = { command, finishedAt: new Date().toISOString(), files: [...this.written] };
    try {
      writeFileSync(join(this.staging, OUTPUT_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
      renameSync(join(this.staging, OUTPUT_MANIFEST), join(this.target, OUTPUT_MANIFEST));
    } catch (e) {
      throw this.error(join(this.target, OUTPUT_MANIFEST), e, 'cannot write the result file');
    }
    this.done = true;
    this.discard();
  }

  /** Removes the staging folder (and whatever was written to it); the target folder stays as it was. */
  discard(): void {
    rmSync(this.staging, { recursive: true, force: true });
    this.done = true;
  }

  private error(path: string, e: unknown, doing: string): unknown {
    return fileErrorFrom(path, e, doing, this.flag);
  }
}

/** Files listed by the manifest of an earlier run in `dir` (none if there is no readable manifest). */
function previousRunFiles(dir: string): string[] {
  try {
    const m = JSON.parse(readFileSync(join(dir, OUTPUT_MANIFEST), 'utf8')) as Partial<OutputManifest>;
    return Array.isArray(m.files) ? m.files.filter((f): f is string => typeof f === 'string' && !f.includes('/') && !f.includes('\\') && f !== '..') : [];
  } catch {
    return [];
  }
}

function readdirSafe(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

/**
 * Checks the target folder, creates it (and missing parents) and a staging folder beside it. Throws FileError when
 * the target is a file, lies under a file, or cannot be created or written.
 */
export function openOutputFolder(dir: string, options: OutputFolderOptions = {}): OutputFolder {
  const flag = options.flag ?? '--out';
  const target = resolve(dir);
  const fail = (path: string, e: unknown, doing: string): never => {
    throw fileErrorFrom(path, e, doing, flag);
  };
  makeDirectories(target, flag, fail);
  let staging = '';
  try {
    staging = mkdtempSync(join(dirname(target), `.${basename(target)}.peergrid-tmp-`));
  } catch (e) {
    fail(target, e, 'cannot write next to the output folder');
  }
  // A removed or read-only target shows up here, before the run, rather than at the final rename.
  const probe = join(target, `.peergrid-write-test-${process.pid}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    fail(target, e, 'cannot write to the output folder');
  }
  return new OutputFolder(target, staging, options);
}

/**
 * `mkdir -p` one level at a time. Node's own recursive mkdir loops forever on a path under /proc (mkdir there fails
 * with ENOENT although the parent exists, and it retries the parent); here each level is tried once.
 */
function makeDirectories(dir: string, flag: string, fail: (path: string, e: unknown, doing: string) => never): void {
  let st;
  try {
    st = statSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') fail(dir, e, 'cannot use the output folder');
  }
  if (st) {
    if (!st.isDirectory()) throw new FileError(dir, 'is a file, not a folder', 'ENOTDIR', flag);
    return;
  }
  const parent = dirname(dir);
  if (parent === dir) fail(dir, Object.assign(new Error('ENOENT'), { code: 'ENOENT' }), 'cannot create the output folder');
  makeDirectories(parent, flag, fail);
  try {
    mkdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST' && statSync(dir).isDirectory()) return;
    fail(dir, e, 'cannot create the output folder');
  }
}
