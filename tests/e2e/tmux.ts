import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Drives the real binary in a pseudo-terminal (tmux), typing as the owner would.
 * Each terminal has a tmux server of its own (`-S`, no config file): on the shared default
 * server, one test's last session ending shuts the server down while another test's
 * `new-session` is connecting to it ("server exited unexpectedly").
 */
export class Terminal {
  readonly name = `orders-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly socket = join(tmpdir(), `${this.name}.tmux`);
  constructor(command: string, env: Record<string, string>) {
    const vars = Object.entries(env).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
    this.tmux('new-session', '-d', '-s', this.name, '-x', '200', '-y', '60', `env ${vars} ${command}; echo "EXIT=$?"; sleep 60`);
  }

  /** Runs a tmux command on this terminal's own server. */
  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-S', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }

  screen(withEscapes = false): string {
    return this.tmux('capture-pane', '-p', '-J', ...(withEscapes ? ['-e'] : []), '-S', '-200', '-t', this.name);
  }

  async waitFor(text: string | RegExp, timeoutMs = 15_000): Promise<string> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const s = this.screen();
      if (typeof text === 'string' ? s.includes(text) : text.test(s)) return s;
      if (Date.now() > until) throw new Error(`waiting for ${text}; the screen shows:\n${s}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  type(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.name, ...keys);
  }

  /**
   * Waits for the prompt, then for the screen to stop changing before typing: keys sent while
   * the prompt is still being drawn can reach the previous prompt's input as it closes, and be
   * lost (seen once in CI under load: 'n' for "Add another item?" never arrived).
   */
  async answer(prompt: string | RegExp, ...keys: string[]): Promise<void> {
    let before = await this.waitFor(prompt);
    for (;;) {
      await new Promise((r) => setTimeout(r, 150));
      const now = this.screen();
      if (now === before) break;
      before = now;
    }
    this.type(...keys);
  }

  close(): void {
    spawnSync('tmux', ['-S', this.socket, 'kill-server']);
    rmSync(this.socket, { force: true });
  }
}
