import { TUTELLES, Tutelle } from '@hub/schema';
import { z } from 'zod';
import { formatPath, parseYaml, YamlFileError, type YamlProblem } from '../yaml-file';

/*
 * The registry file (docs/SOURCES.md, "The site registry"), validated as every site YAML file is
 * (../yaml-file.ts): every problem reported with its path in the file and its line, all at once.
 */

const isoDate = z.string().superRefine((value, ctx) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
    ctx.addIssue({ code: 'custom', message: "expected a date 'YYYY-MM-DD'" });
  else if (!isCalendarDate(value))
    ctx.addIssue({ code: 'custom', message: `${value} is not a calendar date` });
});
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
    description: z.string().max(4000).nullish(),
    themes: z.array(z.string().min(1).max(80)).max(30).default([]),
    // null and absent alike mean "none" (a YAML `granted:` left empty).
    label: z
      .object({
        status: z.enum(['labelled', 'in_progress', 'none']),
        granted: isoDate.nullish(),
        lastReview: isoDate.nullish(),
        nextReview: isoDate.nullish(),
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

/** A real day of the calendar: '2021-13-45' and '2021-02-30' are not. */
function isCalendarDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

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

/** One problem of a registry file: its path ('platforms[3].staff[1].share'), line and reason. */
export type RegistryProblem = YamlProblem;

export class RegistryFileError extends YamlFileError {
  override name = 'RegistryFileError';
}

/**
 * Validate one platform as the registry file would (an edit made through the graph): its problems with
 * their paths ('services[2].yearlyVolume'), none when it is valid.
 */
export function validatePlatform(
  candidate: unknown,
): { data: RegistryPlatform } | { problems: RegistryProblem[] } {
  const result = platform.safeParse(candidate);
  if (result.success) return { data: result.data };
  return {
    problems: result.error.issues.map((i) => ({ path: formatPath(i.path), line: null, message: i.message })),
  };
}

/** Parse and validate a registry file's text. Throws a RegistryFileError listing every problem. */
export function parseRegistryFile(source: string, file = 'registry.yaml'): RegistryFile {
  const parsed = parseYaml(source, registryFile);
  if ('problems' in parsed) throw new RegistryFileError(file, parsed.problems);
  return parsed.data;
}
