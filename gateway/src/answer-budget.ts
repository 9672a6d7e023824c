import type { GraphQLRequestContext } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import { Gauge, type Registry } from 'prom-client';
import type { GatewayPlugin } from './plugin';

/*
 * A bound on the answers being built at once. Each answer in the making is several trees of objects (the
 * subgraphs' JSON, @apollo/gateway's merged result, the shaped answer, its bytes): fifty pages of 500
 * instruments in flight together took the gateway past its heap (docs/PERFORMANCE.md, "Big answers"). What
 * an operation will weigh is not known before it runs, but the same operation with the same variables weighs
 * what it weighed last time (dashboards and portals repeat theirs): each execution is weighed by the values
 * its last answer held, and executions start while the weights in flight stay under the budget. An unknown
 * operation weighs 1 until its first answer; one heavier than the whole budget runs alone. Answers served
 * from the response cache are bytes already and never wait. An execution whose client hangs up while it
 * waits leaves the queue: nothing is built for a caller who has gone.
 */

export interface AnswerBudgetOptions {
  /** Values (scalars, objects and list items of the answers' data) that may be in the making at once. */
  maxValuesInFlight: number;
  /** Operations (with their variables) whose weight is remembered. */
  remembered?: number;
  metrics?: Registry;
}

/** 50 pages of 500 instruments were about 700,000 values in flight; this is about a quarter of that. */
export const DEFAULT_ANSWER_BUDGET: AnswerBudgetOptions = { maxValuesInFlight: 200_000 };

/** The values of an answer's data: each scalar, object and list item counts one. */
export function countValues(value: unknown): number {
  if (value === null || typeof value !== 'object') return 1;
  let n = 1;
  if (Array.isArray(value)) for (const item of value) n += countValues(item);
  else for (const key in value) n += countValues((value as Record<string, unknown>)[key]);
  return n;
}

/** A counting semaphore whose permits are weights; waiters start in arrival order. */
export class WeightedGate {
  private inUse = 0;
  private readonly waiting: Array<{ weight: number; start: () => void }> = [];

  constructor(readonly capacity: number) {}

  get used(): number {
    return this.inUse;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Resolves once `weight` (at most the capacity) fits; the caller must `release` the same weight. Rejects
   * with the signal's reason, holding nothing, if `signal` aborts first.
   */
  acquire(weight: number, signal?: AbortSignal): Promise<number> {
    const w = Math.min(Math.max(1, weight), this.capacity);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.waiting.length === 0 && this.inUse + w <= this.capacity) {
      this.inUse += w;
      return Promise.resolve(w);
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        weight: w,
        start: () => {
          signal?.removeEventListener('abort', leave);
          resolve(w);
        },
      };
      const leave = () => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        reject(signal!.reason);
        // The head may have been what held lighter waiters back.
        this.release(0);
      };
      signal?.addEventListener('abort', leave, { once: true });
      this.waiting.push(waiter);
    });
  }

  release(weight: number): void {
    this.inUse -= weight;
    // In order: a heavy waiter at the head is not overtaken forever by light ones.
    while (this.waiting.length > 0 && this.inUse + this.waiting[0]!.weight <= this.capacity) {
      const next = this.waiting.shift()!;
      this.inUse += next.weight;
      next.start();
    }
  }
}

/** The key of an operation with its variables, or null for one too big to remember. */
function keyOf(request: GraphQLRequestContext<object>): string | null {
  const variables = request.request.variables ? JSON.stringify(request.request.variables) : '';
  if (variables.length > 2048 || !request.queryHash) return null;
  return `${request.queryHash}\n${request.operationName ?? ''}\n${variables}`;
}

/** Executions wait while the answers in the making would exceed the budget (`WeightedGate`). */
export function useAnswerBudget(options: AnswerBudgetOptions): GatewayPlugin {
  const gate = new WeightedGate(options.maxValuesInFlight);
  const weights = new LRUCache<string, number>({ max: options.remembered ?? 5_000 });
  const held = new WeakMap<object, { weight: number; key: string | null }>();
  if (options.metrics) {
    new Gauge({
      name: 'hub_gateway_answer_values_in_flight',
      help: 'Values of the answers being built (their weight by their last answer), against the budget',
      registers: [options.metrics],
      collect() {
        this.set(gate.used);
      },
    });
    new Gauge({
      name: 'hub_gateway_answers_waiting',
      help: 'Executions waiting for the answers in the making to leave room',
      registers: [options.metrics],
      collect() {
        this.set(gate.queued);
      },
    });
  }
  return {
    name: 'answer-budget',
    apollo: {
      async requestDidStart() {
        return {
          // After the response cache's lookup: a hit never gets here.
          async executionDidStart(request) {
            const key = keyOf(request);
            const signal = (request.contextValue as { signal?: AbortSignal }).signal;
            held.set(request, { weight: await gate.acquire((key && weights.get(key)) || 1, signal), key });
          },
          async willSendResponse(request) {
            const running = held.get(request);
            if (running === undefined) return;
            held.delete(request);
            gate.release(running.weight);
            const { key } = running;
            const body = request.response.body;
            if (key && body.kind === 'single') weights.set(key, countValues(body.singleResult.data));
          },
        };
      },
    },
  };
}
