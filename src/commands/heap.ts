import { setFlagsFromString } from 'node:v8';

/*
 * V8 heap settings for the commands that allocate a little per row over very many rows and keep
 * almost nothing. Left to its defaults V8 grows its young generation to 32 MB and lets old
 * garbage pile up to several times the live heap before a full collection. These flags are GC
 * heuristics that V8 reads at each collection, so setting them at run time works (the heap's
 * sizes, --max-semi-space-size and the like, are fixed at start-up and cannot be changed here).
 * Figures in bench/README.md.
 */

/** Export: a 1M-order export took 125 MB with the defaults, ~72 MB with these, for ~5% more time. */
export function lowMemoryHeap(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--optimize-for-size');
}

/**
 * The sweep and `remind` at 100,000 due: ~25 MB live, yet 230 MB and 205 MB peak RSS with the
 * defaults; 127 MB and 121 MB with a young generation that stays small and an old generation
 * allowed to grow 20% past what the last full collection kept, at no cost in time.
 * --optimize-for-size saved ~5 MB more but cost the sweep ~40% more CPU time.
 */
export function nightlyHeap(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--heap-growing-percent=20');
}
