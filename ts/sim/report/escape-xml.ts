/** Escaping of user text (scenario names, notes, series names) in the HTML report and its inline SVG. */

/** `s` with &, <, > and " escaped, safe in XML/HTML text and in double-quoted attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
