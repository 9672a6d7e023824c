import { TUTELLES, Tutelle } from '@hub/schema';
import { isMap, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';

/*
 * The registry file (SOURCES.md, "The site registry"): parsed, validated, and every problem reported with
 * its path in the file and its line, all at once, so whoever keeps the file fixes it in one pass.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date 'YYYY-MM-DD'");
const tutelleCode = z.enum(Tutelle, { error: `expected one of ${Object.keys(TUTELLES).join(', ')}` });
const price = z.number().nonnegative();

const service = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  unit: z.enum(['hour', 'sample', 'day', 'run']),
  yearlyVolume: z.number().nonnegative(),
  staffHoursPerUnit: z.number().nonnegative(),
  equipmentHoursPerUnit: z.number().nonnegative(),
  currentPrices: z
    .partialRecord(
      tutelleCode,
      z.object({ internal: price, external: price, private: price }).partial().strict(),
    )
    .default({}),
});

const platform = z
  .object({
    code: z.string().regex(/^[A-Z0-9][A-Z0-9_-]*$/, 'expected an upper-case code: letters, digits, - and _'),
    name: z.string().min(1),
    units: z.array(z.string().min(1)).min(1),
    tutelles: z.array(tutelleCode).min(1),
    themes: z.array(z.string()).default([]),
    label: z
      .object({
        status: z.enum(['labelled', 'in_progress', 'none']),
        granted: isoDate.optional(),
        nextReview: isoDate.optional(),
      })
      .default({ status: 'none' }),
    contact: z.object({ name: z.string().min(1), email: z.email() }).optional(),
    costCentres: z.partialRecord(tutelleCode, z.array(z.string().min(1))).default({}),
    staff: z
      .array(z.object({ tutelle: tutelleCode, id: z.coerce.string().min(1), share: z.number().gt(0).max(1) }))
      .default([]),
    services: z.array(service).default([]),
  })
  .superRefine((p, ctx) => {
    for (const [tutelle, codes] of Object.entries(p.costCentres)) {
      if (codes && codes.length > 0 && !p.tutelles.includes(tutelle as Tutelle)) {
        ctx.addIssue({
          code: 'custom',
          path: ['costCentres', tutelle],
          message: `${tutelle} is not a tutelle of ${p.code}`,
        });
      }
    }
    for (const i of duplicates(p.services.map((s) => s.code))) {
      ctx.addIssue({ code: 'custom', path: ['services', i, 'code'], message: 'duplicate service code' });
    }
    for (const i of duplicates(p.staff.map((s) => `${s.tutelle}:${s.id}`))) {
      ctx.addIssue({ code: 'custom', path: ['staff', i], message: 'person listed twice' });
    }
  });

const registryFile = z
  .object({ platforms: z.array(platform) })
  .strict()
  .superRefine((r, ctx) => {
    for (const i of duplicates(r.platforms.map((p) => p.code))) {
      ctx.addIssue({ code: 'custom', path: ['platforms', i, 'code'], message: 'duplicate platform code' });
    }
  });

export type RegistryFile = z.infer<typeof registryFile>;
export type RegistryPlatform = z.infer<typeof platform>;

/** Indexes of the second and later occurrences of each value. */
function duplicates(values: readonly string[]): number[] {
  const seen = new Set<string>();
  const repeated: number[] = [];
  values.forEach((value, i) => {
    if (seen.has(value)) repeated.push(i);
    seen.add(value);
  });
  return repeated;
}

export interface RegistryProblem {
  /** 'platforms[3].staff[1].share' */
  path: string;
  line: number | null;
  message: string;
}

export class RegistryFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: RegistryProblem[],
  ) {
    super(
      `${file}: ${problems.length} problem(s)\n${problems
        .map((p) => `  ${p.path || '(file)'}${p.line ? ` (line ${p.line})` : ''}: ${p.message}`)
        .join('\n')}`,
    );
    this.name = 'RegistryFileError';
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

/** Parse and validate a registry file's text. Throws a RegistryFileError listing every problem. */
export function parseRegistryFile(source: string, file = 'registry.yaml'): RegistryFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number | undefined) => (offset == null ? null : lineCounter.linePos(offset).line);
  if (doc.errors.length > 0) {
    throw new RegistryFileError(
      file,
      doc.errors.map((e) => ({ path: '', line: lineOf(e.pos[0]), message: e.message })),
    );
  }
  const result = registryFile.safeParse(doc.toJS());
  if (result.success) return result.data;
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
  throw new RegistryFileError(file, problems);
}
