// The suite's two runs, apart from the suite so that the CLI shows their defaults without loading it.

/**
 * The full run: ×1 and ×10, 10 and 50 connections, three rounds of 3 s (1.5 s moved by 20-30 % per cell
 * between runs), each in fresh gateway processes (issue 20: a process's level is not the next one's), each
 * after 2 s of warm-up (the JIT still warming in the first second); about 50 minutes on a quiet 2-core machine.
 */
export const FULL_RUN = { scales: [1, 10], connections: [10, 50], durationS: 3, warmupS: 2, rounds: 3 };

/** The smoke pass (CI): ×1, 10 connections, one short round; it checks every answer and times nothing. */
export const SMOKE_RUN = { scales: [1], connections: [10], durationS: 0.5, warmupS: 0, rounds: 1 };
