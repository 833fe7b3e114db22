/** Node-only: reads a meter CSV file from disk and parses it (see meter-csv.ts). Not exported from the browser-safe index. */
import { readTextFile } from '../../files/read-text-file.js';
import { parseMeterCsv, type MeterCsvOptions, type MeterSeries } from './meter-csv.js';

/** Reads and parses the meter CSV at `path`; errors name the path as the file. */
export function readMeterCsvFile(path: string, options: Omit<MeterCsvOptions, 'file'> & { file?: string } = {}): MeterSeries {
  return parseMeterCsv(readTextFile(path, 'a meter CSV file'), { ...options, file: options.file ?? path });
}
