/** Python source text for JSON values and strings (the exported Django test writes its expectations as literals). */

/** A Python string literal: JSON's escapes are Python's too (\uXXXX, \n, \"). */
export function pyString(text: string): string {
  return JSON.stringify(text);
}

/**
 * A JSON value as a Python literal: true/false/null become True/False/None.
 * Short values stay on one line; longer ones are laid out one item a line,
 * indented to follow `indent` (the column of the line the literal starts on).
 */
export function pyLiteral(value: unknown, indent = ''): string {
  const flat = flatLiteral(value);
  if (flat.length + indent.length <= 96 || !isContainer(value)) return flat;
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    return `[\n${value.map((item) => `${inner}${pyLiteral(item, inner)},\n`).join('')}${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  return `{\n${entries.map(([key, item]) => `${inner}${pyString(key)}: ${pyLiteral(item, inner)},\n`).join('')}${indent}}`;
}

function isContainer(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0);
}

function flatLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`no JSON value is ${value}`);
    return Number.isInteger(value) ? String(value) : JSON.stringify(value);
  }
  if (typeof value === 'string') return pyString(value);
  if (Array.isArray(value)) return `[${value.map(flatLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value).map(([key, item]) => `${pyString(key)}: ${flatLiteral(item)}`).join(', ')}}`;
  }
  throw new TypeError(`not a JSON value: ${typeof value}`);
}
