import { isMap, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';

/*
 * The site's YAML files (the registry, the tariff policy): parsed, validated against their schema, and every
 * problem reported with its path in the file and its line, all at once, so whoever keeps the file fixes it
 * in one pass.
 */

export interface YamlProblem {
  /** 'platforms[3].staff[1].share' */
  path: string;
  line: number | null;
  message: string;
}

/** A file refused, with every problem found in it. Each kind of file names its own subclass. */
export class YamlFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: YamlProblem[],
  ) {
    super(
      `${file}: ${problems.length} problem(s)\n${problems
        .map((p) => `  ${p.path || '(file)'}${p.line ? ` (line ${p.line})` : ''}: ${p.message}`)
        .join('\n')}`,
    );
  }
}

/** 'platforms[3].staff[1].share' from a schema issue's path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

/** Parse and validate a YAML text: the data, or the problems found (syntax first, then the schema's). */
export function parseYaml<Schema extends z.ZodType>(
  source: string,
  schema: Schema,
): { data: z.infer<Schema> } | { problems: YamlProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number | undefined) => (offset == null ? null : lineCounter.linePos(offset).line);
  if (doc.errors.length > 0) {
    return { problems: doc.errors.map((e) => ({ path: '', line: lineOf(e.pos[0]), message: e.message })) };
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return { data: result.data };
  const problems = result.error.issues.map((issue) => {
    // The deepest node that exists gives the line: a missing key points at its parent.
    let line: number | null = null;
    for (let depth = issue.path.length; depth >= 0 && line == null; depth--) {
      const node = doc.getIn(issue.path.slice(0, depth) as (string | number)[], true) as
        | { range?: [number, number, number] }
        | undefined;
      line = lineOf(
        node?.range?.[0] ?? (depth === 0 && isMap(doc.contents) ? doc.contents.range?.[0] : undefined),
      );
    }
    return { path: formatPath(issue.path), line, message: issue.message };
  });
  return { problems };
}
