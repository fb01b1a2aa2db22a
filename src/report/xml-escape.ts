import { cleanText } from './status-labels.js';

/** Lone surrogates and the two non-characters XML 1.0 cannot hold. */
const NOT_XML =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g;

/**
 * Escaping for XML and HTML text and attribute values. What XML 1.0 cannot hold (control characters,
 * terminal escape sequences from container logs, lone surrogates) is removed first.
 */
export function escapeXml(text: string): string {
  return cleanText(text)
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** For attribute values: also keeps newlines and tabs (parsers would fold them into spaces). */
export function escapeXmlAttribute(text: string): string {
  return escapeXml(text).replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** `name="value"` pairs, escaped, in the order given. */
export function xmlAttributes(attributes: Readonly<Record<string, string | number>>): string {
  return Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeXmlAttribute(String(value))}"`)
    .join('');
}
