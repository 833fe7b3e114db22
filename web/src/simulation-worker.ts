/** The app's Web Worker: peergrid's built-in jobs over comlink (the same jobs as Node's pool workers). */
import type { Endpoint } from 'comlink';
import { exposeJobs } from '../../ts/parallel/expose-jobs.js';

exposeJobs(self as unknown as Endpoint);
