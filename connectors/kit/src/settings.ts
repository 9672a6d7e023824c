/*
 * The hub's settings, read from one environment (process.env by default) by one typed reader, so that a
 * value that cannot be read is refused at start with the setting's name, whatever module asked for it.
 */

/** A setting whose value cannot be used: the message names the setting and says what it expects. */
export class SettingError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(message);
    this.name = 'SettingError';
  }
}

export type Environment = Readonly<Record<string, string | undefined>>;

export class Settings {
  constructor(readonly env: Environment = process.env) {}

  /** The setting as written; undefined when unset or empty. */
  text(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value === '' ? undefined : value;
  }

  /** A TCP port, 0 for any free one. */
  port(name: string, fallback: number): number {
    const value = this.text(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n > 65535)
      throw new SettingError(name, `Invalid port ${JSON.stringify(value)} in ${name}: 0 to 65535 expected`);
    return n;
  }

  /** A URL (http, https, redis...): refused, with the setting's name, when it does not parse. */
  url(name: string): string | undefined;
  url(name: string, fallback: string): string;
  url(name: string, fallback?: string): string | undefined {
    const value = this.text(name);
    if (value === undefined) return fallback;
    if (!URL.canParse(value)) throw new SettingError(name, `Invalid URL ${JSON.stringify(value)} in ${name}`);
    return value;
  }

  /** A number of seconds, milliseconds...: finite, not negative. */
  amount(name: string, unit: string): number | undefined;
  amount(name: string, unit: string, fallback: number): number;
  amount(name: string, unit: string, fallback?: number): number | undefined {
    const value = this.text(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0)
      throw new SettingError(name, `${name} must be a number of ${unit}, not ${JSON.stringify(value)}`);
    return n;
  }

  /** A comma-separated list, each item trimmed; undefined when unset. */
  list(name: string): string[] | undefined {
    return this.text(name)
      ?.split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  }
}
