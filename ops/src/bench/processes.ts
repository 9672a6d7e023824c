import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { GcTotals } from './gc-meter';

/*
 * The suite's processes: each gateway under test alone on one core, the subgraphs and the load generator on
 * the other (taskset), each started as `node --import tsx <entry>` so that its pid is the one whose memory
 * is measured. A child says it is ready on file descriptor 3, so its own logs on stdout cost nothing here.
 */

/** The core each side runs on: gateways alone on the first, everything else on the second. */
export const GATEWAY_CPU = 0;
export const LOAD_CPU = 1;

const READY_FD = 3;

/** Whether this machine can pin processes to cores (taskset from util-linux, and two cores at least). */
export function canPin(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Pin this process (and its threads) to a core: the load generator's. */
export function pinSelf(cpu: number): void {
  execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(process.pid)], { stdio: 'ignore' });
}

/** Called by a child entry once it serves: what it tells the suite (its URL...). */
export function reportReady(value: unknown): void {
  writeSync(READY_FD, `${JSON.stringify(value)}\n`);
}

export interface BenchChild<Ready> {
  name: string;
  pid: number;
  ready: Ready;
  /** Peak resident memory since start or the last `resetPeakRss()`, MB (VmHWM). */
  peakRssMb(): number;
  /** Start measuring the peak again (Linux: `5` into clear_refs). */
  resetPeakRss(): void;
  /** CPU time the process has used, user and system, in seconds. */
  cpuSeconds(): number;
  /** Minor page faults the process has taken (fresh pages: what big allocations cost beyond their CPU). */
  minorFaults(): number;
  /** Its garbage totals (gc-meter.ts), from a child that measures them (the gateways); null otherwise. */
  gcTotals(): Promise<GcTotals | null>;
  /** Null while it runs; once it has exited, how (code or signal) and the end of what it wrote on stderr. */
  exited(): string | null;
  stop(): Promise<void>;
}

const TSX = require.resolve('tsx');

/** `HUB_BENCH_PROFILE=<dir>`: every child writes a CPU profile there when it stops (`node --cpu-prof`). */
const profile = (name: string) => {
  const dir = process.env.HUB_BENCH_PROFILE;
  return dir
    ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`]
    : [];
};

/** Start `entry` (a .ts file of this folder) with arguments, pinned to a core when `cpu` is given. */
export async function startChild<Ready>(
  name: string,
  entry: string,
  args: string[],
  options: {
    cpu: number | null;
    env?: NodeJS.ProcessEnv;
    timeoutMs?: number;
    nodeArgs?: string[];
    /** The child answers SIGUSR2 with its garbage totals (gateway-process.ts). */
    gcMeter?: boolean;
  },
): Promise<BenchChild<Ready>> {
  const node = [
    process.execPath,
    ...(options.nodeArgs ?? []),
    ...profile(name),
    '--import',
    TSX,
    path.join(__dirname, entry),
    ...args,
  ];
  const [command, ...argv] = options.cpu == null ? node : ['taskset', '-c', String(options.cpu), ...node];
  const child = spawn(command!, argv, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  // The lines the child writes on its channel: the first says it is ready, later ones answer `gcTotals`.
  let buffered = '';
  const lineWaiters: Array<(line: string) => void> = [];
  child.stdio[READY_FD]!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      if (line) lineWaiters.shift()?.(line);
    }
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`${name} not ready within ${options.timeoutMs ?? 120_000} ms`)),
      options.timeoutMs ?? 120_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${stderr}`));
    };
    lineWaiters.push((line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as Ready);
    });
    child.once('exit', (code) => fail(new Error(`${name} exited (${code}) before it was ready`)));
  });
  child.removeAllListeners('exit');
  let exited: string | null = null;
  child.once('exit', (code, signal) => {
    exited = `${name} exited (${signal ?? code}): ${stderr.slice(-1500)}`;
  });
  const status = `/proc/${child.pid}/status`;
  /** /proc/<pid>/stat's fields from the third (state) on: after the command name, which may hold spaces. */
  const stat = () =>
    existsSync(`/proc/${child.pid}/stat`)
      ? readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
      : null;
  return {
    name,
    pid: child.pid!,
    ready,
    peakRssMb: () => {
      if (!existsSync(status)) return Number.NaN;
      const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(status, 'utf8'))?.[1];
      return kb ? Math.round(Number(kb) / 1024) : Number.NaN;
    },
    exited: () => exited,
    cpuSeconds: () => {
      const fields = stat();
      // Fields 14 and 15 (utime, stime), in clock ticks of 1/100 s.
      return fields ? (Number(fields[11]) + Number(fields[12])) / 100 : Number.NaN;
    },
    minorFaults: () => Number(stat()?.[7] ?? Number.NaN), // field 10, minflt
    gcTotals: async () => {
      if (!options.gcMeter || exited) return null;
      const line = new Promise<string>((resolve) => lineWaiters.push(resolve));
      child.kill('SIGUSR2');
      return (JSON.parse(await line) as { gc: GcTotals }).gc;
    },
    resetPeakRss: () => {
      try {
        writeFileSync(`/proc/${child.pid}/clear_refs`, '5');
      } catch {
        // Not Linux, or not allowed: the peak is then the process's since it started.
      }
    },
    stop: () => stopChild(child),
  };
}

/**
 * How long a child has to stop before it is killed: longer when it writes a CPU profile on exit (the
 * subgraphs' of the ×10 site took more than 5 s to write, and a killed process writes none).
 */
const STOP_MS = process.env.HUB_BENCH_PROFILE ? 60_000 : 5000;

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_MS);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
