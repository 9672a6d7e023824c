import Fraction from 'fraction.js';

/*
 * Exact arithmetic for the tariff model: every figure is a fraction of two big integers (fraction.js), so a
 * cost split by days, shares and hours stays exact until the one rounding at the end. This class only names
 * the model's vocabulary over it: decimals read from their text (0.1 is one tenth, not the binary float
 * nearest to it: fraction.js would approximate a float), euros in cents, and the two commercial roundings.
 */
export class Exact {
  private constructor(private readonly f: Fraction) {}

  static readonly ZERO = new Exact(new Fraction(0));

  static of(n: bigint, d = 1n): Exact {
    return new Exact(new Fraction(n, d));
  }

  /** A decimal number as written: `Exact.decimal(0.1)` is 1/10. */
  static decimal(value: number | string): Exact {
    const text = typeof value === 'number' ? value.toString() : value.trim();
    // fraction.js reads decimals but not an exponent, which Number#toString writes below 1e-6 and from 1e21.
    const match = /^([^e]+)(?:e([+-]?\d+))?$/i.exec(text);
    if (!match) throw new RangeError(`not a decimal number: ${text}`);
    const [, digits = '', exponent = '0'] = match;
    return new Exact(new Fraction(digits).mul(new Fraction(10).pow(Number(exponent))));
  }

  /** An amount in euros as the graph gives it (two decimals): exact in cents. */
  static euros(amount: number): Exact {
    return Exact.of(BigInt(Math.round(amount * 100)), 100n);
  }

  static sum(values: Iterable<Exact>): Exact {
    let total = Exact.ZERO;
    for (const v of values) total = total.plus(v);
    return total;
  }

  plus(o: Exact): Exact {
    return new Exact(this.f.add(o.f));
  }
  minus(o: Exact): Exact {
    return new Exact(this.f.sub(o.f));
  }
  times(o: Exact | number): Exact {
    return new Exact(this.f.mul((typeof o === 'number' ? Exact.decimal(o) : o).f));
  }
  div(o: Exact | number): Exact {
    return new Exact(this.f.div((typeof o === 'number' ? Exact.decimal(o) : o).f));
  }
  isZero(): boolean {
    return this.f.n === 0n;
  }
  sign(): -1 | 0 | 1 {
    return this.f.n === 0n ? 0 : this.f.s < 0n ? -1 : 1;
  }

  /**
   * To a whole number of `step` cents: `half-up` rounds halves away from zero (the commercial rule), `up`
   * rounds every fraction of a step up (a price never below cost). The result in cents.
   */
  roundTo(stepCents: number, mode: RoundingMode = 'half-up'): bigint {
    const cents = this.f.mul(100);
    const rounded =
      mode === 'half-up' ? cents.roundTo(stepCents) : cents.div(stepCents).ceil().mul(stepCents);
    return rounded.s * rounded.n;
  }

  /** Rounded to the cent (half-up), in euros: for showing a figure, never for computing with it. */
  toEuros(): number {
    return Number(this.roundTo(1)) / 100;
  }

  /** As a float, for ratios and hours shown beside the money (not money itself). */
  toNumber(): number {
    return this.f.valueOf();
  }
}

export type RoundingMode = 'half-up' | 'up';
