/** A high surrogate without a low one after it, or a low one without a high one before it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when the string holds a lone UTF-16 surrogate: it then has no UTF-8 form, and RFC 8785 cannot canonicalise it. */
export const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);

/**
 * The path of the first string (key or value) holding a lone surrogate,
 * such as `notes` or `evidence[2]`; null when there is none. Callers bound
 * the depth of what they pass (JSON bodies are checked for depth first).
 */
export function loneSurrogatePath(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return hasLoneSurrogate(value) ? path || '(body)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = loneSurrogatePath(value[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (hasLoneSurrogate(key)) return field;
      const found = loneSurrogatePath(item, field);
      if (found !== null) return found;
    }
  }
  return null;
}
