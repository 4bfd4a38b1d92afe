// Saved sequence states: the KV cache of branches a tree search has left, kept on disk so that coming back
// to a branch loads it instead of evaluating it again. node-llama-cpp has no call that copies one sequence
// into another; saving a sequence's state to a file and loading it into another does (platform notes: a
// 188-token state of a 1.5B model is 5.4 MB, 3 ms to save and ~19 ms to load, against seconds to evaluate).
//
// A slot is a sequence with a note of how much of its content some saved state already holds. Before a slot
// drops a tail longer than the threshold that no saved state holds, the slot is saved. States are dropped
// least recently used first beyond a byte budget, and a state is dropped as soon as a later one extends it.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LlamaContextSequence, Token } from "./runtime";

export interface KvSlot {
  seq: LlamaContextSequence;
  /** The slot's first `covered` tokens begin the tokens of `coveredBy`. */
  covered: number;
  coveredBy?: SavedKvState<unknown>;
  /** Logical clock of the last use (least recently used slots are replaced first). */
  used: number;
}

export interface SavedKvState<T> {
  readonly tokens: readonly Token[];
  readonly file: string;
  readonly bytes: number;
  /** What the owner keeps with the state (the reward model: its probe values). */
  readonly data: T;
  used: number;
  dropped: boolean;
}

export interface KvStateStoreOptions {
  /** Bytes of saved states kept; 0 disables saving. */
  budgetBytes: number;
  /** A tail is saved before it is dropped, and a state loaded, only when that spares more than this many tokens. */
  threshold: number;
  /** Folder for the files. Default: a fresh folder under the OS temp dir, removed on dispose. */
  tempDir?: string;
  /** File name prefix. */
  name: string;
}

export class KvStateStore<T> {
  private readonly states: SavedKvState<T>[] = [];
  private bytes = 0;
  private dir?: string;
  private counter = 0;
  private clock = 0;
  saves = 0;
  loads = 0;
  /** Loads that failed and were evaluated instead (see `load`). */
  failedLoads = 0;

  constructor(private readonly options: KvStateStoreOptions) {}

  get enabled(): boolean {
    return this.options.budgetBytes > 0;
  }

  /** A tick of the shared clock, for slots' `used`. */
  tick(): number {
    return ++this.clock;
  }

  /** The saved state sharing the longest prefix with `tokens`, when it shares more than `than` tokens. */
  best(tokens: readonly Token[], than: number): { state: SavedKvState<T>; common: number } | undefined {
    let found: { state: SavedKvState<T>; common: number } | undefined;
    for (const state of this.states) {
      const c = commonPrefix(state.tokens, tokens);
      if (c > (found?.common ?? than)) found = { state, common: c };
    }
    return found;
  }

  /** Saves the slot's current state; `keep` (a state about to be loaded) is never dropped to make room. */
  async save(slot: KvSlot, data: T, keep?: SavedKvState<unknown>): Promise<SavedKvState<T>> {
    this.dir ??= this.options.tempDir ?? (await mkdtemp(join(tmpdir(), `stepwise-${this.options.name}-`)));
    const tokens = slot.seq.contextTokens.slice();
    const file = join(this.dir, `${this.options.name}-${process.pid}-${++this.counter}.bin`);
    const { fileSize } = await slot.seq.saveStateToFile(file);
    this.saves++;
    const state: SavedKvState<T> = { tokens, file, bytes: fileSize, data, used: this.tick(), dropped: false };
    for (const old of [...this.states]) {
      if (old !== keep && old.tokens.length <= tokens.length && commonPrefix(old.tokens, tokens) === old.tokens.length) await this.drop(old);
    }
    this.states.push(state);
    this.bytes += fileSize;
    slot.covered = tokens.length;
    slot.coveredBy = state;
    while (this.bytes > this.options.budgetBytes && this.states.length > 1) {
      // with two states or more, one is not `keep`
      await this.drop(this.states.filter((x) => x !== keep).reduce((a, b) => (b.used < a.used ? b : a)));
    }
    return state;
  }

  /**
   * Replaces the slot's content with a saved state (saving the slot's own tail first when it is worth it;
   * that save never drops `state` to keep within the budget). False when llama.cpp could not load it (its
   * file gone or unreadable, or no run of free cells to hold it, llama.cpp issue 17527): the slot is then
   * left empty, and the caller evaluates the tokens instead.
   */
  async load(slot: KvSlot, state: SavedKvState<T>, dataOfSlot: () => T): Promise<boolean> {
    await this.truncate(slot, 0, dataOfSlot, state);
    try {
      await slot.seq.loadStateFromFile(state.file, { acceptRisk: true });
    } catch {
      this.failedLoads++;
      await slot.seq.clearHistory();
      slot.covered = 0;
      slot.coveredBy = undefined;
      return false;
    }
    this.loads++;
    state.used = this.tick();
    slot.covered = state.tokens.length;
    slot.coveredBy = state;
    return true;
  }

  /** Rolls the slot back to `length` tokens, first saving a long tail that no saved state holds. */
  async truncate(slot: KvSlot, length: number, dataOfSlot: () => T, keep?: SavedKvState<unknown>): Promise<void> {
    const end = slot.seq.nextTokenIndex;
    if (end <= length) return;
    const covered = slot.coveredBy && !slot.coveredBy.dropped ? slot.covered : 0;
    if (this.enabled && end - Math.max(length, covered) > this.options.threshold) await this.save(slot, dataOfSlot(), keep);
    if (length === 0) await slot.seq.clearHistory();
    else await slot.seq.eraseContextTokenRanges([{ start: length, end }]);
    slot.covered = Math.min(slot.covered, length);
  }

  /** Drops every saved state. */
  async clear(): Promise<void> {
    for (const s of [...this.states]) await this.drop(s);
  }

  async dispose(): Promise<void> {
    await this.clear();
    if (this.dir && !this.options.tempDir) await rm(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }

  private async drop(state: SavedKvState<T>): Promise<void> {
    const i = this.states.indexOf(state);
    if (i >= 0) this.states.splice(i, 1);
    state.dropped = true;
    this.bytes -= state.bytes;
    await rm(state.file, { force: true });
  }
}

export function commonPrefix(a: readonly Token[], b: readonly Token[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}
