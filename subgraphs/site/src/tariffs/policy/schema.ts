import { z } from 'zod';
import { AllocationKey, CostComponent } from '../model/cost-base';

/*
 * The tariff policy (one YAML file, `HUB_TARIFF_POLICY`, default ./default-policy.yaml): the site-wide
 * rates, which costs each user category pays, how costs are split between services, and the rounding.
 */

const rate = z.number().min(0).max(1, 'expected a rate between 0 and 1 (0.2 = 20 %)');
const component = z.enum(CostComponent, {
  error: `expected one of ${Object.values(CostComponent).join(', ')}`,
});
const key = z.enum(AllocationKey, { error: `expected one of ${Object.values(AllocationKey).join(', ')}` });

const category = z
  .object({
    description: z.string().min(1),
    components: z.array(component).min(1),
    /** Whether the site's overhead rate (frais de structure) is added to the cost. */
    overhead: z.boolean().default(false),
    /** Added on cost and overhead. */
    marginRate: rate.default(0),
    /** Whether VAT is shown (and added for TTC). */
    vat: z.boolean().default(false),
  })
  .strict()
  .superRefine((c, ctx) => {
    c.components.forEach((name, i) => {
      if (c.components.indexOf(name) !== i)
        ctx.addIssue({ code: 'custom', path: ['components', i], message: `${name} listed twice` });
    });
  });

export const tariffPolicySchema = z
  .object({
    version: z.coerce.string().min(1),
    /** Frais de structure: one rate for the site, not per tutelle. */
    overheadRate: rate,
    vatRate: rate,
    rounding: z
      .object({
        step: z
          .number()
          .positive()
          .refine(
            (step) => Number.isInteger(Math.round(step * 1e6) / 1e4),
            'expected whole cents: 0.01, 0.1, 1',
          )
          .default(0.01),
        mode: z.enum(['half-up', 'up']).default('half-up'),
      })
      .strict()
      .default({ step: 0.01, mode: 'half-up' }),
    depreciation: z
      .object({ defaultUsefulLifeYears: z.number().int().positive() })
      .strict()
      .default({ defaultUsefulLifeYears: 7 }),
    allocation: z.record(component, key),
    categories: z.object({ internal: category, external: category, private: category }).strict(),
  })
  .strict();

export type TariffPolicy = z.infer<typeof tariffPolicySchema>;
export type TariffCategoryPolicy = TariffPolicy['categories']['internal'];
export type UserCategoryName = keyof TariffPolicy['categories'];
