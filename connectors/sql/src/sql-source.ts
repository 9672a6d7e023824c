import { type SourceHealth, SourceUnavailableError } from '@hub/connector-kit';
import { MikroORM as SqliteORM } from '@mikro-orm/better-sqlite';
import type { Knex } from '@mikro-orm/knex';
import { MikroORM as MariaDbORM } from '@mikro-orm/mariadb';
import { MikroORM as PostgresORM } from '@mikro-orm/postgresql';

interface ServerSource {
  url: string;
  /** ms before a query or a connection attempt gives up */
  timeoutMs?: number;
}

/** Where a SQL source lives. PostgreSQL and MariaDB in deployment; SQLite files for the embedded demo. */
export type SqlSourceConfig =
  | ({ kind: 'postgresql' } & ServerSource)
  | ({ kind: 'mariadb' } & ServerSource)
  | {
      kind: 'sqlite';
      /**
       * One file per source schema, attached under that schema's name (`sifac` → `sifac.sqlite`), so the
       * connector's SQL (`sifac.immobilisation`) is the same on SQLite as on the real replica.
       */
      schemas: Record<string, string>;
    };

const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * A read-only SQL source, through MikroORM's connection (its knex client). It names itself in every error,
 * and counts the statements it runs so tests and benchmarks can prove reads are batched.
 */
export class SqlSource {
  private statements = 0;

  private constructor(
    /** 'UL/sifac+siham' */
    readonly name: string,
    private readonly orm: SqliteORM | PostgresORM | MariaDbORM,
    private readonly knex: Knex,
  ) {
    knex.on('query', () => {
      this.statements += 1;
    });
  }

  static async connect(name: string, config: SqlSourceConfig): Promise<SqlSource> {
    // `connect: false`: a source that is down at start-up must not stop the subgraph; reads will fail
    // with a SourceUnavailableError naming it, and /health will say so.
    const common = {
      entities: [],
      discovery: { warnWhenNoEntities: false },
      allowGlobalContext: true,
      connect: false,
    };
    if (config.kind === 'postgresql') {
      const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const orm = await PostgresORM.init({
        ...common,
        clientUrl: config.url,
        pool: { min: 0, max: 4 },
        driverOptions: { connection: { connectionTimeoutMillis: timeout, statement_timeout: timeout } },
      });
      await orm.connect().catch(() => undefined);
      return new SqlSource(name, orm, orm.em.getConnection().getKnex());
    }
    if (config.kind === 'mariadb') {
      const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const orm = await MariaDbORM.init({
        ...common,
        clientUrl: config.url,
        pool: { min: 0, max: 4 },
        // Dates as the replica stores them ('YYYY-MM-DD'), not shifted into the server's time zone.
        driverOptions: { connection: { connectTimeout: timeout, queryTimeout: timeout, dateStrings: true } },
      });
      await orm.connect().catch(() => undefined);
      return new SqlSource(name, orm, orm.em.getConnection().getKnex());
    }
    const attach = Object.entries(config.schemas);
    const orm = await SqliteORM.init({
      ...common,
      dbName: ':memory:',
      pool: {
        min: 1,
        max: 1,
        afterCreate: (db: { exec(sql: string): void }, done: (err: Error | null, db: unknown) => void) => {
          try {
            for (const [schema, file] of attach)
              db.exec(`ATTACH DATABASE '${file.replaceAll("'", "''")}' AS ${schema}`);
            done(null, db);
          } catch (error) {
            done(error as Error, db);
          }
        },
      },
    });
    await orm.connect();
    return new SqlSource(name, orm, orm.em.getConnection().getKnex());
  }

  /** Statements run since this source was opened. */
  get statementCount(): number {
    return this.statements;
  }

  /** Run one read. `?` placeholders, whatever the dialect. */
  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    try {
      // MikroORM's `execute` gives rows alike from every driver (pg's { rows }, mysql's [rows, fields]...).
      return await this.orm.em.getConnection().execute<Row[]>(sql, params as unknown[], 'all');
    } catch (error) {
      throw new SourceUnavailableError(
        `${this.name} could not be read: ${(error as Error).message}`,
        this.name,
        {
          cause: error,
        },
      );
    }
  }

  /** `?, ?, ?` for an IN list of n values. */
  static placeholders(n: number): string {
    return Array.from({ length: n }, () => '?').join(', ');
  }

  async health(): Promise<SourceHealth> {
    const started = performance.now();
    try {
      await this.knex.raw('select 1');
      return { source: this.name, up: true, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      return {
        source: this.name,
        up: false,
        latencyMs: Math.round(performance.now() - started),
        error: (error as Error).message,
      };
    }
  }

  async close(): Promise<void> {
    await this.orm.close(true);
  }
}
