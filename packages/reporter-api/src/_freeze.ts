/**
 * Freezes a value and everything reachable from it, so a reporter that writes to
 * its context fails loudly (strict-mode TypeError) instead of corrupting what the
 * next reporter, or the CLI, reads. Typed arrays cannot be frozen and are skipped.
 */
export function deepFreeze<T>(value: T): T {
  const seen = new WeakSet<object>();
  const visit = (v: unknown): void => {
    if ((typeof v !== 'object' && typeof v !== 'function') || v === null || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) return;
    for (const key of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, key);
      if (d && 'value' in d) visit(d.value);
    }
    Object.freeze(v);
  };
  visit(value);
  return value;
}
