import { type ReadOptions, type SourceHealth, SourceUnavailableError, withRetries } from '@hub/source-kit';
import { MikroORM as SqliteORM } from '@mikro-orm/better-sqlite';
import { ConnectionException, DeadlockException, LockWaitTimeoutException } from '@mikro-orm/core';
import type { AbstractSqlConnection, Knex } from '@mikro-orm/knex';
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
 * Failures another attempt may cure: a dropped or refused connection (a replica restarting, a pool's stale
 * socket), a deadlock or lock wait, a busy SQLite file, too many connections. Not a statement timeout nor a
 * bad statement: those would fail again.
 */
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  '08001',
  '08003',
  '08006',
  '40001',
  '40P01',
  '53300',
  '57P01',
  '57P02',
  '57P03',
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
  'PROTOCOL_CONNECTION_LOST',
  'SQLITE_BUSY',
]);

export function isTransientSqlError(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e instanceof ConnectionException || e instanceof DeadlockException) return true;
    if (e instanceof LockWaitTimeoutException || TRANSIENT_CODES.has(String(e.code))) return true;
  }
  return false;
}

/** Two more attempts at most, and none past the source's own timeout. */
const RETRIES = { retries: 2, baseMs: 50, maxMs: 400, transient: isTransientSqlError };

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
    private readonly timeoutMs: number,
    /** Whether a running statement can be cancelled (a server's); SQLite's run synchronously, in-process. */
    private readonly cancellable: boolean,
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
      return new SqlSource(name, orm, orm.em.getConnection().getKnex(), timeout, true);
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
      return new SqlSource(name, orm, orm.em.getConnection().getKnex(), timeout, true);
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
    return new SqlSource(name, orm, orm.em.getConnection().getKnex(), DEFAULT_TIMEOUT_MS, false);
  }

  /** Statements run since this source was opened. */
  get statementCount(): number {
    return this.statements;
  }

  /**
   * Run one read, again on a transient failure (within bounds). `?` placeholders, whatever the dialect. An
   * aborted `signal` cancels the statement on the server and rejects with the signal's reason.
   */
  async query<Row>(
    sql: string,
    params: readonly unknown[] = [],
    { signal }: ReadOptions = {},
  ): Promise<Row[]> {
    try {
      return await withRetries(() => this.run<Row>(sql, params, signal), {
        ...RETRIES,
        deadline: Date.now() + this.timeoutMs,
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new SourceUnavailableError(
        `${this.name} could not be read: ${(error as Error).message}`,
        this.name,
        {
          cause: error,
        },
      );
    }
  }

  /**
   * One statement on a pooled connection held for it, so that an abort can cancel it there: knex's
   * `cancelQuery` sends `pg_cancel_backend(pid)` or `KILL QUERY thread_id` from a connection of its own.
   */
  private async run<Row>(sql: string, params: readonly unknown[], signal?: AbortSignal): Promise<Row[]> {
    const connection = this.orm.em.getConnection() as AbstractSqlConnection & {
      transformRawResult<T>(result: unknown, method: 'all'): T;
    };
    await connection.ensureConnection();
    signal?.throwIfAborted();
    const client = this.knex.client;
    const held = await client.acquireConnection();
    const cancel = () => {
      // Not cancelled: the connection may still run the statement, so it must not serve another.
      client.cancelQuery(held).catch((error: Error) => {
        held.__knex__disposed = error;
      });
    };
    try {
      signal?.throwIfAborted();
      if (this.cancellable) signal?.addEventListener('abort', cancel, { once: true });
      // As MikroORM's `execute`: its parameters inlined, rows alike from every driver (pg's { rows }...).
      const formatted = connection.getPlatform().formatQuery(sql, params as unknown[]);
      const result = await this.knex.raw(formatted).connection(held);
      return connection.transformRawResult<Row[]>(result, 'all');
    } finally {
      signal?.removeEventListener('abort', cancel);
      await client.releaseConnection(held);
    }
  }

  /** `?, ?, ?` for an IN list of n values. */
  static placeholders(n: number): string {
    return Array.from({ length: n }, () => '?').join(', ');
  }

  /**
   * Up when each table the connector reads can be read: a `select 1` would pass with a table's grant
   * revoked or the table gone, while every client read of it fails. One empty select per table.
   */
  async health(tables: readonly string[]): Promise<SourceHealth> {
    const started = performance.now();
    let table = '';
    try {
      for (table of tables) await this.knex.raw(`SELECT 1 FROM ${table} WHERE 1 = 0`);
      return { source: this.name, up: true, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      return {
        source: this.name,
        up: false,
        latencyMs: Math.round(performance.now() - started),
        error: `${table}: ${(error as Error).message}`,
      };
    }
  }

  async close(): Promise<void> {
    await this.orm.close(true);
  }
}
