import { Directive, Field, Float, ObjectType, registerEnumType } from 'type-graphql';

/** Whether an amount includes VAT. Sources differ; the hub says which one every figure is. */
export enum VatBasis {
  HT = 'HT',
  TTC = 'TTC',
}
registerEnumType(VatBasis, {
  name: 'VatBasis',
  description: 'HT: excluding VAT. TTC: VAT included.',
});

/** The rate applied when a source records TTC without saying which rate (docs/SOURCES.md, common facts). */
export const DEFAULT_VAT_RATE = 0.2;

@ObjectType({ description: 'An amount of money, with its currency and whether it includes VAT.' })
@Directive('@shareable')
export class Money {
  @Field(() => Float, { description: 'Rounded to the cent.' })
  amount!: number;

  @Field(() => String, { description: 'ISO 4217 code; always EUR on this site.' })
  currency!: string;

  @Field(() => VatBasis)
  basis!: VatBasis;

  @Field(() => Float, {
    nullable: true,
    description: 'VAT rate used to convert this amount to HT, when it was converted (0.2 = 20 %).',
  })
  vatRate?: number | null;
}

export function roundCents(amount: number): number {
  return Math.round((amount + Number.EPSILON) * 100) / 100;
}

export function euros(amount: number, basis: VatBasis, vatRate: number | null = null): Money {
  return { amount: roundCents(amount), currency: 'EUR', basis, vatRate };
}

/** Normalise an amount to HT: TTC is divided by (1 + rate), with the default rate where none is given. */
export function toHT(amount: number, basis: VatBasis, vatRate: number | null = null): Money {
  if (basis === VatBasis.HT) return euros(amount, VatBasis.HT, vatRate);
  const rate = vatRate ?? DEFAULT_VAT_RATE;
  return euros(amount / (1 + rate), VatBasis.HT, rate);
}
