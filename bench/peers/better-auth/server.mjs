// better-auth on its defaults, as a peer for Portcullis's benchmark.
//
//   PORT=4001 DB=/tmp/better-auth.db node server.mjs
//
// Only what the documented "email & password on SQLite" setup needs is set:
// emailAndPassword.enabled, the database (a better-sqlite3 handle, as the docs
// show for SQLite), secret and baseURL. Everything else - scrypt hashing,
// 7-day cookie sessions, the origin/CSRF check, the rate limiter (on only
// when NODE_ENV=production) - is better-auth's own default.
import { createServer } from "node:http";
import Database from "better-sqlite3";
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import { toNodeHandler } from "better-auth/node";

const port = Number(process.env.PORT || 4001);
const dbPath = process.env.DB || "better-auth.db";
const host = process.env.HOST || "127.0.0.1";
const baseURL = process.env.BETTER_AUTH_URL || `http://${host}:${port}`;
// A fixed bench secret (32+ chars) unless one is given; never used outside the bench.
const secret =
  process.env.BETTER_AUTH_SECRET || "portcullis-bench-better-auth-secret-0123456789abcdef";

const options = {
  database: new Database(dbPath),
  secret,
  baseURL,
  emailAndPassword: { enabled: true },
};

// Create (or bring up to date) the user/session/account/verification tables,
// as `npx @better-auth/cli migrate` would.
const { toBeCreated, toBeAdded, runMigrations } = await getMigrations(options);
if (toBeCreated.length || toBeAdded.length) await runMigrations();

const auth = betterAuth(options);
const handler = toNodeHandler(auth);

const server = createServer((req, res) => {
  if (req.url === "/health") {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("ok\n");
    return;
  }
  handler(req, res);
});

server.listen(port, host, () => {
  console.error(`better-auth listening on ${baseURL} (db ${dbPath})`);
});

// Exit at once on a signal: nothing is buffered (SQLite commits each write).
for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => process.exit(0));
