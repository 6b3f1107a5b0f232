/** postgres:// URLs as `--db` and ORDERS_DB take them, and as messages may show them (never a password). */

/** A postgres:// or postgresql:// URL, as `--db` and ORDERS_DB take it. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** A postgres:// URL read as the driver reads it: host and port may also come as ?host= and ?port=. */
export function readUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    // `postgres://user@/db?host=...`: no host before the path, which URL cannot read.
    try {
      return new URL(url.replace(/@\//, '@localhost/'));
    } catch {
      return undefined;
    }
  }
}

/** The database a URL names (its path, or ?dbname=), '' when none. */
export function databaseOf(u: URL): string {
  return decodeURIComponent(u.pathname.replace(/^\//, '')) || u.searchParams.get('dbname') || '';
}

/** Where a URL points, for messages: host, port and database, never the user's password. */
export function describeUrl(url: string): string {
  const u = readUrl(url);
  if (!u) return 'PostgreSQL (the URL could not be read)';
  const host = u.searchParams.get('host') || u.hostname || process.env.PGHOST || 'localhost';
  const port = u.searchParams.get('port') || u.port || process.env.PGPORT || '5432';
  return `PostgreSQL at ${host}:${port}, database ${databaseOf(u) || '(none)'}`;
}

/** The URL with any password taken out (user:password@ and ?password=), for anything that is printed. */
export function withoutPassword(url: string): string {
  const scrub = (text: string) => text.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1@').replace(/([?&])password=[^&]*(&|$)/gi, (_, before: string, after: string) => (after ? before : '')).replace(/[?&]$/, '');
  try {
    const u = new URL(url);
    u.password = '';
    u.searchParams.delete('password');
    return scrub(u.toString());
  } catch {
    return scrub(url);
  }
}
