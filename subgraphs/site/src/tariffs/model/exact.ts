/*
 * Exact arithmetic for the tariff model: every figure is a fraction of two big integers, so a cost split
 * by days, shares and hours stays exact until the one rounding at the end. Inputs come in as decimals
 * (cents from the sources, shares and hours from the registry) and are read from their decimal text, so
 * 0.1 is one tenth, not the binary float nearest to it.
 */

const gcd = (a: bigint, b: bigint): bigint => {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

export class Exact {
  private constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}

  static readonly ZERO = new Exact(0n, 1n);

  static of(n: bigint, d = 1n): Exact {
    if (d === 0n) throw new RangeError('division by zero');
    const sign = d < 0n ? -1n : 1n;
    const g = gcd(n, d) || 1n;
    return new Exact((sign * n) / g, (sign * d) / g);
  }

  /** A decimal number as written: `Exact.decimal(0.1)` is 1/10. */
  static decimal(value: number | string): Exact {
    const text = typeof value === 'number' ? value.toString() : value.trim();
    const match = /^(-?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
    if (!match || (!match[2] && !match[3])) throw new RangeError(`not a decimal number: ${text}`);
    const [, sign, whole = '', fraction = '', exponent = '0'] = match;
    const digits = BigInt(`${sign}${whole}${fraction}` || '0');
    const scale = Number(exponent) - fraction.length;
    return scale >= 0 ? Exact.of(digits * 10n ** BigInt(scale)) : Exact.of(digits, 10n ** BigInt(-scale));
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
    return Exact.of(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  minus(o: Exact): Exact {
    return Exact.of(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  times(o: Exact | number): Exact {
    const x = typeof o === 'number' ? Exact.decimal(o) : o;
    return Exact.of(this.n * x.n, this.d * x.d);
  }
  div(o: Exact | number): Exact {
    const x = typeof o === 'number' ? Exact.decimal(o) : o;
    return Exact.of(this.n * x.d, this.d * x.n);
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  sign(): -1 | 0 | 1 {
    return this.n < 0n ? -1 : this.n > 0n ? 1 : 0;
  }

  /**
   * To a whole number of `step` cents: `half-up` rounds halves away from zero (the commercial rule), `up`
   * rounds every fraction of a step up (a price never below cost). The result in cents.
   */
  roundTo(stepCents: number, mode: RoundingMode = 'half-up'): bigint {
    const step = BigInt(stepCents);
    // This many steps, as a fraction.
    const n = this.n * 100n;
    const d = this.d * step;
    const negative = n < 0n;
    const abs = negative ? -n : n;
    let steps: bigint;
    if (mode === 'half-up') steps = (2n * abs + d) / (2n * d);
    else steps = negative ? abs / d : (abs + d - 1n) / d;
    return (negative ? -steps : steps) * step;
  }

  /** Rounded to the cent (half-up), in euros: for showing a figure, never for computing with it. */
  toEuros(): number {
    return Number(this.roundTo(1)) / 100;
  }

  /** As a float, for ratios and hours shown beside the money (not money itself). */
  toNumber(): number {
    return Number(this.n) / Number(this.d);
  }
}

export type RoundingMode = 'half-up' | 'up';
