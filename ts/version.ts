/** peergrid's version (package.json "version"; a test keeps them equal). Part of every sweep run's result key. */
export const PEERGRID_VERSION = '0.1.0';
