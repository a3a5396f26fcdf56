import { z } from 'zod';

// What duban reads from a reporter's options schema: which options are file
// paths (resolved against the config file, like duban's own paths) and which
// are text (so `--option title=2019` stays the string "2019").

/** A string option that names a file or directory: duban resolves it against duban.config.json (or the current directory for --option). */
export function pathOption(): z.ZodString {
  return z.string().meta({ format: 'path' });
}

interface Json {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Json[];
  oneOf?: Json[];
  allOf?: Json[];
  properties?: Record<string, Json>;
  items?: Json;
}

function jsonSchema(schema: z.ZodType | undefined): Json | null {
  if (!schema) return null;
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  } catch {
    return null;
  }
}

const alternatives = (s: Json): Json[] =>
  [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]
    .flatMap(alternatives)
    .concat(s.anyOf || s.oneOf || s.allOf ? [] : [s]);

/** The JSON-schema node(s) at a dotted key path, or [] when the schema does not say. */
function at(root: Json | null, path: readonly string[]): Json[] {
  let nodes = root ? [root] : [];
  for (const key of path)
    nodes = nodes.flatMap(alternatives).flatMap((n) => (n.properties?.[key] ? [n.properties[key]!] : []));
  return nodes.flatMap(alternatives);
}

/** Key paths of the options declared with `pathOption()` (objects searched recursively; arrays of paths included). */
export function pathOptionKeys(schema: z.ZodType | undefined): string[][] {
  const out: string[][] = [];
  const walk = (node: Json, path: string[]) => {
    for (const alt of alternatives(node)) {
      if (alt.format === 'path' || alt.items?.format === 'path') out.push(path);
      for (const [k, child] of Object.entries(alt.properties ?? {})) walk(child, [...path, k]);
    }
  };
  const root = jsonSchema(schema);
  if (root) walk(root, []);
  return out.filter((p, i) => p.length > 0 && out.findIndex((q) => q.join('.') === p.join('.')) === i);
}

/** True when the option at `path` only takes text (a string, or an enum/const of strings): its command-line value is not parsed as JSON. */
export function optionTakesText(schema: z.ZodType | undefined, path: readonly string[]): boolean {
  const nodes = at(jsonSchema(schema), path);
  const isText = (n: Json) =>
    n.type === 'string' ||
    (Array.isArray(n.enum) && n.enum.every((v) => typeof v === 'string')) ||
    typeof n.const === 'string';
  return nodes.length > 0 && nodes.every(isText);
}
