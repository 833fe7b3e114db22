/** The script each Node worker_threads worker of the pool runs: the built-in jobs, exposed on the parent port. */
import { parentPort } from 'node:worker_threads';
import { exposeJobs } from '../expose-jobs.js';
import { nodeEndpoint } from './node-endpoint.js';

if (!parentPort) throw new Error('node-worker-entry must run in a worker thread');
exposeJobs(nodeEndpoint(parentPort));
