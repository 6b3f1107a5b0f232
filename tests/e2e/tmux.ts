import { execFileSync, spawnSync } from 'node:child_process';

/** Drives the real binary in a pseudo-terminal (tmux), typing as the owner would. */
export class Terminal {
  readonly name = `orders-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  constructor(command: string, env: Record<string, string>) {
    const vars = Object.entries(env).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
    execFileSync('tmux', ['new-session', '-d', '-s', this.name, '-x', '200', '-y', '60', `env ${vars} ${command}; echo "EXIT=$?"; sleep 60`]);
  }

  screen(withEscapes = false): string {
    return execFileSync('tmux', ['capture-pane', '-p', '-J', ...(withEscapes ? ['-e'] : []), '-S', '-200', '-t', this.name], { encoding: 'utf8' });
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
    execFileSync('tmux', ['send-keys', '-t', this.name, ...keys]);
  }

  async answer(prompt: string | RegExp, ...keys: string[]): Promise<void> {
    await this.waitFor(prompt);
    this.type(...keys);
  }

  close(): void {
    spawnSync('tmux', ['kill-session', '-t', this.name]);
  }
}

