/**
 * The hub gateway's memory settings in production (README, "Caches"; `NODE_OPTIONS` in the Kubernetes
 * manifests; the bench): V8's old space bounded at 256 MB, and grown to three times what survives each full
 * collection. Under a bound of 2 GB or less V8 grows the old
 * space by only 1.3 times what survived (its growing factor for small heaps): at 50 connections on cached
 * answers, a fifth of what each request allocates is promoted (sampled: Express's router closures, Node's
 * outgoing message, the request stream's listeners): a full collection every 350 ms, a p99 of 60-85 ms.
 * Grown three times: 3 in a 3 s window, p99 33-42 ms, peak RSS 265 MB (160 MB and V8's own growth: 206 MB).
 * Node's defaults (no bound) are the `hub-default-heap` ablation: 400 MB of RSS.
 */
export const GATEWAY_NODE_ARGS = ['--max-old-space-size=256', '--heap-growing-percent=200'];
