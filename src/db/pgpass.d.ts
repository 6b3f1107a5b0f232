declare module 'pgpass' {
  /** Looks the connection up in ~/.pgpass (or PGPASSFILE); calls back with the password or nothing. */
  function pgpass(connection: { host?: string; port?: number; database?: string; user?: string }, cb: (password?: string) => void): void;
  export default pgpass;
}
